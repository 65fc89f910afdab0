import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LabelledMessage } from '../../domain/classifier';
import { InboxHarness, inboxHarness } from '../../inbox.harness';
import { ClassifierVersionRepository } from '../../persistence/classifier-version.repository';
import { MoveCaseToMainCommand } from '../move-case-to-main/move-case-to-main.command';
import { RetrainClassifierCommand } from './retrain-classifier.command';

// A stand-in for the frozen set (the real one is scored by the CLI, never here): what decides is whether the
// candidate breaks a promise on it, whatever set it is.
const frozen: LabelledMessage[] = [
  { text: 'good morning kabaadi chor', label: 'tip' },
  { text: 'shubh prabhat kabaadi chor', label: 'tip' },
  { text: 'sab ko pranam', label: 'greeting' },
  { text: 'shubh din aap sab ko', label: 'greeting' },
  { text: 'thane me report nahi likh rahe', label: 'complaint' },
];

describe('RetrainClassifierHandler on PostgreSQL', () => {
  let h: InboxHarness;
  let n = 0;
  beforeAll(async () => {
    h = await inboxHarness(inject('runPrefix'), 'inbox_retrain');
  });
  afterAll(async () => h?.close());

  /** A message the running model filters, moved to the main queue by the station officer as `label`. */
  const corrected = async (text: string, label: 'tip' | 'complaint') => {
    const address = `+9198160000${String(++n).padStart(2, '0')}`;
    const filed = await h.tipAtMufassil(address, text);
    expect((await h.caseRow(filed.caseId)).queue).toBe('filtered');
    await h.commands.execute(new MoveCaseToMainCommand(h.officer['sho-mufassil'], filed.caseId, label));
    return address;
  };
  const retrain = (accept: boolean) => h.commands.execute(new RetrainClassifierCommand(frozen, accept));
  const running = () => h.module.get(ClassifierVersionRepository).runningCorrections();

  it('learns the tips officers rescued from the filter, and replaces the running model only when asked', async () => {
    // Greetings that carry a tip: the running model files them away.
    const first = await corrected('good morning sir kabaadi', 'tip');
    await corrected('shubh prabhat sab kabaadi chor', 'tip');
    await corrected('good morning sir kabaadi wala', 'tip');

    const dry = await retrain(false);
    expect(dry).toMatchObject({ corrections: 3, newCorrections: 3, worse: [], version: null });
    // The running model filters two of the three tips of the set; the candidate none.
    expect(dry.running.wantedFiltered).toBeCloseTo(2 / 3);
    expect(dry.candidate.wantedFiltered).toBe(0);
    expect(await running()).toEqual([]);

    const accepted = await retrain(true);
    expect(accepted.version).toEqual(expect.any(Number));
    expect((await running()).map((c) => c.message)).toEqual(
      expect.arrayContaining([{ text: 'good morning sir kabaadi', label: 'tip' }]),
    );
    const [event] = await h.auditEvents('inbox.classifier_retrained');
    expect(event.event.body).toMatchObject({ corrections: 3, newCorrections: 3 });
    // Aggregates only: no text of a case is in the audit event.
    expect(JSON.stringify(event.event)).not.toContain('kabaadi');

    // Nothing new since: nothing to accept.
    expect(await retrain(true)).toMatchObject({ newCorrections: 0, version: null });

    // A citizen who erases themselves takes their words out of the training set at the next start.
    await h.erase('sms', first);
    expect((await running()).map((c) => c.message.text)).not.toContain('good morning sir kabaadi');
  });

  it('keeps the running model when the corrections would make it worse on the set', async () => {
    // Greetings "rescued" as tips: the candidate would call greetings tips.
    await corrected('aap sab ko shubh din', 'tip');
    await corrected('shubh din aap sabko', 'tip');
    const before = await running();
    const refused = await retrain(true);
    expect(refused.worse).toContain('accuracy');
    expect(refused.version).toBeNull();
    expect(await running()).toEqual(before);
  });
});
