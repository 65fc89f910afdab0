/**
 * Sees through disguise: the forms a text is matched in by content rules (police messages, template parameters,
 * group names, officer replies). Pure; no I/O. What it undoes:
 *
 * - Unicode compatibility forms (NFKC: full-width `ＢＪＰ`, ligatures, circled letters), case;
 * - invisible characters (zero-width space/joiners, soft hyphen, BOM, word joiner, bidi marks) anywhere;
 * - combining accents on Latin letters (`b̶j̶p̶`, `bjṕ`), Devanagari nukta and chandrabindu variants;
 * - confusable letters: Cyrillic and Greek look-alikes of Latin letters (`ВЈР`, `cοngrеss`);
 * - punctuation and digits between letters (`B.J.P.`, `b-j-p`, `BJP2025`, `r_j_d`), spaced-out letters
 *   (`B J P`, `भा ज पा`), leetspeak digits (`C0NGRESS`, `D1SCOUNT`) and doubled letters (`zzindabaad`);
 * - Devanagari ↔ Latin: Devanagari spellings of Latin acronyms (`बीजेपी` = BJP) and a phonetic consonant key
 *   shared by both scripts (`भाजपा`, `bhajpa` and `BJP` all key to `bjp`).
 */

/* eslint-disable no-misleading-character-class -- classes of lone invisible and combining code points, on purpose */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
/** Combining marks used on Latin, Greek and Cyrillic letters (not Devanagari's vowel signs, which carry meaning). */
const LATIN_COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
/* eslint-enable no-misleading-character-class */

/** Look-alikes of Latin letters (lower case; applied after case folding). */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  г: 'r',
  д: 'd',
  е: 'e',
  ё: 'e',
  з: '3',
  и: 'u',
  й: 'u',
  к: 'k',
  л: 'n',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ц: 'u',
  ч: '4',
  ш: 'w',
  щ: 'w',
  ъ: 'b',
  ы: 'bl',
  ь: 'b',
  э: 'e',
  ю: 'io',
  я: 'r',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  һ: 'h',
  ҽ: 'e',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  θ: 'o',
  ι: 'i',
  κ: 'k',
  λ: 'a',
  μ: 'u',
  ν: 'v',
  ξ: 'e',
  ο: 'o',
  π: 'n',
  ρ: 'p',
  σ: 'o',
  ς: 's',
  τ: 't',
  υ: 'u',
  φ: 'o',
  χ: 'x',
  ψ: 'w',
  ω: 'w',
  // Latin look-alikes outside ASCII that NFKC leaves alone
  ı: 'i',
  ȷ: 'j',
  ɡ: 'g',
  ɑ: 'a',
  ʀ: 'r',
  ɴ: 'n',
  ʏ: 'y',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ᴏ: 'o',
  ᴘ: 'p',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ħ: 'h',
  ŧ: 't',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
};
/** Digits and signs typed for letters. */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
};

/** NFKC, case folding, invisible characters and Latin accents gone, confusables mapped, Devanagari variants folded. */
export function normaliseText(text: string): string {
  const nfkc = text.normalize('NFKC').replace(INVISIBLE, '');
  const stripped = nfkc.normalize('NFD').replace(LATIN_COMBINING, '').normalize('NFC').toLowerCase();
  return [...stripped]
    .map((ch) => CONFUSABLES[ch] ?? ch)
    .join('')
    .replace(/\u093c/g, '') // nukta: ज़ → ज, फ़ → फ
    .replace(/\u0901/g, '\u0902') // chandrabindu → anusvara
    .replace(/\u0928\u094d(?=[\u0915-\u0939])/g, '\u0902') // न् before a consonant → anusvara (जिन्दाबाद = जिंदाबाद)
    .replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - 0x966));
}

const LETTER = /[\p{L}\p{M}]/u;
const isLetter = (ch: string) => LETTER.test(ch);

/** Repeated letters folded to one ("zzindabaad" → "zindabad"); Latin only, Devanagari doubles carry meaning. */
const undouble = (s: string) => s.replace(/([a-z])\1+/g, '$1');

/**
 * The word forms of a text that a rule's pattern is compared with: words with everything that is not a letter
 * removed (`b.j.p.`, `bjp2025` → `bjp`), words split at any non-letter (`bjp_zindabad` → `bjp`, `zindabad`),
 * leetspeak read as letters (`c0ngress`), runs of one- or two-letter pieces joined (`b j p`, `भा ज पा`), each also
 * with doubled Latin letters folded. Multi-word patterns are compared with the joined forms (`vote for`).
 */
