import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DltTemplateCatalogue, readDltTemplateFile } from '@jansetu/channels';
import { answerOf } from './answers';
import { Verdict } from './verdict';

const catalogue = new DltTemplateCatalogue(
  readDltTemplateFile(resolve(import.meta.dirname, '../../../../config/dlt-templates.example.json')),
);
const origin = { nameHi: 'मुफस्सिल थाना, समस्तीपुर', nameEn: 'Mufassil police station, Samastipur', date: '02-12-2026' };
const broadcast = {} as Extract<Verdict, { kind: 'genuine' }>['broadcast'];
const rebuttal = {
  hi: 'बच्चा चोरी की कोई घटना नहीं हुई है, यह संदेश झूठा है। अफवाह फैलाना अपराध है।',
  en: 'No child was kidnapped; this message is false. Spreading rumours is a crime.',
};

const verdicts: [string, Verdict][] = [
  ['genuine', { kind: 'genuine', broadcast, by: 'code' }],
  ['altered', { kind: 'altered', broadcast }],
  ['rumour', { kind: 'rumour', rumour: { id: 'r', signature: [], rebuttal, clusterId: null } }],
  [
    'rumour (Hindi only)',
    { kind: 'rumour', rumour: { id: 'r', signature: [], rebuttal: { hi: rebuttal.hi }, clusterId: null } },
  ],
  ['unknown code', { kind: 'unknown-code', code: 'K7M2QX' }],
  ['not police', { kind: 'not-police' }],
  ['empty', { kind: 'empty' }],
];

describe('the shipped DLT register carries every rumour-check answer', () => {
  it.each(verdicts)('%s', (_, verdict) => {
    const text = answerOf(verdict, origin);
    expect(catalogue.plan(text)).toMatchObject({ ok: true, parts: [{ text }] });
  });
});
