import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';
import { JoinMaterial, JoinQrCode } from '../../domain/join-material';

/** The join code, SMS instruction, Telegram and WhatsApp links (and their QR codes) of a group in the officer's jurisdiction. */
export class GetJoinMaterialQuery extends Query<JoinMaterial & { qrCodes: JoinQrCode[] }> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly groupId: string,
  ) {
    super();
  }
}
