/**
 * A full-size synthetic state for tests and benchmarks: by default 38 districts, 101 subdivisions, 1,400 police
 * stations and 45,000 localities (Bihar's order of magnitude), with plausible Hindi and English names built from
 * place-name parts. The same seed always gives the same rows, so benchmark runs compare like with like.
 *
 * Import it (`generateSyntheticState`, `toCsv`), or write a CSV for `npm run cli -- import-jurisdictions`:
 *
 *   npx tsc --outDir /tmp/jansetu-bench --module commonjs --target ES2022 --types node bench/generate-synthetic-state.ts
 *   node /tmp/jansetu-bench/generate-synthetic-state.js state.csv [--seed 42] [--districts 38] [--subdivisions 101]
 *        [--stations 1400] [--localities 45000]
 *
 * It imports nothing from the project, so it compiles on its own.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The import row shape of @jansetu/jurisdiction (kept here so the generator compiles alone). */
export interface SyntheticRow {
  code: string;
  parentCode: string | null;
  level: 'state' | 'district' | 'subdivision' | 'station' | 'locality';
  nameEn: string;
  nameHi: string;
}

export interface SyntheticStateOptions {
  seed?: number;
  districts?: number;
  subdivisions?: number;
  stations?: number;
  localities?: number;
  /** Code of the state node; every other code starts with it. */
  stateCode?: string;
}

export const FULL_STATE: Required<Omit<SyntheticStateOptions, 'seed' | 'stateCode'>> = {
  districts: 38,
  subdivisions: 101,
  stations: 1400,
  localities: 45000,
};

// Place-name parts as they are written in both scripts; a name is a first part and an ending.
// prettier-ignore
const FIRST: [string, string][] = [
  ['Ram', 'राम'], ['Shiv', 'शिव'], ['Har', 'हर'], ['Dev', 'देव'], ['Chand', 'चंद'], ['Sona', 'सोना'], ['Bela', 'बेला'],
  ['Madhu', 'मधु'], ['Kamal', 'कमल'], ['Ganga', 'गंगा'], ['Basant', 'बसंत'], ['Lakshmi', 'लक्ष्मी'], ['Sultan', 'सुल्तान'],
  ['Kishan', 'किशन'], ['Bhagwan', 'भगवान'], ['Nawa', 'नवा'], ['Bara', 'बड़ा'], ['Chhota', 'छोटा'], ['Moti', 'मोती'],
  ['Hira', 'हीरा'], ['Jagdish', 'जगदीश'], ['Mohan', 'मोहन'], ['Gopal', 'गोपाल'], ['Rani', 'रानी'], ['Raja', 'राजा'],
  ['Dhan', 'धन'], ['Anand', 'आनंद'], ['Sher', 'शेर'], ['Fateh', 'फतेह'], ['Akbar', 'अकबर'], ['Narayan', 'नारायण'],
  ['Mahesh', 'महेश'], ['Kali', 'काली'], ['Durga', 'दुर्गा'], ['Sita', 'सीता'], ['Bhim', 'भीम'], ['Arjun', 'अर्जुन'],
  ['Keshav', 'केशव'], ['Madho', 'माधो'], ['Kusum', 'कुसुम'], ['Parsa', 'परसा'], ['Sakra', 'सकरा'], ['Dumra', 'डुमरा'],
  ['Belsand', 'बेलसंड'], ['Tilak', 'तिलक'], ['Baijnath', 'बैजनाथ'], ['Khajuri', 'खजुरी'], ['Amar', 'अमर'],
];
// prettier-ignore
const ENDING: [string, string][] = [
  ['pur', 'पुर'], ['ganj', 'गंज'], ['nagar', 'नगर'], ['garh', 'गढ़'], ['tola', 'टोला'], ['chak', 'चक'], ['dih', 'डीह'],
  ['patti', 'पट्टी'], ['bazar', 'बाज़ार'], ['sarai', 'सराय'], ['hat', 'हाट'], ['ghat', 'घाट'], ['pura', 'पुरा'],
  ['bagh', 'बाग'], ['tand', 'टांड'], ['gaon', 'गाँव'],
];
// prettier-ignore
const QUALIFIER: [string, string][] = [
  ['', ''], ['', ''], ['', ''], [' Khurd', ' खुर्द'], [' Kalan', ' कलां'], [' Tola', ' टोला'], [' Purvi', ' पूर्वी'],
  [' Paschimi', ' पश्चिमी'],
];

