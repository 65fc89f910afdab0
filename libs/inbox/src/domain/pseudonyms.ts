import { BlindIndex } from '@jansetu/platform';
import { randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read aloud over a phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer): string {
  // 256 is a multiple of 32: taking each byte modulo 32 keeps every letter equally likely.
  return [...bytes.subarray(0, 8)].map((b) => ALPHABET[b % 32]).join('');
}

/**
 * How one station knows a sender: "T-" and eight letters, the same for every message of that citizen to that
 * station, different at every other station, so two stations cannot match informants by pseudonym.
 */
export function stationPseudonym(blind: BlindIndex, nodeId: string, senderRef: string): string {
  return `T-${base32(Buffer.from(blind.hash('inbox-pseudonym', `${nodeId}:${senderRef}`), 'base64url'))}`;
}

/** An anonymous case gets a fresh name: nothing ties it to the sender's other cases. */
export function anonymousPseudonym(): string {
  return `A-${base32(randomBytes(8))}`;
}

/**
 * Keyed hashes of the sender for rate limits and mutes. Anonymous cases use a key of another purpose, so the
 * sender_key column does not equal the one on the sender's named cases.
 */
export function senderKeys(blind: BlindIndex, senderRef: string): { named: string; anonymous: string } {
  return { named: blind.hash('inbox-sender', senderRef), anonymous: blind.hash('inbox-anon-sender', senderRef) };
}
