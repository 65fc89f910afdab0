import cluster, { Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { AggregatorRegistry, MetricObjectWithValues, MetricValue, Registry } from 'prom-client';
import { AppConfig } from '@jansetu/platform';
import { metricsAccess } from './metrics-access';
import { serveOperatorsPort } from './metrics-server';

/** Worker → supervisor: "all workers' metrics, please"; supervisor → worker: the answer. */
const METRICS_REQUEST = 'jansetu:metrics-request';
const METRICS_REPLY = 'jansetu:metrics-reply';
/** Supervisor → worker: "your registry's metrics"; worker → supervisor: them, as JSON. */
const METRICS_COLLECT = 'jansetu:metrics-collect';
const METRICS_COLLECTED = 'jansetu:metrics-collected';
/** A worker that has not answered a collection by then is left out of that scrape. */
const COLLECT_TIMEOUT_MS = 3000;
/** How long a stopping worker may drain (consumers, relay, open requests) before it is killed. */
const STOP_GRACE_MS = 30_000;
/** A worker that dies within this long of the previous death counts as crash-looping: the restart waits longer. */
const CRASH_WINDOW_MS = 60_000;

interface ClusterMessage {
  type: string;
  id: string;
  body?: string;
  error?: string;
  metrics?: MetricObjectWithValues<MetricValue<string>>[];
}

/**
 * The sum of every listening worker's metrics (prom-client's aggregation: counters and histograms summed, gauges by
 * their `aggregator`). A worker still starting is not asked: it has nothing to count yet and cannot answer.
 */
class WorkerMetrics {
  private readonly waiting = new Map<string, (m: ClusterMessage['metrics']) => void>();
  readonly contentType = AggregatorRegistry.PROMETHEUS_CONTENT_TYPE;

  constructor(
    private readonly ready: Set<Worker>,
    private readonly log: pino.Logger,
  ) {}

  answer(msg: ClusterMessage): void {
    this.waiting.get(msg.id)?.(msg.metrics);
  }

  async scrape(): Promise<string> {
    const collected = await Promise.all([...this.ready].map((w) => this.collect(w)));
    const present = collected.filter((m): m is NonNullable<typeof m> => m !== undefined);
    return AggregatorRegistry.aggregate(present).metrics();
  }

  private collect(worker: Worker): Promise<ClusterMessage['metrics'] | undefined> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.log.warn(`gateway worker ${worker.process.pid} did not send its metrics in time: left out of this scrape`);
        resolve(undefined);
      }, COLLECT_TIMEOUT_MS);
      this.waiting.set(id, (metrics) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(metrics);
      });
      worker.send({ type: METRICS_COLLECT, id });
    });
  }
}

/**
 * GATEWAY_WORKERS > 1: this process supervises that many gateway workers sharing PORT (node:cluster hands each new
 * connection to the next worker). It runs no Nest application itself. The first worker starts alone (it migrates the
 * schema and seeds), the rest once it listens; a worker that dies is replaced (after a growing pause if it keeps
 * dying); SIGTERM stops every worker gracefully. /metrics, on the operators' port served here or on each worker's
 * public port with METRICS_TOKEN, is the sum over all listening workers.
 */
export function superviseGatewayWorkers(config: AppConfig): void {
  const log = pino({ level: config.LOG_LEVEL, base: { pid: process.pid, role: 'gateway-supervisor' } });
  const ready = new Set<Worker>();
  const metrics = new WorkerMetrics(ready, log);
  let stopping = false;
  let lastDeathAt = 0;
  let restartDelayMs = 0;

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (msg: ClusterMessage) => {
      if (msg?.type === METRICS_COLLECTED) metrics.answer(msg);
      if (msg?.type !== METRICS_REQUEST) return;
      metrics.scrape().then(
        (body) => worker.send({ type: METRICS_REPLY, id: msg.id, body }),
        (e: Error) => worker.send({ type: METRICS_REPLY, id: msg.id, error: e.message }),
      );
    });
    return worker;
  };

  let listening = 0;
  cluster.on('listening', (worker) => {
    ready.add(worker);
    log.info(`gateway worker ${worker.process.pid} listening`);
    if (++listening === config.GATEWAY_WORKERS) {
      log.info(`JanSetu gateway on http://127.0.0.1:${config.PORT} (${config.GATEWAY_WORKERS} workers; docs at /docs)`);
    }
    // The first worker to listen has migrated: the others start now (replacements later are forked on exit).
    if (listening === 1) for (let i = 1; i < config.GATEWAY_WORKERS; i++) fork();
  });
  cluster.on('exit', (worker, code, signal) => {
    ready.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    restartDelayMs = now - lastDeathAt < CRASH_WINDOW_MS ? Math.min(30_000, Math.max(1000, restartDelayMs * 2)) : 0;
    lastDeathAt = now;
    log.error(`gateway worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); replacing it`);
    // Not once a stop has begun meanwhile.
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelayMs);
  });

  const operators = config.METRICS_PORT ? serveOperatorsPort(metrics, config.METRICS_PORT, '0.0.0.0') : undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} gateway worker(s)`);
      stopping = true;
      operators?.close();
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        process.exit(1);
      }, STOP_GRACE_MS).unref();
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  }
  if (metricsAccess(config) === 'off') log.warn('/metrics is off: set METRICS_PORT or METRICS_TOKEN to scrape it');
  log.info(`starting ${config.GATEWAY_WORKERS} gateway workers on port ${config.PORT}`);
  fork();
}

const pending = new Map<string, { resolve: (body: string) => void; reject: (e: Error) => void }>();

/** In a worker: its registry answers the supervisor's collections, and the supervisor answers its scrapes. */
export function joinClusterMetrics(registry: Registry): void {
  process.on('message', (msg: ClusterMessage) => {
    if (msg?.type === METRICS_COLLECT) {
      void registry
        .getMetricsAsJSON()
        .then((metrics) => process.send!({ type: METRICS_COLLECTED, id: msg.id, metrics }));
    }
    if (msg?.type !== METRICS_REPLY) return;
    const waiting = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error !== undefined) waiting?.reject(new Error(msg.error));
    else waiting?.resolve(msg.body ?? '');
  });
}

/** In a worker: every worker's metrics, summed by the supervisor. */
export function scrapeClusterMetrics(timeoutMs = 5000): Promise<string> {
  const id = randomUUID();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('the gateway supervisor did not answer the metrics request'));
    }, timeoutMs);
    pending.set(id, {
      resolve: (body) => (clearTimeout(timer), resolve(body)),
      reject: (e) => (clearTimeout(timer), reject(e)),
    });
    process.send!({ type: METRICS_REQUEST, id });
  });
}
