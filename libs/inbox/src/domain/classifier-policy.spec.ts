import { describe, expect, it } from 'vitest';
import { applyPolicy, Candidate, Classification, PolicyThresholds } from './classifier-policy';

const t: PolicyThresholds = { filterConfidence: 0.9, urgentP: 0.05 };

// label, candidate, expected queue / urgent
const cases: [string, Candidate, Pick<Classification, 'queue' | 'urgent'>][] = [
  ['rule emergency', { label: 'emergency', by: 'rule', confidence: 1, emergencyP: 0 }, { queue: 'main', urgent: true }],
  [
    'model emergency',
    { label: 'emergency', by: 'model', confidence: 0.8, emergencyP: 0.8 },
    { queue: 'main', urgent: true },
  ],
  [
    'sure model spam',
    { label: 'spam', by: 'model', confidence: 0.95, emergencyP: 0 },
    { queue: 'filtered', urgent: false },
  ],
  [
    'unsure model spam goes to main',
    { label: 'spam', by: 'model', confidence: 0.6, emergencyP: 0 },
    { queue: 'main', urgent: false },
  ],
  [
    'unsure model abuse goes to main',
    { label: 'abuse', by: 'model', confidence: 0.89, emergencyP: 0.01 },
    { queue: 'main', urgent: false },
  ],
  [
    'at the threshold is sure',
    { label: 'greeting', by: 'model', confidence: 0.9, emergencyP: 0 },
    { queue: 'filtered', urgent: false },
  ],
  [
    'rule abuse stays filtered',
    { label: 'abuse', by: 'rule', confidence: 1, emergencyP: 0 },
    { queue: 'filtered', urgent: false },
  ],
  [
    'a rule abuse is not overruled by the model',
    { label: 'abuse', by: 'rule', confidence: 1, emergencyP: 0.5 },
    { queue: 'filtered', urgent: false },
  ],
  [
    'a possible emergency in model abuse is urgent',
    { label: 'abuse', by: 'model', confidence: 0.95, emergencyP: 0.05 },
    { queue: 'main', urgent: true },
  ],
  [
    'a possible emergency in a complaint is urgent',
    { label: 'complaint', by: 'model', confidence: 0.7, emergencyP: 0.2 },
    { queue: 'main', urgent: true },
  ],
  [
    'a rumour report with emergency chance is urgent',
    { label: 'rumour', by: 'rule', confidence: 1, emergencyP: 0.3 },
    { queue: 'main', urgent: true },
  ],
  [
    'below the urgent threshold',
    { label: 'tip', by: 'model', confidence: 0.9, emergencyP: 0.049 },
    { queue: 'main', urgent: false },
  ],
  [
    'a rule greeting is never urgent',
    { label: 'greeting', by: 'rule', confidence: 1, emergencyP: 0.6 },
    { queue: 'filtered', urgent: false },
  ],
  [
    'model greeting with emergency chance',
    { label: 'greeting', by: 'model', confidence: 0.95, emergencyP: 0.06 },
    { queue: 'main', urgent: true },
  ],
];

describe('classifier policy: safe where the model is unsure', () => {
  it.each(cases)('%s', (_, candidate, expected) => {
    expect(applyPolicy(candidate, t)).toMatchObject({ ...expected, label: candidate.label, by: candidate.by });
  });

  it('keeps the label and rounds the confidence', () => {
    expect(applyPolicy({ label: 'political', by: 'model', confidence: 0.123456, emergencyP: 0 }, t)).toEqual({
      label: 'political',
      queue: 'main',
      urgent: false,
      by: 'model',
      confidence: 0.123,
    });
  });
});
