import { words } from '@jansetu/platform';

/** What a citizen's non-command message asks of the inbox (ERASE is membership's, see parseCitizenCommand). */
export type InboxIntent = { kind: 'file'; text: string; anonymous: boolean };

// Folded like the citizen's text (nukta and chandrabindu dropped), so spelling variants need no entries.
const TIP = new Set(['tip', 'सूचना', 'suchna', 'soochna']);
const ANON = new Set(['anon', 'anonymous', 'गुप्त', 'gupt', 'gupta']);

/** TIP / सूचना and ANON / गुप्त lead a message, in either order; ANON files it without a visible link to the sender. */
export function parseInboxIntent(text: string): InboxIntent {
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
