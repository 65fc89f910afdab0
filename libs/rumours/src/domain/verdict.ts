import { looksForwarded, numbersIn, signatureOf, similarity } from '@jansetu/platform';

/** A forwarded copy this close to a sent broadcast (estimated Jaccard of 4-character shingles) is that broadcast. */
export const GENUINE_SIMILARITY = 0.6;
/** ... and this close to a marked rumour, that rumour. */
export const RUMOUR_SIMILARITY = 0.5;
/** Reports this close to a cluster's first text join it. */
export const CLUSTER_SIMILARITY = 0.5;

export interface SentBroadcast {
  id: string;
  verificationCode: string;
  body: { hi: string; en?: string };
  fingerprints: { all: number[]; hi: number[] } & Record<string, number[] | undefined>;
  createdAt: Date;
  jurisdictionPath: string | null;
}

export interface MarkedRumour {
  id: string;
  signature: number[];
  rebuttal: { hi: string; en?: string };
  clusterId: string | null;
}

export type Verdict =
  | { kind: 'genuine'; broadcast: SentBroadcast; by: 'code' | 'text' }
  /** Reads like a police message but its numbers (a phone number, an amount, a date) were changed. */
  | { kind: 'altered'; broadcast: SentBroadcast }
  | { kind: 'rumour'; rumour: MarkedRumour }
  | { kind: 'unknown-code'; code: string }
  | { kind: 'not-police' }
  /** VERIFY with nothing after it. */
  | { kind: 'empty' };

/** A code alone (what VERIFY K7M2QX carries): six characters once spaces and dashes are gone. */
export function codeIn(text: string): string | null {
  const t = text.trim().toUpperCase().replace(/[\s-]/g, '');
  return /^[0-9A-Z]{6}$/.test(t) ? t : null;
}

/**
 * What a text is: a marked rumour first (its rebuttal is the answer, even when it quotes police words), then the
 * closest sent broadcast, genuine only when no number in the copy is foreign to the original.
 */
export function decideVerdict(
  signature: number[],
  text: string,
  broadcasts: SentBroadcast[],
  rumours: MarkedRumour[],
): Verdict {
  if (!signature.length) return { kind: 'empty' };
  const rumour = best(rumours, (r) => similarity(signature, r.signature));
  if (rumour && rumour.score >= RUMOUR_SIMILARITY) return { kind: 'rumour', rumour: rumour.item };
  const sent = best(broadcasts, (b) =>
    Math.max(...Object.values(b.fingerprints).map((f) => similarity(signature, f ?? []))),
  );
  if (!sent || sent.score < GENUINE_SIMILARITY) return { kind: 'not-police' };
  const original = new Set(numbersIn(Object.values(sent.item.body).join('\n')));
  const foreign = numbersIn(stripCodeLine(text)).filter((n) => !original.has(n));
  return foreign.length
    ? { kind: 'altered', broadcast: sent.item }
    : { kind: 'genuine', broadcast: sent.item, by: 'text' };
}

function stripCodeLine(text: string): string {
  return text.replace(/(सत्यापन कोड|verify)\s*(\/\s*verify)?\s*:?\s*[0-9A-Z]{6}/giu, '');
}

function best<T>(items: T[], score: (item: T) => number): { item: T; score: number } | undefined {
  let top: { item: T; score: number } | undefined;
  for (const item of items) {
    const s = score(item);
    if (!top || s > top.score) top = { item, score: s };
  }
  return top;
}

/**
 * Whether a filed case feeds the clusters and gets an answer: a forwarded-looking text always gets one; a rumour
 * report (the inbox's label) is counted; anything that matches a police message or a marked rumour is answered.
 */
export function caseInterest(text: string, label: string, verdict: Verdict): { answer: boolean; cluster: boolean } {
  const forwarded = looksForwarded(text);
  const matched = verdict.kind === 'genuine' || verdict.kind === 'altered' || verdict.kind === 'rumour';
  return {
    answer: forwarded || matched,
    cluster: verdict.kind !== 'genuine' && (forwarded || label === 'rumour' || matched),
  };
}

export { signatureOf };
