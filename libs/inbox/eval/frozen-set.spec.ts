import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The set is frozen: this spec checks its shape and its checksum, and never runs the classifier on it.
interface Item {
  id: string;
  label: string;
  lang: string;
  text: string;
}

const bytes = readFileSync(join(__dirname, 'frozen-v1.json'));
const items = JSON.parse(bytes.toString('utf8')) as Item[];
const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');

const MIN_PER_CLASS: Record<string, number> = {
  emergency: 70,
  tip: 60,
  complaint: 60,
  rumour: 50,
  greeting: 40,
  political: 40,
  spam: 40,
  abuse: 40,
};
const MIN_PER_LANG: Record<string, number> = {
  hi: 170,
  'hi-latn': 90,
  en: 40,
  bho: 20,
  mai: 20,
  mag: 20,
  ur: 20,
  mixed: 20,
};

const count = (key: (item: Item) => string) =>
  items.reduce((counts, item) => counts.set(key(item), (counts.get(key(item)) ?? 0) + 1), new Map<string, number>());

describe('frozen evaluation set v1', () => {
  it('is byte for byte the file whose sha256 the README records', () => {
    const recorded = /sha256: `([0-9a-f]{64})`/.exec(readme)?.[1];
    expect(recorded).toBeDefined();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(recorded);
  });

  it('holds at least 420 well-formed messages with unique ids and texts', () => {
    expect(items.length).toBeGreaterThanOrEqual(420);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['id', 'label', 'lang', 'text']);
      expect(item.id).toMatch(/^e\d{3}$/);
      expect(Object.keys(MIN_PER_CLASS)).toContain(item.label);
      expect(Object.keys(MIN_PER_LANG)).toContain(item.lang);
      expect(item.text.trim()).toBe(item.text);
      expect(item.text.length).toBeGreaterThan(0);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.text)).size).toBe(items.length);
    // Texts differing only in case, spaces or punctuation would count one message twice.
    expect(new Set(items.map((i) => i.text.toLowerCase().replace(/[\s\p{P}]+/gu, ''))).size).toBe(items.length);
  });

  it.each(Object.entries(MIN_PER_CLASS))('has at least its minimum of %s messages (%i)', (label, min) => {
    expect(count((i) => i.label).get(label) ?? 0).toBeGreaterThanOrEqual(min);
  });

  it.each(Object.entries(MIN_PER_LANG))('has at least its minimum of messages in %s (%i)', (lang, min) => {
    expect(count((i) => i.lang).get(lang) ?? 0).toBeGreaterThanOrEqual(min);
  });

  it('mixes every language into every class and keeps Devanagari Hindi the largest share', () => {
    const pairs = count((i) => `${i.label}/${i.lang}`);
    for (const label of Object.keys(MIN_PER_CLASS))
      for (const lang of Object.keys(MIN_PER_LANG))
        expect(pairs.get(`${label}/${lang}`) ?? 0, `${label}/${lang}`).toBeGreaterThan(0);
    expect(count((i) => i.lang).get('hi')! / items.length).toBeGreaterThanOrEqual(0.4);
  });

  it('has long messages (at least 10% over 200 characters)', () => {
    expect(items.filter((i) => i.text.length > 200).length / items.length).toBeGreaterThanOrEqual(0.1);
  });

  it('carries no real-looking Indian mobile number', () => {
    expect(items.filter((i) => /(?<!\d)(?:\+?91[\s-]?)?[6-9]\d{9}(?!\d)/.test(i.text)).map((i) => i.id)).toEqual([]);
  });
});
