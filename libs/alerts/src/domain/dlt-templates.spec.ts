import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DltTemplateCatalogue, readDltTemplateFile } from '@jansetu/channels';
import { alertText } from './alerts';

const catalogue = new DltTemplateCatalogue(
  readDltTemplateFile(resolve(import.meta.dirname, '../../../../config/dlt-templates.example.json')),
);

describe('the shipped DLT register carries the case alerts to officers', () => {
  it.each([0, 1, 2])('level %i', (level) => {
    const text = alertText(123456, 'T-7KQ2M9', level);
    expect(catalogue.plan(text)).toMatchObject({ ok: true, parts: [{ text }] });
  });
});
