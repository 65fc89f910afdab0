import { describe, expect, it } from 'vitest';
import { parseJurisdictionCsv } from './jurisdiction-row';

const header = 'code,parent_code,level,name_en,name_hi';

describe('parseJurisdictionCsv', () => {
  it('reads a tree', () => {
    const rows = parseJurisdictionCsv(`${header}\nBR,,state,Bihar,बिहार\nPAT,BR,district,Patna,पटना\n`);
    expect(rows).toEqual([
      { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
      { code: 'PAT', parentCode: 'BR', level: 'district', nameEn: 'Patna', nameHi: 'पटना' },
    ]);
  });

  it.each([
    [`code,name\nBR,Bihar`, /^line 1: header/],
    [`${header}\nBR,,state,Bihar`, /^line 2: expected 5 fields/],
    [`${header}\nBR,,state,Bihar,बिहार\nPAT,XX,district,Patna,पटना`, /^line 3: parent XX is unknown/],
    [
      `${header}\nBR,,state,Bihar,बिहार\nPAT,BR,station,Patna,पटना`,
      /^line 3: a station's parent must be a subdivision/,
    ],
    [`${header}\nBR,,state,Bihar,बिहार\nPAT,BR,district,Patna,`, /^line 3: name_hi is required/],
    [`${header}\nbr,,state,Bihar,बिहार`, /^line 2: code must be/],
  ])('refuses bad input and names the line', (csv, message) => {
    expect(() => parseJurisdictionCsv(csv)).toThrow(message);
  });
});
