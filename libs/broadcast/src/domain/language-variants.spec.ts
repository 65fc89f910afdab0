import { describe, expect, it } from 'vitest';
import { RLM } from '@jansetu/platform';
import { contentHashes, renderVariant, variantFor, variantsOf } from './broadcast';
import { previewLanguages } from './language-preview';

const body = {
  hi: 'साइबर ठगी से सावधान रहें। OTP किसी को न बताएँ।',
  en: 'Beware of cyber fraud. Never share an OTP.',
  ur: 'سائبر فراڈ سے ہوشیار رہیں۔\nOTP کسی کو نہ بتائیں۔',
};

describe('language variants of a broadcast', () => {
  it.each([
    ['hi', 'hi'],
    ['en', 'en'],
    ['ur', 'ur'],
    ['bho', 'hi'],
    ['mai', 'hi'],
    ['xx', 'hi'],
  ])('a citizen of %s gets the %s text', (language, variant) => {
    expect(variantFor(body, language)).toBe(variant);
  });

  it('sends only the one text, never Hindi and English together', () => {
    expect(renderVariant(body, 'en')).toBe(body.en);
    expect(renderVariant(body, 'hi')).toBe(body.hi);
  });

  it('marks every Urdu line right to left, even one that begins with a Latin keyword', () => {
    expect(renderVariant(body, 'ur')).toBe(`${RLM}سائبر فراڈ سے ہوشیار رہیں۔\n${RLM}OTP کسی کو نہ بتائیں۔`);
  });

  it('treats a blank variant as absent', () => {
    expect(variantsOf({ hi: 'क', mag: '  ' })).toEqual(['hi']);
    expect(variantFor({ hi: 'क', mag: '  ' }, 'mag')).toBe('hi');
  });

  it('fingerprints each variant as sent, and all of them together', () => {
    const hashes = contentHashes(body);
    expect(Object.keys(hashes.variantSha256)).toEqual(['hi', 'en', 'ur']);
    expect(contentHashes({ ...body, ur: 'بدلا ہوا' }).contentSha256).not.toBe(hashes.contentSha256);
    expect(contentHashes({ ...body, ur: 'بدلا ہوا' }).variantSha256.hi).toBe(hashes.variantSha256.hi);
  });
});

describe('the preview per language', () => {
  const audience = [
    { channel: 'sms', language: 'hi', n: 10 },
    { channel: 'whatsapp', language: 'hi', n: 5 },
    { channel: 'sms', language: 'en', n: 4 },
    { channel: 'sms', language: 'bho', n: 3 },
    { channel: 'telegram', language: 'ur', n: 2 },
  ];

  it('counts each language, with the text it gets, its SMS parts and cost', () => {
    const rows = previewLanguages(body, audience, 25);
    expect(
      rows.map((r) => [r.language, r.recipients, r.smsRecipients, r.sentIn, r.encoding, r.segmentsPerMessage]),
    ).toEqual([
      ['hi', 15, 10, 'hi', 'ucs2', 1],
      ['en', 4, 4, 'en', 'gsm7', 1],
      ['bho', 3, 3, 'hi', 'ucs2', 1],
      ['ur', 2, 0, 'ur', 'ucs2', 1],
    ]);
    expect(rows.find((r) => r.language === 'hi')).toMatchObject({ totalSegments: 10, estimatedCostInr: 2.5 });
    expect(rows.find((r) => r.language === 'en')!.characters).toBe(body.en.length);
  });

  it('warns when a language gets the Hindi fallback, and only then', () => {
    const rows = previewLanguages(body, audience, 25);
    expect(rows.filter((r) => r.warning).map((r) => r.language)).toEqual(['bho']);
    expect(rows.find((r) => r.language === 'bho')!.warning).toMatch(
      /^3 recipient\(s\) chose Bhojpuri.*हिंदी पाठ मिलेगा$/,
    );
  });

  it('English alone is GSM-7: 160 characters in one part, where Hindi took 70', () => {
    const long = { hi: 'क'.repeat(100), en: 'a'.repeat(150) };
    const rows = previewLanguages(
      long,
      [
        { channel: 'sms', language: 'hi', n: 1 },
        { channel: 'sms', language: 'en', n: 1 },
      ],
      25,
    );
    expect(rows.map((r) => [r.language, r.encoding, r.segmentsPerMessage])).toEqual([
      ['hi', 'ucs2', 2],
      ['en', 'gsm7', 1],
    ]);
  });

  it('lists a variant nobody chose, with no recipients and no warning', () => {
    const rows = previewLanguages({ hi: 'क', mai: 'ख' }, [{ channel: 'sms', language: 'hi', n: 1 }], 25);
    expect(rows.map((r) => [r.language, r.recipients, r.warning])).toEqual([
      ['hi', 1, null],
      ['mai', 0, null],
    ]);
  });
});
