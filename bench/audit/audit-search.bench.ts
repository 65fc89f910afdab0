/**
 * Auditor search over one million audit events, against a primary-key lookup measured in the same run.
 *
 *   npx vitest bench --run --config bench/vitest.bench.config.mts bench/audit
 *
 * Needs the PostgreSQL of the tests (DATABASE_URL, else 127.0.0.1:5432); creates a fresh database, fills it with
 * INSERT ... SELECT generate_series (the append-only trigger allows INSERT), ANALYZEs, measures the query the API
 * runs (SearchAuditEventsHandler), prints p50/p95 and each query's ratio to the baseline, and drops the database.
 * AUDIT_BENCH_EVENTS changes the size (default 1,000,000).
 */
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { DataSource } from 'typeorm';
import { AuditSearchFilter, SearchAuditEventsQuery } from '@jansetu/audit';
import { dataSourceOptions, migrate } from '@jansetu/platform';
import { createDatabase, dropDatabases, testConfig } from '@jansetu/testing';
// The handler itself is measured, without Nest around it; libraries export their handlers only to their module.
// eslint-disable-next-line no-restricted-imports
import { SearchAuditEventsHandler } from '../../libs/audit/src/queries/search-audit-events/search-audit-events.handler';

const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const PREFIX = `jansetu_bench_${process.pid}`;
const DISTRICTS = 38; // Bihar has 38 districts
const PER_DISTRICT = 3; // subdivisions per district, and stations per subdivision: 342 stations
const YEAR_START = Date.parse('2025-12-01T00:00:00Z');
const DAY = 86_400_000;
const RUN = { time: 5_000, warmupTime: 500, warmupIterations: 20 };

let dataSource: DataSource;
let search: SearchAuditEventsHandler;
let districts: { code: string; path: string }[] = [];
let stations: { code: string; path: string }[] = [];
let eventIds: string[] = [];
const samples = new Map<string, number[]>();
const rowsReturned = new Map<string, number[]>();
let n = 0;

/** Times one call into the samples of `name`, which count only once the warm-up is over. */
async function timed(name: string, work: () => Promise<number>): Promise<void> {
  const start = performance.now();
  const rows = await work();
  samples.get(name)?.push(performance.now() - start);
  rowsReturned.get(name)?.push(rows);
}

function measure(name: string, work: () => Promise<number>) {
  bench(name, () => timed(name, work), {
    ...RUN,
    setup: (_task, mode) => {
      if (mode === 'run') {
        samples.set(name, []);
        rowsReturned.set(name, []);
      }
    },
  });
}

const pick = <T>(list: T[]): T => list[n++ % list.length];
const monthFrom = (i: number) => new Date(YEAR_START + ((i * 37) % 330) * DAY);

async function page(filter: AuditSearchFilter, scopePath: string | null): Promise<number> {
  const result = await search.execute(new SearchAuditEventsQuery({ filter, scopePath, limit: 100 }));
  return result.events.length;
}

async function generate(): Promise<void> {
  await dataSource.query(`SELECT setseed(0.42)`);
  // state → 38 districts → 3 subdivisions → 3 stations, with materialised paths of ids as in production
  await dataSource.query(
    `INSERT INTO jurisdiction_node (id, code, level, name_en, name_hi, path)
     SELECT id, 'BR', 'state', 'Bihar', 'बिहार', '/' || id || '/' FROM (SELECT gen_random_uuid() AS id) x`,
  );
  for (const [level, parentLevel, count, suffix] of [
    ['district', 'state', DISTRICTS, 'D'],
    ['subdivision', 'district', PER_DISTRICT, 'S'],
    ['station', 'subdivision', PER_DISTRICT, 'T'],
  ] as const) {
    await dataSource.query(
      `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
       SELECT x.id, x.code, x.parent_id, $1, 'node', 'नोड', x.parent_path || x.id || '/'
         FROM (SELECT md5(p.id || '-' || i)::uuid AS id, p.code || '-${suffix}' || lpad(i::text, 2, '0') AS code,
                      p.id AS parent_id, p.path AS parent_path
                 FROM jurisdiction_node p, generate_series(1, $2::int) i WHERE p.level = $3) x`,
      [level, count, parentLevel],
    );
  }
  // 10-event chains, each in one station: created, approved, 7 batches of 10 recipients, completed; one chain in
  // five is a citizen's automatic replies. Times spread over a year. Hashes are filler: search never reads them.
  // The secondary indexes are dropped for the load and built again after it with their own definitions (ten times
  // faster than growing them row by row, GIN above all); the primary key and the chain's unique key stay.
  const indexes = await dataSource.query<{ name: string; definition: string }[]>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.tablename = 'audit_event'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const { name } of indexes) await dataSource.query(`DROP INDEX ${name}`);
  // Two connections fill it at once (one per core); each takes the next slice of 100,000 events.
  const batch = 100_000;
  let next = 0;
  const fill = async () => {
    for (let from = next; from < EVENTS; from = next) {
      next += batch;
      await fillSlice(from, Math.min(from + batch, EVENTS) - 1);
    }
  };
  await Promise.all([fill(), fill()]);
  const runner = dataSource.createQueryRunner(); // one session, so the memory setting applies to the builds
  try {
    await runner.query(`SET maintenance_work_mem = '512MB'`);
    for (const { definition } of indexes) await runner.query(definition);
  } finally {
    await runner.release();
  }
  await dataSource.query(`ANALYZE`);
}

