import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, reasonOf, session } from '../api/client';
import { formatDateTime, formatNumber } from '../format';
import { field } from '../forms';
import { Scroll } from '../Scroll';

// What the audit routes answer (the gateway does not describe these bodies in its OpenAPI yet).
interface Actor {
  kind: 'officer' | 'system';
  officerId: string | null;
  role: string | null;
}
interface AuditEvent {
  id: string;
  chainId: string;
  chainSeq: number;
  type: string;
  occurredAt: string;
  actor: Actor;
  subject: Record<string, unknown>;
  body: Record<string, unknown>;
}
interface Trail {
  broadcastId: string;
  chainId: string;
  category: string | null;
  content: unknown;
  contentSha256: string | null;
  author: Actor | null;
  createdAt: string | null;
  decision: { type: string; actor: Actor; at: string; note: string | null } | null;
  cancelledAt: string | null;
  firstSentAt: string | null;
  lastSentAt: string | null;
  completedAt: string | null;
  audienceSize: number | null;
  outcomes: {
    total: number;
    byStatus: Record<string, number>;
    byChannel: Record<string, Record<string, number>>;
    byFailure: Record<string, number>;
  };
  steps: { chainSeq: number; type: string; occurredAt: string; actor: Actor; note: string | null }[];
  messageBatches: number;
}
interface History {
  pseudonym: string;
  entries: {
    eventId: string;
    type: string;
    occurredAt: string;
    actor: Actor;
    category: string | null;
    content: unknown;
    channel: string | null;
    status: string | null;
  }[];
  nextCursor: string | null;
}
interface Verification {
  ok: boolean;
  checkedEvents: number;
  chains: number;
  firstBreak?: { chainId: string; chainSeq: number; reason: string };
  complete: boolean;
  resumeAfterChainId?: string;
  checkpoint?: { sequence: number; createdAt: string; chains: number } | null;
  checkpointProblems?: string[];
}
type Query = Record<string, string>;
type View = { kind: 'search' } | { kind: 'trail'; id: string } | { kind: 'history'; pseudonym: string };

const CHANNELS = ['sms', 'whatsapp', 'telegram', 'simulator'];
const CATEGORIES = ['awareness', 'alert', 'rumour_rebuttal', 'cyber_safety', 'emergency'];
const PSEUDONYM = /^[A-Z]-[0-9A-Z]{4,32}$/;
const TEXT_FILTERS = [
  'type',
  'text',
  'pseudonym',
  'broadcastId',
  'officerId',
  'groupId',
  'jurisdictionCode',
  'chainId',
] as const;

/** A datetime-local value read as India time (whatever zone the device is in), as ISO 8601. */
const istToIso = (local: string) => new Date(`${local}:00+05:30`).toISOString();

/** The query of the filter form: only the fields filled in. */
function filtersOf(form: HTMLFormElement): Query {
  const data = new FormData(form);
  const q: Query = {};
  for (const name of [...TEXT_FILTERS, 'channel', 'category']) {
    const v = field(data, name).trim();
    if (v) q[name] = v;
  }
  for (const name of ['from', 'to']) {
    const v = field(data, name);
    if (v) q[name] = istToIso(v);
  }
  return q;
}

/** What was said, in the shape the event recorded it (a broadcast's variants, or one text). */
function Content({ value }: { value: unknown }) {
  if (typeof value === 'string') return <blockquote className="citizen">{value}</blockquote>;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const texts = ['hi', 'en', 'text'].filter((k) => typeof v[k] === 'string');
    if (texts.length)
      return (
        <>
          {texts.map((k) => (
            <blockquote key={k} className="citizen" lang={k === 'en' ? 'en' : 'hi'}>
              {v[k] as string}
            </blockquote>
          ))}
        </>
      );
  }
  return null;
}

