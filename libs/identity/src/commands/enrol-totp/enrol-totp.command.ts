import { Command } from '@nestjs/cqrs';
import { OfficerPrincipal } from '../../domain/officer-principal';

/** Starts TOTP enrolment: a new secret, shown once (and as an otpauth:// URI for a QR code), confirmed by a code. */
export class EnrolTotpCommand extends Command<{ secret: string; otpauthUri: string }> {
  constructor(readonly officer: OfficerPrincipal) {
    super();
  }
}