/** mulberry32: a small, fast, seedable generator; Math.random cannot be seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shares `total` among `buckets` (each at least one), unevenly as real districts are, summing exactly. */
function spread(total: number, buckets: number, rnd: () => number): number[] {
  if (total < buckets) throw new Error(`cannot spread ${total} over ${buckets} (each needs at least one)`);
  const weights = Array.from({ length: buckets }, () => 0.5 + rnd());
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => 1 + Math.floor(((total - buckets) * w) / sum));
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % buckets, left--) counts[i]++;
  return counts;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function generateSyntheticState(options: SyntheticStateOptions = {}): SyntheticRow[] {
  const districts = options.districts ?? FULL_STATE.districts;
  const subdivisions = options.subdivisions ?? FULL_STATE.subdivisions;
  const stations = options.stations ?? FULL_STATE.stations;
  const localities = options.localities ?? FULL_STATE.localities;
  const state = options.stateCode ?? 'SYN';
  const rnd = random(options.seed ?? 20261128);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const place = (qualified = false): [string, string] => {
    const [fe, fh] = pick(FIRST);
    const [ee, eh] = pick(ENDING);
    const [qe, qh] = qualified ? pick(QUALIFIER) : ['', ''];
    return [`${fe}${ee}${qe}`, `${fh}${eh}${qh}`];
  };

  const rows: SyntheticRow[] = [
    { code: state, parentCode: null, level: 'state', nameEn: 'Synthetic State', nameHi: 'कृत्रिम राज्य' },
  ];
  const subdivisionsPer = spread(subdivisions, districts, rnd);
  const stationsPer = spread(stations, subdivisions, rnd);
  const localitiesPer = spread(localities, stations, rnd);
  let sd = 0;
  let ps = 0;
  for (let d = 0; d < districts; d++) {
    const [den, dhi] = place();
    const dcode = `${state}-D${pad(d + 1, 2)}`;
    rows.push({ code: dcode, parentCode: state, level: 'district', nameEn: den, nameHi: dhi });
    for (let s = 0; s < subdivisionsPer[d]; s++, sd++) {
      // The first subdivision of a district is its Sadar (headquarters) subdivision, as in Bihar.
      const [sen, shi] = s === 0 ? [`${den} Sadar`, `${dhi} सदर`] : place();
      const scode = `${dcode}-SD${s + 1}`;
      rows.push({ code: scode, parentCode: dcode, level: 'subdivision', nameEn: sen, nameHi: shi });
      for (let p = 0; p < stationsPer[sd]; p++, ps++) {
        const [pen, phi] = place();
        const pcode = `${scode}-PS${pad(p + 1, 2)}`;
        rows.push({ code: pcode, parentCode: scode, level: 'station', nameEn: pen, nameHi: phi });
        for (let l = 0; l < localitiesPer[ps]; l++) {
          const [len, lhi] = place(true);
          rows.push({
            code: `${pcode}-L${pad(l + 1, 3)}`,
            parentCode: pcode,
            level: 'locality',
            nameEn: len,
            nameHi: lhi,
          });
        }
      }
    }
  }
  return rows;
}

/** The CSV that `import-jurisdictions` and POST /api/v1/jurisdictions/import read. */
export function toCsv(rows: SyntheticRow[]): string {
  const lines = rows.map((r) => [r.code, r.parentCode ?? '', r.level, r.nameEn, r.nameHi].join(','));
  return `code,parent_code,level,name_en,name_hi\n${lines.join('\n')}\n`;
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      districts: { type: 'string' },
      subdivisions: { type: 'string' },
      stations: { type: 'string' },
      localities: { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    console.error('usage: generate-synthetic-state OUT.csv [--seed N] [--districts N] [--subdivisions N] ...');
    process.exit(2);
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const rows = generateSyntheticState({
    seed: num(values.seed),
    districts: num(values.districts),
    subdivisions: num(values.subdivisions),
    stations: num(values.stations),
    localities: num(values.localities),
  });
  writeFileSync(positionals[0], toCsv(rows));
  console.log(`${rows.length} jurisdictions written to ${positionals[0]}`);
}

// Run as a script (compiled to CommonJS), not when imported by a benchmark.
if (typeof require !== 'undefined' && require.main === module) main(process.argv.slice(2));
