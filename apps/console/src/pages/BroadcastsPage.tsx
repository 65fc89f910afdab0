import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, reasonOf } from '../api/client';
import { BroadcastView, ListRow, Page, placeName, usePlaces } from '../broadcasts';
import { formatDateTime, formatNumber } from '../format';
import { field } from '../forms';
import { watchStream } from '../live';

const STATUSES = ['pending_approval', 'scheduled', 'sending', 'paused', 'cancelled', 'rejected', 'completed'] as const;
const CATEGORIES = ['awareness', 'alert', 'rumour_rebuttal', 'cyber_safety', 'emergency'] as const;
type Status = (typeof STATUSES)[number];
type Category = (typeof CATEGORIES)[number];
const LIMIT = 20;

/** The broadcasts within the officer's jurisdiction, filtered, newest first; one opens with its live progress. */
export function BroadcastsPage({ jurisdictionCode }: { jurisdictionCode: string | null }) {
  const { t, i18n } = useTranslation();
  const places = usePlaces(jurisdictionCode);
  const lang = i18n.language;
  const [filters, setFilters] = useState<{ status?: Status; category?: Category; mine: boolean }>({ mine: false });
  const [rows, setRows] = useState<ListRow[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ListRow | null>(null);

  const load = useCallback(
    async (offset: number) => {
      const {
        data,
        error: e,
        response,
      } = await api.GET('/api/v1/broadcasts', {
        params: {
          query: {
            // `status=pending_approval` alone is the approval queue (what awaits MY decision); repeated, it is the
            // list filter (everything waiting within my jurisdiction, my own included).
            ...(filters.status ? { status: [filters.status, filters.status] } : {}),
            ...(filters.category ? { category: filters.category } : {}),
            ...(filters.mine ? { mine: true } : {}),
            limit: LIMIT,
            offset,
          },
        },
      });
      if (e) return setError(reasonOf(e, response.status));
      setError(null);
      const page = data as unknown as Page<ListRow>;
      setRows((old) => (offset === 0 ? page.items : [...(old ?? []), ...page.items]));
      setMore(page.items.length === LIMIT);
    },
    [filters],
  );
  useEffect(() => void load(0), [load]);

  const filter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setFilters({
      status: (field(data, 'status') || undefined) as Status | undefined,
      category: (field(data, 'category') || undefined) as Category | undefined,
      mine: data.get('mine') === 'on',
    });
  };

  if (open) return <BroadcastDetail id={open.id} text={open.body.hi} onBack={() => (setOpen(null), void load(0))} />;

  return (
    <section aria-labelledby="broadcasts-title">
      <h1 id="broadcasts-title">{t('bc.listTitle')}</h1>
      <form className="card inline" onSubmit={filter} aria-label={t('bc.filter')}>
        <label>
          {t('status')}
          <select name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('bc.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('category')}
          <select name="category" defaultValue={filters.category ?? ''}>
            <option value="">{t('bc.anyCategory')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="mine" defaultChecked={filters.mine} /> {t('bc.mine')}
        </label>
        <button type="submit">{t('bc.filter')}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows === null ? (
        <p>{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('bc.none')}</p>
      ) : (
        <ul className="list" aria-label={t('bc.listTitle')}>
          {rows.map((b) => (
            <li key={b.id} className="card">
              <p className="row">
                <span className="tag">{t(`statuses.${b.status}`)}</span>
                <span className="tag">{t(`categories.${b.category}`)}</span>
                <span className="muted">
                  {formatDateTime(b.createdAt, lang)} · {placeName(b.path, places, lang)}
                </span>
              </p>
              <p className="text" lang="hi">
                {b.body.hi}
              </p>
              <p className="muted">
                {t('recipients')}: {formatNumber(b.recipients, lang)} · {t('bc.delivery.sent')}:{' '}
                {formatNumber(sentOf(b.byStatus), lang)}
              </p>
              <button type="button" onClick={() => setOpen(b)} aria-label={`${t('bc.open')}: ${b.body.hi}`}>
                {t('bc.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" onClick={() => void load(rows?.length ?? 0)}>
          {t('bc.more')}
        </button>
      )}
    </section>
  );
}

/** Deliveries that went out: sent, delivered or read. */
const sentOf = (byStatus: Record<string, number>) =>
  (byStatus.sent ?? 0) + (byStatus.delivered ?? 0) + (byStatus.read ?? 0);

const CONTROLS: Record<string, ('pause' | 'resume' | 'cancel')[]> = {
  pending_approval: ['cancel'],
  scheduled: ['pause', 'cancel'],
  sending: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
};
const CONFIRM = { pause: 'bc.confirmPause', resume: 'bc.confirmResume', cancel: 'bc.confirmCancel' } as const;

/** One broadcast: counts by state, channel and reason, updated live from its stream until it is done. */
function BroadcastDetail({ id, text, onBack }: { id: string; text: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [view, setView] = useState<BroadcastView | null>(null);
  const [done, setDone] = useState(false);
  const [asking, setAsking] = useState<'pause' | 'resume' | 'cancel' | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void api.GET('/api/v1/broadcasts/{id}', { params: { path: { id } } }).then(({ data, error, response }) => {
      if (error) setNote({ ok: false, text: reasonOf(error, response.status) });
      else setView(data as unknown as BroadcastView);
    });
    return watchStream(`/api/v1/broadcasts/${id}/stream`, (e) => {
      if (e.event !== 'progress' && e.event !== 'done') return;
      setView(JSON.parse(e.data) as BroadcastView);
      setDone(e.event === 'done');
      return e.event === 'done';
    });
  }, [id, generation]);

  const control = async (action: 'pause' | 'resume' | 'cancel') => {
    setAsking(null);
    const path = `/api/v1/broadcasts/{id}/${action}` as const;
    const { error, response } = await api.POST(path, { params: { path: { id } }, body: {} });
    if (error || !response.ok) return setNote({ ok: false, text: reasonOf(error, response.status) });
    setNote({ ok: true, text: t(`bc.${action}`) + ' ✓' });
    setGeneration((g) => g + 1);
  };

  return (
    <section aria-labelledby="broadcast-title">
      <button type="button" className="link" onClick={onBack}>
        ← {t('bc.back')}
      </button>
      <h1 id="broadcast-title">{t('bc.detail')}</h1>
      {note && (
        <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'ok' : 'error'}>
          {note.text}
        </p>
      )}
      {view && (
        <div className="card">
          <blockquote className="citizen" lang="hi">
            {text}
          </blockquote>
          <dl className="facts">
            <dt>{t('status')}</dt>
            <dd data-testid="broadcast-status">{t(`statuses.${view.status}`)}</dd>
            <dt>{t('category')}</dt>
            <dd>{t(`categories.${view.category}`)}</dd>
            <dt>{t('recipients')}</dt>
            <dd>
              {view.audienceResolving && view.audienceEstimate !== null
                ? t('audienceResolvingSoFar', {
                    n: formatNumber(view.recipients, lang),
                    of: formatNumber(view.audienceEstimate, lang),
                  })
                : formatNumber(view.recipients, lang)}
            </dd>
            <dt>{t('bc.created')}</dt>
            <dd>{formatDateTime(view.createdAt, lang)}</dd>
            {view.verificationCode && (
              <>
                <dt>{t('bc.verificationCode')}</dt>
                <dd>
                  <strong className="code">{view.verificationCode}</strong>{' '}
                  <span className="muted">{t('bc.verifyHelp', { code: view.verificationCode })}</span>
                </dd>
              </>
            )}
          </dl>
          <p role="status" className={done ? 'ok' : 'muted'}>
            {done ? t('bc.done') : t('bc.live')}
          </p>
          <Counts title={t('bc.byStatus')} counts={view.byStatus} label={(k) => t(`bc.delivery.${k}`, k)} />
          <Counts title={t('bc.byChannel')} counts={view.byChannel} label={(k) => t(`bc.channels.${k}`, k)} />
          <Counts title={t('bc.byReason')} counts={view.byReason} label={(k) => k} />
          {asking ? (
            <div role="alertdialog" aria-labelledby="confirm-text" className="card">
              <p id="confirm-text">{t(CONFIRM[asking])}</p>
              <div className="actions">
                <button type="button" onClick={() => void control(asking)} autoFocus>
                  {t('bc.yes')}
                </button>
                <button type="button" onClick={() => setAsking(null)}>
                  {t('bc.no')}
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              {(CONTROLS[view.status] ?? []).map((a) => (
                <button key={a} type="button" onClick={() => setAsking(a)}>
                  {t(`bc.${a}`)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function Counts(props: { title: string; counts: Record<string, number>; label: (key: string) => string }) {
  const { i18n } = useTranslation();
  const entries = Object.entries(props.counts ?? {});
  if (entries.length === 0) return null;
  return (
    <>
      <h2>{props.title}</h2>
      <ul className="tiles" aria-label={props.title}>
        {entries.map(([k, n]) => (
          <li key={k}>
            <strong>{formatNumber(n, i18n.language)}</strong> {props.label(k)}
          </li>
        ))}
      </ul>
    </>
  );
}
