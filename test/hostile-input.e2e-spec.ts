import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ApiClient,
  AppProcess,
  createDatabase,
  DltGatewayFake,
  freePort,
  MetaGraphApiFake,
  TelegramBotApiFake,
} from '@jansetu/testing';
import { ADMIN, SAMPLE_CSV } from './support';

/**
 * Property-based hostile input against the built gateway: every route and every field the OpenAPI document
 * (/docs-json) lists, so routes added later are covered without touching this file. For each request: no 5xx, a
 * 4xx says why, and a refused request changed no table. Runs per route: HOSTILE_RUNS (default 40).
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Route {
  method: string;
  path: string;
  params: Parameter[];
  body?: Schema;
}

/** Sends exact bytes: hostile JSON is built as text (deep nesting, NUL, lone surrogates survive JSON.stringify). */
interface Attempt {
  method: string;
  url: string;
  body?: string | Buffer;
  contentType?: string;
  role: string;
  label: string;
}

const UUID_RE = /^[0-9a-f-]{36}$/;
const METRICS_TOKEN = randomBytes(24).toString('hex');
const DEEP = 20_000;

// ---------------------------------------------------------------- hostile values
const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const hostileStrings: string[] = [
  'a\u0000b',
  '\u0000',
  'नाम\u0000',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDBFF',
  'x'.repeat(5_000),
  '',
  ' ',
  "' OR 1=1 --",
  '../../../etc/passwd',
  '%00',
  '\u202E\u200B\uFEFF',
  '9223372036854775808',
  '-9223372036854775809',
  '1e400',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '275760-09-14T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-19T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '0000-01-01',
  '9999-99-99',
  '2026-02-30T25:61:00Z',
  '1969-12-31T23:59:59Z',
  'yesterday',
  cursorOf(['0', randomUUID()]),
  cursorOf(['-000001-01-01T00:00:00Z', randomUUID()]),
  cursorOf(['2026-01-01T00:00:00Z', '-'.repeat(36)]),
  cursorOf(['2026-01-01T00:00:00Z', "x' OR '1'='1"]),
  cursorOf({ at: 1, id: null }),
  cursorOf([null, null]),
  '!!!not-base64!!!',
  Buffer.from('\u0000'.repeat(40)).toString('base64url'),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{}',
  '[]',
];
const hostileNumbers: unknown[] = [
  2 ** 63,
  2 ** 64,
  -(2 ** 63) - 1,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  0,
  1.5,
  -0.0001,
  2_147_483_648,
];
const wrongTypes: unknown[] = [null, true, false, [], {}, [1, 2], { a: 1 }, 0, 'text', [null], [{}], [[[]]]];

/** A JSON text nested `depth` levels deep, spliced in where a value goes. */
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const DEEP_TOKEN = '"__DEEP__"';

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 2, arbitrary: fc.constantFrom(...wrongTypes) },
  { weight: 1, arbitrary: fc.constant('__DEEP__') },
  // Random text with a NUL or a lone surrogate somewhere in it.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 30 }), fc.constantFrom('\u0000', '\uD800', '\uDFFF'), fc.string({ maxLength: 30 }))
      .map(([a, bad, b]) => a + bad + b),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => 'ए'.repeat(n)) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => n.toString()) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (isNaN(d.getTime()) ? 'Invalid Date' : d)) },
);

// ---------------------------------------------------------------- the OpenAPI document → routes and valid values
function resolve(doc: OpenApi, s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.split('/').pop()!]);
  if (s.allOf?.length) return resolve(doc, s.allOf[0]);
  return s;
}

function routesOf(doc: OpenApi): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const body = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
      routes.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body,
      });
    }
  }
  return routes;
}

/** A plausible value for a field, so that a hostile value in one field reaches the code behind the others. */
function plausible(doc: OpenApi, schema: Schema | undefined, name: string, ids: string[], depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s) return 'x';
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (s.format === 'uuid' || /id$/i.test(name)) return ids[0] ?? randomUUID();
  if (s.format === 'date-time') return new Date(Date.now() + 3600_000).toISOString();
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [plausible(doc, s.items, name, ids, depth + 1)];
    case 'object': {
      if (depth > 4 || !s.properties) return {};
      return Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => [k, plausible(doc, v, k, ids, depth + 1)]),
      );
    }
    default:
      return 'परीक्षण text';
  }
}

