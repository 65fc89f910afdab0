/**
 * A simulated week of traffic in the transport tables, then one run of the retention purge with the default
 * settings: rows and bytes of each table before and after, as ratios.
 *
 *   npx vitest run --config bench/vitest.bench.config.mts bench/retention
 *
 * Needs the PostgreSQL of the tests (DATABASE_URL, else 127.0.0.1:5432). The week is written with INSERT ... SELECT
 * generate_series, spread evenly over the days, as a deployment in embedded mode (database bus) would leave it:
 * every inbound message brings its webhook receipt, four outbox rows (inbound, CitizenMessageReceived, reply.send,
 * the audit event) with their bus copies and three idempotency marks; every day one broadcast completes with its
 * delivery rows. Sizes: RETENTION_BENCH_INBOUND_PER_DAY (default 10,000), RETENTION_BENCH_DELIVERIES_PER_DAY
 * (default 50,000), RETENTION_BENCH_DAYS (default 7). Writes bench/results/retention.json; asserts no time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AppConfig, BlindIndex, DataKeys, dataSourceOptions, FieldCipher, migrate } from '@jansetu/platform';
import { createDatabase, dropDatabases, testConfig } from '@jansetu/testing';
// The handlers themselves are measured, without Nest around them.
// eslint-disable-next-line no-restricted-imports
import { PurgeTransportHandler } from '../../libs/platform/src/retention/purge-transport.handler';
// eslint-disable-next-line no-restricted-imports
import { TransportRetentionRepository } from '../../libs/platform/src/retention/transport-retention.repository';
// eslint-disable-next-line no-restricted-imports
import { PurgeFinishedDeliveriesHandler } from '../../libs/broadcast/src/commands/purge-finished-deliveries/purge-finished-deliveries.handler';
// eslint-disable-next-line no-restricted-imports
import { DeliveryRepository } from '../../libs/broadcast/src/persistence/delivery.repository';
// eslint-disable-next-line no-restricted-imports
import { transportRetention } from '../../apps/dispatcher/src/retention/retention.job';
import { PurgeFinishedDeliveriesCommand } from '@jansetu/broadcast';
import { PurgeTransportCommand } from '@jansetu/platform';

const INBOUND = Number(process.env.RETENTION_BENCH_INBOUND_PER_DAY ?? 10_000);
const DELIVERIES = Number(process.env.RETENTION_BENCH_DELIVERIES_PER_DAY ?? 50_000);
const DAYS = Number(process.env.RETENTION_BENCH_DAYS ?? 7);
const PREFIX = `jansetu_bench_retention_${process.pid}`;
const TABLES = ['outbox_message', 'bus_message', 'processed_message', 'inbound_receipt', 'delivery'];

let config: AppConfig;
const worlds: Record<'kept' | 'purged', DataSource> = {} as never;

/** A payload of the size the real ones have: two sealed values and the envelope (about 500 bytes). */
const PAYLOAD = `jsonb_build_object('id', gen_random_uuid(), 'type', 'inbound.received', 'payload', jsonb_build_object(
  'channel', 'sms', 'fromSealed', 'dk:' || gen_random_uuid() || ':' || md5(g::text || 'iv') || ':' || md5(g::text || 'a'),
  'textSealed', 'dk:' || gen_random_uuid() || ':' || repeat(md5(g::text), 5),
  'providerMessageId', md5(g::text), 'receivedAt', now()))`;

async function measure(ds: DataSource): Promise<Record<string, { rows: number; bytes: number }>> {
  const out: Record<string, { rows: number; bytes: number }> = {};
  for (const t of TABLES) {
    const [r] = await ds.query<{ rows: number; bytes: string }[]>(
      `SELECT (SELECT count(*)::int FROM ${t}) AS rows, pg_total_relation_size('${t}') AS bytes`,
    );
    out[t] = { rows: r.rows, bytes: Number(r.bytes) };
  }
  return out;
}

/** Day `day` (1 = the oldest) of the week: timestamps spread over that day, `DAYS - day` days before now. */
async function simulateDay(ds: DataSource, day: number, officerId: string): Promise<void> {
  const offset = DAYS - day;
  const at = `now() - make_interval(secs => ${offset * 86400} + 86400 * (1 - g::float / ${INBOUND}))`;
  await ds.query(
    `INSERT INTO inbound_receipt (channel, provider_message_id, received_at)
     SELECT 'sms', md5(${day} || ':' || g), ${at} FROM generate_series(1, ${INBOUND}) g`,
  );
  for (const type of ['inbound.received', 'CitizenMessageReceived', 'reply.send', 'audit']) {
    await ds.query(
      `INSERT INTO outbox_message (id, topic, key, type, payload, created_at, published_at)
       SELECT gen_random_uuid(), 'jansetu.inbound.v1', md5(g::text), '${type}', ${PAYLOAD}, ${at}, ${at} + interval '1 second'
         FROM generate_series(1, ${INBOUND}) g`,
    );
    await ds.query(
      `INSERT INTO bus_message (id, topic, key, type, payload, created_at)
       SELECT gen_random_uuid(), 'jansetu.inbound.v1', md5(g::text), '${type}', ${PAYLOAD}, ${at} FROM generate_series(1, ${INBOUND}) g`,
    );
  }
  // Every consumer group has read everything (a healthy deployment).
  await ds.query(`UPDATE bus_offset SET last_seq = (SELECT max(seq) FROM bus_message)`);
  for (const consumer of ['membership.inbound', 'inbox.file', 'broadcast.reply']) {
    await ds.query(
      `INSERT INTO processed_message (consumer, message_id, processed_at)
       SELECT '${consumer}', gen_random_uuid(), ${at} FROM generate_series(1, ${INBOUND}) g`,
    );
  }
  // The day's broadcast, completed, to DELIVERIES citizens.
  const [b] = await ds.query<{ id: string }[]>(
    `INSERT INTO broadcast (author_id, category, body, audience, status, status_changed_at, created_at)
     VALUES ($1, 'awareness', '{}', '{}', 'completed', now() - make_interval(days => $2), now() - make_interval(days => $2))
     RETURNING id`,
    [officerId, offset],
  );
  await ds.query(
    `INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status, provider_message_id, updated_at)
     SELECT $1, cp.citizen_id, cp.id, 'sms', 'hi', 'delivered', md5(cp.id::text || $3), now() - make_interval(days => $2)
       FROM contact_point cp`,
    // Provider ids are unique per channel: each day's broadcast gets its own.
    [b.id, offset, `day-${offset}`],
  );
}

