import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas } from '../api/client';
import { CaseLocation, CaseMedia } from './CaseMedia';

type Case = Schemas['CaseViewDto'];
type Tab = 'main' | 'urgent' | 'filtered';
type Correction = NonNullable<Schemas['CaseDetailDto']['correction']>;

/** What an officer may re-file a case as (never an emergency), and those that file it away (the gateway's lists). */
const RECLASSIFY_LABELS = [
  'tip',
  'complaint',
  'rumour',
  'greeting',
  'political',
  'spam',
  'abuse',
] as const satisfies readonly Schemas['ReclassifyDto']['label'][];
const FILTERED: readonly string[] = ['greeting', 'political', 'spam', 'abuse'];

/** Which correction this was: out of Filtered, into it, or a new label in the main queue. */
function correctionText(c: Correction): 'correction' | 'correctionFiltered' | 'correctionRelabelled' {
  if (c.correctedQueue === 'filtered') return 'correctionFiltered';
  return c.originalQueue === 'main' ? 'correctionRelabelled' : 'correction';
}

/** Queues of the officer's inbox; an urgent case is in the main queue and in the urgent tab, never only filtered. */
export function InboxPage({ urgentSeen = 0, openCase = null }: { urgentSeen?: number; openCase?: string | null }) {
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

  // New tips arrive while the officer watches: the queues refresh on their own every 15 seconds, and at once when
  // the live stream (read once for the whole console, see App) tells of a new urgent case.
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load, urgentSeen]);
  useEffect(() => {
    if (openCase) setOpen(openCase);
  }, [openCase]);

  const urgentOpen = counts.reduce((n, c) => n + c.urgentOpen, 0);
  const filtered = counts.reduce((n, c) => n + c.filtered, 0);
  const fresh = counts.reduce((n, c) => n + c.new, 0);
  const badge: Record<Tab, number> = { main: fresh, urgent: urgentOpen, filtered };

  if (open)
    return (
      <>
        <CaseDetail
          id={open}
          onBack={() => {
            setOpen(null);
            void load();
          }}
        />
      </>
    );
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox')}</h1>
      <RevealApprovals />
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

type Message = { ok: boolean; text: string } | null;

function Feedback({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
      {message.text}
    </p>
  );
}

const REVEAL_ROLES = ['district_admin', 'hq_admin'];