/** Events from..to (inclusive), generated and inserted by PostgreSQL in one statement. */
async function fillSlice(from: number, to: number): Promise<void> {
  await dataSource.query(
    `WITH st AS (SELECT array_agg(path ORDER BY code) AS paths FROM jurisdiction_node WHERE level = 'station'),
       g AS (
         SELECT g, g / 10 AS c, (g % 10 + 1)::int AS s, md5(g::text)::uuid AS id,
                st.paths[(1 + ((g / 10) * 7919) % array_length(st.paths, 1))::int] AS path,
                to_timestamp($3::float8 / 1000 + ((g / 10) * 48271) % 31536000 + (g % 10) * 60) AS at
           FROM st, generate_series($1::bigint, $2::bigint) g),
       e AS (
         SELECT g.*, CASE
                  WHEN c % 5 = 0 THEN 'auto_reply.sent'
                  WHEN s = 1 THEN 'broadcast.created'
                  WHEN s = 2 THEN 'broadcast.approved'
                  WHEN s = 10 THEN 'broadcast.completed'
                  ELSE 'broadcast.messages_sent' END AS type,
                -- a bijection of c onto 8 hex digits: distinct chains never share an id, even at 10M events
                CASE WHEN c % 5 = 0 THEN 'citizen:N-' || upper(lpad(to_hex((c * 2654435761) % 4294967296), 8, '0'))
                     ELSE 'broadcast:' || md5('b' || c)::uuid END AS chain_id,
                md5('o' || (c % 2000))::uuid AS officer,
                g % 10 < 2 AND g / 10 % 5 <> 0 AS by_officer
           FROM g)
       INSERT INTO audit_event (id, chain_id, chain_seq, type, occurred_at, actor_id, actor_role, jurisdiction_path,
                                event, prev_hash, hash)
       SELECT id, chain_id, s, type, at, CASE WHEN by_officer THEN officer END,
              CASE WHEN by_officer THEN 'station_officer' ELSE 'system' END, path,
              jsonb_build_object(
                'id', id, 'chainId', chain_id, 'chainSeq', s, 'type', type,
                'occurredAt', to_json(at) #>> '{}',
                'actor', CASE WHEN by_officer
                              THEN jsonb_build_object('kind', 'officer', 'officerId', officer, 'role', 'station_officer')
                              ELSE jsonb_build_object('kind', 'system', 'officerId', null, 'role', null) END,
                'jurisdictionPath', path,
                'subject', CASE WHEN type = 'auto_reply.sent'
                                THEN jsonb_build_object('pseudonym', substr(chain_id, 9))
                                ELSE jsonb_build_object('broadcastId', substr(chain_id, 11),
                                                        'groupIds', jsonb_build_array(md5('g' || c)::uuid)) END,
                'body', CASE type
                  WHEN 'broadcast.created' THEN jsonb_build_object(
                    'category', (ARRAY['awareness','alert','rumour_rebuttal','cyber_safety','emergency'])[1 + c % 5],
                    'content', jsonb_build_object('hi', 'बच्चा चोरी की अफवाह झूठी है। अफवाह न फैलाएँ। सूचना ' || c,
                                                  'en', 'The child-lifter rumour is false. Notice ' || c),
                    'contentSha256', md5('t' || c) || md5('u' || c), 'audienceSize', 70)
                  WHEN 'auto_reply.sent' THEN jsonb_build_object(
                    'reason', 'joined', 'channel', 'sms', 'status', 'sent',
                    'content', 'आप जुड़ गए। बंद करने के लिए STOP भेजें।', 'contentSha256', md5('r' || g) || md5('s' || g))
                  WHEN 'broadcast.messages_sent' THEN jsonb_build_object(
                    'contentSha256', md5('t' || c) || md5('u' || c),
                    'outcomes', (SELECT jsonb_agg(jsonb_build_object(
                        'deliveryId', md5('d' || g || '-' || k)::uuid,
                        'pseudonym', 'N-' || upper(substr(md5('p' || ((g * 10 + k) % 400000)), 1, 8)),
                        'channel', (ARRAY['sms','whatsapp','telegram'])[1 + (g + k) % 3],
                        'status', CASE WHEN (g + k) % 23 = 0 THEN 'failed' ELSE 'sent' END,
                        'attempts', 1))
                      FROM generate_series(1, 10) k))
                  ELSE jsonb_build_object('note', 'approved') END,
                'prevHash', md5('h' || (g - 1)) || md5('i' || (g - 1)),
                'hash', md5('h' || g) || md5('i' || g)),
              md5('h' || (g - 1)) || md5('i' || (g - 1)), md5('h' || g) || md5('i' || g)
         FROM e`,
    [from, to, YEAR_START],
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(): void {
  const base = [...(samples.get(BASELINE) ?? [])].sort((a, b) => a - b);
  const baseP50 = percentile(base, 50);
  const lines = [`\naudit search over ${EVENTS.toLocaleString('en-IN')} events (ms; ratio = p50 / baseline p50)`];
  lines.push(['query'.padEnd(58), 'p50', 'p95', 'max', 'ratio', 'rows/page', 'samples'].join('\t'));
  for (const [name, list] of samples) {
    if (!list.length) continue;
    const sorted = [...list].sort((a, b) => a - b);
    const rows = rowsReturned.get(name) ?? [];
    lines.push(
      [
        name.padEnd(58),
        percentile(sorted, 50).toFixed(2),
        percentile(sorted, 95).toFixed(2),
        sorted.at(-1)!.toFixed(2),
        (percentile(sorted, 50) / baseP50).toFixed(1),
        (rows.reduce((a, b) => a + b, 0) / Math.max(rows.length, 1)).toFixed(0),
        sorted.length,
      ].join('\t'),
    );
  }
  console.log(lines.join('\n'));
}

const BASELINE = 'baseline: one event by primary key';

beforeAll(async () => {
  const url = await createDatabase(PREFIX, 'audit');
  const config = testConfig(url, { LOG_LEVEL: 'warn' });
  dataSource = await new DataSource(dataSourceOptions(config, url)).initialize();
  await migrate(dataSource, config);
  const started = performance.now();
  await generate();
  const [{ size }] = await dataSource.query<{ size: string }[]>(
    `SELECT pg_size_pretty(pg_total_relation_size('audit_event')) AS size`,
  );
  console.log(`generated ${EVENTS} events in ${((performance.now() - started) / 1000).toFixed(0)} s (${size})`);
  search = new SearchAuditEventsHandler(dataSource);
  districts = await dataSource.query(`SELECT code, path FROM jurisdiction_node WHERE level = 'district' ORDER BY code`);
  stations = await dataSource.query(`SELECT code, path FROM jurisdiction_node WHERE level = 'station' ORDER BY code`);
  eventIds = (
    await dataSource.query<{ id: string }[]>(`SELECT id FROM audit_event TABLESAMPLE SYSTEM (1) LIMIT 5000`)
  ).map((r) => r.id);
  // The plan of the API's query, once, for the report.
  const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT event, to_json(occurred_at) #>> '{}' AS at, id FROM audit_event
      WHERE jurisdiction_path LIKE $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY occurred_at, id LIMIT 101`,
    [`${districts[7].path}%`, monthFrom(3), new Date(monthFrom(3).getTime() + 30 * DAY)],
  );
  console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
}, 3_600_000);

afterAll(async () => {
  report();
  await dataSource?.destroy();
  await dropDatabases(PREFIX);
});

describe(`audit search over ${EVENTS} events`, () => {
  measure(BASELINE, async () => {
    const rows = await dataSource.query<unknown[]>(`SELECT event FROM audit_event WHERE id = $1`, [pick(eventIds)]);
    return rows.length;
  });
  measure('30 days × a district (district auditor’s scope)', () => {
    const from = monthFrom(n);
    return page({ from, to: new Date(from.getTime() + 30 * DAY) }, pick(districts).path);
  });
  measure('30 days × a station by jurisdictionCode (state auditor)', () => {
    const from = monthFrom(n);
    return page({ from, to: new Date(from.getTime() + 30 * DAY), jurisdictionCode: pick(stations).code }, null);
  });
  measure('1 year × a district', () =>
    page({ from: new Date(YEAR_START), to: new Date(YEAR_START + 365 * DAY) }, pick(districts).path),
  );
  measure('1 year × state-wide', () =>
    page({ from: new Date(YEAR_START), to: new Date(YEAR_START + 365 * DAY) }, null),
  );
  measure('7 days × a district × channel whatsapp', () => {
    const from = monthFrom(n);
    return page({ from, to: new Date(from.getTime() + 7 * DAY), channel: 'whatsapp' }, pick(districts).path);
  });
  measure('30 days × a district × words (content contains)', () => {
    const from = monthFrom(n);
    return page({ from, to: new Date(from.getTime() + 30 * DAY), text: 'अफवाह' }, pick(districts).path);
  });
});
