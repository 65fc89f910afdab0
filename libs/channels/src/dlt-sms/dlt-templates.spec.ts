import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DLT_VARIABLE,
  DltTemplate,
  DltTemplateCatalogue,
  matchesDltTemplate,
  NO_TEMPLATE_REASON,
  splitIntoTemplate,
} from './dlt-templates';

const REPLY = 'बिहार पुलिस (केस {#var#}): {#var#}{#var#}{#var#}{#var#}';
const TEMPLATES: DltTemplate[] = [
  { id: '1107160000000000001', text: 'जनसेतु: आप {#var#}{#var#} से जुड़ गए।', language: 'hi', kind: 'automatic' },
  { id: '1107160000000000002', text: 'JanSetu: code {#var#} not found.', language: 'en', kind: 'automatic' },
  { id: '1107160000000000003', text: REPLY, language: 'hi', kind: 'officer-reply' },
  { id: '1107160000000000004', text: 'Bihar Police: {#var#}', language: 'en', kind: 'broadcast' },
];

// Literal text without the placeholder itself, so a generated template has exactly the variables we put in.
const literal = fc.string({ maxLength: 20 }).filter((s) => !s.includes(DLT_VARIABLE));
const value = (max: number) =>
  fc.oneof(fc.string({ maxLength: max }), fc.stringMatching(new RegExp(`^[क-ह ा-ौ]{0,${max}}$`, 'u')));

describe('matchesDltTemplate (DLT scrubbing rules)', () => {
  it.each([
    [
      'the literal text with a value in the variable',
      'JanSetu: code {#var#} not found.',
      'JanSetu: code AB12 not found.',
      true,
    ],
    ['an empty variable', 'JanSetu: code {#var#} not found.', 'JanSetu: code  not found.', true],
    ['a changed literal word', 'JanSetu: code {#var#} not found.', 'JanSetu: kode AB12 not found.', false],
    ['text after the template', 'JanSetu: code {#var#} not found.', 'JanSetu: code AB12 not found. Sorry', false],
    ['a variable of 30 characters', 'x {#var#} y', `x ${'a'.repeat(30)} y`, true],
    ['a variable of 31 characters', 'x {#var#} y', `x ${'a'.repeat(31)} y`, false],
    ['30 Devanagari code points', 'x {#var#} y', `x ${'क'.repeat(30)} y`, true],
    ['regex characters in the literal text', 'Dial 112 (now)? {#var#}.', 'Dial 112 (now)? yes.', true],
    ['regex characters that would match anything', 'Dial 112 (now)? {#var#}.', 'Dial 112 now {#var#}x', false],
    ['two adjacent variables hold 60', '{#var#}{#var#}!', `${'b'.repeat(60)}!`, true],
    ['two adjacent variables do not hold 61', '{#var#}{#var#}!', `${'b'.repeat(61)}!`, false],
  ])('%s', (_label, template, text, expected) => {
    expect(matchesDltTemplate(template, text)).toBe(expected);
  });

  it('refuses a long text under a run of many adjacent variables at once (no backtracking through 31^k splits)', () => {
    const template = `पुलिस: यह अफवाह है। ${DLT_VARIABLE.repeat(8)}\nPolice: this is a rumour. ${DLT_VARIABLE.repeat(8)}`;
    const text = `पुलिस: यह अफवाह है। ${'क'.repeat(239)}\nPolice: this is a rumour. ${'x'.repeat(241)}`;
    expect(matchesDltTemplate(template, text)).toBe(false);
    expect(matchesDltTemplate(template, text.slice(0, -1))).toBe(true);
  });

  it('lets through every filling of the variables with at most 30 characters each', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(literal, value(30)), { maxLength: 4 }), literal, (pairs, tail) => {
        const template = pairs.map(([l]) => l + DLT_VARIABLE).join('') + tail;
        const text = pairs.map(([l, v]) => l + v).join('') + tail;
        expect(matchesDltTemplate(template, text)).toBe(true);
      }),
    );
  });

  it('refuses any filling where one variable holds more than 30 characters and the rest is fixed', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !s.includes(DLT_VARIABLE)),
        (l) => {
          const long = 'z'.repeat(31);
          // The literal text has no 'z', so the long value cannot hide inside it.
          fc.pre(!l.includes('z'));
          expect(matchesDltTemplate(`${l}{#var#}${l}`, `${l}${long}${l}`)).toBe(false);
        },
      ),
    );
  });

  it('refuses a text whose literal part differs from the template in any character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.nat(), (text, at) => {
        fc.pre(!text.includes(DLT_VARIABLE));
        const i = at % text.length;
        const changed = text.slice(0, i) + (text[i] === 'q' ? 'r' : 'q') + text.slice(i + 1);
        expect(matchesDltTemplate(text, changed)).toBe(false);
      }),
    );
  });
});

