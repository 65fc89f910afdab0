import { findLinks, linkViolation } from './links';
import { devanagariAcronym, matchForms, normaliseText, phoneticKey } from './normalise';

/** A content rule as the matcher reads it (broadcast's `content_rule` table holds them). */
export interface TextRule {
  kind: 'blocked_term' | 'blocked_link_domain' | 'allowed_link_domain';
  pattern: string;
  reason: string;
}

const letters = (s: string) => [...s].filter((c) => /[\p{L}\p{M}]/u.test(c)).join('');

/** Whether `pattern` (a blocked term) appears in `text` in any disguise `matchForms` undoes. */
export function termMatches(text: string, pattern: string): boolean {
  const forms = matchForms(text);
  return termMatchesForms(forms, pattern);
}

function termMatchesForms(forms: ReturnType<typeof matchForms>, pattern: string, fuzzy = true): boolean {
  const norm = normaliseText(pattern).trim();
  const parts = norm.split(/[^\p{L}\p{M}]+/u).filter(Boolean);
  if (!parts.length) return false;
  if (parts.length > 1) {
    const phrase = parts.join(' ');
    const glued = parts.join('');
    return (
      forms.phrases.some((p) => ` ${p} `.includes(` ${phrase} `)) ||
      forms.words.has(glued) ||
      forms.joined.some((j) => j.includes(glued))
    );
  }
  const word = letters(norm);
  if (forms.words.has(word)) return true;
  if (word.length >= 3 && forms.joined.some((j) => j.includes(word))) return true;
  const devanagari = /[\u0900-\u097f]/.test(word);
  // Devanagari: the word itself with a short ending (भाजपाई); Latin stays whole-word ("offer" is not "officer").
  if (devanagari) {
    for (const w of forms.words) if (w.startsWith(word) && [...w].length - [...word].length <= 1) return true;
  }
  if (!fuzzy) return false;
  // Devanagari ↔ Latin: acronyms spelled in Devanagari, and the shared phonetic key of names.
  const key = phoneticKey(word);
  for (const w of forms.words) {
    if (/[\u0900-\u097f]/.test(w) && devanagariAcronym(w) === word) return true;
    if (key.length >= 3 && phoneticKey(w) === key && (key.length > 3 || endsAlike(w, word))) return true;
  }
  return false;
}

/** A word's final sound: its last vowel (Devanagari signs read as Latin vowels), or 'C' for a consonant. */
function finalSound(w: string): string {
  const last = [...w].pop() ?? '';
  if (/[\u0900-\u097f]/.test(w)) {
    const signs: Record<string, string> = {
      'ा': 'a',
      'ि': 'i',
      'ी': 'i',
      'ु': 'u',
      'ू': 'u',
      'े': 'e',
      'ै': 'e',
      'ो': 'o',
      'ौ': 'o',
    };
    return signs[last] ?? (/[\u0904-\u0914]/.test(last) ? 'V' : 'C');
  }
  return /[aeiou]/.test(last) ? last : last === 'y' ? 'i' : 'C';
}

/**
 * A short phonetic key (three consonants) collides with names ("Rajdeo", "Bajpai" key to rjd, bjp like राजद and
 * भाजपा), so there the final sounds must agree too: भाजपा and bhajpa end on a, राजद and rajad on a consonant.
 */
function endsAlike(a: string, b: string): boolean {
  return finalSound(a) === finalSound(b);
}

/**
 * The first rule `text` breaks, with an officer-facing reason (Hindi beside English), or null. Terms are matched
 * on the normalised forms; links by the host they open.
 */
export function textViolation(text: string, rules: TextRule[]): string | null {
  const forms = matchForms(text);
  const terms = rules.filter((r) => r.kind === 'blocked_term');
  // The rule written as the text has it is named first; the script-crossing match (भाजपा for "bjp") after.
  const hit =
    terms.find((r) => termMatchesForms(forms, r.pattern, false)) ??
    terms.find((r) => termMatchesForms(forms, r.pattern, true));
  if (hit) {
    return `"${hit.pattern}" is not allowed in a police message (${hit.reason}) / यह शब्द पुलिस संदेश में वर्जित है`;
  }
  const allowed = rules.filter((r) => r.kind === 'allowed_link_domain').map((r) => r.pattern.toLowerCase());
  const blocked = rules.filter((r) => r.kind === 'blocked_link_domain').map((r) => r.pattern.toLowerCase());
  for (const link of findLinks(text)) {
    const why = linkViolation(link, allowed, blocked);
    if (why) return why;
  }
  return null;
}