/** The job's run at the end of day `day`: the same SQL, its windows shifted to that day's clock. */
async function purgeAsOf(ds: DataSource, day: number): Promise<number> {
  const shift = DAYS - day;
  const cipher = new FieldCipher('k1', { k1: config.ENCRYPTION_KEY });
  const transport = new PurgeTransportHandler(
    new TransportRetentionRepository(ds),
    new DataKeys(ds, cipher, new BlindIndex(config.BLIND_INDEX_KEY)),
  );
  const r = transportRetention(config);
  const purged = await transport.execute(
    new PurgeTransportCommand({
      ...r,
      outboxDays: r.outboxDays + shift,
      busDays: r.busDays + shift,
      processedDays: r.processedDays + shift,
      inboundReceiptDays: r.inboundReceiptDays + shift,
      maxBatches: 100_000,
    }),
  );
  const d = await new PurgeFinishedDeliveriesHandler(new DeliveryRepository(ds)).execute(
    new PurgeFinishedDeliveriesCommand(config.RETENTION_DELIVERY_DAYS + shift, r.batchSize, 100_000),
  );
  // As autovacuum would: the space of deleted rows is reused by the next day's.
  await ds.query(`VACUUM ANALYZE`);
  return Object.values(purged).reduce((a, n) => a + n, 0) + d.deliveries;
}

beforeAll(async () => {
  for (const world of ['kept', 'purged'] as const) {
    const url = await createDatabase(PREFIX, world);
    config = testConfig(url);
    const ds = await new DataSource(dataSourceOptions(config, url)).initialize();
    await migrate(ds, config);
    worlds[world] = ds;
  }
});

afterAll(async () => {
  for (const ds of Object.values(worlds)) await ds?.destroy();
  await dropDatabases(PREFIX);
});

it(`a simulated week (${DAYS} days) with the retention job at the end of each day, against none`, async () => {
  let purgeMs = 0;
  let purgedRows = 0;
  for (const [name, ds] of Object.entries(worlds)) {
    const [officer] = await ds.query<{ id: string }[]>(
      `INSERT INTO officer (username, display_name, password_hash, role) VALUES ('hq', 'HQ', 'x', 'hq_admin') RETURNING id`,
    );
    await ds.query(`INSERT INTO citizen (pseudonym) SELECT 'N-' || g FROM generate_series(1, ${DELIVERIES}) g`);
    await ds.query(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked)
       SELECT id, 'sms', 'dk:' || gen_random_uuid() || ':' || md5(id::text), md5(id::text), '•••' FROM citizen`,
    );
    await ds.query(
      `INSERT INTO bus_offset (group_id, topic, last_seq) SELECT g, 'jansetu.inbound.v1', 0
         FROM unnest(ARRAY['inbound', 'domain-events', 'dispatch']) g`,
    );
    for (let day = 1; day <= DAYS; day++) {
      await simulateDay(ds, day, officer.id);
      if (name === 'purged') {
        const start = performance.now();
        purgedRows += await purgeAsOf(ds, day);
        purgeMs += performance.now() - start;
      } else {
        await ds.query(`VACUUM ANALYZE`);
      }
    }
  }
  const kept = await measure(worlds.kept);
  const purged = await measure(worlds.purged);
  const days: Record<string, number> = {
    outbox_message: config.RETENTION_OUTBOX_DAYS,
    bus_message: config.RETENTION_BUS_DAYS,
    processed_message: config.RETENTION_PROCESSED_DAYS,
    inbound_receipt: config.RETENTION_INBOUND_RECEIPT_DAYS,
    delivery: config.RETENTION_DELIVERY_DAYS,
  };
  const table = TABLES.map((t) => ({
    table: t,
    keptDays: days[t],
    rowsWithout: kept[t].rows,
    rowsWith: purged[t].rows,
    rowsRatio: round(purged[t].rows / Math.max(1, kept[t].rows)),
    mbWithout: round(kept[t].bytes / 2 ** 20),
    mbWith: round(purged[t].bytes / 2 ** 20),
    bytesRatio: round(purged[t].bytes / Math.max(1, kept[t].bytes)),
  }));
  console.table(table);
  console.log(`[bench] retention: ${purgedRows} rows purged over the week in ${round(purgeMs / 1000)} s of job time`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/retention.json',
    JSON.stringify(
      { inboundPerDay: INBOUND, deliveriesPerDay: DELIVERIES, days: DAYS, table, purgedRows, purgeMs },
      null,
      2,
    ),
  );
  // What was older than its window is gone.
  expect(purged.outbox_message.rows).toBeLessThan(kept.outbox_message.rows);
});

const round = (x: number) => Math.round(x * 100) / 100;
