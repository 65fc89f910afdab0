import { describe, expect, it } from 'vitest';
import { FrozenScore, worseOn } from './retrain-gate';

const running: FrozenScore = {
  messages: 400,
  accuracy: 0.76,
  emergencyRecall: 0.8,
  noiseInMain: 0.2,
  wantedFiltered: 0.05,
};

describe('retrain gate', () => {
  it('lets a model that is no worse on any promise replace the running one', () => {
    expect(worseOn(running, running)).toEqual([]);
    expect(worseOn(running, { ...running, accuracy: 0.8, noiseInMain: 0.1 })).toEqual([]);
  });

  it('refuses a model that misses one more emergency, whatever it gains elsewhere', () => {
    expect(worseOn(running, { ...running, emergencyRecall: 0.79, accuracy: 0.95, noiseInMain: 0 })).toEqual([
      'emergency recall',
    ]);
  });

  it('names every promise a model would break', () => {
    expect(
      worseOn(running, { ...running, accuracy: 0.7, noiseInMain: 0.3, wantedFiltered: 0.06, emergencyRecall: 0.5 }),
    ).toEqual(['emergency recall', 'tips and complaints filtered', 'noise reaching officers', 'accuracy']);
  });
});
