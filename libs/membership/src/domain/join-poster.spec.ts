import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GroupRef } from './group-ref';
import { joinMaterial } from './join-material';
import { renderJoinPoster } from './join-poster';

const group: GroupRef = {
  id: '0b5c8a52-4d8e-4f7e-9a55-1f0f0c6f2d11',
  name: 'मुफस्सिल जनसेतु',
  language: 'hi',
  joinCode: '482193',
  status: 'open',
  path: '/a/b/c/d/',
  jurisdiction: { code: 'SAM-MUFASSIL', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
};
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length;
/** Rectangles drawn on the page (a QR code is one filled square per dark module), from the inflated content. */
const rectangles = (pdf: Buffer) => {
  const raw = pdf.toString('latin1');
  let n = 0;
  for (const m of raw.matchAll(/\/FlateDecode[^]*?stream\n([^]*?)\nendstream/g)) {
    const content = inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    n += content.match(/ re\n/g)?.length ?? 0;
  }
  return n;
};

describe('join material', () => {
  it('gives the SMS keyword, the Telegram deep link and the WhatsApp click-to-chat link', () => {
    const material = joinMaterial(group, {
      smsNumber: '+919431000000',
      whatsappNumber: '+91 94310 00001',
      telegramBot: 'JanSetuBot',
    });
    expect(material).toMatchObject({
      joinCode: '482193',
      sms: { text: 'JOIN 482193', textHi: 'जुड़ें 482193', number: '+919431000000' },
      telegramLink: 'https://t.me/JanSetuBot?start=482193',
      whatsappLink: 'https://wa.me/919431000001?text=JOIN%20482193',
      posterPath: `/api/v1/groups/${group.id}/poster.pdf`,
    });
    expect(material.sms.instructions.en).toBe('Send JOIN 482193 by SMS to +919431000000.');
  });

  it("names the station's SMS number and leaves out links that are not configured", () => {
    const material = joinMaterial(group, {});
    expect(material).toMatchObject({ telegramLink: null, whatsappLink: null, sms: { number: null } });
    expect(material.sms.instructions.en).toBe("Send JOIN 482193 by SMS to your station's SMS number.");
    expect(material.sms.instructions.hi).toContain('अपने थाने के SMS नंबर');
  });
});

describe('the join poster', () => {
  it('is one A4 page with the Devanagari and Latin fonts embedded', async () => {
    const pdf = await renderJoinPoster(
      joinMaterial(group, { smsNumber: '+919431000000', whatsappNumber: '+919431000001', telegramBot: 'JanSetuBot' }),
    );
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(pageCount(pdf)).toBe(1);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text.match(/\/FontFile2/g)).toHaveLength(2);
  });

  it('draws the QR codes only for the channels that are configured', async () => {
    const withCodes = await renderJoinPoster(
      joinMaterial(group, { whatsappNumber: '+919431000001', telegramBot: 'Bot12' }),
    );
    const without = await renderJoinPoster(joinMaterial(group, {}));
    expect(pageCount(without)).toBe(1);
    // Every dark module of a QR code is a filled square: two codes are hundreds of them.
    expect(rectangles(withCodes) - rectangles(without)).toBeGreaterThan(400);
    expect(rectangles(without)).toBeLessThan(10);
  });

  it('keeps a very long station name on the page', async () => {
    const long = {
      ...group,
      jurisdiction: { ...group.jurisdiction, nameHi: 'बहुत लंबा नाम '.repeat(8), nameEn: 'Long '.repeat(20) },
    };
    expect(pageCount(await renderJoinPoster(joinMaterial(long, {})))).toBe(1);
  });
});
