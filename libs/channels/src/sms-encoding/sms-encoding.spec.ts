import { describe, expect, it } from 'vitest';
import { isGsm7, smsSegments } from './sms-encoding';

// A rumour rebuttal as Bihar Police would send it; Devanagari matras, halant and nukta are separate code units.
const RUMOUR_REBUTTAL = 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ।';
const HINDI_70 = 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ। सूचना हेतु 112 डायल करें।';
const HINDI_71 = 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ। सूचना हेतु 112 डायल कीजिए।';

describe('smsSegments', () => {
  it('sends a real Hindi police message as UCS-2, counting every matra and the danda', () => {
    // ब च ् च ा(5) च ो र ी(4) क ी(2) अ फ व ा ह(5) झ ू ठ ी(4) ह ै ।(3) अ फ व ा ह(5) न(1) फ ै ल ा ए ँ ।(7) + 8 spaces
    expect(smsSegments(RUMOUR_REBUTTAL)).toEqual({ encoding: 'ucs2', units: 44, segments: 1, perSegment: 70 });
  });

  it('fits a 70-character Hindi text in one SMS', () => {
    expect(HINDI_70).toHaveLength(70);
    expect(smsSegments(HINDI_70)).toEqual({ encoding: 'ucs2', units: 70, segments: 1, perSegment: 70 });
  });

  it('splits a 71-character Hindi text into two parts of at most 67', () => {
    expect(HINDI_71).toHaveLength(71);
    expect(smsSegments(HINDI_71)).toEqual({ encoding: 'ucs2', units: 71, segments: 2, perSegment: 67 });
  });

  it('counts a longer Hindi broadcast in 67-unit parts', () => {
    const text = `${RUMOUR_REBUTTAL} किसी भी संदिग्ध सूचना के लिए तुरंत 112 डायल करें। - बिहार पुलिस`;
    expect(smsSegments(text)).toMatchObject({ encoding: 'ucs2', units: 108, segments: 2 });
    expect(smsSegments(HINDI_70.repeat(2)).segments).toBe(3); // 140 units: 67 + 67 + 6
  });

  it('fits 160 ASCII characters in one GSM-7 SMS and needs two for 161', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1, perSegment: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2, perSegment: 153 });
  });

  it('packs 153 characters per part of a multipart GSM-7 message', () => {
    expect(smsSegments('x'.repeat(153 * 2)).segments).toBe(2);
    expect(smsSegments('x'.repeat(307)).segments).toBe(3);
  });

  it('counts the euro sign and the other extension characters as two units each', () => {
    expect(smsSegments('€')).toMatchObject({ encoding: 'gsm7', units: 2 });
    expect(smsSegments('^{}\\[~]|€\f').units).toBe(20);
    expect(smsSegments('€'.repeat(80)).segments).toBe(1);
    expect(smsSegments('a' + '€'.repeat(80)).segments).toBe(2);
  });

  it('never splits an escape pair across parts', () => {
    // 306 units would fit two parts, but the euro sign cannot straddle the boundary after 152 characters.
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(152);
    expect(smsSegments(text)).toMatchObject({ encoding: 'gsm7', units: 306, segments: 3 });
  });

  it('forces UCS-2 for an emoji and counts it as two UTF-16 units', () => {
    expect(smsSegments('Stay safe 🙏')).toEqual({ encoding: 'ucs2', units: 12, segments: 1, perSegment: 70 });
  });

  it('never splits a surrogate pair across parts', () => {
    // 134 units would fit two parts, but the emoji cannot straddle the boundary after 66 characters.
    const text = 'अ'.repeat(66) + '🚨' + 'अ'.repeat(66);
    expect(smsSegments(text)).toMatchObject({ encoding: 'ucs2', units: 134, segments: 3 });
  });

  it('keeps the accented letters of the GSM-7 basic table in GSM-7', () => {
    expect(smsSegments('Ça va? Señor Müller à Göteborg, 5£ @ §12 ¿¡')).toMatchObject({ encoding: 'gsm7', units: 43 });
  });

  it('treats letters outside the GSM-7 tables as UCS-2', () => {
    expect(smsSegments('ç').encoding).toBe('ucs2'); // only capital Ç is in the basic table
    expect(smsSegments('`').encoding).toBe('ucs2');
    expect(smsSegments('₹100').encoding).toBe('ucs2');
  });

  it('counts an empty text as one SMS', () => {
    expect(smsSegments('')).toEqual({ encoding: 'gsm7', units: 0, segments: 1, perSegment: 160 });
  });
});

describe('isGsm7', () => {
  it('accepts the basic and extension tables and refuses Devanagari', () => {
    expect(isGsm7('Bihar Police: call 112 {help} [24x7] ~ €5')).toBe(true);
    expect(isGsm7('line one\nline two\r\n')).toBe(true);
    expect(isGsm7(RUMOUR_REBUTTAL)).toBe(false);
    expect(isGsm7('hello 😀')).toBe(false);
  });
});
