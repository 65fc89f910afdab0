import { LabelledMessage, MessageClass, MessageClasses, MessageClassifier } from './classifier';

/** FNV-1a: a split that is the same on every machine and run, and stable when messages are added elsewhere. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Deterministic 80/20 split by hash of the text; `fold` 0-4 picks which fifth is held out. */
export function heldOut(all: LabelledMessage[], fold = 0): { train: LabelledMessage[]; test: LabelledMessage[] } {
  const test = all.filter((m) => fnv(m.text) % 5 === fold);
  return { train: all.filter((m) => fnv(m.text) % 5 !== fold), test };
}

export interface EvaluationReport {
  perClass: Record<MessageClass, { support: number; precision: number; recall: number }>;
  accuracy: number;
  /** Share of greeting, spam and political messages that would reach the officers' main queue. */
  noiseInMainQueue: number;
  /** Share of tips filed as spam. */
  tipsAsSpam: number;
  pairs: { actual: MessageClass; predicted: MessageClass; queue: 'main' | 'filtered' }[];
}

/** Scores a classifier on `test`, or merges earlier reports (cross-validation) when `classifier` is null. */
export function evaluate(
  classifier: MessageClassifier | null,
  test: LabelledMessage[],
  merge: EvaluationReport[] = [],
): EvaluationReport {
  const pairs = classifier
    ? test.map((m) => {
        const c = classifier.classify(m.text);
        return { actual: m.label, predicted: c.label, queue: c.queue };
      })
    : merge.flatMap((r) => r.pairs);
  const perClass = Object.fromEntries(
    MessageClasses.map((c) => {
      const tp = pairs.filter((p) => p.actual === c && p.predicted === c).length;
      const predicted = pairs.filter((p) => p.predicted === c).length;
      const support = pairs.filter((p) => p.actual === c).length;
      return [c, { support, precision: predicted ? tp / predicted : 1, recall: support ? tp / support : 1 }];
    }),
  ) as EvaluationReport['perClass'];
  const noise = pairs.filter((p) => ['greeting', 'spam', 'political'].includes(p.actual));
  const tips = pairs.filter((p) => p.actual === 'tip');
  return {
    perClass,
    accuracy: pairs.filter((p) => p.actual === p.predicted).length / pairs.length,
    noiseInMainQueue: noise.filter((p) => p.queue === 'main').length / Math.max(1, noise.length),
    tipsAsSpam: tips.filter((p) => p.predicted === 'spam').length / Math.max(1, tips.length),
    pairs,
  };
}
