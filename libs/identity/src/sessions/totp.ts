import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { FieldCipher } from '@jansetu/platform';

/** TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app) over otplib; secrets sealed at rest. */
@Injectable()
export class Totp {
  constructor(private readonly cipher: FieldCipher) {}

  newSecret(username: string): { secret: string; sealed: string; otpauthUri: string } {
    const secret = generateSecret();
    return {
      secret,
      sealed: this.cipher.encrypt(secret),
      otpauthUri: generateURI({ issuer: 'JanSetu Bihar Police', label: username, secret }),
    };
  }

  /** The time step of a valid code (one step of clock drift either way), or null. */
  async check(sealed: string, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({ secret: this.cipher.decrypt(sealed), token: code, epochTolerance: 30 });
    if (!result.valid) return null;
    // The TOTP result carries its time step; the shared type also covers HOTP, which has none.
    const { timeStep, delta } = result as { timeStep?: number; delta?: number };
    return timeStep ?? Math.floor(Date.now() / 30_000) + (delta ?? 0);
  }
}
