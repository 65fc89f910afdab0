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

/** A row of an import file that cannot be imported, with where it is (the CSV line, or the row number). */
export interface RowError {
  at: string;
  reason: string;
}

/** Rows that passed their checks and the ones that did not; a dry run shows both, an import refuses any error. */
export interface CheckedRows {
  rows: JurisdictionRow[];
  errors: RowError[];
}

/** Parses `code,parent_code,level,name_en,name_hi` CSV (header required) into rows; errors name the line. */
export function parseJurisdictionCsv(text: string): JurisdictionRow[] {
  return firstErrorThrown(checkJurisdictionCsv(text));
}

/** Checks every row of the tree, as validateRows does, and names every line that is wrong (not just the first). */
export function checkJurisdictionCsv(text: string, known: Map<string, Level> = new Map()): CheckedRows {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (header?.join(',') !== 'code,parent_code,level,name_en,name_hi') {
    return { rows: [], errors: [{ at: 'line 1', reason: 'header must be code,parent_code,level,name_en,name_hi' }] };
  }
  const rows: unknown[] = [];
  const lineOf: number[] = [];
  const errors: RowError[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 5) {
      errors.push({ at: `line ${i + 2}`, reason: `expected 5 fields, found ${cells.length}` });
      return;
    }
    rows.push({ code: cells[0], parentCode: cells[1] || null, level: cells[2], nameEn: cells[3], nameHi: cells[4] });
    lineOf.push(i + 2);
  });
  const checked = checkRows(rows, (i) => `line ${lineOf[i]}`, known);
  const line = (e: RowError) => Number(e.at.slice(5));
  return { rows: checked.rows, errors: [...errors, ...checked.errors].sort((a, b) => line(a) - line(b)) };
}

/** Checks shape, codes, levels and that every parent is known and one level up. */
export function validateRows(
  input: unknown[],
  where: (index: number) => string = (i) => `row ${i + 1}`,
  known: Map<string, Level> = new Map(),
): JurisdictionRow[] {
  return firstErrorThrown(checkRows(input, where, known));
}

function firstErrorThrown({ rows, errors }: CheckedRows): JurisdictionRow[] {
  if (errors.length) throw new ValidationError(`${errors[0].at}: ${errors[0].reason}`);
  return rows;
}

/** Every row's faults (the first of each row); the rows without any are returned for a diff. */
export function checkRows(
  input: unknown[],
  where: (index: number) => string = (i) => `row ${i + 1}`,
  known: Map<string, Level> = new Map(),
): CheckedRows {
  const levels = new Map(known);
  const errors: { index: number; reason: string }[] = [];
  const shape = (raw: unknown): string | JurisdictionRow => {
    const r = raw as Partial<JurisdictionRow>;
    if (!r || typeof r !== 'object') return 'not an object';
    if (typeof r.code !== 'string' || !CODE.test(r.code)) return 'code must be A-Z, 0-9, - (max 40)';
    if (!Levels.includes(r.level as Level)) return `level must be one of ${Levels.join(', ')}`;
    if (typeof r.nameEn !== 'string' || !r.nameEn.trim()) return 'name_en is required';
    if (typeof r.nameHi !== 'string' || !r.nameHi.trim()) return 'name_hi is required';
    if (levels.has(r.code) && !known.has(r.code)) return `code ${r.code} appears twice`;
    levels.set(r.code, r.level as Level);
    return {
      code: r.code,
      parentCode: r.parentCode ?? null,
      level: r.level as Level,
      nameEn: r.nameEn.trim(),
      nameHi: r.nameHi.trim(),
    };
  };
  const shaped = input.map((raw, index) => {
    const row = shape(raw);
    if (typeof row === 'string') errors.push({ index, reason: row });
    return row;
  });
  const parentFault = (r: JurisdictionRow): string | null => {
    const expected = PARENT_LEVEL[r.level];
    if (expected === null) return r.parentCode ? 'a state has no parent' : null;
    const parentLevel = r.parentCode ? levels.get(r.parentCode) : undefined;
    if (!parentLevel) return `parent ${r.parentCode ?? '(none)'} is unknown`;
    if (parentLevel !== expected)
      return `a ${r.level}'s parent must be a ${expected}, ${r.parentCode} is a ${parentLevel}`;
    return null;
  };
  const rows: JurisdictionRow[] = [];
  shaped.forEach((r, index) => {
    if (typeof r === 'string') return;
    const fault = parentFault(r);
    if (fault) errors.push({ index, reason: fault });
    else rows.push(r);
  });
  errors.sort((a, b) => a.index - b.index);
  return { rows, errors: errors.map((e) => ({ at: where(e.index), reason: e.reason })) };
}

/** What an import reads: rows (JSON) or a CSV file's text, whose errors then name its lines. */
export type ImportInput = unknown[] | { csv: string };

/** Checks an import against the nodes that already exist (a new station may hang on a known subdivision). */
export function checkImport(input: ImportInput, known: Map<string, Level>): CheckedRows {
  return Array.isArray(input) ? checkRows(input, undefined, known) : checkJurisdictionCsv(input.csv, known);
}

export function validateImport(input: ImportInput, known: Map<string, Level>): JurisdictionRow[] {
  return firstErrorThrown(checkImport(input, known));
}
