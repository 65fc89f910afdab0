import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, reasonOf, Schemas } from '../api/client';
import { formatDateTime } from '../format';
import { field } from '../forms';
import type { Draft } from '../broadcasts';

type Message = { ok: boolean; text: string } | null;

/** Who may mark a rumour: its rebuttal goes automatically to everyone who forwards it, a public statement. */
const MARKERS = ['district_admin', 'hq_admin'];

function Feedback({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
      {message.text}
    </p>
  );
}

/**
 * Rumours as they spread: what citizens forward to check, grouped by near-identical text and counted by district,
 * so the SP sees one story travel; marking it sends its rebuttal at once to everyone who forwards it.
 */
export function RumoursPage({ role, onAnswer }: { role: string; onAnswer: (draft: Draft) => void }) {
  const { t, i18n } = useTranslation();
  const [clusters, setClusters] = useState<Schemas['ClusterViewDto'][] | null>(null);
  const [rumours, setRumours] = useState<Schemas['RumourView'][]>([]);
  const [message, setMessage] = useState<Message>(null);
  const marker = MARKERS.includes(role);
  const rebuttalOf = (rumourId: string) => rumours.find((r) => r.id === rumourId && r.status === 'open')?.rebuttal;
  const load = useCallback(async () => {
    const [c, r] = await Promise.all([
      api.GET('/api/v1/rumours/clusters', { params: { query: { hours: 24 } } }),
      api.GET('/api/v1/rumours', { params: { query: {} } }),
    ]);
    if (c.data) setClusters(c.data);
    else setMessage({ ok: false, text: reasonOf(c.error, c.response.status) });
    if (r.data) setRumours(r.data);
  }, []);
  useEffect(() => void load(), [load]);

  const mark = async (e: FormEvent<HTMLFormElement>, clusterId: string) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const en = field(data, 'en');
    const { error, response } = await api.POST('/api/v1/rumours/clusters/{id}/mark', {
      params: { path: { id: clusterId } },
      body: { rebuttal: { hi: field(data, 'hi'), ...(en ? { en } : {}) } },
    });
    setMessage(error ? { ok: false, text: reasonOf(error, response.status) } : { ok: true, text: t('marked') });
    if (!error) void load();
  };
  const close = async (id: string) => {
    const { error, response } = await api.POST('/api/v1/rumours/{id}/close', { params: { path: { id } } });
    setMessage(
      error ? { ok: false, text: reasonOf(error, response.status) } : { ok: true, text: t('rumourClosedDone') },
    );
    if (!error) void load();
  };

  return (
    <section aria-labelledby="rumours-title">
      <h1 id="rumours-title">{t('rumoursTitle')}</h1>
      <p className="muted">{t('rumoursHelp')}</p>
      <Feedback message={message} />
      {clusters && clusters.length === 0 && <p>{t('noClusters')}</p>}
      {clusters?.map((c) => (
        <article key={c.id} className="card" aria-label={c.sample ?? c.id}>
          <blockquote>{c.sample}</blockquote>
          <p>
            <strong>{t('reportsBy', { reports: c.reports, senders: c.senders })}</strong> ·{' '}
            {t('lastSeen', { at: formatDateTime(c.lastSeenAt, i18n.language) })}
          </p>
          <p>
            {t('byDistrict')}: {c.byDistrict.map((d) => `${d.code ?? t('unknownDistrict')} ${d.reports}`).join(', ')}
          </p>
          {c.rumour ? (
            <>
              <p className="ok">{t('alreadyMarked')}</p>
              {marker && rebuttalOf(c.rumour.id) && c.districtCodes.length > 0 && (
                <button
                  type="button"
                  onClick={() =>
                    onAnswer({
                      body: rebuttalOf(c.rumour!.id)!,
                      category: 'rumour_rebuttal',
                      areaCodes: c.districtCodes,
                    })
                  }
                >
                  {t('answerWhereSpreading', { districts: c.districtCodes.length })}
                </button>
              )}
            </>
          ) : (
            marker && (
              <form onSubmit={(e) => void mark(e, c.id)}>
                <label>
                  {t('rebuttalHi')}
                  <textarea name="hi" required minLength={10} maxLength={600} />
                </label>
                <label>
                  {t('rebuttalEn')}
                  <textarea name="en" maxLength={600} />
                </label>
                <button type="submit">{t('markRumour')}</button>
              </form>
            )
          )}
        </article>
      ))}
      <h2>{t('markedTitle')}</h2>
      {rumours.length === 0 && <p>{t('noMarked')}</p>}
      <ul className="list">
        {rumours.map((r) => (
          <li key={r.id}>
            <p>
              <span className="tag">{t(r.status === 'open' ? 'rumourOpen' : 'rumourClosed')}</span> {r.sample}
            </p>
            <p className="muted">
              {t('rebuttal')}: {r.rebuttal.hi}
            </p>
            {marker && r.status === 'open' && (
              <button type="button" onClick={() => void close(r.id)}>
                {t('closeRumour')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who is told of an urgent case: the officers' own numbers, sealed on the server and shown masked. */
export function AlertContactsPage({
  onOpenCase,
  urgentSeen,
}: {
  onOpenCase: (caseId: string) => void;
  /** Counts the urgent cases the live stream told of: each one reloads the open alerts. */
  urgentSeen: number;
}) {
  const { t, i18n } = useTranslation();
  const [contacts, setContacts] = useState<Schemas['AlertContactView'][]>([]);
  // null while unknown (or unreadable): never an all-clear the server did not give.
  const [open, setOpen] = useState<Schemas['OpenAlertView'][] | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const load = useCallback(async () => {
    const [c, o] = await Promise.all([api.GET('/api/v1/alert-contacts'), api.GET('/api/v1/alerts/open')]);
    if (c.data) setContacts(c.data);
    else setMessage({ ok: false, text: reasonOf(c.error, c.response.status) });
    setOpen(o.data ?? null);
    if (!o.data) setMessage({ ok: false, text: reasonOf(o.error, o.response.status) });
  }, []);
  const levels = t('alertLevels', { returnObjects: true }) as string[];
  useEffect(() => void load(), [load, urgentSeen]);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const { error, response } = await api.POST('/api/v1/alert-contacts', {
      body: {
        channel: field(data, 'channel') as Schemas['AddAlertContactDto']['channel'],
        address: field(data, 'address'),
        label: field(data, 'label'),
      },
    });
    setMessage(error ? { ok: false, text: reasonOf(error, response.status) } : { ok: true, text: t('contactAdded') });
    if (!error) {
      form.reset();
      void load();
    }
  };
  const remove = async (id: string) => {
    const { error, response } = await api.DELETE('/api/v1/alert-contacts/{id}', { params: { path: { id } } });
    setMessage(error ? { ok: false, text: reasonOf(error, response.status) } : { ok: true, text: t('contactRemoved') });
    if (!error) void load();
  };

  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alertsTitle')}</h1>
      <p className="muted">{t('alertsHelp')}</p>
      <Feedback message={message} />
      <h2>{t('openAlertsTitle')}</h2>
      {open?.length === 0 && <p>{t('noOpenAlerts')}</p>}
      <ul className="list">
        {open?.map((a) => (
          <li key={a.caseId}>
            <p className={a.level > 0 ? 'urgent-text' : undefined}>
              {t('openAlert', {
                number: a.caseNumber,
                pseudonym: a.pseudonym,
                level: levels[a.level] ?? a.level,
                at: formatDateTime(a.alertedAt, i18n.language),
              })}
            </p>
            <button type="button" onClick={() => onOpenCase(a.caseId)}>
              {t('openCaseOfAlert', { number: a.caseNumber })}
            </button>
          </li>
        ))}
      </ul>
      <h2>{t('contactsTitle')}</h2>
      {contacts.length === 0 && <p>{t('noContacts')}</p>}
      <ul className="list">
        {contacts.map((c) => (
          <li key={c.id}>
            {c.label} · {c.channel} · {c.addressMask}{' '}
            <button type="button" onClick={() => void remove(c.id)}>
              {t('removeContact')}
            </button>
          </li>
        ))}
      </ul>
      <form className="card" onSubmit={(e) => void add(e)}>
        <label>
          {t('contactLabel')}
          <input name="label" required maxLength={80} />
        </label>
        <label>
          {t('contactChannel')}
          <select name="channel" defaultValue="sms">
            <option value="sms">SMS</option>
            <option value="whatsapp">WhatsApp</option>
            <option value="telegram">Telegram</option>
            <option value="simulator">simulator</option>
          </select>
        </label>
        <label>
          {t('contactAddress')}
          <input name="address" required maxLength={17} inputMode="tel" pattern="\+?[0-9]{5,16}" />
        </label>
        <button type="submit">{t('addContact')}</button>
      </form>
    </section>
  );
}
