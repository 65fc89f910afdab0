import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas } from '../api/client';

type Category = Schemas['CreateBroadcastDto']['category'];
const CATEGORIES: Category[] = ['awareness', 'alert', 'rumour_rebuttal', 'cyber_safety', 'emergency'];

/** What the preview answers (the gateway does not describe its body yet): recipients and the verdicts. */
interface Preview {
  recipients: number;
  [key: string]: unknown;
}

export function ComposePage() {
  const { t } = useTranslation();
  const [groups, setGroups] = useState<Schemas['GroupViewDto'][]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void api.GET('/api/v1/groups', { params: { query: { status: 'open', limit: 500 } } }).then(({ data }) => {
      setGroups(data ?? []);
    });
  }, []);

  const read = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const en = field(data, 'en').trim();
    return {
      audience: { groupIds: data.getAll('groupIds').map(String) },
      body: { hi: field(data, 'hi'), ...(en ? { en } : {}) },
      category: field(data, 'category') as Category,
    };
  };

  const doPreview = async (form: HTMLFormElement) => {
    const { audience, body } = read(form);
    const { data, error, response } = await api.POST('/api/v1/broadcasts/preview', { body: { audience, body } });
    if (error) return setMessage({ ok: false, text: reasonOf(error, response.status) });
    setMessage(null);
    setPreview(data as unknown as Preview);
  };

  const send = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { data, error, response } = await api.POST('/api/v1/broadcasts', { body: read(e.currentTarget) });
    if (!data) return setMessage({ ok: false, text: reasonOf(error, response.status) });
    setMessage({
      ok: true,
      text: `${t('broadcast')}: ${t(`statuses.${data.status}`)} · ${t('recipients')}: ${data.recipients}${
        data.needsApproval ? ` · ${t('needsApproval')}` : ''
      }`,
    });
  };

  return (
    <section aria-labelledby="compose-title">
      <h1 id="compose-title">{t('compose')}</h1>
      <form className="card" onSubmit={(e) => void send(e)}>
        <label>
          {t('hindiText')}
          <textarea name="hi" lang="hi" required rows={4} maxLength={1000} />
        </label>
        <label>
          {t('englishText')}
          <textarea name="en" lang="en" rows={3} maxLength={1000} />
        </label>
        <label>
          {t('category')}
          <select name="category" defaultValue="awareness">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('audience')}</legend>
          {groups.map((g) => (
            <label key={g.id} className="check">
              <input type="checkbox" name="groupIds" value={g.id} /> {g.name} ({g.members})
            </label>
          ))}
        </fieldset>
        {preview && (
          <p role="status" className="ok">
            {t('recipients')}: {preview.recipients}
          </p>
        )}
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
            {message.text}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={(e) => void doPreview(e.currentTarget.form!)}>
            {t('preview')}
          </button>
          <button type="submit">{t('send')}</button>
        </div>
      </form>
    </section>
  );
}
