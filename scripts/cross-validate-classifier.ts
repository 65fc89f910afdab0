// 5-fold cross-validation of the inbox classifier on its own training data (libs/inbox/src/data), the model rebuilt
// for each fold. The frozen set (libs/inbox/eval) is never read here: thresholds and rules are tuned on these numbers.
//   npm run cv:classifier
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  Classification,
  FILTERED_CLASSES,
  heldOut,
  LabelledMessage,
  MessageClasses,
  applyPolicy,
  MessageClassifier,
  POLICY_THRESHOLDS,
  PolicyThresholds,
} from '@jansetu/inbox';

const labelled = JSON.parse(
  readFileSync(resolve('libs/inbox/src/data/labelled-messages.json'), 'utf8'),
) as LabelledMessage[];

type Result = { m: LabelledMessage; c: Classification };

// Each message's candidate from the fold that held it out; the policy is applied afterwards, per threshold.
const candidates = [0, 1, 2, 3, 4].flatMap((fold) => {
  const { train, test } = heldOut(labelled, fold);
  const classifier = new MessageClassifier(train);
  return test.map((m) => ({ m, candidate: classifier.candidate(m.text) }));
});
const crossValidate = (t: PolicyThresholds): Result[] =>
  candidates.map(({ m, candidate }) => ({ m, c: applyPolicy(candidate, t) }));
/** The model alone: emergencies it would flag at urgentP, rules aside (the rules' recall is flattered here). */
const modelRecall = (urgentP: number) =>
  share(
    candidates.filter((x) => x.m.label === 'emergency' && x.candidate.emergencyP >= urgentP).length,
    candidates.filter((x) => x.m.label === 'emergency').length,
  );

const share = (part: number, whole: number) => (whole ? part / whole : 0);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const targets = (rs: Result[]) => {
  const emergencies = rs.filter((r) => r.m.label === 'emergency');
  const noise = rs.filter((r) => FILTERED_CLASSES.includes(r.m.label));
  const wanted = rs.filter((r) => r.m.label === 'tip' || r.m.label === 'complaint');
  return {
    emergencyRecall: share(emergencies.filter((r) => r.c.urgent).length, emergencies.length),
    falseUrgent: share(
      rs.filter((r) => r.c.urgent && r.m.label !== 'emergency').length,
      rs.length - emergencies.length,
    ),
    noiseToOfficers: share(noise.filter((r) => r.c.queue === 'main').length, noise.length),
    wantedFiltered: share(wanted.filter((r) => r.c.queue === 'filtered').length, wanted.length),
  };
};

const results = crossValidate(POLICY_THRESHOLDS);
console.log(
  `policy thresholds: filterConfidence ${POLICY_THRESHOLDS.filterConfidence}, urgentP ${POLICY_THRESHOLDS.urgentP}`,
);
console.log(`5-fold cross-validation on ${labelled.length} labelled messages (model rebuilt per fold)`);
console.log(
  'Caution: the rule lists were written with all training messages in view, so cross-validation flatters the rules;',
);
console.log('only the model is truly held out here. The frozen set is the honest test.');
console.log('class      n    precision  recall');
for (const k of MessageClasses) {
  const actual = results.filter((r) => r.m.label === k);
  const predicted = results.filter((r) => r.c.label === k);
  const tp = actual.filter((r) => r.c.label === k).length;
  console.log(
    `${k.padEnd(10)} ${String(actual.length).padStart(3)}  ${share(tp, predicted.length).toFixed(2).padStart(9)}  ${share(tp, actual.length).toFixed(2).padStart(6)}`,
  );
}
const emergencies = results.filter((r) => r.m.label === 'emergency');
const noise = results.filter((r) => FILTERED_CLASSES.includes(r.m.label));
const wanted = results.filter((r) => r.m.label === 'tip' || r.m.label === 'complaint');
const accuracy = share(results.filter((r) => r.c.label === r.m.label).length, results.length);
console.log(`accuracy ${accuracy.toFixed(3)}`);
console.log(
  `emergency recall (flagged urgent) ${share(emergencies.filter((r) => r.c.urgent).length, emergencies.length).toFixed(3)} (target ≥ 0.97)`,
);
console.log(
  `urgent flags on non-emergencies ${pct(share(results.filter((r) => r.c.urgent && r.m.label !== 'emergency').length, results.length - emergencies.length))}`,
);
console.log(
  `noise (greeting, political, spam, abuse) reaching officers ${pct(share(noise.filter((r) => r.c.queue === 'main').length, noise.length))} (target ≤ 5%)`,
);
console.log(
  `tips and complaints filtered ${pct(share(wanted.filter((r) => r.c.queue === 'filtered').length, wanted.length))} (target ≤ 1%)`,
);
console.log(`decided by rules ${pct(share(results.filter((r) => r.c.by === 'rule').length, results.length))}`);

// The sweep the thresholds were chosen from: the smallest urgentP and largest filterConfidence cost officers little.
console.log(
  'threshold sweep (emergency recall, non-emergencies flagged urgent, noise to officers, tips+complaints filtered):',
);
console.log('filterConf  urgentP   em.recall  model-alone  false-urgent  noise-main  wanted-filtered');
for (const filterConfidence of [0, 0.5, 0.9, 0.99, 0.999, 0.9999])
  for (const urgentP of [1.01, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.001]) {
    const s = targets(crossValidate({ filterConfidence, urgentP }));
    console.log(
      `${String(filterConfidence).padEnd(10)}  ${String(urgentP).padEnd(8)}  ${s.emergencyRecall.toFixed(3).padStart(9)}  ${modelRecall(urgentP).toFixed(3).padStart(11)}  ${pct(s.falseUrgent).padStart(12)}  ${pct(s.noiseToOfficers).padStart(10)}  ${pct(s.wantedFiltered).padStart(15)}`,
    );
  }
