import { normaliseText, textViolation, TextRule, ValidationError } from '@jansetu/platform';
import { BroadcastBody, BroadcastForms } from './broadcast';

/** A row of `content_rule`: a blocked term, a blocked link domain or an allowed (government) link domain. */
export type ContentRule = TextRule;
export const ContentRuleKinds = ['blocked_term', 'blocked_link_domain', 'allowed_link_domain'] as const;

const LINK = /\b((?:https?:\/\/)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/?#][^\s]*)?)/gi;

/** Domains in a text: "http://x.in/a", "www.x.com", and bare "x.com/offer" alike (a quick look; rules use findLinks). */
export function linkDomains(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[2].toLowerCase());
}

/**
 * The content rules the police hold themselves to: no party names or slogans, no commerce, links only to allowed
 * (government) domains, matched on the normalised text (see libs/platform/src/text: disguises such as `B.J.P.`,
 * `BJP2025`, zero-width joiners, Cyrillic or full-width letters, Devanagari spellings are seen through) and links
 * by the host they open. Every language variant and every WhatsApp template parameter is checked. Returns the first
 * violation as a reason an officer can act on, or null.
 */
export function checkContent(body: BroadcastBody, rules: ContentRule[], forms: BroadcastForms = {}): string | null {
  const texts = [...Object.values(body), ...(forms.whatsappTemplate?.parameters ?? [])].filter(
    (t): t is string => typeof t === 'string',
  );
  for (const text of texts) {
    const violation = textViolation(text, rules);
    if (violation) return violation;
  }
  return null;
}

/** Any other text the police publish (a group name, an officer's reply), against the same rules. */
export function checkText(text: string, rules: ContentRule[]): string | null {
  return textViolation(text, rules);
}

/**
 * A rule HQ adds, checked and tidied: a term needs letters (a pattern that normalises to nothing would match
 * nothing, or everything); a domain is a host name (`gov.in`, no scheme, no path, no IP address).
 */
export function assertValidRule(rule: ContentRule): ContentRule {
  const pattern = rule.pattern.trim();
  const reason = rule.reason.trim();
  if (!(ContentRuleKinds as readonly string[]).includes(rule.kind)) {
    throw new ValidationError(`unknown rule kind ${rule.kind} / अज्ञात नियम`);
  }
  if (!reason) throw new ValidationError('a rule needs a reason / नियम का कारण आवश्यक है');
  if (rule.kind === 'blocked_term') {
    if (normaliseText(pattern).replace(/[^\p{L}\p{M}]/gu, '').length < 2) {
      throw new ValidationError('a blocked term needs at least two letters / कम से कम दो अक्षर');
    }
    return { kind: rule.kind, pattern, reason };
  }
  const host = pattern.toLowerCase().replace(/^\.+|\.+$/g, '');
  if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/.test(host)) {
    throw new ValidationError(`"${pattern}" is not a domain name such as gov.in / डोमेन नाम नहीं है`);
  }
  return { kind: rule.kind, pattern: host, reason };
}
