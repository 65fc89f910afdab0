import { CitizenLanguage, CitizenLanguages, signatureOf } from '@jansetu/platform';
import { randomInt } from 'node:crypto';
import type { BroadcastBody } from './broadcast';

/** Digits and capitals without 0/O, 1/I/L and U: nothing a citizen can misread on a feature phone's screen. */
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 6;
const CODE = new RegExp(`^[${VERIFICATION_ALPHABET}]{${VERIFICATION_CODE_LENGTH}}$`);

/** A fresh code: 30^6 ≈ 729 million, drawn uniformly (the database's unique index refuses a repeat). */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++)
    code += VERIFICATION_ALPHABET[randomInt(VERIFICATION_ALPHABET.length)];
  return code;
}

/** What a citizen typed, as a code: case, spaces and dashes ignored; O read as 0 is not a letter we use, so never. */
export function normaliseVerificationCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, '');
  return CODE.test(code) ? code : null;
}

/**
 * The line appended to every broadcast, in the variant's own script: 27 characters (29 with its line break) of the
 * SMS budget, so a Hindi message of one UCS-2 part keeps 41 of its 70 characters for the text. English gets Latin
 * letters only, so an English SMS stays GSM-7 (160 characters a part) rather than turning UCS-2 for one word.
 */
export function verificationLine(code: string, language: CitizenLanguage = 'hi'): string {
  if (language === 'en') return `Verify: ${code}`;
  if (language === 'ur') return `تصدیق / Verify: ${code}`;
  return `सत्यापन कोड / Verify: ${code}`;
}

/** The MinHash signatures a forwarded copy is matched against: all variants together and each language alone. */
export type BroadcastFingerprints = { all: number[]; hi: number[] } & Partial<Record<CitizenLanguage, number[]>>;

export function fingerprintsOf(body: BroadcastBody): BroadcastFingerprints {
  const variants = CitizenLanguages.filter((l) => Boolean(body[l]?.trim()));
  const each = Object.fromEntries(variants.map((l) => [l, signatureOf(body[l]!)]));
  return { ...each, all: signatureOf(variants.map((l) => body[l]).join('\n')), hi: signatureOf(body.hi) };
}
