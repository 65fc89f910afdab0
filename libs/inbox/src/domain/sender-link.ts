import { AppConfig, FieldCipher } from '@jansetu/platform';
import { hkdfSync } from 'node:crypto';

/** DI token of the cipher that seals the sender of anonymous and non-member cases. */
export const SENDER_LINK_CIPHER = Symbol('SENDER_LINK_CIPHER');

/** What a sealed sender holds: enough to reply and to reveal, nothing an officer reads. */
export interface SenderLink {
  citizenId: string | null;
  contactPointId: string | null;
  channel: string;
  address: string;
}

/**
 * A FieldCipher whose keys are derived (HKDF-SHA256, purpose "jansetu/inbox-sender-link") from the contact keys:
 * an anonymous case's link to its sender cannot be opened with the contact-address key alone, and a stolen table
 * holds no plain foreign key from the case to the citizen. Key rotation follows ENCRYPTION_KEY_ID as elsewhere.
 */
export function senderLinkCipher(
  config: Pick<AppConfig, 'ENCRYPTION_KEY_ID' | 'ENCRYPTION_KEY' | 'ENCRYPTION_OLD_KEYS'>,
) {
  const keys = { ...config.ENCRYPTION_OLD_KEYS, [config.ENCRYPTION_KEY_ID]: config.ENCRYPTION_KEY };
  const derived = Object.fromEntries(
    Object.entries(keys).map(([id, key]) => [
      id,
      Buffer.from(
        hkdfSync('sha256', Buffer.from(key, 'base64'), Buffer.alloc(0), 'jansetu/inbox-sender-link', 32),
      ).toString('base64'),
    ]),
  );
  return new FieldCipher(config.ENCRYPTION_KEY_ID, derived);
}
