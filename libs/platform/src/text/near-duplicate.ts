import { fold } from './fold';

/**
 * Near-duplicate text: MinHash over character shingles of the folded text, so a forwarded copy of a message still
 * matches it after a messenger or a person has been at it ("Forwarded", emoji, trimmed lines, re-typed spacing and
 * punctuation). Hand-written because the npm MinHash packages are unmaintained and untyped; it is small and tested
 * in near-duplicate.spec.ts. Signatures are one-way: a stored signature does not give the text back.
 */

/** Hash functions per signature: the Jaccard estimate's standard error is about 1/sqrt(128) ≈ 0.09 at worst. */
export const SIGNATURE_SIZE = 128;
const SHINGLE = 4;

// Lines messengers and forwarders add around a message: they say nothing about the message itself.
const WRAPPER_LINES = [
  /^\s*(forwarded( many times| as received)?|fwd?|फॉरवर्ड(ेड)?( किया गया)?( संदेश)?|आगे भेजा गया|forward kare?n?|share kare?n?|सभी को (भेजें|फॉरवर्ड करें))\s*[:.!]*\s*$/iu,
  /^\s*-{2,}\s*(forwarded message|अग्रेषित संदेश)\s*-{2,}\s*$/iu,
  /^\s*(सत्यापन कोड|verify|सत्यापन|تصدیق)\s*(\/\s*(verify|सत्यापन कोड))?\s*:?\s*[0-9A-Z]{6}\s*$/iu,
];

/** The text a match is computed on: wrapper lines dropped, folded, only letters and digits kept. */
export function matchText(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => !WRAPPER_LINES.some((re) => re.test(line)));
  return fold(lines.join(' '))
    .replace(/^\s*(fwd?|forwarded)\s*:\s*/iu, '')
    .replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}

/** Every SHINGLE-character piece of the match text (the whole of it when shorter). */
export function shingles(text: string): Set<string> {
  const t = matchText(text);
  const out = new Set<string>();
  const chars = [...t];
  if (chars.length && chars.length < SHINGLE) out.add(t);
  for (let i = 0; i + SHINGLE <= chars.length; i++) out.add(chars.slice(i, i + SHINGLE).join(''));
  return out;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: a cheap, well-mixed permutation of 32-bit integers. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

// Fixed seeds: signatures are stored, so the hash family must never change between releases.
const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x7f4a7c15)));

/** The MinHash signature of a text; empty when it has no letters or digits at all. */
export function signatureOf(text: string): number[] {
  const hashes = [...shingles(text)].map(fnv1a);
  if (!hashes.length) return [];
  return SEEDS.map((seed) => {
    let min = 0xffffffff;
    for (const h of hashes) {
      const v = mix(h ^ seed);
      if (v < min) min = v;
    }
    return min;
  });
}

/** The estimated Jaccard similarity of the texts behind two signatures (0 when either is empty). */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (!a.length || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** The numbers in a text (phone numbers, amounts, dates): a copy that changes one is no longer the same message. */
export function numbersIn(text: string): string[] {
  return [...new Set(fold(text).match(/\d+/g) ?? [])].sort();
}

/** Does the text look like something forwarded, not written by the sender? */
export function looksForwarded(text: string): boolean {
  return (
    text.split(/\r?\n/).some((line) => WRAPPER_LINES.slice(0, 2).some((re) => re.test(line))) ||
    /^\s*(fwd?|forwarded)\s*:/iu.test(text)
  );
}
