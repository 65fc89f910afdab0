/**
 * The languages a citizen may choose (`LANG …`) and a broadcast may carry: Hindi (required, the fallback of every
 * text), English, and Bihar's Bhojpuri, Maithili and Magahi (Devanagari), and Urdu (Perso-Arabic, right to left).
 */
export const CitizenLanguages = ['hi', 'en', 'bho', 'mai', 'mag', 'ur'] as const;
export type CitizenLanguage = (typeof CitizenLanguages)[number];

/** Every text falls back to Hindi: the one language every broadcast and every catalogue carries. */
export const FALLBACK_LANGUAGE: CitizenLanguage = 'hi';

export function isCitizenLanguage(value: unknown): value is CitizenLanguage {
  return typeof value === 'string' && (CitizenLanguages as readonly string[]).includes(value);
}

/** A stored or requested language, or Hindi when it is none we know. */
export function citizenLanguageOf(value: unknown): CitizenLanguage {
  return isCitizenLanguage(value) ? value : FALLBACK_LANGUAGE;
}

const RIGHT_TO_LEFT: ReadonlySet<CitizenLanguage> = new Set(['ur']);

export function isRightToLeft(language: CitizenLanguage): boolean {
  return RIGHT_TO_LEFT.has(language);
}

/** RIGHT-TO-LEFT MARK: a strong RTL character with no glyph (Unicode 1.1, so old phones know it too). */
export const RLM = '\u200f';
const STARTS_RTL = /^[\u200f\u202b\u202e\u2067]/;

/**
 * The text as it must travel in its language. Phones take a paragraph's direction from its first strong letter, so
 * an Urdu line that begins with a Latin keyword, a brand or a number ("STOP…", "JanSetu…", "112…") would be laid
 * out left to right, its words in the wrong order. Each Urdu line therefore begins with an RLM, which makes the
 * paragraph right to left whatever comes first; Latin keywords and digits inside stay readable runs. The isolates
 * (RLI/PDI, Unicode 6.3) are not used: many feature phones show them as boxes.
 */
export function directionalise(text: string, language: CitizenLanguage): string {
  if (!isRightToLeft(language)) return text;
  return text
    .split('\n')
    .map((line) => (line.trim() === '' || STARTS_RTL.test(line) ? line : RLM + line))
    .join('\n');
}