export function matchForms(text: string): { words: Set<string>; phrases: string[]; joined: string[] } {
  const norm = normaliseText(text);
  const words = new Set<string>();
  const add = (w: string) => {
    if (!w) return;
    words.add(w);
    words.add(undouble(w));
  };
  const spaced = norm.split(/\s+/).filter(Boolean);
  for (const token of spaced) {
    add([...token].filter(isLetter).join(''));
    add(
      [...token]
        .map((ch) => LEET[ch] ?? ch)
        .filter(isLetter)
        .join(''),
    );
  }
  const pieces = norm.split(/[^\p{L}\p{M}]+/u).filter(Boolean);
  pieces.forEach(add);
  // Spaced-out letters: consecutive pieces of at most two letters, joined.
  const joined: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) {
      const w = run.join('');
      joined.push(w, undouble(w));
      add(w);
    }
    run = [];
  };
  for (const p of pieces) {
    if ([...p].length <= 2) run.push(p);
    else flush();
  }
  flush();
  // Phrases: the letters-only words in order, separated by one space (for patterns of several words).
  const squashed = spaced.map((t) => [...t].filter(isLetter).join('')).filter(Boolean);
  const phrases = [pieces.join(' '), squashed.join(' '), undouble(pieces.join(' '))];
  return { words, phrases, joined };
}

/** Devanagari names of Latin letters, longest first, for acronyms written in Devanagari (बीजेपी = BJP). */
const LETTER_NAMES: [string, string][] = (
  [
    ['डब्ल्यू', 'w'],
    ['क्यू', 'q'],
    ['एक्स', 'x'],
    ['ज़ेड', 'z'],
    ['जेड', 'z'],
    ['एफ़', 'f'],
    ['एफ', 'f'],
    ['एच', 'h'],
    ['आई', 'i'],
    ['वाई', 'y'],
    ['एल', 'l'],
    ['एम', 'm'],
    ['एन', 'n'],
    ['आर', 'r'],
    ['एस', 's'],
    ['बी', 'b'],
    ['सी', 'c'],
    ['डी', 'd'],
    ['जी', 'g'],
    ['जे', 'j'],
    ['के', 'k'],
    ['पी', 'p'],
    ['टी', 't'],
    ['यू', 'u'],
    ['वी', 'v'],
    ['ए', 'a'],
    ['ई', 'e'],
    ['ओ', 'o'],
  ] as [string, string][]
)
  .map(([d, l]) => [normaliseText(d), l] as [string, string])
  .sort((a, b) => b[0].length - a[0].length);

/** A Devanagari word read as spelled-out Latin letters, or null when it is not one (`आरजेडी` → `rjd`). */
export function devanagariAcronym(word: string): string | null {
  const read = (rest: string): string | null => {
    if (!rest) return '';
    for (const [d, l] of LETTER_NAMES) {
      if (!rest.startsWith(d)) continue;
      const tail = read(rest.slice(d.length));
      if (tail !== null) return l + tail;
    }
    return null;
  };
  const out = read(word);
  return out && out.length >= 2 ? out : null;
}

/** Devanagari consonants (and anusvara) as the Latin consonant of the phonetic key. */
const DEVANAGARI_KEY: Record<string, string> = {
  क: 'k',
  ख: 'k',
  ग: 'g',
  घ: 'g',
  ङ: 'n',
  च: 'c',
  छ: 'c',
  ज: 'j',
  झ: 'j',
  ञ: 'n',
  ट: 't',
  ठ: 't',
  ड: 'd',
  ढ: 'd',
  ण: 'n',
  त: 't',
  थ: 't',
  द: 'd',
  ध: 'd',
  न: 'n',
  प: 'p',
  फ: 'f',
  ब: 'b',
  भ: 'b',
  म: 'm',
  य: 'y',
  र: 'r',
  ल: 'l',
  व: 'v',
  श: 's',
  ष: 's',
  स: 's',
  ह: 'h',
  ळ: 'l',
  ड़: 'r',
  ढ़: 'r',
  '\u0902': 'n',
  क़: 'k',
  ख़: 'k',
  ग़: 'g',
  ज़: 'j',
  फ़: 'f',
  य़: 'y',
};

/**
 * A phonetic consonant key both scripts share: vowels dropped, aspirates and near-sounds merged (bh → b, z → j,
 * w → v, q/c → k, ph → f), doubles folded. `भाजपा`, `bhajpa`, `bjp` → `bjp`; `कांग्रेस`, `congress` → `kngrs`.
 */
export function phoneticKey(word: string): string {
  let latin: string;
  if (/[\u0900-\u097f]/.test(word)) {
    latin = [...word].map((ch) => DEVANAGARI_KEY[ch] ?? (/[a-z]/.test(ch) ? ch : '')).join('');
  } else {
    latin = word
      .replace(/[^a-z]/g, '')
      .replace(/ch/g, 'c')
      .replace(/sh/g, 's')
      .replace(/ph/g, 'f')
      .replace(/([bcdgjkpt])h/g, '$1')
      .replace(/[aeiou]/g, '');
  }
  return latin
    .replace(/z/g, 'j')
    .replace(/w/g, 'v')
    .replace(/[qc]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/([a-z])\1+/g, '$1');
}