/** Requests waiting for this officer's decision (the second officer of a reveal); nothing for other roles. */
function RevealApprovals() {
  const { t } = useTranslation();
  const [role, setRole] = useState<string | null>(null);
  const [requests, setRequests] = useState<Schemas['RevealRequestViewDto'][]>([]);
  const [message, setMessage] = useState<Message>(null);
  const load = useCallback(async () => {
    const me = await api.GET('/api/v1/me');
    setRole(me.data?.role ?? null);
    if (!me.data || !REVEAL_ROLES.includes(me.data.role)) return;
    const { data } = await api.GET('/api/v1/inbox/reveal-requests', { params: { query: {} } });
    setRequests((data ?? []).filter((r) => r.mayDecide));
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (!role || !REVEAL_ROLES.includes(role)) return null;
  const decide = async (id: string, decision: 'approve' | 'refuse') => {
    const path = `/api/v1/inbox/reveal-requests/{id}/${decision}` as const;
    const { error, response } = await api.POST(path, { params: { path: { id } }, body: {} });
    setMessage(error ? { ok: false, text: reasonOf(error, response.status) } : { ok: true, text: t('decided') });
    void load();
  };
  return (
    <section className="card" aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t('approvals')}</h2>
      {requests.length === 0 && <p className="muted">{t('noApprovals')}</p>}
      <ul className="list">
        {requests.map((r) => (
          <li key={r.id}>
            <strong>
              {t('case')} #{r.caseNumber}
            </strong>{' '}
            <span className="muted">{r.inboxCode}</span>
            <p>{t('requestedBy', { who: r.requestedBy.username, reason: r.reason })}</p>
            <div className="actions">
              <button type="button" onClick={() => void decide(r.id, 'approve')}>
                {t('approve')}
              </button>
              <button type="button" onClick={() => void decide(r.id, 'refuse')}>
                {t('refuse')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <Feedback message={message} />
    </section>
  );
}

function CaseDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<Schemas['CaseDetailDto'] | null>(null);
  const [assignees, setAssignees] = useState<Schemas['AssigneeDto'][]>([]);
  const [reveals, setReveals] = useState<Schemas['RevealRequestViewDto'][] | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const when = (at: string) => new Date(at).toLocaleString(i18n.language === 'hi' ? 'hi-IN' : 'en-IN');

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/api/v1/inbox/cases/{id}', { params: { path: { id } } });
    if (data) setDetail(data);
    else setMessage({ ok: false, text: reasonOf(error, response.status) });
    const people = await api.GET('/api/v1/inbox/cases/{id}/assignees', { params: { path: { id } } });
    setAssignees(people.data ?? []);
    const me = await api.GET('/api/v1/me');
    if (me.data && REVEAL_ROLES.includes(me.data.role)) {
      const mine = await api.GET('/api/v1/inbox/reveal-requests', { params: { query: { caseId: id } } });
      setReveals((mine.data ?? []).filter((r) => r.mine));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  /** One action on the case: its answer in words, then the case as it now is. */
  const act = async (call: Promise<{ error?: unknown; response: Response }>, done: string, form?: HTMLFormElement) => {
    const { error, response } = await call;
    setMessage(error ? { ok: false, text: reasonOf(error, response.status) } : { ok: true, text: done });
    if (!error) form?.reset();
    void load();
    return !error;
  };
  const submitted = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    return { form: e.currentTarget, data: new FormData(e.currentTarget) };
  };
  const path = { params: { path: { id } } };

  const reply = (e: FormEvent<HTMLFormElement>) => {
    const { form, data } = submitted(e);
    void act(
      api.POST('/api/v1/inbox/cases/{id}/reply', { ...path, body: { text: field(data, 'text') } }),
      t('sent'),
      form,
    );
  };
  const note = (e: FormEvent<HTMLFormElement>) => {
    const { form, data } = submitted(e);
    void act(
      api.POST('/api/v1/inbox/cases/{id}/notes', { ...path, body: { text: field(data, 'note') } }),
      t('noteAdded'),
      form,
    );
  };
  const assign = (e: FormEvent<HTMLFormElement>) => {
    const { data } = submitted(e);
    void act(
      api.POST('/api/v1/inbox/cases/{id}/assign', { ...path, body: { officerId: field(data, 'officerId') } }),
      t('assigned'),
    );
  };
  const reclassify = (e: FormEvent<HTMLFormElement>) => {
    const { data } = submitted(e);
    const label = field(data, 'label') as (typeof RECLASSIFY_LABELS)[number];
    void act(
      api.POST('/api/v1/inbox/cases/{id}/reclassify', { ...path, body: { label } }),
      FILTERED.includes(label) ? t('reclassifiedFiltered') : t('reclassified'),
    );
  };
  const move = (e: FormEvent<HTMLFormElement>) => {
    const { data } = submitted(e);
    const label = field(data, 'label') as 'tip' | 'complaint' | 'rumour' | '';
    void act(
      api.POST('/api/v1/inbox/cases/{id}/move-to-main', { ...path, body: label ? { label } : {} }),
      t('movedToMain'),
    );
  };
  const requestReveal = (e: FormEvent<HTMLFormElement>) => {
    const { form, data } = submitted(e);
    void act(
      api.POST('/api/v1/inbox/cases/{id}/reveal-requests', { ...path, body: { reason: field(data, 'reason') } }),
      t('revealRequested'),
      form,
    );
  };
  const view = async () => {
    const reason = reveals?.find((r) => r.status === 'approved')?.reason ?? '';
    const { data, error, response } = await api.POST('/api/v1/inbox/cases/{id}/reveal', { ...path, body: { reason } });
    if (data) setRevealed(data.address);
    else setMessage({ ok: false, text: reasonOf(error, response.status) });
  };
  const transition = (action: 'acknowledge' | 'start' | 'close') => {
    const route = `/api/v1/inbox/cases/{id}/${action}` as const;
    void act(
      api.POST(route, path),
      t(`statuses.${action === 'acknowledge' ? 'acknowledged' : action === 'start' ? 'in_progress' : 'closed'}`),
    );
  };

  if (!detail) return <p>{message?.text ?? t('loading')}</p>;
  const assignee = assignees.find((a) => a.id === detail.assignedOfficerId);
  const pending = reveals?.find((r) => r.status === 'requested');
  const approved = reveals?.find((r) => r.status === 'approved' && r.viewUntil && Date.parse(r.viewUntil) > Date.now());
  return (
    <article className="card" aria-labelledby="case-title">
      <button type="button" className="link" onClick={onBack}>
        ← {t('inbox')}
      </button>
      <h1 id="case-title">
        {t('case')} #{detail.caseNumber} {detail.urgent && <span className="tag urgent">{t('urgent')}</span>}{' '}
        <span className="tag">{t(`labels.${detail.label}`)}</span>
      </h1>
      <p className="muted">
        {t('pseudonym')}: {detail.pseudonym} {detail.anonymous && `· ${t('anonymous')}`} · {detail.channel} ·{' '}
        {t('status')}: {t(`statuses.${detail.status}`)}
        {assignee && ` · ${t('assignedTo', { who: assignee.displayName })}`}
      </p>
      {detail.correction && (
        <p className="muted">
          {t(correctionText(detail.correction), {
            who: detail.correction.officerName,
            label: t(`labels.${detail.correction.originalLabel}`),
            as: detail.correction.correctedLabel ? t(`labels.${detail.correction.correctedLabel}`) : '',
          })}
        </p>
      )}
      <section aria-label={t('conversation')} className="thread">
        <div className="bubble citizen">
          <span className="muted">
            {t('citizenSaid', { who: detail.pseudonym })} · {when(detail.receivedAt)}
          </span>
          <p>{detail.text}</p>
        </div>
        {[
          ...detail.replies.map((r) => ({ ...r, kind: 'reply' as const })),
          ...detail.notes.map((n) => ({ ...n, kind: 'note' as const })),
        ]
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map((m) => (
            <div key={m.id} className={`bubble ${m.kind}`}>
              <span className="muted">
                {t(m.kind === 'reply' ? 'officerReplied' : 'internalNote', { who: m.officerName })} ·{' '}
                {when(m.createdAt)}
                {m.kind === 'reply' && (
                  <>
                    {' · '}
                    <span className={`delivery ${m.delivery}`}>
                      {t(`replyDelivery_${m.delivery}`, { why: m.deliveryFailure ?? '' })}
                    </span>
                  </>
                )}
              </span>
              <p>{m.text}</p>
            </div>
          ))}
      </section>
      <CaseMedia caseId={detail.id} attachments={detail.attachments} />
      <CaseLocation location={detail.location} />
      {detail.earlier.length > 0 && (
        <details>
          <summary>{t('earlier')}</summary>
          <ul className="list">
            {detail.earlier.map((e) => (
              <li key={e.id} className="muted">
                #{e.caseNumber} · {when(e.receivedAt)} · {e.text}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="actions">
        <button type="button" onClick={() => transition('acknowledge')}>
          {t('acknowledge')}
        </button>
        <button type="button" onClick={() => transition('start')}>
          {t('start')}
        </button>
        <button type="button" onClick={() => transition('close')}>
          {t('close')}
        </button>
        <button
          type="button"
          onClick={() => void act(api.POST('/api/v1/inbox/cases/{id}/mute', { ...path, body: {} }), t('muted'))}
        >
          {t('mute')}
        </button>
      </div>
      <Feedback message={message} />
      {detail.reachable && (
        <form onSubmit={reply}>
          <label>
            {t('reply')}
            <textarea name="text" required maxLength={600} placeholder={t('replyPlaceholder')} rows={3} />
          </label>
          <button type="submit">{t('reply')}</button>
        </form>
      )}
      <form onSubmit={note}>
        <label>
          {t('noteLabel')}
          <textarea name="note" required maxLength={2000} rows={2} />
        </label>
        <button type="submit">{t('note')}</button>
      </form>
      {assignees.length > 0 && (
        <form onSubmit={assign} className="inline-form">
          <label>
            {t('assignTo')}
            <select name="officerId" defaultValue={detail.assignedOfficerId ?? assignees[0].id}>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName} ({a.jurisdictionCode ?? 'HQ'})
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('assign')}</button>
        </form>
      )}
      {!detail.urgent && (
        <form onSubmit={reclassify} className="inline-form" aria-label={t('reclassify')}>
          <label>
            {t('reclassifyAs')}
            <select name="label" defaultValue={detail.queue === 'main' ? 'spam' : 'tip'}>
              {RECLASSIFY_LABELS.map((l) => (
                <option key={l} value={l}>
                  {t(`labels.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('reclassify')}</button>
        </form>
      )}
      {detail.queue === 'filtered' && !detail.urgent && (
        <form onSubmit={move} className="inline-form">
          <label>
            {t('correctedAs')}
            <select name="label" defaultValue="">
              <option value="">{t('correctedNone')}</option>
              {(['tip', 'complaint', 'rumour'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`labels.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('moveToMain')}</button>
        </form>
      )}
      {reveals !== null && detail.reachable && (
        <section aria-label={t('reveal')}>
          <h2>{t('reveal')}</h2>
          {revealed ? (
            <p className="ok">{t('revealedContact', { address: revealed })}</p>
          ) : approved ? (
            <>
              <p>{t('revealApproved', { until: when(approved.viewUntil!) })}</p>
              <button type="button" onClick={() => void view()}>
                {t('viewIdentity')}
              </button>
            </>
          ) : pending ? (
            <p className="muted">{t('revealPending')}</p>
          ) : (
            <form onSubmit={requestReveal}>
              <label>
                {t('revealReason')}
                <textarea name="reason" required minLength={10} maxLength={1000} rows={2} />
              </label>
              <button type="submit">{t('requestReveal')}</button>
            </form>
          )}
        </section>
      )}
    </article>
  );
}
