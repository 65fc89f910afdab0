import { describe, expect, it } from 'vitest';
import labelled from '../data/labelled-messages.json';
import { FILTERED_CLASSES, LabelledMessage, MessageClass, MessageClasses, MessageClassifier } from './classifier';
import { evaluate, heldOut } from './evaluation';

const all = labelled as LabelledMessage[];

function table(title: string, report: ReturnType<typeof evaluate>): string {
  const rows = MessageClasses.map((c) => {
    const r = report.perClass[c];
    return `${c.padEnd(10)} ${String(r.support).padStart(4)}  ${r.precision.toFixed(2)}  ${r.recall.toFixed(2)}`;
  });
  return [
    title,
    'class      n     prec  recall',
    ...rows,
    `accuracy ${report.accuracy.toFixed(3)}`,
    `greeting/spam/political in main queue ${(report.noiseInMainQueue * 100).toFixed(1)}%, tips as spam ${(report.tipsAsSpam * 100).toFixed(1)}%`,
  ].join('\n');
}

describe('message classification on the labelled set (Hindi, English, Hinglish)', () => {
  it('has at least 300 messages, 40 or more for each class', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    for (const c of MessageClasses) expect(all.filter((m) => m.label === c).length).toBeGreaterThanOrEqual(40);
  });

  // Floors against regression, not the targets. Since 2026-12-07 most of the labelled set (914 of 1,252) was
  // written by others without seeing the rules, so these held-out numbers are no longer flattered by them; the
  // targets (emergency recall 0.97, noise to officers 5%, tips and complaints filtered 1%) are judged on the frozen
  // set (`npm run eval:classifier`), where noise and filtered tips still miss them (README, Inbox).
  it('keeps its held-out 20% above the floors measured on 2026-12-07', () => {
    const { train, test } = heldOut(all);
    const report = evaluate(new MessageClassifier(train), test);
    console.log(table(`held-out ${test.length} of ${all.length} (trained on ${train.length})`, report));
    // Greetings, spam and political messages reaching the officers' main queue (12.2% measured).
    expect(report.noiseInMainQueue).toBeLessThan(0.15);
    // Tips filed as spam (0% measured).
    expect(report.tipsAsSpam).toBeLessThan(0.02);
    // Emergencies labelled as such (0.94 measured; the urgent flag catches more, see the frozen set).
    expect(report.perClass.emergency.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps 5-fold cross-validation over the whole set above its floors', () => {
    const predictions: { label: MessageClass; text: string }[] = [];
    const reports = [0, 1, 2, 3, 4].map((fold) => {
      const { train, test } = heldOut(all, fold);
      predictions.push(...test);
      return evaluate(new MessageClassifier(train), test);
    });
    const merged = evaluate(null, predictions, reports);
    console.log(table('5-fold cross-validation', merged));
    // 18.0% and 1.7% measured.
    expect(merged.noiseInMainQueue).toBeLessThan(0.2);
    expect(merged.tipsAsSpam).toBeLessThan(0.025);
  });

  it('handles the tricky ones the issue names', () => {
    const classifier = new MessageClassifier(all);
    const label = (t: string) => classifier.classify(t);
    expect(label('jaldi aao goli chal rahi hai')).toMatchObject({ label: 'emergency', urgent: true, queue: 'main' });
    expect(label('गाँव में आग लगी है')).toMatchObject({ label: 'emergency', urgent: true });
    expect(label('अफवाह है कि गाँव में गोली चली, सच क्या है')).toMatchObject({ label: 'rumour', urgent: false });
    expect(label('Good morning sir, daru bik rahi hai school ke peeche').queue).toBe('main');
    expect(label('RJD BJP chhodiye, chowk pe smack bik raha hai').queue).toBe('main');
    expect(label('Win 5000 daily click http://x.xyz')).toMatchObject({ label: 'spam', queue: 'filtered' });
    expect(label('सुप्रभात 🙏🌹')).toMatchObject({ label: 'greeting', queue: 'filtered' });
    expect(label('नीतीश कुमार जिंदाबाद')).toMatchObject({ label: 'political', queue: 'filtered' });
    for (const c of FILTERED_CLASSES) expect(MessageClasses).toContain(c);
  });

  it.each([
    ['another romanisation', 'golee chali hai gaon me'],
    ['a missing matra', 'गोलीबरी हो रही है'],
    ['swept away', 'nadi me bachcha bah gaya'],
    ['poison liquor', 'ज़हरीली शराब पीने से 3 लोग बेहोश'],
    ['Bhojpuri fire', 'हमार गांव में आगि लागल बा'],
    ['Urdu firing', 'گاؤں میں فائرنگ ہو رہی ہے'],
    ['stampede', 'mela me bhagdad mach gayi'],
    ['snakebite', 'saanp ne kaat liya jaldi'],
  ])('flags an emergency written with %s', (_, text) => {
    expect(new MessageClassifier(all).classify(text)).toMatchObject({ urgent: true, queue: 'main' });
  });

  it('keeps a threat complaint from reading as a blast (धमकी is not धमाका)', () => {
    expect(new MessageClassifier(all).classify('पड़ोसी धमकी देता है, शिकायत लीजिए').label).not.toBe('emergency');
  });
});
