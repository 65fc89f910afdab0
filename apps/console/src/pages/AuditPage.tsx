import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf } from '../api/client';

/** An audit event as the search lists it (the gateway does not describe the page body yet). */
interface AuditRow {
  id: string;
  type: string;
  occurredAt: string;
  chainId: string;
  subject: Record<string, unknown>;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string } | null>(null);

  const search = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = field(data, 'text').trim();
    const type = field(data, 'type').trim();
    const {
      data: page,
      error,
      response,
    } = await api.GET('/api/v1/audit/events', {
      params: { query: { ...(text ? { text } : {}), ...(type ? { type } : {}), limit: 50 } },
    });
    if (error) return setVerdict({ ok: false, text: reasonOf(error, response.status) });
    const body = page as unknown as { events?: AuditRow[] } | AuditRow[];
    setRows(Array.isArray(body) ? body : (body.events ?? []));
  };

  const verify = async () => {
    const { data, error, response } = await api.GET('/api/v1/audit/verify');
    if (error) return setVerdict({ ok: false, text: reasonOf(error, response.status) });
    const ok = (data as unknown as { ok: boolean }).ok;
    setVerdict({ ok, text: ok ? t('verified') : t('broken') });
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit')}</h1>
      <form className="card inline" onSubmit={(e) => void search(e)}>
        <label>
          {t('search')}
          <input name="text" />
        </label>
        <label>
          type
          <input name="type" placeholder="broadcast.created" />
        </label>
        <button type="submit">{t('search')}</button>
        <button type="button" onClick={() => void verify()}>
          {t('verify')}
        </button>
      </form>
      {verdict && (
        <p role={verdict.ok ? 'status' : 'alert'} className={verdict.ok ? 'ok' : 'error'}>
          {verdict.text}
        </p>
      )}
      {rows && (
        <table>
          <caption>{t('events')}</caption>
          <thead>
            <tr>
              <th scope="col">time</th>
              <th scope="col">type</th>
              <th scope="col">chain</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.occurredAt).toLocaleString()}</td>
                <td>{r.type}</td>
                <td className="code">{r.chainId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
