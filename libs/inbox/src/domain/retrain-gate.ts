import { FILTERED_CLASSES, LabelledMessage, MessageClassifier } from './classifier';

/**
 * What the inbox promises, measured on the frozen evaluation set (libs/inbox/eval): the aggregate numbers only,
 * never a single message, so the set can judge a model without being read to tune one.
 */
export interface FrozenScore {
  messages: number;
  accuracy: number;
  /** Emergencies flagged urgent (and so shown at once, with the "dial 112" advice). */
  emergencyRecall: number;
  /** Greetings, political messages, adverts and abuse that would reach the officers' main queue. */
  noiseInMain: number;
  /** Tips and complaints that would be filtered away from the officers. */
  wantedFiltered: number;
}

const share = (part: number, whole: number) => (whole ? part / whole : 0);

export function scoreOn(classifier: MessageClassifier, frozen: LabelledMessage[]): FrozenScore {
  const results = frozen.map((m) => ({ m, c: classifier.classify(m.text) }));
  const emergencies = results.filter((r) => r.m.label === 'emergency');
  const noise = results.filter((r) => FILTERED_CLASSES.includes(r.m.label));
  const wanted = results.filter((r) => r.m.label === 'tip' || r.m.label === 'complaint');
  return {
    messages: frozen.length,
    accuracy: share(results.filter((r) => r.c.label === r.m.label).length, results.length),
    emergencyRecall: share(emergencies.filter((r) => r.c.urgent).length, emergencies.length),
    noiseInMain: share(noise.filter((r) => r.c.queue === 'main').length, noise.length),
    wantedFiltered: share(wanted.filter((r) => r.c.queue === 'filtered').length, wanted.length),
  };
}

/** Which promises a retrained model would break compared with the running one: none means it may replace it. */
export function worseOn(running: FrozenScore, candidate: FrozenScore): string[] {
  const worse: string[] = [];
  // A missed emergency is the worst error: recall may not drop at all, and no other gain buys that back.
  if (candidate.emergencyRecall < running.emergencyRecall) worse.push('emergency recall');
  if (candidate.wantedFiltered > running.wantedFiltered) worse.push('tips and complaints filtered');
  if (candidate.noiseInMain > running.noiseInMain) worse.push('noise reaching officers');
  if (candidate.accuracy < running.accuracy) worse.push('accuracy');
  return worse;
}
