import { describe, expect, it } from 'vitest';
import { looksForwarded, matchText, numbersIn, signatureOf, similarity } from './near-duplicate';

const hi = 'बच्चा चोरी की अफवाह झूठी है। किसी अनजान व्यक्ति को भीड़ बनाकर न पीटें, पुलिस को 112 पर सूचना दें।';
const en = 'The child-lifting rumour is false. Do not beat strangers; call the police on 112.';
const sent = `${hi}\n${en}\nसत्यापन कोड / Verify: K7M2QX`;

/** The best similarity to any variant of the sent message, as verification compares them. */
function best(text: string): number {
  const s = signatureOf(text);
  return Math.max(...[sent, hi, en].map((v) => similarity(s, signatureOf(v))));
}

// What a forwarded copy looks like after WhatsApp, a feature phone or a person retyping it.
const MUST_MATCH: [string, string][] = [
  ['as sent', sent],
  ['"Forwarded" label', `Forwarded\n${sent}`],
  ['"Forwarded many times", blank lines, indents, emoji', `Forwarded many times\n\n   ${hi}   \n\n ${en} 🙏🙏`],
  ['Hindi part only', hi],
  ['English part only', en],
  ['code line dropped', `${hi}\n${en}`],
  ['re-typed without punctuation or nukta', hi.replace(/[।,]/g, '').replace(/ड़/g, 'ड')],
  ['last sentence trimmed', 'बच्चा चोरी की अफवाह झूठी है। किसी अनजान व्यक्ति को भीड़ बनाकर न पीटें, पुलिस को 112'],
  ['emoji and shouting', `🚨🚨 ${hi.replace(/।/g, '!!')} 👮‍♂️\n${en.toUpperCase()}`],
  ['spaces changed', hi.replace(/ /g, '  ').replace('अनजान व्यक्ति', 'अनजानव्यक्ति')],
  ['Fwd: prefix and "share karen"', `Fwd: ${hi}\nshare karen`],
  ['Devanagari digits', hi.replace('112', '११२')],
];

// Near misses: the same topic or words, a different message.
const MUST_NOT_MATCH: [string, string][] = [
  ['a rumour on the same topic', 'बच्चा चोरी करने वाला गिरोह गाँव में घूम रहा है, सावधान रहें, सबको बताएं।'],
  ['another police notice', 'पुलिस की सूचना: कल से धारा 144 लागू रहेगी, सभी दुकानें शाम 6 बजे बंद रहेंगी।'],
  ['a citizen asking about it', 'सर क्या बच्चा चोरी वाली बात सच है? हमारे गाँव में लोग डरे हुए हैं'],
  ['an English rumour', 'URGENT: kidnappers in a white van are taking children near the school, share with everyone'],
  ['a greeting', 'नमस्ते सर, सुप्रभात'],
];

describe('near-duplicate matching of forwarded texts', () => {
  it.each(MUST_MATCH)('matches: %s', (_label, text) => {
    expect(best(text)).toBeGreaterThanOrEqual(0.6);
  });

  it.each(MUST_NOT_MATCH)('does not match: %s', (_label, text) => {
    expect(best(text)).toBeLessThan(0.3);
  });

  it('changing a number keeps the words close but the numbers tell it apart', () => {
    const altered = hi.replace('112', '9876543210');
    expect(best(altered)).toBeGreaterThan(0.6);
    expect(numbersIn(altered)).not.toEqual(numbersIn(hi));
    expect(numbersIn(hi.replace('112', '११२'))).toEqual(['112']);
  });

  it('drops the messenger wrappers and the verification line, keeps letters and digits', () => {
    expect(matchText('Forwarded\nसत्यापन कोड / Verify: K7M2QX\nHello, World! 🙂')).toBe('heloworld');
    expect(matchText('Fwd: धारा 144')).toBe('धारा144');
  });

  it('signatures are stable and empty only without letters or digits', () => {
    expect(signatureOf(hi)).toEqual(signatureOf(hi));
    expect(signatureOf(hi)).toHaveLength(128);
    expect(signatureOf('🙏🙏 !!')).toEqual([]);
    expect(similarity([], signatureOf(hi))).toBe(0);
  });

  it.each([
    ['Forwarded\nकुछ भी', true],
    ['Forwarded many times\ntext', true],
    ['---------- Forwarded message ---------\ntext', true],
    ['Fwd: something', true],
    ['फॉरवर्ड किया गया\nसंदेश', true],
    ['मेरे पड़ोस में चोरी हुई', false],
    ['I forwarded your number to my brother', false],
  ])('looksForwarded(%j) = %s', (text, expected) => {
    expect(looksForwarded(text)).toBe(expected);
  });
});
