import { BroadcastBody } from './broadcast';

export interface ContentRule {
  kind: 'blocked_term' | 'blocked_link_domain' | 'allowed_link_domain';
  pattern: string;
  reason: string;
}

const LINK = /\b((?:https?:\/\/)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/?#][^\s]*)?)/gi;

/** Domains in a text: "http://x.in/a", "www.x.com", and bare "x.com/offer" alike. */
export function linkDomains(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[2].toLowerCase());
}

function containsTerm(text: string, term: string): boolean {
  const t = term.toLowerCase();
  // Latin terms match whole words ("offer" but not "officer"); Devanagari terms match as written.
  if (/^[\x20-\x7e]+$/.test(t)) {
    return new RegExp(`(^|[^a-z0-9])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`, 'i').test(text);
  }
  return text.toLowerCase().includes(t);
}

/**
 * The content rules the police hold themselves to: no party names or slogans, no commerce, links only to allowed
 * (government) domains. Returns the first violation as a reason an officer can act on, or null.
 */
export function checkContent(body: BroadcastBody, rules: ContentRule[]): string | null {
  const texts = [body.hi, body.en ?? ''];
  for (const rule of rules.filter((r) => r.kind === 'blocked_term')) {
    if (texts.some((t) => containsTerm(t, rule.pattern))) {
      return `"${rule.pattern}" is not allowed in a police message (${rule.reason}) / यह शब्द पुलिस संदेश में वर्जित है`;
    }
  }
  const allowed = rules.filter((r) => r.kind === 'allowed_link_domain').map((r) => r.pattern.toLowerCase());
  const blocked = rules.filter((r) => r.kind === 'blocked_link_domain').map((r) => r.pattern.toLowerCase());
  for (const domain of texts.flatMap(linkDomains)) {
    const matches = (p: string) => domain === p || domain.endsWith(`.${p}`);
    if (blocked.some(matches) || !allowed.some(matches)) {
      return `link to ${domain} is not on the allowed list (government sites only) / केवल सरकारी लिंक की अनुमति है`;
    }
  }
  return null;
}
