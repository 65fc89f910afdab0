import { ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, reasonOf } from '../api/client';
import { Page, placeName, QueueRow, usePlaces } from '../broadcasts';
import { formatDateTime, formatNumber } from '../format';
import { field } from '../forms';

/** A gateway reason (already in both languages), or a key of ours, translated when shown (the language may change). */
type Note = { ok: boolean; text?: string; key?: string } | null;

/**
 * What awaits this officer's decision: broadcasts below their scope waiting for approval (approve, or reject with a
 * reason), and emergencies already sent that they must review.
 */
export function ApprovalsPage({ jurisdictionCode }: { jurisdictionCode: string | null }) {
  const { t, i18n } = useTranslation();
  const places = usePlaces(jurisdictionCode);
  const [approvals, setApprovals] = useState<QueueRow[] | null>(null);
  const [reviews, setReviews] = useState<QueueRow[] | null>(null);
  const [note, setNote] = useState<Note>(null);

  const load = useCallback(async () => {
    const [a, r] = await Promise.all([
      api.GET('/api/v1/broadcasts', { params: { query: { status: ['pending_approval'] } } }),
      api.GET('/api/v1/broadcasts', { params: { query: { review: 'pending' } } }),
    ]);
    if (a.error) setNote({ ok: false, text: reasonOf(a.error, a.response.status) });
    setApprovals((a.data as unknown as Page<QueueRow> | undefined)?.items ?? []);
    setReviews((r.data as unknown as Page<QueueRow> | undefined)?.items ?? []);
  }, []);
  useEffect(() => void load(), [load]);

  const decide = async (id: string, decision: 'approve' | 'reject', text: string) => {
    if (decision === 'reject' && !text.trim()) return setNote({ ok: false, key: 'bc.reasonRequired' });
    const path = decision === 'approve' ? '/api/v1/broadcasts/{id}/approve' : '/api/v1/broadcasts/{id}/reject';
    const { error, response } = await api.POST(path, {
      params: { path: { id } },
      body: text.trim() ? { note: text.trim() } : {},
    });
    if (error || !response.ok) return setNote({ ok: false, text: reasonOf(error, response.status) });
    setNote({ ok: true, key: decision === 'approve' ? 'bc.approved' : 'bc.rejected' });
    await load();
  };

  const review = async (id: string, verdict: 'emergency_confirmed' | 'not_emergency', text: string) => {
    const { error, response } = await api.POST('/api/v1/broadcasts/{id}/review', {
      params: { path: { id } },
      body: { verdict, ...(text.trim() ? { note: text.trim() } : {}) },
    });
    if (error || !response.ok) return setNote({ ok: false, text: reasonOf(error, response.status) });
    setNote({ ok: true, key: 'bc.reviewed' });
    await load();
  };

  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t('bc.approvalsTitle')}</h1>
      {note && (
        <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'ok' : 'error'}>
          {note.key ? t(note.key) : note.text}
        </p>
      )}
      {approvals === null ? (
        <p>{t('loading')}</p>
      ) : approvals.length === 0 ? (
        <p className="muted">{t('bc.noApprovals')}</p>
      ) : (
        <ul className="list" aria-label={t('bc.approvalsTitle')}>
          {approvals.map((b) => (
            <QueueItem key={b.id} row={b} from={placeName(b.path, places, i18n.language)}>
              <Decision
                id={b.id}
                label={t('bc.rejectReason')}
                actions={[
                  { name: t('bc.approve'), run: (text) => decide(b.id, 'approve', text) },
                  { name: t('bc.reject'), run: (text) => decide(b.id, 'reject', text) },
                ]}
              />
            </QueueItem>
          ))}
        </ul>
      )}
      <h2>{t('bc.reviewTitle')}</h2>
      {reviews === null ? null : reviews.length === 0 ? (
        <p className="muted">{t('bc.noReviews')}</p>
      ) : (
        <ul className="list" aria-label={t('bc.reviewTitle')}>
          {reviews.map((b) => (
            <QueueItem key={b.id} row={b} from={placeName(b.path, places, i18n.language)}>
              <Decision
                id={b.id}
                label={t('bc.reviewNote')}
                actions={[
                  { name: t('bc.confirmEmergency'), run: (text) => review(b.id, 'emergency_confirmed', text) },
                  { name: t('bc.notEmergency'), run: (text) => review(b.id, 'not_emergency', text) },
                ]}
              />
            </QueueItem>
          ))}
        </ul>
      )}
    </section>
  );
}

function QueueItem({ row, from, children }: { row: QueueRow; from: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <li className="card">
      <blockquote className="citizen" lang="hi">
        {row.body.hi}
      </blockquote>
      {row.body.en && <p lang="en">{row.body.en}</p>}
      <dl className="facts">
        <dt>{t('category')}</dt>
        <dd>{t(`categories.${row.category}`)}</dd>
        <dt>{t('recipients')}</dt>
        <dd>
          {row.audienceEstimate !== null && row.recipients === 0
            ? t('audienceResolving', { n: formatNumber(row.audienceEstimate, lang) })
            : formatNumber(row.recipients, lang)}
        </dd>
        <dt>{t('bc.from')}</dt>
        <dd>{from}</dd>
        <dt>{t('bc.asked')}</dt>
        <dd>{formatDateTime(row.createdAt, lang)}</dd>
        {row.reviewDueAt && (
          <>
            <dt>{t('bc.reviewDue')}</dt>
            <dd>{formatDateTime(row.reviewDueAt, lang)}</dd>
          </>
        )}
      </dl>
      {children}
    </li>
  );
}

/** A note field and the buttons that decide with it (the gateway checks which decisions need the note). */
function Decision(props: {
  id: string;
  label: string;
  actions: { name: string; run: (text: string) => Promise<unknown> }[];
}) {
  const [busy, setBusy] = useState(false);
  const run = async (form: HTMLFormElement, action: (text: string) => Promise<unknown>) => {
    setBusy(true);
    await action(field(new FormData(form), 'note')).finally(() => setBusy(false));
  };
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <label>
        {props.label}
        <textarea name="note" rows={2} maxLength={500} />
      </label>
      <div className="actions">
        {props.actions.map((a) => (
          <button key={a.name} type="button" disabled={busy} onClick={(e) => void run(e.currentTarget.form!, a.run)}>
            {a.name}
          </button>
        ))}
      </div>
    </form>
  );
}
