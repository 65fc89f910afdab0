/**
 * Scenario 4: audit events per second from the outbox through Kafka into the auditors' store, with the gateway and
 * the dispatcher (which runs the outbox relay and the audit projection consumer) running. N properly chained events
 * are recorded through AuditRecorder (spread over 64 chains, so keys spread over the partitions) in ONE transaction,
 * so the relay sees all of them at the commit; the clock runs from that commit until all N are in audit_event.
 * Baseline: a plain INSERT ... SELECT of the same N rows into a copy of audit_event (same columns, generated
 * columns and indexes, no triggers) in the same database.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { dataSourceOptions, Outbox } from '@jansetu/platform';
import { testConfig } from '@jansetu/testing';
import { startDeployment } from './deployment';

export interface AuditThroughput {
  events: number;
  recordSeconds: number;
  /** Commit → all N in audit_event. */
  seconds: number;
  /** Commit → the relay marked the last of them published (outbox → Kafka). */
  relaySeconds: number;
  perSecond: number;
  baselineSeconds: number;
  baselinePerSecond: number;
}

const CHAINS = 64;
const COLUMNS = `id, chain_id, chain_seq, type, occurred_at, actor_id, actor_role, jurisdiction_path, event, prev_hash, hash`;

export async function measureAuditThroughput(prefix: string, brokers: string, n: number): Promise<AuditThroughput> {
  const d = await startDeployment(prefix, 'audit', brokers, true);
  const ds = await new DataSource(dataSourceOptions(testConfig(d.databaseUrl), d.databaseUrl)).initialize();
  try {
    const recorder = new AuditRecorder(new Outbox());
    const recordStart = performance.now();
    await ds.transaction(async (m) => {
      for (let i = 0; i < n; i++) {
        await recorder.record(m, {
          chainId: `bench:${i % CHAINS}`,
          type: 'broadcast.sent',
          actor: SYSTEM_ACTOR,
          jurisdictionPath: `/bench/${i % CHAINS}/`,
          subject: { broadcastId: `bench-${i % CHAINS}` },
          body: { category: 'emergency', channel: 'sms', content: { hi: 'बाढ़ की चेतावनी', en: 'Flood warning' } },
        });
      }
    });
    const committed = performance.now();
    const [{ db_committed }] = await ds.query<{ db_committed: Date }[]>(`SELECT clock_timestamp() AS db_committed`);
    const recordSeconds = (committed - recordStart) / 1000;
    console.log(`[bench] audit: ${n} events recorded in one transaction in ${recordSeconds.toFixed(1)} s`);
    for (;;) {
      const [{ stored }] = await ds.query<{ stored: number }[]>(
        `SELECT count(*)::int AS stored FROM audit_event WHERE chain_id LIKE 'bench:%'`,
      );
      if (stored >= n) break;
      if (d.dispatcher?.exitCode !== null) throw new Error(`dispatcher exited:\n${d.dispatcher?.log.slice(-3000)}`);
      if (performance.now() - committed > 1_800_000) throw new Error(`only ${stored} of ${n} stored in 30 minutes`);
      await sleep(100);
    }
    const seconds = (performance.now() - committed) / 1000;
    const [{ relay }] = await ds.query<{ relay: number }[]>(
      `SELECT extract(epoch FROM max(published_at) - $1::timestamptz)::float AS relay
         FROM outbox_message WHERE key LIKE 'bench:%'`,
      [db_committed],
    );

    // Baseline: the very same rows, written set-based into an identical table without the path in between.
    await ds.query(`CREATE TABLE audit_event_copy (LIKE audit_event INCLUDING ALL)`);
    await ds.query(`VACUUM ANALYZE audit_event_copy`);
    const baseStart = performance.now();
    await ds.query(
      `INSERT INTO audit_event_copy (${COLUMNS}) SELECT ${COLUMNS} FROM audit_event WHERE chain_id LIKE 'bench:%'`,
    );
    const baselineSeconds = (performance.now() - baseStart) / 1000;
    return {
      events: n,
      recordSeconds,
      seconds,
      relaySeconds: Math.max(0, relay),
      perSecond: n / seconds,
      baselineSeconds,
      baselinePerSecond: n / baselineSeconds,
    };
  } finally {
    await ds.destroy();
    await d.stop();
  }
}
