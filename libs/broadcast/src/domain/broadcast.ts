import {
  canonicalJson,
  CitizenLanguage,
  CitizenLanguages,
  citizenLanguageOf,
  directionalise,
  FALLBACK_LANGUAGE,
  sha256Hex,
} from '@jansetu/platform';
import { verificationLine } from './verification-code';

export const Categories = ['awareness', 'alert', 'rumour_rebuttal', 'cyber_safety', 'emergency'] as const;
export type Category = (typeof Categories)[number];

/**
 * Language variants: Hindi is required, every other citizen language optional (en, bho, mai, mag, ur). Each citizen
 * receives only the variant of their language, or the Hindi one when the broadcast has none in it.
 */
export type BroadcastBody = { hi: string } & Partial<Record<Exclude<CitizenLanguage, 'hi'>, string>>;

/** Per-channel forms: what WhatsApp needs outside the 24-hour window, what Indian SMS needs on every send. */
export interface BroadcastForms {
  whatsappTemplate?: { name: string; language: string; parameters: string[] };
  smsDltTemplateId?: string;
}

/** The languages a body carries a text in, Hindi first. */
export function variantsOf(body: BroadcastBody): CitizenLanguage[] {
  return CitizenLanguages.filter((l) => Boolean(body[l]?.trim()));
}

/** The variant a citizen of `language` receives: their own when the body has it, else Hindi. */
export function variantFor(body: BroadcastBody, language: string): CitizenLanguage {
  const wanted = citizenLanguageOf(language);
  return body[wanted]?.trim() ? wanted : FALLBACK_LANGUAGE;
}

/**
 * The exact text sent for one variant (Urdu lines marked right to left), then the verification line a citizen can
 * send back to check it (broadcasts older than verification codes, and previews before one is drawn, have none).
 */
export function renderVariant(
  body: BroadcastBody,
  variant: CitizenLanguage,
  verificationCode: string | null = null,
): string {
  const text = directionalise((body[variant] ?? body.hi).trim(), variant);
  return verificationCode ? `${text}\n${verificationLine(verificationCode, variant)}` : text;
}

/** Every variant's text as sent, by language. */
export function renderVariants(
  body: BroadcastBody,
  verificationCode: string | null = null,
): Partial<Record<CitizenLanguage, string>> {
  return Object.fromEntries(variantsOf(body).map((l) => [l, renderVariant(body, l, verificationCode)]));
}

/**
 * The audit's fingerprints of a body: `contentSha256` over all variants (canonical JSON: what was approved), and
 * `variantSha256`, the SHA-256 of each text exactly as sent (with its verification line), which every batch of
 * sends repeats for its languages.
 */
export function contentHashes(
  body: BroadcastBody,
  verificationCode: string | null = null,
): {
  contentSha256: string;
  variantSha256: Partial<Record<CitizenLanguage, string>>;
} {
  const sent = renderVariants(body, verificationCode);
  return {
    contentSha256: sha256Hex(canonicalJson(renderVariants(body))),
    variantSha256: Object.fromEntries(Object.entries(sent).map(([l, t]) => [l, sha256Hex(t)])),
  };
}

/** The deepest jurisdiction containing every path: where an act belongs for auditors. */
export function commonPath(paths: string[]): string | null {
  if (!paths.length) return null;
  let prefix = paths[0];
  for (const p of paths.slice(1)) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  }
  return prefix.length > 1 ? prefix : null;
}

/** Emergency before alert before the rest: lower goes first. */
export function priorityOf(category: Category): number {
  return category === 'emergency' ? 0 : category === 'alert' ? 1 : 3;
}

export type BroadcastStatus =
  'pending_approval' | 'scheduled' | 'sending' | 'paused' | 'cancelled' | 'rejected' | 'completed';

/** One dispatch message: the deliveries of one bucket of one broadcast. */
export interface DispatchRequest {
  broadcastId: string;
  bucket: number;
}
