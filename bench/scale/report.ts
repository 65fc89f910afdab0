import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured line: JanSetu's figure, the baseline's in the same run, and the target it is held to. */
export interface Row {
  scenario: string;
  measure: string;
  jansetu: number;
  baseline: number | null;
  unit: string;
  /** jansetu / baseline: for times lower is better, for rates higher is better. */
  ratio: number | null;
  target: string;
  met: boolean | null;
  note?: string;
}

export const rows: Row[] = [];

export function add(row: Omit<Row, 'ratio'>): void {
  const rest = row;
  const ratio = row.baseline ? round(row.jansetu / row.baseline, 2) : null;
  rows.push({
    ...rest,
    jansetu: round(row.jansetu, 2),
    baseline: row.baseline === null ? null : round(row.baseline, 2),
    ratio,
  });
  console.log(
    `[bench] ${row.scenario} | ${row.measure}: ${round(row.jansetu, 1)} ${row.unit}` +
      (row.baseline !== null ? ` vs baseline ${round(row.baseline, 1)} (ratio ${ratio})` : '') +
      ` | ${row.target} → ${row.met === null ? 'n/a' : row.met ? 'met' : 'MISSED'}`,
  );
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function machine() {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  };
}

export function table(): string {
  const head = ['scenario', 'measure', 'JanSetu', 'baseline', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.scenario,
    r.measure,
    `${r.jansetu.toLocaleString('en-US')} ${r.unit}`,
    r.baseline === null ? '—' : `${r.baseline.toLocaleString('en-US')} ${r.unit}`,
    r.ratio === null ? '—' : `${r.ratio}×`,
    r.target,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  return [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function writeResults(root: string, extra: Record<string, unknown> = {}): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), machine: machine(), rows, ...extra }, null, 2) + '\n',
  );
  return file;
}
