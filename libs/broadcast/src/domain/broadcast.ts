import { verificationLine } from './verification-code';

export const Categories = ['awareness', 'alert', 'rumour_rebuttal', 'cyber_safety', 'emergency'] as const;
export type Category = (typeof Categories)[number];

/** Language variants; Hindi is required, English sits beside it. */
export interface BroadcastBody {
  hi: string;
  en?: string;
}

/** Per-channel forms: what WhatsApp needs outside the 24-hour window, what Indian SMS needs on every send. */
export interface BroadcastForms {
  whatsappTemplate?: { name: string; language: string; parameters: string[] };
  smsDltTemplateId?: string;
}

/**
 * What a citizen receives: Hindi first, English beside it, then the verification line (broadcasts older than
 * verification codes have none).
 */
export function renderBody(body: BroadcastBody, verificationCode: string | null = null): string {
  const text = body.en ? `${body.hi}\n${body.en}` : body.hi;
  return verificationCode ? `${text}\n${verificationLine(verificationCode)}` : text;
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
