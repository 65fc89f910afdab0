/**
 * Scenario 1: materialising a broadcast's deliveries at once (CreateBroadcastHandler with FANOUT_STREAM_ABOVE raised
 * past the audience: DISTINCT over memberships, LATERAL preferred contact point, buckets) against a plain
 * INSERT ... SELECT of the very same rows into the same table; and the create of the same audience streamed (the
 * default above 10,000 memberships: the request only counts the memberships and cuts the slices).
 */
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AudienceDefinition, audienceOf, CreateBroadcastCommand } from '@jansetu/broadcast';
import { AppConfig } from '@jansetu/platform';
// The handler itself is measured, without Nest around it; libraries export their handlers only to their module.
// eslint-disable-next-line no-restricted-imports
import { AudienceRepository } from '../../libs/broadcast/src/persistence/audience.repository';
import { broadcastCreator, World } from './world';

export interface FanOutResult {
  recipients: number;
  handlerMs: number;
  baselineMs: number;
  /** The same audience's create, streamed: what the officer waits by default. */
  streamedMs: number;
  streamedEstimate: number;
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
  audience: Partial<AudienceDefinition>,
  rounds: number,
): Promise<FanOutResult> {
  const { handler, officer } = broadcastCreator(ds, { ...config, FANOUT_STREAM_ABOVE: 2_000_000_000 }, world);
  const streamed = broadcastCreator(ds, config, world).handler;
  const streamedStart = performance.now();
  const { audienceEstimate } = await streamed.execute(
    new CreateBroadcastCommand(officer, audience, 'emergency', { hi: 'बाढ़ की चेतावनी। बेंचमार्क' }),
  );
  const streamedMs = performance.now() - streamedStart;
  let handlerMs = Infinity;
  let baselineMs = Infinity;
  let recipients = 0;
  for (let r = 0; r < rounds; r++) {
    await clear(ds);
    let start = performance.now();
    const created = await handler.execute(
      new CreateBroadcastCommand(officer, audience, 'awareness', {
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
  const groupIds = await new AudienceRepository(ds).groupsOf(audienceOf(audience));
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
  return {
    recipients,
    handlerMs,
    baselineMs,
    streamedMs,
    streamedEstimate: audienceEstimate ?? 0,
    explain: plan.map((p) => p['QUERY PLAN']).join('\n'),
  };
}
