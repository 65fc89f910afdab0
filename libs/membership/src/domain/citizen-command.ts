import { CitizenLanguage, fold } from '@jansetu/platform';

/** What `LANG …` may choose: the citizen languages of @jansetu/platform (hi, en, bho, mai, mag, ur). */
export type Language = CitizenLanguage;

/** What a citizen's text asks for. Anything that is not a command is a message for the inbox. */
export type CitizenCommand =
  | { kind: 'join'; code: string }
  /** Without a code: the only group the citizen is in, or a question which one. */
  | { kind: 'leave'; code: string | null }
  | { kind: 'stop' }
  | { kind: 'help' }
  | { kind: 'language'; language: Language }
  | { kind: 'my-groups' }
  /** Without a code: "give me a code"; with one: "this contact point belongs to whoever asked for it". */
  | { kind: 'link'; code: string | null }
  | { kind: 'prefer' }
  /** ERASE / मिटाएं as the whole message: the citizen's contact data and memberships erased (DPDP Act 2023). */
  | { kind: 'erase' }
  /** VERIFY / सत्यापन with a broadcast's code or a forwarded text: is it a genuine police message? (rumours answers) */
  | { kind: 'verify'; text: string }
  | { kind: 'message'; text: string };

type Keyword = 'join' | 'leave' | 'link' | 'stop';

// Devanagari, romanised Hindi and English, with the misspellings seen on feature phones. Entries are folded the
// same way as the citizen's text (fold, @jansetu/platform), so nukta, chandrabindu and doubled letters need no variants here.
// prettier-ignore
const CODE_KEYWORDS: Record<Keyword, string[]> = {
  join: [
    'join', 'jion', 'jon', 'joim', 'jois', 'judo', 'judein', 'juden', 'jude', 'judiye', 'jodo', 'jodein', 'jodiye',
    'start', 'subscribe', 'जुड़ें', 'जुड़े', 'जुड़ो', 'जुड़ें', 'जोड़ें', 'जोड़ो', 'जोड़े', 'जुड़िए', 'जुड़ना', 'ज्वाइन', 'जॉइन',
    'जुड़ीं', 'जुड़ल', 'جوڑیں', 'جڑیں', 'شامل', 'جوائن',
  ],
  leave: [
    'leave', 'leav', 'exit', 'unjoin', 'remove', 'chodo', 'chhodo', 'chodein', 'chhodein', 'chhoden', 'chod', 'chhod',
    'hato', 'hatao', 'hatein', 'छोड़ें', 'छोड़ो', 'छोड़े', 'छोड़', 'हटें', 'हटो', 'हटाओ', 'निकलें', 'چھوڑیں', 'چھوڑو',
  ],
  link: ['link', 'linc', 'lnk', 'लिंक'],
  stop: ['stop', 'stopall', 'stpo', 'sotp', 'stp', 'band', 'bandh', 'bund', 'बंद', 'बन्द', 'स्टॉप', 'स्टाप', 'بند', 'اسٹاپ'],
};
/** Whole messages that are a command without an argument. */
// prettier-ignore
const PHRASES: [string[], CitizenCommand][] = [
  [
    [
      ...CODE_KEYWORDS.stop,
      'unsubscribe', 'cancel', 'end', 'quit', 'stop all', 'band karo', 'band karen', 'band kare', 'sab band',
      'बंद करो', 'बंद करें', 'सब बंद', 'रोकें', 'रोको', 'रोके', 'बंद करीं', 'बंद कर दीं', 'بند کرو', 'بند کریں', 'سب بند',
    ],
    { kind: 'stop' },
  ],
  [['help', 'madad', 'sahayata', 'info', 'menu', 'मदद', 'सहायता', 'हेल्प', 'مدد', ...CODE_KEYWORDS.join], { kind: 'help' }],
  [CODE_KEYWORDS.leave, { kind: 'leave', code: null }],
  [CODE_KEYWORDS.link, { kind: 'link', code: null }],
  [
    [
      'my groups', 'my group', 'groups', 'group', 'mere group', 'mera group', 'mere samuh', 'mere samooh', 'samuh',
      'list', 'मेरे समूह', 'मेरा समूह', 'मेरे ग्रुप', 'समूह', 'ग्रुप',
    ],
    { kind: 'my-groups' },
  ],
  [['prefer', 'prefered', 'preffer', 'primary', 'pasand', 'पसंद'], { kind: 'prefer' }],
  [
    ['erase', 'erase me', 'delete my data', 'मिटाएं', 'मिटाएँ', 'मिटाये', 'मिटाओ', 'mitaye', 'mitayen', 'mitao'],
    { kind: 'erase' },
  ],
];
// Not "check" or "जांच": "जांच करें, मेरे घर चोरी हुई" is a tip for the inbox, not a verification.
const VERIFY_WORDS = new Set(['verify', 'verfy', 'verifiy', 'satyapan', 'satyapit', 'सत्यापन', 'सत्यापित'].map(fold));
const LANGUAGE_WORDS = ['lang', 'language', 'langauge', 'bhasha', 'bhasa', 'भाषा', 'zaban', 'zuban', 'زبان'];
// ISO 639 codes, then names in Latin letters, Devanagari and Urdu script: "LANG BHO", "भाषा भोजपुरी", "LANG اردو".
// prettier-ignore
const LANGUAGE_VALUES: Record<Language, { short: string[]; long: string[] }> = {
  hi: { short: ['hi', 'hin'], long: ['hindi', 'हिंदी', 'हिन्दी', 'ہندی'] },
  en: {
    short: ['en', 'eng'],
    long: ['english', 'inglish', 'angrezi', 'angreji', 'अंग्रेजी', 'अंग्रेज़ी', 'इंग्लिश', 'انگریزی', 'انگلش'],
  },
  bho: { short: ['bho'], long: ['bhojpuri', 'bhojapuri', 'भोजपुरी', 'بھوجپوری'] },
  mai: { short: ['mai'], long: ['maithili', 'maithli', 'मैथिली', 'मैथिलि', 'میتھلی'] },
  mag: { short: ['mag'], long: ['magahi', 'magadhi', 'magahii', 'मगही', 'मगधी', 'مگہی'] },
  ur: { short: ['ur', 'urd'], long: ['urdu', 'उर्दू', 'उर्दु', 'اردو'] },
};