/** Percent-encodes for a URL, lone surrogates included (as the invalid UTF-8 a hostile client would send). */
function urlPart(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [...text]
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        const code = ch.charCodeAt(0);
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
    })
    .join('');
}

const bodyText = (value: unknown) => {
  const text = JSON.stringify(value === '__DEEP__' ? DEEP_TOKEN : value, (_k, v: unknown) =>
    v === '__DEEP__' ? '__DEEP__' : v instanceof Date ? v.toISOString() : v,
  );
  return (text ?? 'null').replace(DEEP_TOKEN, deepObject(DEEP));
};

type Mutation =
  | { kind: 'field'; field: string; where: 'body' | 'query' | 'path'; value: unknown }
  | { kind: 'missing'; field: string }
  | { kind: 'extra'; value: unknown }
  | { kind: 'whole'; variant: 'deep-array' | 'deep-object' | 'scalar' | 'array' | 'broken' | 'huge' | 'bytes' };

function attempts(doc: OpenApi, route: Route, roles: string[], ids: () => string[]): fc.Arbitrary<Attempt> {
  const bodyFields = Object.keys(route.body?.properties ?? {});
  const fields = [
    ...bodyFields.map((f) => ({ field: f, where: 'body' as const })),
    ...route.params.map((p) => ({ field: p.name, where: p.in as 'query' | 'path' })),
  ];
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    ...(fields.length
      ? [
          {
            weight: 6,
            arbitrary: fc
              .tuple(fc.constantFrom(...fields), hostileValue)
              .map(([f, value]): Mutation => ({ kind: 'field', ...f, value })),
          },
          {
            weight: 2,
            arbitrary: fc
              .constantFrom(...fields.map((f) => f.field))
              .map((field): Mutation => ({ kind: 'missing', field })),
          },
        ]
      : []),
    { weight: 1, arbitrary: hostileValue.map((value): Mutation => ({ kind: 'extra', value })) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom<('deep-array' | 'deep-object' | 'scalar' | 'array' | 'broken' | 'huge' | 'bytes')[]>(
          'deep-array',
          'deep-object',
          'scalar',
          'array',
          'broken',
          'huge',
          'bytes',
        )
        .map((variant): Mutation => ({ kind: 'whole', variant })),
    },
  );
  return fc.tuple(mutation, fc.constantFrom(...roles), fc.nat()).map(([m, role, pick]) => {
    const known = ids();
    const idFor = () => (known.length && pick % 3 !== 0 ? known[pick % known.length] : randomUUID());
    const body: Record<string, unknown> = {};
    for (const f of bodyFields) body[f] = plausible(doc, route.body!.properties![f], f, [idFor()]);
    const values: Record<string, unknown> = {};
    for (const p of route.params) {
      values[p.name] =
        p.in === 'path'
          ? p.schema?.format === 'uuid' || p.name === 'id'
            ? idFor()
            : plausible(doc, p.schema, p.name, [idFor()])
          : undefined;
    }
    let raw: string | Buffer | undefined;
    let label: string;
    if (m.kind === 'field') {
      if (m.where === 'body') body[m.field] = m.value;
      else values[m.field] = m.value;
      label = `${m.where}.${m.field} = ${shown(m.value)}`;
    } else if (m.kind === 'missing') {
      delete body[m.field];
      if (values[m.field] !== undefined) values[m.field] = '';
      label = `missing ${m.field}`;
    } else if (m.kind === 'extra') {
      body['unexpected'] = m.value;
      values['unexpected'] = m.value;
      label = `extra field = ${shown(m.value)}`;
    } else {
      label = `whole body: ${m.variant}`;
      raw = {
        'deep-array': deepArray(DEEP),
        'deep-object': deepObject(DEEP),
        scalar: '"just a string"',
        array: '[1,2,3]',
        broken: '{"username": "a", ',
        huge: JSON.stringify({ text: 'x'.repeat(2_000_000) }),
        bytes: Buffer.concat([
          Buffer.from('{"text":"'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x00]),
          Buffer.from('"}'),
        ]),
      }[m.variant];
    }
    let path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      values[name] === '' || values[name] === undefined ? '' : urlPart(values[name]),
    );
    const query = route.params
      .filter((p) => p.in === 'query' && values[p.name] !== undefined)
      .map((p) => `${encodeURIComponent(p.name)}=${urlPart(values[p.name])}`);
    if (m.kind === 'extra') query.push(`unexpected=${urlPart(m.value)}`);
    if (query.length) path += `?${query.join('&')}`;
    const sendsBody = route.method !== 'GET' && route.method !== 'DELETE';
    return {
      method: route.method,
      url: path,
      body: sendsBody ? (raw ?? bodyText(body)) : undefined,
      contentType: sendsBody ? 'application/json' : undefined,
      role,
      label,
    };
  });
}

