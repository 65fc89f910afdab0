import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas } from '../api/client';

type Case = Schemas['CaseViewDto'];
type Tab = 'main' | 'urgent' | 'filtered';

/** Queues of the officer's inbox; an urgent case is in the main queue and in the urgent tab, never only filtered. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('main');
  const [cases, setCases] = useState<Case[] | null>(null);
  const [counts, setCounts] = useState<Schemas['InboxCountsDto'][]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const queue = tab === 'filtered' ? 'filtered' : 'main';
    const [list, summary] = await Promise.all([
      api.GET('/api/v1/inbox/cases', { params: { query: { queue, limit: 100 } } }),
      api.GET('/api/v1/inbox/counts'),
    ]);
    if (!list.data) return setError(reasonOf(list.error, list.response.status));
    setError(null);
    setCases(tab === 'urgent' ? list.data.filter((c) => c.urgent) : list.data);
    setCounts(summary.data ?? []);
  }, [tab]);

  // New tips arrive while the officer watches: the queues refresh on their own every 15 seconds.
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  const urgentOpen = counts.reduce((n, c) => n + c.urgentOpen, 0);
  const filtered = counts.reduce((n, c) => n + c.filtered, 0);
  const fresh = counts.reduce((n, c) => n + c.new, 0);
  const badge: Record<Tab, number> = { main: fresh, urgent: urgentOpen, filtered };

  if (open)
    return (
      <CaseDetail
        id={open}
        onBack={() => {
          setOpen(null);
          void load();
        }}
      />
    );
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox')}</h1>
      <div role="tablist" aria-label={t('inbox')}>
        {(['main', 'urgent', 'filtered'] as Tab[]).map((q) => (
          <button key={q} role="tab" aria-selected={tab === q} onClick={() => setTab(q)} className={q}>
            {t(q)} <span className="count">{badge[q]}</span>
          </button>
        ))}
      </div>
      <button type="button" className="link" onClick={() => void load()}>
        {t('refresh')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {cases === null ? (
        <p>{t('loading')}</p>
      ) : cases.length === 0 ? (
        <p>{t('noCases')}</p>
      ) : (
        <ul className="list">
          {cases.map((c) => (
            <li key={c.id} className={c.urgent ? 'urgent' : undefined}>
              <button type="button" className="row" onClick={() => setOpen(c.id)}>
                <strong>
                  {t('case')} #{c.caseNumber}
                </strong>{' '}
                {c.urgent && <span className="tag urgent">{t('urgent')}</span>}{' '}
                <span className="tag">{t(`labels.${c.label}`)}</span> <span className="muted">{c.pseudonym}</span>
                <span className="text">{c.text}</span>
                <span className="muted">
                  {i18n.language === 'hi' ? c.inboxNameHi : c.inboxNameEn} ·{' '}
                  {new Date(c.receivedAt).toLocaleString(i18n.language === 'hi' ? 'hi-IN' : 'en-IN')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CaseDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<Schemas['CaseDetailDto'] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/api/v1/inbox/cases/{id}', { params: { path: { id } } });
    if (data) setDetail(data);
    else setMessage({ ok: false, text: reasonOf(error, response.status) });
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const reply = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const text = field(new FormData(form), 'text');
    const { error, response } = await api.POST('/api/v1/inbox/cases/{id}/reply', {
      params: { path: { id } },
      body: { text },
    });
    setMessage(error ? { ok: false, text: reasonOf(error, response.status) } : { ok: true, text: t('sent') });
    if (!error) form.reset();
    void load();
  };
  const transition = async (action: 'acknowledge' | 'start' | 'close') => {
    const path = `/api/v1/inbox/cases/{id}/${action}` as const;
    const { error, response } = await api.POST(path, { params: { path: { id } } });
    if (error) setMessage({ ok: false, text: reasonOf(error, response.status) });
    void load();
  };

  if (!detail) return <p>{message?.text ?? t('loading')}</p>;
  return (
    <article className="card" aria-labelledby="case-title">
      <button type="button" className="link" onClick={onBack}>
        ← {t('inbox')}
      </button>
      <h1 id="case-title">
        {t('case')} #{detail.caseNumber} {detail.urgent && <span className="tag urgent">{t('urgent')}</span>}
      </h1>
      <p className="muted">
        {t('pseudonym')}: {detail.pseudonym} {detail.anonymous && `· ${t('anonymous')}`} · {detail.channel} ·{' '}
        {t('status')}: {t(`statuses.${detail.status}`)}
      </p>
      <blockquote className="citizen">{detail.text}</blockquote>
      <div className="actions">
        <button type="button" onClick={() => void transition('acknowledge')}>
          {t('acknowledge')}
        </button>
        <button type="button" onClick={() => void transition('start')}>
          {t('start')}
        </button>
        <button type="button" onClick={() => void transition('close')}>
          {t('close')}
        </button>
      </div>
      {detail.reachable && (
        <form onSubmit={(e) => void reply(e)}>
          <label>
            {t('reply')}
            <textarea name="text" required maxLength={600} placeholder={t('replyPlaceholder')} rows={3} />
          </label>
          <button type="submit">{t('reply')}</button>
        </form>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </article>
  );
}