const phrases = new Map<string, CitizenCommand>();
for (const [forms, command] of PHRASES) for (const form of forms) phrases.set(fold(form), command);
for (const [language, values] of Object.entries(LANGUAGE_VALUES) as [Language, (typeof LANGUAGE_VALUES)['hi']][]) {
  for (const value of [...values.short, ...values.long]) {
    for (const word of LANGUAGE_WORDS) phrases.set(fold(`${word} ${value}`), { kind: 'language', language });
  }
  // "Hindi" alone is a choice; "hi" alone is a greeting.
  for (const value of values.long) phrases.set(fold(value), { kind: 'language', language });
}
const keywords = new Map<string, Keyword>();
for (const [keyword, forms] of Object.entries(CODE_KEYWORDS) as [Keyword, string[]][]) {
  for (const form of forms) keywords.set(fold(form), keyword);
}

/** Join and link codes are typed on keypads: we accept spaces, dashes, lower case and Devanagari digits. */
export function normaliseCode(raw: string): string {
  return fold(raw)
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}

export function parseCitizenCommand(text: string): CitizenCommand {
  const folded = fold(text).trim();
  if (/^\?+$/.test(folded)) return { kind: 'help' };
  const tokens = folded
    .replace(/^\/([a-z]+)@[a-z0-9_]+/, '$1') // Telegram: "/start@JanSetuBot 482193"
    .replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (!tokens.length) return { kind: 'message', text };
  // "JOIN482193" typed without a space
  const glued = /^(\p{L}[\p{L}\p{M}]*?)(\d[\p{L}\p{N}]*)$/u.exec(tokens[0]);
  if (glued && keywordOf(glued[1])) tokens.splice(0, 1, glued[1], glued[2]);

  const whole = phrases.get(tokens.join(' '));
  if (whole) return whole;
  // The words after the keyword, as typed (a forwarded text keeps its lines for matching).
  if (VERIFY_WORDS.has(tokens[0])) return { kind: 'verify', text: text.trim().replace(/^\S+\s*/u, '') };
  const keyword = keywordOf(tokens[0]);
  const code = normaliseCode(tokens.slice(1).join(''));
  // Codes are 4-8 characters: a phone number typed after JOIN is no code, and is never echoed back or stored.
  if (keyword && tokens.length > 1 && /^(?=.*[0-9])[0-9A-Z]{4,8}$/.test(code)) {
    // STOP with a code still stops everything: whoever says STOP must hear nothing more.
    return keyword === 'stop' ? { kind: 'stop' } : { kind: keyword, code };
  }
  return { kind: 'message', text };
}

/** The keyword a word stands for; Latin words of four letters or more may carry one typo (never Devanagari, where
 * one letter separates जोड़ो "join" from छोड़ो "leave"). */
function keywordOf(word: string): Keyword | undefined {
  const exact = keywords.get(word);
  if (exact || !/^[a-z]{4,}$/.test(word)) return exact;
  const near = new Set<Keyword>();
  for (const [form, keyword] of keywords) {
    if (/^[a-z]{4,}$/.test(form) && keyword !== 'stop' && withinOneEdit(word, form)) near.add(keyword);
  }
  return near.size === 1 ? [...near][0] : undefined;
}

/** Damerau-Levenshtein distance ≤ 1: one letter added, dropped, changed, or two neighbours swapped. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
