/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directionalise } from './languages';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Laid out by a real bidi implementation (Chromium's ICU), the way a phone's messaging app shows a message: each
 * paragraph's direction from its first strong letter (`unicode-bidi: plaintext`, Android's default "firstStrong").
 */
describe('Urdu text on a phone screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    // Chromium from the Debian package (npm test installs it): missing is a failure, never a quiet skip.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required at ${CHROMIUM} (apt-get install chromium)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => browser?.close());

  /** Where each marked substring lands: x of its left edge, for each of `marks`. */
  const layout = async (text: string, marks: string[], shot?: string) => {
    const page = await browser.newPage({ viewport: { width: 360, height: 200 } });
    await page.setContent(
      `<p id="m" style="unicode-bidi: plaintext; white-space: pre-line; width: 340px; font: 18px sans-serif"></p>`,
    );
    const result = await page.evaluate(
      ({ text, marks }) => {
        const p = document.getElementById('m')!;
        p.textContent = text;
        const node = p.firstChild!;
        const box = p.getBoundingClientRect();
        const xOf = (i: number) => {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          return r.getBoundingClientRect().left - box.left;
        };
        const first = [...text].findIndex((c) => /\p{L}/u.test(c));
        return {
          width: box.width,
          firstLetterX: xOf(text.indexOf([...text][first])),
          marks: marks.map((m) => ({ start: xOf(text.indexOf(m)), end: xOf(text.indexOf(m) + m.length - 1) })),
        };
      },
      { text, marks },
    );
    if (shot) {
      mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
      await page.screenshot({ path: join(process.cwd(), '.tmp', `${shot}.png`) });
    }
    await page.close();
    return result;
  };

  const urdu = 'STOP بھیجیں تو سب پیغامات بند ہو جائیں گے۔ JOIN 482193 سے دوبارہ جڑیں۔';

  it('without a mark, a line that begins with a Latin keyword is laid out left to right (the fault)', async () => {
    const plain = await layout(urdu, ['STOP']);
    expect(plain.marks[0].start).toBeLessThan(plain.width / 4); // STOP at the left: a left-to-right paragraph
  });

  it('with the RLM, the same line reads right to left and keywords and codes stay whole', async () => {
    const text = directionalise(urdu, 'ur');
    const shown = await layout(text, ['STOP', 'JOIN 482193'], 'urdu-rtl');
    const [stop, join] = shown.marks;
    expect(stop.start).toBeGreaterThan(shown.width / 2); // STOP begins the sentence at the right edge
    expect(join.end).toBeGreaterThan(join.start); // "JOIN 482193" left to right: J left of the last digit
    expect(join.start).toBeLessThan(stop.start); // and after STOP in reading order (further left)
  });

  it('leaves Hindi alone', () => {
    expect(directionalise('STOP भेजें', 'hi')).toBe('STOP भेजें');
  });
});
