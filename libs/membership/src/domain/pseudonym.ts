import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read aloud over a phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The name officers know a citizen by, e.g. "N-7F3K2Q9A"; it reveals nothing about the person. */
export function newPseudonym(): string {
  let s = 'N-';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}
