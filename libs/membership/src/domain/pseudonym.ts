import { BlindIndex } from '@jansetu/platform';
import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read aloud over a phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The name officers know a citizen by, e.g. "N-7F3K2Q9A"; it reveals nothing about the person. */
export function newPseudonym(): string {
  let s = 'N-';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/**
 * How one viewer's jurisdiction knows a member: "N-" and eight letters from a keyed hash of the viewer's
 * jurisdiction node and the citizen's stored pseudonym. Stable for every officer of that station (or district, or
 * HQ), different in every other, so two stations' officers cannot match notes on one person; and unlike the
 * inbox's case pseudonyms (T-…, another purpose), so a member list does not tie a member to their tips.
 */
export function viewerPseudonym(blind: BlindIndex, viewerScope: string, citizenPseudonym: string): string {
  const bytes = Buffer.from(blind.hash('member-pseudonym', `${viewerScope}:${citizenPseudonym}`), 'base64url');
  return `N-${[...bytes.subarray(0, 8)].map((b) => ALPHABET[b % 32]).join('')}`;
}