/** Auditors' screens: search with every filter, a broadcast's trail, a pseudonym's history, verify, export. */
export function AuditPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ kind: 'search' });
  const [query, setQuery] = useState<Query>({});
  const [rows, setRows] = useState<AuditEvent[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const search = async (q: Query, after?: string) => {
    const limit = Number(q.limit ?? 50);
    const { data, error, response } = await api.GET('/api/v1/audit/events', {
      params: { query: { ...q, limit, ...(after ? { cursor: after } : {}) } as never },
    });
    if (error) return setMessage({ ok: false, text: reasonOf(error, response.status) });
    setMessage(null);
    const page = data as unknown as AuditEvent[];
    setRows((before) => (after && before ? [...before, ...page] : page));
    setCursor(response.headers.get('x-next-cursor'));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = { ...filtersOf(e.currentTarget), limit: field(new FormData(e.currentTarget), 'limit') || '50' };
    setQuery(q);
    void search(q);
  };

  const exportAs = async (format: 'csv' | 'ndjson', form: HTMLFormElement | null) => {
    const q = form ? filtersOf(form) : query;
    const params = new URLSearchParams({ ...q, format });
    // A plain link cannot carry the bearer token: fetch, then hand the file to the browser.
    const answer = await fetch(`/api/v1/audit/export?${params.toString()}`, {
      headers: { authorization: `Bearer ${session.token ?? ''}` },
    });
    if (!answer.ok) {
      const body = (await answer.json().catch(() => undefined)) as unknown;
      return setMessage({ ok: false, text: reasonOf(body, answer.status) });
    }
    const name = /filename="([^"]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? `audit.${format}`;
    const url = URL.createObjectURL(await answer.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ ok: true, text: t('auditScreen.exported', { file: name }) });
  };

  if (view.kind === 'trail') return <TrailView id={view.id} onBack={() => setView({ kind: 'search' })} />;
  if (view.kind === 'history')
    return <HistoryView pseudonym={view.pseudonym} onBack={() => setView({ kind: 'search' })} />;

  const openLookup = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const id = field(data, 'trail').trim();
    const pseudonym = field(data, 'history').trim().toUpperCase();
    if (id) setView({ kind: 'trail', id });
    else if (PSEUDONYM.test(pseudonym)) setView({ kind: 'history', pseudonym });
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditScreen.title')}</h1>
      <form className="card" aria-labelledby="audit-filters" onSubmit={submit}>
        <h2 id="audit-filters">{t('auditScreen.filters')}</h2>
        <div className="fields">
          <label>
            {t('auditScreen.from')}
            <input name="from" type="datetime-local" />
          </label>
          <label>
            {t('auditScreen.to')}
            <input name="to" type="datetime-local" />
          </label>
          {TEXT_FILTERS.map((name) => (
            <label key={name}>
              {t(`auditScreen.${name}`)}
              <input
                name={name}
                autoComplete="off"
                placeholder={name === 'type' ? 'broadcast.created' : name === 'pseudonym' ? 'N-7F3K2Q9A' : undefined}
              />
            </label>
          ))}
          <label>
            {t('auditScreen.channel')}
            <select name="channel" defaultValue="">
              <option value="">{t('auditScreen.any')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('auditScreen.category')}
            <select name="category" defaultValue="">
              <option value="">{t('auditScreen.any')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('auditScreen.limit')}
            <select name="limit" defaultValue="50">
              {[20, 50, 100, 500].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="actions">
          <button type="submit">{t('auditScreen.search')}</button>
          <button type="reset">{t('auditScreen.clear')}</button>
        </div>
        <h2>{t('auditScreen.exportTitle')}</h2>
        <p className="muted">{t('auditScreen.exportHelp')}</p>
        <div className="actions">
          <button type="button" onClick={(e) => void exportAs('csv', e.currentTarget.form)}>
            {t('auditScreen.exportCsv')}
          </button>
          <button type="button" onClick={(e) => void exportAs('ndjson', e.currentTarget.form)}>
            {t('auditScreen.exportNdjson')}
          </button>
        </div>
      </form>
      <form className="card inline" aria-labelledby="audit-lookup" onSubmit={openLookup}>
        <h2 id="audit-lookup">{t('auditScreen.lookupTitle')}</h2>
        <label>
          {t('auditScreen.broadcastId')}
          <input name="trail" autoComplete="off" />
        </label>
        <label>
          {t('auditScreen.pseudonym')}
          <input name="history" autoComplete="off" placeholder="N-7F3K2Q9A" />
        </label>
        <button type="submit">{t('continue')}</button>
      </form>
      <VerifyCard />
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
      {rows && (
        <EventTable
          rows={rows}
          onTrail={(id) => setView({ kind: 'trail', id })}
          onHistory={(pseudonym) => setView({ kind: 'history', pseudonym })}
        />
      )}
      {rows && cursor && (
        <button type="button" onClick={() => void search(query, cursor)}>
          {t('auditScreen.more')}
        </button>
      )}
    </section>
  );
}

