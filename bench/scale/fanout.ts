/**
 * Scenario 1: materialising a broadcast's deliveries (CreateBroadcastHandler: DISTINCT over memberships, LATERAL
 * preferred contact point, buckets) against a plain INSERT ... SELECT of the very same rows into the same table.
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { CreateBroadcastCommand } from '@jansetu/broadcast';
import { AppConfig } from '@jansetu/platform';
// The handler itself is measured, without Nest around it; libraries export their handlers only to their module.
import { broadcastCreator, World } from './world';

export interface FanOutResult {
  recipients: number;
  handlerMs: number;
  baselineMs: number;
  explain: string;
}

async function clear(ds: DataSource): Promise<void> {
  await ds.query(`DELETE FROM delivery`);
  await ds.query(`VACUUM ANALYZE delivery`);
}

/** Best of `rounds` (handler, then baseline), the delivery table emptied before each so both start alike. */
export async function measureFanOut(
  ds: DataSource,
  config: AppConfig,
  world: World,
  groupIds: string[],
  rounds: number,
): Promise<FanOutResult> {
  const { handler, officer } = broadcastCreator(ds, config, world);
  let handlerMs = Infinity;
  let baselineMs = Infinity;
  let recipients = 0;
  for (let r = 0; r < rounds; r++) {
    await clear(ds);
    let start = performance.now();
    const created = await handler.execute(
      new CreateBroadcastCommand(officer, groupIds, 'awareness', {
        hi: 'अफवाह न फैलाएँ। बेंचमार्क',
        en: 'Do not spread rumours.',
      }),
    );
    handlerMs = Math.min(handlerMs, performance.now() - start);
    recipients = created.recipients;
    await ds.query(`CREATE TEMP TABLE IF NOT EXISTS bench_rows AS SELECT * FROM delivery WHERE false`);
    await ds.query(`TRUNCATE bench_rows`);
    await ds.query(`INSERT INTO bench_rows SELECT * FROM delivery WHERE broadcast_id = $1`, [created.id]);
    await clear(ds);
    const [{ id }] = await ds.query<{ id: string }[]>(
      `INSERT INTO broadcast (author_id, category, body, audience, status) VALUES ($1, 'awareness', '{}', '{}', 'sending') RETURNING id`,
      [world.officerId],
    );
    start = performance.now();
    await ds.query(
      `INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status, bucket)
       SELECT $1, citizen_id, contact_point_id, channel, language, 'pending', bucket FROM bench_rows`,
      [id],
    );
    baselineMs = Math.min(baselineMs, performance.now() - start);
  }
  // Where the handler's time goes: the audience query alone, planned and timed by PostgreSQL.
  const plan = await ds.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)
     SELECT c.id AS citizen_id, cp.id AS contact_point_id, cp.channel, c.language
       FROM (SELECT DISTINCT citizen_id FROM membership WHERE group_id = ANY($1::uuid[]) AND status = 'active') a
       JOIN citizen c ON c.id = a.citizen_id AND c.opted_out_at IS NULL
       JOIN LATERAL (SELECT id, channel FROM contact_point
                      WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                      ORDER BY preferred DESC, created_at LIMIT 1) cp ON true`,
    [groupIds],
  );
  await clear(ds);
  return { recipients, handlerMs, baselineMs, explain: plan.map((p) => p['QUERY PLAN']).join('\n') };
}
