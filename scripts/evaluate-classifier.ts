// Scores the inbox classifier, trained on all its labelled data, on the frozen evaluation set (libs/inbox/eval,
// written without seeing the rules). Prints aggregate numbers only: per-class precision and recall, the confusion
// matrix and the issue #18 targets. Never print or read single messages here: the set must not be tuned on.
//   npm run build && node dist/scripts/evaluate-classifier.js
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FILTERED_CLASSES, LabelledMessage, MessageClasses, MessageClassifier } from '@jansetu/inbox';

interface Frozen extends LabelledMessage {
  id: string;
  lang: string;
}

const labelled = JSON.parse(
  readFileSync(resolve('libs/inbox/src/data/labelled-messages.json'), 'utf8'),
) as LabelledMessage[];
const frozen = JSON.parse(readFileSync(resolve('libs/inbox/eval/frozen-v1.json'), 'utf8')) as Frozen[];
const classifier = new MessageClassifier(labelled);
const results = frozen.map((m) => ({ m, c: classifier.classify(m.text) }));

const share = (part: number, whole: number) => (whole ? part / whole : 0);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`frozen-v1: ${frozen.length} messages; classifier trained on ${labelled.length}`);
console.log('class      n    precision  recall');
for (const k of MessageClasses) {
  const actual = results.filter((r) => r.m.label === k);
  const predicted = results.filter((r) => r.c.label === k);
  const tp = actual.filter((r) => r.c.label === k).length;
  console.log(
    `${k.padEnd(10)} ${String(actual.length).padStart(3)}  ${share(tp, predicted.length).toFixed(2).padStart(9)}  ${share(tp, actual.length).toFixed(2).padStart(6)}`,
  );
}
const accuracy = share(results.filter((r) => r.c.label === r.m.label).length, results.length);
const emergencies = results.filter((r) => r.m.label === 'emergency');
const noise = results.filter((r) => FILTERED_CLASSES.includes(r.m.label));
const wanted = results.filter((r) => r.m.label === 'tip' || r.m.label === 'complaint');
console.log(`accuracy ${accuracy.toFixed(3)}`);
console.log(
  `emergency recall (flagged urgent) ${share(emergencies.filter((r) => r.c.urgent).length, emergencies.length).toFixed(3)} (target ≥ 0.97)`,
);
console.log(
  `noise (greeting, political, spam, abuse) reaching officers ${pct(share(noise.filter((r) => r.c.queue === 'main').length, noise.length))} (target ≤ 5%)`,
);
console.log(
  `tips and complaints filtered ${pct(share(wanted.filter((r) => r.c.queue === 'filtered').length, wanted.length))} (target ≤ 1%)`,
);
console.log(`decided by rules ${pct(share(results.filter((r) => r.c.by === 'rule').length, results.length))}`);
console.log('confusion (rows actual, columns predicted):');
console.log(`${''.padEnd(10)} ${MessageClasses.map((k) => k.slice(0, 5).padStart(5)).join(' ')}`);
for (const a of MessageClasses)
  console.log(
    `${a.padEnd(10)} ${MessageClasses.map((p) =>
      String(results.filter((r) => r.m.label === a && r.c.label === p).length).padStart(5),
    ).join(' ')}`,
  );