function useWords() {
  const { t, i18n } = useTranslation();
  const types = t('auditScreen.types', { returnObjects: true }) as Record<string, string>;
  return {
    t,
    lang: i18n.language,
    typeOf: (type: string) => types[type] ?? type,
    actorOf: (a: Actor | null) =>
      !a ? '—' : a.kind === 'system' ? t('auditScreen.system') : t(`auditScreen.roles.${a.role ?? 'auditor'}`),
    statusOf: (s: string) => t(`auditScreen.deliveryStatus.${s}`, { defaultValue: s }),
  };
}

function EventTable(props: {
  rows: AuditEvent[];
  onTrail: (id: string) => void;
  onHistory: (pseudonym: string) => void;
}) {
  const { t, lang, typeOf, actorOf } = useWords();
  const { rows, onTrail, onHistory } = props;
  if (rows.length === 0) return <p>{t('auditScreen.noResults')}</p>;
  return (
    <Scroll label={t('auditScreen.results', { count: rows.length })}>
      <table className="full">
        <caption>{t('auditScreen.results', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auditScreen.time')}</th>
            <th scope="col">{t('auditScreen.event')}</th>
            <th scope="col">{t('auditScreen.actor')}</th>
            <th scope="col">{t('auditScreen.about')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const broadcastId = typeof r.subject.broadcastId === 'string' ? r.subject.broadcastId : null;
            const outcomes = Array.isArray(r.body.outcomes) ? (r.body.outcomes as { pseudonym?: unknown }[]) : [];
            const pseudonyms = [
              ...new Set(
                [r.subject.pseudonym, ...outcomes.map((o) => o.pseudonym)].filter(
                  (p): p is string => typeof p === 'string',
                ),
              ),
            ].slice(0, 5);
            return (
              <tr key={r.id}>
                <td>{formatDateTime(r.occurredAt, lang)}</td>
                <td>
                  {typeOf(r.type)}
                  <br />
                  <span className="muted code">{r.type}</span>
                </td>
                <td>{actorOf(r.actor)}</td>
                <td>
                  {broadcastId && (
                    <button type="button" className="link" onClick={() => onTrail(broadcastId)}>
                      {t('auditScreen.openTrail')}
                    </button>
                  )}
                  {pseudonyms.length > 0 && (
                    <>
                      {broadcastId && <br />}
                      {outcomes.length > 0 && <span className="muted">{t('auditScreen.recipientsShown')} </span>}
                      {pseudonyms.map((p) => (
                        <button
                          key={p}
                          type="button"
                          className="link"
                          aria-label={t('auditScreen.openHistory', { pseudonym: p })}
                          onClick={() => onHistory(p)}
                        >
                          {p}
                        </button>
                      ))}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

/** Runs the verification (of everything in scope, or of one chain) and says the verdict in words. */
function VerifyCard({ chainId }: { chainId?: string }) {
  const { t, lang } = useWords();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; lines: string[]; resume?: string } | null>(null);

  const verify = async (afterChainId?: string) => {
    setBusy(true);
    const { data, error, response } = await api.GET('/api/v1/audit/verify', {
      params: { query: { ...(chainId ? { chainId } : {}), ...(afterChainId ? { afterChainId } : {}) } },
    });
    setBusy(false);
    if (error) return setResult({ ok: false, lines: [reasonOf(error, response.status)] });
    const v = data as unknown as Verification;
    const lines = [
      v.firstBreak
        ? t('auditScreen.verdictBroken', {
            chain: v.firstBreak.chainId,
            seq: v.firstBreak.chainSeq,
            reason: v.firstBreak.reason,
          })
        : v.ok || !v.checkpointProblems?.length
          ? t('auditScreen.verdictOk', {
              chains: formatNumber(v.chains, lang),
              events: formatNumber(v.checkedEvents, lang),
            })
          : t('auditScreen.verdictBrokenCheckpoint', { problems: v.checkpointProblems.join('; ') }),
      v.checkpoint
        ? t('auditScreen.checkpointUsed', {
            sequence: v.checkpoint.sequence,
            time: formatDateTime(v.checkpoint.createdAt, lang),
            chains: formatNumber(v.checkpoint.chains, lang),
          })
        : t('auditScreen.noCheckpoint'),
      ...(v.complete ? [] : [t('auditScreen.incomplete')]),
    ];
    setResult({ ok: v.ok, lines, resume: v.complete ? undefined : v.resumeAfterChainId });
  };

  return (
    <section className="card" aria-labelledby={chainId ? 'verify-chain' : 'verify-all'}>
      <h2 id={chainId ? 'verify-chain' : 'verify-all'}>{t('auditScreen.verifyTitle')}</h2>
      <button type="button" onClick={() => void verify()} disabled={busy}>
        {busy ? t('auditScreen.verifying') : chainId ? t('auditScreen.verifyChain') : t('auditScreen.verify')}
      </button>
      {result && (
        <div role={result.ok ? 'status' : 'alert'} className={result.ok ? 'verdict ok' : 'verdict error'}>
          {result.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {result?.resume && (
        <button type="button" onClick={() => void verify(result.resume)}>
          {t('auditScreen.continueVerify')}
        </button>
      )}
    </section>
  );
}

function TrailView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, lang, typeOf, actorOf, statusOf } = useWords();
  const [trail, setTrail] = useState<Trail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api
      .GET('/api/v1/audit/broadcasts/{id}/trail', { params: { path: { id } } })
      .then(({ data, error: e, response }) =>
        data ? setTrail(data as unknown as Trail) : setError(reasonOf(e, response.status)),
      );
  }, [id]);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : t('auditScreen.never'));
  return (
    <section aria-labelledby="trail-title">
      <button type="button" className="link" onClick={onBack}>
        {t('auditScreen.back')}
      </button>
      <h1 id="trail-title">{t('auditScreen.trailTitle')}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!trail && !error && <p>{t('loading')}</p>}
      {trail && (
        <>
          <div className="card">
            <p className="muted code">{trail.broadcastId}</p>
            {trail.category && <span className="tag">{t(`categories.${trail.category}`)}</span>}
            <Content value={trail.content} />
            <dl className="facts">
              <dt>{t('auditScreen.author')}</dt>
              <dd>{actorOf(trail.author)}</dd>
              <dt>{t('auditScreen.created')}</dt>
              <dd>{when(trail.createdAt)}</dd>
              <dt>{t('auditScreen.decision')}</dt>
              <dd>
                {trail.decision
                  ? `${typeOf(trail.decision.type)} · ${actorOf(trail.decision.actor)} · ${when(trail.decision.at)}` +
                    (trail.decision.note ? ` · “${trail.decision.note}”` : '')
                  : t('auditScreen.noDecision')}
              </dd>
              <dt>{t('auditScreen.audience')}</dt>
              <dd>{trail.audienceSize === null ? '—' : formatNumber(trail.audienceSize, lang)}</dd>
              <dt>{t('auditScreen.firstSent')}</dt>
              <dd>{when(trail.firstSentAt)}</dd>
              <dt>{t('auditScreen.lastSent')}</dt>
              <dd>{when(trail.lastSentAt)}</dd>
              <dt>{t('auditScreen.completed')}</dt>
              <dd>{when(trail.completedAt)}</dd>
              {trail.cancelledAt && (
                <>
                  <dt>{t('auditScreen.cancelledAt')}</dt>
                  <dd>{when(trail.cancelledAt)}</dd>
                </>
              )}
              <dt>{t('auditScreen.contentHash')}</dt>
              <dd className="code">{trail.contentSha256 ?? '—'}</dd>
            </dl>
          </div>
          <Scroll className="card" label={t('auditScreen.outcomes')}>
            <table className="full">
              <caption>{t('auditScreen.outcomes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('auditScreen.status')}</th>
                  <th scope="col">{t('auditScreen.total')}</th>
                  {Object.keys(trail.outcomes.byChannel).map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Object.entries(trail.outcomes.byStatus).map(([status, n]) => (
                  <tr key={status}>
                    <th scope="row">{statusOf(status)}</th>
                    <td className="num">{formatNumber(n, lang)}</td>
                    {Object.values(trail.outcomes.byChannel).map((byStatus, i) => (
                      <td key={i} className="num">
                        {formatNumber(byStatus[status] ?? 0, lang)}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('auditScreen.total')}</th>
                  <td className="num">{formatNumber(trail.outcomes.total, lang)}</td>
                  {Object.values(trail.outcomes.byChannel).map((byStatus, i) => (
                    <td key={i} className="num">
                      {formatNumber(
                        Object.values(byStatus).reduce((n, x) => n + x, 0),
                        lang,
                      )}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </Scroll>
          {Object.keys(trail.outcomes.byFailure).length > 0 && (
            <div className="card">
              <h2>{t('auditScreen.failures')}</h2>
              <dl>
                {Object.entries(trail.outcomes.byFailure).map(([kind, n]) => (
                  <div key={kind}>
                    <dt>{t(`auditScreen.failureKinds.${kind}`, kind)}</dt>
                    <dd>{formatNumber(n, lang)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          )}
          <div className="card">
            <h2>{t('auditScreen.steps')}</h2>
            <ol className="steps">
              {trail.steps.map((s) => (
                <li key={s.chainSeq}>
                  <strong>{typeOf(s.type)}</strong> · {actorOf(s.actor)} · {when(s.occurredAt)}
                  {s.note && (
                    <>
                      {' '}
                      · {t('auditScreen.note')}: “{s.note}”
                    </>
                  )}
                </li>
              ))}
            </ol>
            <p className="muted">{t('auditScreen.batches', { count: trail.messageBatches })}</p>
          </div>
          <VerifyCard chainId={trail.chainId} />
        </>
      )}
    </section>
  );
}

function HistoryView({ pseudonym, onBack }: { pseudonym: string; onBack: () => void }) {
  const { t, lang, typeOf, actorOf, statusOf } = useWords();
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    async (cursor?: string) => {
      const {
        data,
        error: e,
        response,
      } = await api.GET('/api/v1/audit/citizens/{pseudonym}/history', {
        params: { path: { pseudonym }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      });
      if (!data) return setError(reasonOf(e, response.status));
      const page = data as unknown as History;
      setHistory((before) => (cursor && before ? { ...page, entries: [...before.entries, ...page.entries] } : page));
    },
    [pseudonym],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section aria-labelledby="history-title">
      <button type="button" className="link" onClick={onBack}>
        {t('auditScreen.back')}
      </button>
      <h1 id="history-title">{t('auditScreen.historyTitle', { pseudonym })}</h1>
      <p className="muted">{t('auditScreen.historyHelp')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!history && !error && <p>{t('loading')}</p>}
      {history && history.entries.length === 0 && <p>{t('auditScreen.noHistory')}</p>}
      {history && history.entries.length > 0 && (
        <ol className="list">
          {history.entries.map((e) => (
            <li key={e.eventId} className="card">
              <strong>{typeOf(e.type)}</strong> · {formatDateTime(e.occurredAt, lang)} · {actorOf(e.actor)}
              {e.category && (
                <>
                  {' '}
                  <span className="tag">{t(`categories.${e.category}`)}</span>
                </>
              )}
              <Content value={e.content} />
              <span className="muted">
                {[e.channel, e.status ? statusOf(e.status) : null].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ol>
      )}
      {history?.nextCursor && (
        <button type="button" onClick={() => void load(history.nextCursor ?? undefined)}>
          {t('auditScreen.more')}
        </button>
      )}
    </section>
  );
}
