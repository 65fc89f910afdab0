/**
 * What choosing a DLT template costs a send, against counting the text's SMS segments (which every DLT send already
 * does) in the same run, with the shipped register (config/dlt-templates.example.json, ~100 templates):
 *
 *   npx vitest bench --run --config bench/vitest.bench.config.mts bench/channels
 *
 * Cases: an automatic text that matches (the consent notice), a text that matches none (every template tried: the
 * worst case), and an officer reply of 500 characters split into parts. Compare the hz column to the baseline's.
 */
import { resolve } from 'node:path';
import { bench, describe } from 'vitest';
import { DltTemplateCatalogue, readDltTemplateFile, smsSegments } from '@jansetu/channels';

const catalogue = new DltTemplateCatalogue(
  readDltTemplateFile(resolve(import.meta.dirname, '../../config/dlt-templates.example.json')),
);
const JOINED = 'जनसेतु: आप मुफस्सिल जनसेतु से जुड़ गए। बिहार पुलिस की सूचनाएँ/अलर्ट आएँगे, नंबर गुप्त रहेगा। छोड़ें: STOP। English: LANG EN';
const NONE = 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ। सत्यापन कोड / Verify: K7M2QX';
const REPLY = `बिहार पुलिस (केस 42): ${'आपकी सूचना पर थाना प्रभारी ने जाँच शुरू कर दी है, कृपया धैर्य रखें। '.repeat(8).slice(0, 500)}`;

describe('DLT template choice per send', () => {
  bench('baseline: smsSegments(consent notice)', () => void smsSegments(JOINED));
  bench('plan: consent notice (matches)', () => void catalogue.plan(JOINED));
  bench('plan: unregistered broadcast (matches none)', () => void catalogue.plan(NONE));
  bench('plan: officer reply of 500 characters (split)', () => void catalogue.plan(REPLY));
});
