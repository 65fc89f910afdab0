import { words } from './naive-bayes';

/** What a citizen's non-command message asks of the inbox. */
export type InboxIntent = { kind: 'erase' } | { kind: 'file'; text: string; anonymous: boolean };

// Folded like the citizen's text (nukta and chandrabindu dropped), so spelling variants need no entries.
const ERASE = new Set([
  'erase',
  'erase me',
  'delete my data',
  'मिटाएं',
  'मिटाएँ',
  'मिटाये',
  'मिटाओ',
  'mitaye',
  'mitayen',
  'mitao',
]);
const TIP = new Set(['tip', 'सूचना', 'suchna', 'soochna']);
const ANON = new Set(['anon', 'anonymous', 'गुप्त', 'gupt', 'gupta']);

/**
 * ERASE / मिटाएं as the whole message asks for erasure (DPDP Act 2023). TIP / सूचना and ANON / गुप्त lead a message,
 * in either order; ANON files it without a visible link to the sender.
 */
export function parseInboxIntent(text: string): InboxIntent {
  const ws = words(text);
  if (ERASE.has(ws.join(' '))) return { kind: 'erase' };
  let rest = text.trim();
  let anonymous = false;
  for (let i = 0; i < 2; i++) {
    const first = /^\S+/.exec(rest)?.[0] ?? '';
    const folded = words(first).join(' ');
    if (TIP.has(folded)) rest = rest.slice(first.length).trim();
    else if (ANON.has(folded)) {
      anonymous = true;
      rest = rest.slice(first.length).trim();
    }
  }
  return { kind: 'file', text: rest || text.trim(), anonymous };
}
