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
 * The keys of releases before per-station keys (issue #14): still looked up so mutes set then keep working and
 * ERASE still finds those rows; new rows never store them.
 */
export function senderKeys(blind: BlindIndex, senderRef: string): { named: string; anonymous: string } {
  return { named: blind.hash('inbox-sender', senderRef), anonymous: blind.hash('inbox-anon-sender', senderRef) };
}

/**
 * The sender_key of a named case: a keyed hash of the sender scoped to the inbox, so a copy of the table cannot
 * match one citizen's cases across stations. Rate limits and mutes of named cases use it, and only it.
 */
export function namedSenderKey(blind: BlindIndex, nodeId: string, senderRef: string): string {
  return blind.hash('inbox-sender', `${nodeId}:${senderRef}`);
}

/** The sender_key of an anonymous case: random, shared with no other row, so it links nothing. */
export function anonymousSenderKey(): string {
  return `anon:${randomBytes(16).toString('base64url')}`;
}

/**
 * Anonymous cases are muted per inbox under a key of their own purpose: muting an ANON case filters the sender's
 * later ANON messages there, never their named ones, and a named mute never touches their ANON messages. The key
 * is kept only inside the sealed reply route, never in a column.
 */
export function anonymousMuteKey(blind: BlindIndex, nodeId: string, senderRef: string): string {
  return blind.hash('inbox-anon-mute', `${nodeId}:${senderRef}`);
}

/** The hour's counter of a sender's anonymous messages at an inbox; a new hour gives a key unlike the last one. */
export function anonymousRateKey(blind: BlindIndex, hour: string, nodeId: string, senderRef: string): string {
  return blind.hash('inbox-anon-rate', `${hour}:${nodeId}:${senderRef}`);
}

/** What ERASE looks for on a member's anonymous cases (their citizen id is on none of them). */
export function anonymousEraseTag(blind: BlindIndex, citizenId: string): string {
  return blind.hash('inbox-anon-erase', citizenId);
}
