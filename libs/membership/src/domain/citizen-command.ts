/** What a citizen's text asks for. Anything that is not a command is a message for the inbox. */
export type CitizenCommand =
  { kind: 'join'; code: string } | { kind: 'stop' } | { kind: 'help' } | { kind: 'message'; text: string };

// Devanagari, romanised Hindi and English, with the common misspellings seen on feature phones.
const JOIN = new Set([
  'join',
  'join-',
  'jion',
  'jon',
  'judo',
  'judein',
  'juden',
  'jude',
  'jodo',
  'jodein',
  'जुड़ें',
  'जुड़े',
  'जुडें',
  'जुडे',
  'जोड़ें',
  'जोड़ो',
  'जुड़ो',
  'start',
  '/start',
]);
const STOP = new Set([
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'band',
  'bandh',
  'bund',
  'बंद',
  'रोकें',
  'रोको',
]);
const HELP = new Set(['help', 'madad', 'sahayata', 'मदद', 'सहायता', '?']);

/** Join codes are typed on keypads: we accept spaces, dashes and lower case, and compare digits and letters only. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function parseCitizenCommand(text: string): CitizenCommand {
  const cleaned = text
    .normalize('NFC')
    .trim()
    .replace(/[.,!;:'"।]+$/u, '')
    .replace(/\s+/g, ' ');
  const [first = '', ...rest] = cleaned.split(' ');
  const word = first.toLowerCase().replace(/[.,!;:'"।]+$/u, '');
  const argument = normaliseCode(rest.join(''));
  if (JOIN.has(word) && argument) return { kind: 'join', code: argument };
  // "JOIN4821" typed without a space
  const glued = /^(join|judo|jodo|जुड़ें|जुड़े)[-\s]*([0-9][0-9A-Z]{3,7})$/iu.exec(cleaned);
  if (glued) return { kind: 'join', code: normaliseCode(glued[2]) };
  if (STOP.has(word) && !argument) return { kind: 'stop' };
  if (HELP.has(word) && !argument) return { kind: 'help' };
  return { kind: 'message', text };
}
