import { AppConfig, FieldCipher } from '@jansetu/platform';
import { hkdfSync } from 'node:crypto';

/** DI token of the cipher that seals the sender of anonymous and non-member cases. */
export const SENDER_LINK_CIPHER = Symbol('SENDER_LINK_CIPHER');

/**
 * What a sealed sender holds, nothing an officer reads. Under this cipher: a non-member's link (enough to reply and
 * to reveal), or an anonymous case's reply route (channel and address only, citizen and contact point null, and
 * the ANON mute key). An anonymous case's full link is sealed to the HQ reveal key instead (reveal_sealed).
 */
export interface SenderLink {
  citizenId: string | null;
  contactPointId: string | null;
  channel: string;
  address: string;
  /** Anonymous cases: the per-inbox ANON mute key (see anonymousMuteKey). */
  muteKey?: string;
}

/**
 * A FieldCipher whose keys are derived (HKDF-SHA256, purpose "jansetu/inbox-sender-link") from the contact keys,
 * for what the gateway itself must open to answer (reply routes). It is no secret from whoever holds the gateway's
 * keys; what must stay closed to them (an anonymous case's citizen) is sealed to the HQ reveal key instead.
 * Key rotation follows ENCRYPTION_KEY_ID as elsewhere.
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
