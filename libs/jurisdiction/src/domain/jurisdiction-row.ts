import { ValidationError } from '@jansetu/platform';

export const Levels = ['state', 'district', 'subdivision', 'station', 'locality'] as const;
export type Level = (typeof Levels)[number];

/** One node of the tree as it arrives in an import file. */
export interface JurisdictionRow {
  code: string;
  parentCode: string | null;
  level: Level;
  nameEn: string;
  nameHi: string;
}

const CODE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;
const PARENT_LEVEL: Record<Level, Level | null> = {
  state: null,
  district: 'state',
  subdivision: 'district',
  station: 'subdivision',
  locality: 'station',
};

/** Parses `code,parent_code,level,name_en,name_hi` CSV (header required) into rows; errors name the line. */
export function parseJurisdictionCsv(text: string): JurisdictionRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (header?.join(',') !== 'code,parent_code,level,name_en,name_hi') {
    throw new ValidationError('line 1: header must be code,parent_code,level,name_en,name_hi');
  }
  const rows: unknown[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 5) throw new ValidationError(`line ${i + 2}: expected 5 fields, found ${cells.length}`);
    rows.push({ code: cells[0], parentCode: cells[1] || null, level: cells[2], nameEn: cells[3], nameHi: cells[4] });
  });
  return validateRows(rows, (i) => `line ${i + 2}`);
}

/** Checks shape, codes, levels and that every parent is known and one level up. */
export function validateRows(
  input: unknown[],
  where: (index: number) => string = (i) => `row ${i + 1}`,
  known: Map<string, Level> = new Map(),
): JurisdictionRow[] {
  const levels = new Map(known);
  const rows = input.map((raw, i) => {
    const r = raw as Partial<JurisdictionRow>;
    const at = where(i);
    if (!r || typeof r !== 'object') throw new ValidationError(`${at}: not an object`);
    if (typeof r.code !== 'string' || !CODE.test(r.code))
      throw new ValidationError(`${at}: code must be A-Z, 0-9, - (max 40)`);
    if (!Levels.includes(r.level as Level))
      throw new ValidationError(`${at}: level must be one of ${Levels.join(', ')}`);
    if (typeof r.nameEn !== 'string' || !r.nameEn.trim()) throw new ValidationError(`${at}: name_en is required`);
    if (typeof r.nameHi !== 'string' || !r.nameHi.trim()) throw new ValidationError(`${at}: name_hi is required`);
    if (levels.has(r.code) && !known.has(r.code)) throw new ValidationError(`${at}: code ${r.code} appears twice`);
    levels.set(r.code, r.level as Level);
    return {
      code: r.code,
      parentCode: r.parentCode ?? null,
      level: r.level as Level,
      nameEn: r.nameEn.trim(),
      nameHi: r.nameHi.trim(),
    };
  });
  rows.forEach((r, i) => {
    const expected = PARENT_LEVEL[r.level];
    if (expected === null) {
      if (r.parentCode) throw new ValidationError(`${where(i)}: a state has no parent`);
      return;
    }
    const parentLevel = r.parentCode ? levels.get(r.parentCode) : undefined;
    if (!parentLevel) throw new ValidationError(`${where(i)}: parent ${r.parentCode ?? '(none)'} is unknown`);
    if (parentLevel !== expected) {
      throw new ValidationError(
        `${where(i)}: a ${r.level}'s parent must be a ${expected}, ${r.parentCode} is a ${parentLevel}`,
      );
    }
  });
  return rows;
}
