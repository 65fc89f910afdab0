import { words } from '@jansetu/platform';

/**
 * A compact multinomial naive Bayes text classifier (Laplace-smoothed, log space). No maintained npm classifier is
 * installed in this repository, so this stays small and readable; a library (e.g. wink-naive-bayes-text-classifier)
 * could replace it behind the same two methods.
 *
 * Features are folded words, word pairs and character trigrams inside words: trigrams carry Hinglish spelling
 * variants ("goli"/"golee", "chori"/"chorii") and Devanagari inflections (हत्या/हत्याएँ) that whole words miss.
 */
export class NaiveBayes<L extends string> {
  private readonly docs = new Map<L, number>();
  private readonly counts = new Map<L, Map<string, number>>();
  private readonly totals = new Map<L, number>();
  private readonly vocabulary = new Set<string>();
  private documents = 0;

  constructor(private readonly alpha = 0.5) {}

  train(examples: Iterable<{ text: string; label: L }>): this {
    for (const { text, label } of examples) {
      this.documents++;
      this.docs.set(label, (this.docs.get(label) ?? 0) + 1);
      const counts = this.counts.get(label) ?? new Map<string, number>();
      this.counts.set(label, counts);
      for (const f of features(text)) {
        counts.set(f, (counts.get(f) ?? 0) + 1);
        this.totals.set(label, (this.totals.get(label) ?? 0) + 1);
        this.vocabulary.add(f);
      }
    }
    return this;
  }

  /** Labels by posterior probability, best first; probabilities sum to 1. */
  rank(text: string): { label: L; p: number }[] {
    const fs = features(text).filter((f) => this.vocabulary.has(f));
    const v = this.vocabulary.size;
    const scores = [...this.docs.entries()].map(([label, n]) => {
      const counts = this.counts.get(label)!;
      const denominator = Math.log((this.totals.get(label) ?? 0) + this.alpha * v);
      let s = Math.log(n / this.documents);
      for (const f of fs) s += Math.log((counts.get(f) ?? 0) + this.alpha) - denominator;
      return { label, s };
    });
    const max = Math.max(...scores.map((x) => x.s));
    const sum = scores.reduce((a, x) => a + Math.exp(x.s - max), 0);
    return scores.map(({ label, s }) => ({ label, p: Math.exp(s - max) / sum })).sort((a, b) => b.p - a.p);
  }
}

function features(text: string): string[] {
  const ws = words(text);
  const out: string[] = [];
  ws.forEach((w, i) => {
    out.push(`w:${w}`);
    if (i > 0) out.push(`b:${ws[i - 1]}_${w}`);
    const padded = ` ${w} `;
    for (let j = 0; j + 3 <= padded.length; j++) out.push(`c:${padded.slice(j, j + 3)}`);
  });
  return out;
}