describe('DltTemplateCatalogue.plan', () => {
  const catalogue = new DltTemplateCatalogue(TEMPLATES);

  it('sends an automatic text under the template it matches', () => {
    expect(catalogue.plan('JanSetu: code XY99 not found.')).toEqual({
      ok: true,
      parts: [{ templateId: '1107160000000000002', text: 'JanSetu: code XY99 not found.' }],
    });
    expect(catalogue.plan('जनसेतु: आप पटना सदर थाना – गांधी मैदान मोहल्ला समिति से जुड़ गए।')).toMatchObject({
      ok: true,
      parts: [{ templateId: '1107160000000000001' }],
    });
  });

  it('prefers the text’s own template over a catch-all broadcast template', () => {
    const both = new DltTemplateCatalogue([
      ...TEMPLATES,
      { id: '1107160000000000005', text: '{#var#}{#var#}{#var#}', language: 'en', kind: 'broadcast' },
    ]);
    expect(both.plan('JanSetu: code XY99 not found.')).toMatchObject({
      parts: [{ templateId: '1107160000000000002' }],
    });
  });

  it('refuses a text that matches no template, with the reason', () => {
    expect(catalogue.plan('JanSetu: something unregistered')).toEqual({ ok: false, reason: NO_TEMPLATE_REASON });
  });

  it('holds a requested template to its registered text', () => {
    expect(catalogue.plan('Bihar Police: rumours are false.', '1107160000000000004').ok).toBe(true);
    expect(catalogue.plan('Rumours are false.', '1107160000000000004')).toEqual({
      ok: false,
      reason: 'SMS: text does not match DLT template 1107160000000000004',
    });
    expect(catalogue.plan('Bihar Police: x', '1107169999999999999')).toEqual({
      ok: false,
      reason: 'SMS: DLT template 1107169999999999999 is not registered',
    });
  });

  it('sends a short officer reply as one SMS under the reply template', () => {
    const text = 'बिहार पुलिस (केस 42): कल थाने आइए।';
    expect(catalogue.plan(text)).toEqual({ ok: true, parts: [{ templateId: '1107160000000000003', text }] });
  });

  it('splits a long officer reply into numbered parts, each matching the reply template', () => {
    const words = 'हम आपकी सूचना पर कार्रवाई कर रहे हैं। कृपया कल सुबह दस बजे थाने आइए और अपना पहचान पत्र साथ लाइए। '.repeat(3);
    const plan = catalogue.plan(`बिहार पुलिस (केस 42): ${words.trim()}`);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.parts.length).toBeGreaterThan(2);
    plan.parts.forEach((part, i) => {
      expect(part.templateId).toBe('1107160000000000003');
      expect(matchesDltTemplate(REPLY, part.text)).toBe(true);
      expect(part.text.startsWith(`बिहार पुलिस (केस 42): ${i + 1}/${plan.parts.length} `)).toBe(true);
    });
    // Nothing of the officer's words is lost or reordered.
    const rejoined = plan.parts.map((p) => p.text.replace(/^बिहार पुलिस \(केस 42\): \d+\/\d+ /, '')).join(' ');
    expect(rejoined).toBe(words.trim().split(/\s+/).join(' '));
  });

  it('splits any officer reply so that every part matches and the words survive', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-zक-ह]{1,40}$/), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 99999 }),
        (words, caseNumber) => {
          const text = `बिहार पुलिस (केस ${caseNumber}): ${words.join(' ')}`;
          const plan = catalogue.plan(text);
          if (!plan.ok) throw new Error(plan.reason);
          for (const part of plan.parts) expect(matchesDltTemplate(REPLY, part.text)).toBe(true);
          const rest = plan.parts.map((p) => p.text.replace(/^[^:]*: (?:\d+\/\d+ )?/, '')).join(' ');
          expect(rest.split(' ')).toEqual(words);
        },
      ),
    );
  });

  it('does not split a text outside every reply template’s frame', () => {
    expect(splitIntoTemplate(REPLY, 'Someone else: a long text '.repeat(10))).toBeUndefined();
  });
});