function shown(value: unknown): string {
  if (value === '__DEEP__') return `object nested ${DEEP} deep`;
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
}

// ---------------------------------------------------------------- the world
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Tables a refused login may write by design (throttling, failed-login audit, sessions). */
const LOGIN_SIDE_TABLES = /^(outbox_message|audit_\w+|\w*(login|session|throttle|attempt)\w*)$/;

describe.sequential(
  'hostile input: every route and field of /docs-json answers a 4xx with a reason, never a 5xx',
  () => {
    const runPrefix = inject('runPrefix');
    const telegram = new TelegramBotApiFake({ botUsername: 'BiharPoliceJanSetuBot' });
    const meta = new MetaGraphApiFake();
    const dlt = new DltGatewayFake();
    let gateway: AppProcess;
    let api: ApiClient;
    let db: Client;
    let doc: OpenApi;
    const tokens: Record<string, string | undefined> = {};
    const ids: string[] = [];
    const tally = { requests: 0, routes: 0, byStatus: {} as Record<string, number> };
    let failures: string[] = [];
    let failed = 0;

    async function counts(): Promise<Record<string, number>> {
      const { rows: tables } = await db.query<{ t: string }>(
        `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'migrations%' ORDER BY 1`,
      );
      const sql = tables.map(({ t }) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
      const { rows } = await db.query<{ t: string; n: number }>(sql);
      return Object.fromEntries(rows.map((r) => [r.t, r.n]));
    }

    async function send(a: Attempt): Promise<{ status: number; body: unknown }> {
      const token = tokens[a.role];
      let res: Response;
      try {
        res = await fetch(`${api.baseUrl}${a.url}`, {
          method: a.method,
          headers: {
            ...(a.contentType ? { 'content-type': a.contentType } : {}),
            ...(token
              ? { authorization: `Bearer ${token}` }
              : a.role === 'forged'
                ? { authorization: 'Bearer e30.e30.x' }
                : {}),
          },
          body: a.body,
        });
      } catch (e) {
        // The gateway cut the connection: as bad as a 5xx.
        return { status: 599, body: String((e as Error).cause ?? e) };
      }
      // A live stream (server-sent events) that opened is an answer; it never ends by itself, so stop reading.
      if (res.ok && res.headers.get('content-type')?.startsWith('text/event-stream')) {
        await res.body?.cancel();
        return { status: res.status, body: undefined };
      }
      const text = await res.text().catch((e: Error) => `connection dropped mid-body: ${e.message}`);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body };
    }

    function hasReason(body: unknown): boolean {
      const message = (body as { message?: unknown } | undefined)?.message;
      if (typeof message === 'string') return message.trim().length > 0;
      return (
        Array.isArray(message) && message.length > 0 && message.every((m) => typeof m === 'string' && m.length > 0)
      );
    }

    /** One hostile request with its checks; failures are collected (all of them, not the first) for the report. */
    async function probe(route: Route, a: Attempt, before: Record<string, number>): Promise<Record<string, number>> {
      const res = await send(a);
      tally.requests++;
      tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
      const where = `${a.method} ${route.path} as ${a.role}: ${a.label}`;
      if (res.status >= 500) failures.push(`${res.status} ← ${where} → ${shown(res.body)}`);
      else if (res.status >= 400 && !hasReason(res.body)) failures.push(`${res.status} without a reason ← ${where}`);
      if (!MUTATING.has(a.method)) return before;
      const after = await counts();
      if (res.status >= 400) {
        const changed = Object.keys(after).filter(
          (t) => after[t] !== before[t] && !(route.path.startsWith('/api/v1/auth/') && LOGIN_SIDE_TABLES.test(t)),
        );
        if (changed.length) failures.push(`${res.status} but changed ${changed.join(', ')} ← ${where}`);
      } else {
        // Accepted: learn the id it made, so later requests reach deeper.
        const id = (res.body as { id?: unknown } | undefined)?.id;
        if (typeof id === 'string' && UUID_RE.test(id)) ids.push(id);
      }
      return after;
    }

    beforeAll(async () => {
      await Promise.all([telegram.start(), meta.start(), dlt.start()]);
      const port = await freePort();
      const databaseUrl = await createDatabase(runPrefix, 'hostile');
      // The gateway alone (no dispatcher, no workers): nothing changes the tables but the requests themselves.
      gateway = new AppProcess('gateway', {
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: inject('kafkaBrokers'),
        KAFKA_TOPIC_PREFIX: `${runPrefix}.hostile.`,
        KAFKA_PARTITIONS: '1',
        JWT_SECRET: randomBytes(32).toString('hex'),
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
        BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        CHANNEL_SIMULATOR: 'true',
        METRICS_TOKEN,
        LOGIN_THROTTLE_LIMIT: '1000',
        PUBLIC_BASE_URL: 'https://jansetu.bihar.example',
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123',
        TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
        TELEGRAM_API_ROOT: telegram.apiRoot,
        WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
        WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
        WHATSAPP_APP_SECRET: 'meta-app-secret-for-e2e',
        WHATSAPP_VERIFY_TOKEN: 'meta-verify-token-e2e',
        WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
        SMS_PROVIDER: 'dlt',
        DLT_SMS_URL: dlt.url,
        DLT_USERNAME: 'bihar-police',
        DLT_PASSWORD: 'secret-pass',
        DLT_SENDER: 'BHRPOL',
        DLT_ENTITY_ID: '1101234567890123456',
        DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
        DLT_INBOUND_SECRET: 'dlt-inbound-secret-0123456789',
      }).start();
      await gateway.waitForLog(/JanSetu gateway on/);
      api = new ApiClient(`http://127.0.0.1:${port}`);
      db = new Client({ connectionString: databaseUrl });
      await db.connect();

      // Officers of several roles, logged in through the real API.
      tokens.hq_admin = await api.login(ADMIN.username, ADMIN.password);
      const admin = api.as(tokens.hq_admin);
      expect((await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV })).status).toBe(201);
      const officers: [role: string, username: string, jurisdiction: string | undefined][] = [
        ['district_admin', 'sp.patna', 'PAT'],
        ['subdivision_officer', 'sdpo.sadar', 'SAM-SADAR'],
        ['station_officer', 'sho.kotwali', 'PAT-KOTWALI'],
        ['auditor', 'auditor.state', undefined],
      ];
      for (const [role, username, code] of officers) {
        const password = `Hx-${randomBytes(12).toString('hex')}`;
        const created = await admin.request('POST', '/api/v1/officers', {
          username,
          password,
          role,
          ...(code ? { jurisdictionCode: code } : {}),
          displayName: `${role} for hostile input`,
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        tokens[role] = await api.login(username, password);
      }
      tokens.anonymous = undefined;
      // Some real objects, so a hostile value in one field meets real ids in the others.
      for (const code of ['PAT-KOTWALI', 'SAM-MUFASSIL']) {
        const g = await admin.request<{ id: string }>('POST', '/api/v1/groups', {
          jurisdictionCode: code,
          name: `${code} समूह`,
        });
        ids.push(g.body.id);
      }
      const b = await api.as(tokens.station_officer!).request<{ id: string }>('POST', '/api/v1/broadcasts', {
        audience: { groupIds: [ids[0]] },
        category: 'awareness',
        body: { hi: 'साइबर ठगी से सावधान रहें।' },
      });
      if (b.body.id) ids.push(b.body.id);

      const docs = await fetch(`${api.baseUrl}/docs-json`);
      expect(docs.status).toBe(200);
      doc = (await docs.json()) as OpenApi;
    });

    afterAll(async () => {
      await db?.end();
      await gateway?.stop();
      await Promise.all([telegram.stop(), meta.stop(), dlt.stop()]);
      console.log(
        `hostile input: ${tally.requests} requests, ${failed} failures, ${tally.byStatus['500'] ?? 0} answered 500, statuses ${JSON.stringify(tally.byStatus)} (${tally.routes} routes, seed ${SEED}, ${RUNS} runs per route)`,
      );
    });

    it('serves /metrics only with METRICS_TOKEN, and keeps /health public', async () => {
      const bare = await fetch(`${api.baseUrl}/metrics`);
      expect(bare.status).toBe(401);
      expect(((await bare.json()) as { message: string }).message).toMatch(/metrics token required/);
      const wrong = await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${tokens.hq_admin}` } });
      expect(wrong.status).toBe(401);
      const scraped = await fetch(`${api.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('jansetu_outbox_published_total');
      expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
    });

    it('a client still sending a 600 kB URL or body reads the 431 or 413 and its reason every time, never a reset connection', async () => {
      // Regression: the server's parser fails again on each further chunk of a URL it already refused, and the second
      // failure used to destroy the socket under the client (about 1 huge URL in 75 saw EPIPE or ECONNRESET, so 200 of them catch it almost always).
      const huge = 'ए'.repeat(200_000);
      const outcomes: Record<string, number> = {};
      for (let i = 0; i < 400; i++) {
        const url = i % 2 === 0;
        const answer = await fetch(
          url ? `${api.baseUrl}/api/v1/officers/${encodeURIComponent(huge)}/enable` : `${api.baseUrl}/api/v1/groups`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: url ? '{}' : JSON.stringify({ name: huge }),
          },
        ).then(
          async (r) => `${r.status} ${hasReason(await r.json()) ? 'with' : 'without'} a reason`,
          (e: Error) => `reset: ${e.message}`,
        );
        outcomes[answer] = (outcomes[answer] ?? 0) + 1;
      }
      expect(outcomes).toEqual({ '431 with a reason': 200, '413 with a reason': 200 });
    });

    it('the specific cases of issue #13: NUL in login, broadcasts and previews without body or audience, a crafted cursor, offsets beyond 2^63, an export whose filter the database refuses', async () => {
      const admin = api.as(tokens.hq_admin!);
      const sho = api.as(tokens.station_officer!);
      const cases: [ApiClient, string, string, unknown][] = [
        [api, 'POST', '/api/v1/auth/login', { username: 'hq.admin\u0000', password: ADMIN.password }],
        [api, 'POST', '/api/v1/auth/login', { username: 'hq.admin', password: 'x\u0000y-long-enough' }],
        [api, 'POST', '/api/v1/auth/login', { username: '\uD800', password: '\uDC00' }],
        [sho, 'POST', '/api/v1/broadcasts', { audience: { groupIds: [ids[0]] }, category: 'alert' }],
        [sho, 'POST', '/api/v1/broadcasts', { category: 'alert', body: { hi: 'x' } }],
        [sho, 'POST', '/api/v1/broadcasts', { audience: null, category: 'alert', body: 'text' }],
        [sho, 'POST', '/api/v1/broadcasts/preview', { audience: { groupIds: [ids[0]] } }],
        [sho, 'POST', '/api/v1/broadcasts/preview', { body: { hi: 'x' } }],
        [
          sho,
          'POST',
          '/api/v1/broadcasts',
          {
            audience: { groupIds: [ids[0]] },
            category: 'alert',
            body: { hi: 'x' },
            scheduledAt: '+275760-09-13T00:00:00.000Z',
          },
        ],
        [admin, 'GET', `/api/v1/audit/events?cursor=${cursorOf(['0', randomUUID()])}`, undefined],
        [admin, 'GET', `/api/v1/audit/events?cursor=${cursorOf(['2026-01-01T00:00:00Z', '-'.repeat(36)])}`, undefined],
        [admin, 'GET', '/api/v1/audit/events?from=-000001-01-01T00:00:00Z', undefined],
        [admin, 'GET', '/api/v1/audit/export?from=-000001-01-01T00:00:00Z', undefined],
        [admin, 'GET', '/api/v1/audit/export?text=ab%00cd', undefined],
        [admin, 'GET', '/api/v1/groups?offset=9223372036854775808', undefined],
        [admin, 'GET', '/api/v1/groups?offset=99999999999999999999', undefined],
        [admin, 'GET', '/api/v1/inbox/cases?offset=9223372036854775807', undefined],
        [admin, 'GET', `/api/v1/groups/${ids[0]}/members?offset=18446744073709551616`, undefined],
      ];
      let before = await counts();
      const seen: string[] = [];
      for (const [client, method, path, body] of cases) {
        const res = await client.request<{ message?: unknown }>(method, path, body);
        tally.requests++;
        tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
        seen.push(`${res.status} ${method} ${path.slice(0, 60)} ${hasReason(res.body) ? '' : '(no reason)'}`.trim());
        const after = await counts();
        if (res.status >= 400) {
          expect(
            Object.keys(after).filter(
              (t) => after[t] !== before[t] && !(path.includes('/auth/') && LOGIN_SIDE_TABLES.test(t)),
            ),
            path,
          ).toEqual([]);
        }
        before = after;
      }
      expect(seen.filter((s) => !/^4\d\d /.test(s) || s.endsWith('(no reason)'))).toEqual([]);
    });

    it('every route of the OpenAPI document, every body, query and path field: hostile values never cause a 5xx, each refusal says why and changes nothing', async () => {
      failures = [];
      // Routes that can end the caller's own session (logout, refresh, password, second factor, an officer's
      // disable or transfer) go last, so the other routes are tried with live tokens, not refused as 401.
      const endsSessions = (r: Route) => /\/auth\/(logout|refresh)|\/me\/|\/officers\/\{/.test(r.path);
      const routes = routesOf(doc)
        .filter((r) => !r.path.startsWith('/docs'))
        .sort((a, b) => Number(endsSessions(a)) - Number(endsSessions(b)));
      expect(routes.length).toBeGreaterThan(30);
      tally.routes = routes.length;
      const roles = [
        'hq_admin',
        'district_admin',
        'subdivision_officer',
        'station_officer',
        'auditor',
        'anonymous',
        'forged',
      ];
      let before = await counts();
      for (const route of routes) {
        await fc.assert(
          fc.asyncProperty(
            attempts(doc, route, roles, () => ids),
            async (a) => {
              before = await probe(route, a, before);
            },
          ),
          { numRuns: RUNS, seed: SEED + routes.indexOf(route), endOnFailure: true },
        );
      }
      failed += failures.length;
      expect(failures).toEqual([]);
    });

    it('unsigned hostile webhook bodies are refused with a 4xx, and change nothing', async () => {
      failures = [];
      const hooks = routesOf(doc).filter((r) => r.path.startsWith('/webhooks/') && r.method === 'POST');
      expect(hooks.length).toBeGreaterThan(3);
      let before = await counts();
      const contentTypes = [
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'application/octet-stream',
      ];
      for (const route of hooks) {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              hostileValue.map(bodyText),
              fc.constantFrom(
                deepArray(DEEP),
                deepObject(DEEP),
                'Body=%00&From=%2B91&MessageSid=SM1',
                '{"update_id":1e400}',
              ),
              fc.jsonValue().map((v) => JSON.stringify(v)),
            ),
            fc.constantFrom(...contentTypes),
            fc.constantFrom('none', 'garbage'),
            async (body, contentType, signature) => {
              const headers: Record<string, string> = { 'content-type': contentType };
              if (signature === 'garbage') {
                headers['x-hub-signature-256'] = `sha256=${'0'.repeat(64)}`;
                headers['x-twilio-signature'] = 'AAAA';
                headers['x-telegram-bot-api-secret-token'] = 'wrong\u00e9';
              }
              const res: { status: number; body: unknown } = await fetch(`${api.baseUrl}${route.path}`, {
                method: 'POST',
                headers,
                body,
              }).then(
                async (r) => ({ status: r.status, body: await r.json().catch(() => undefined) }),
                (e: Error) => ({ status: 599, body: e.message }),
              );
              tally.requests++;
              tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
              const where = `POST ${route.path} (${contentType}, signature ${signature}): ${shown(body)}`;
              // The simulator has no signature to check: loopback callers are its only ones, and it validates its DTO.
              if (route.path !== '/webhooks/simulator' && res.status < 400)
                failures.push(`${res.status} accepted unsigned ← ${where}`);
              if (res.status >= 500) failures.push(`${res.status} ← ${where}`);
              else if (res.status >= 400 && !hasReason(res.body))
                failures.push(`${res.status} without a reason ← ${where}`);
              const after = await counts();
              if (res.status >= 400) {
                const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
                if (changed.length) failures.push(`${res.status} but changed ${changed.join(', ')} ← ${where}`);
              }
              before = after;
            },
          ),
          { numRuns: RUNS, seed: SEED },
        );
      }
      failed += failures.length;
      expect(failures).toEqual([]);
    });
  },
);
