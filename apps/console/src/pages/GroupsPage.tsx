import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas, session } from '../api/client';

export function GroupsPage() {
  const { t, i18n } = useTranslation();
  const [groups, setGroups] = useState<Schemas['GroupViewDto'][] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/api/v1/groups', { params: { query: { limit: 200 } } });
    if (data) setGroups(data);
    else setMessage({ ok: false, text: reasonOf(error, response.status) });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const {
      data: created,
      error,
      response,
    } = await api.POST('/api/v1/groups', {
      body: {
        name: field(data, 'name'),
        jurisdictionCode: field(data, 'jurisdictionCode'),
        language: 'hi',
      },
    });
    if (created) {
      setMessage({ ok: true, text: `${t('joinCode')}: ${created.joinCode}` });
      form.reset();
      void load();
    } else setMessage({ ok: false, text: reasonOf(error, response.status) });
  };

  /** The poster needs the officer's token, so it is fetched and handed to the browser as a file. */
  const poster = async (group: Schemas['GroupViewDto']) => {
    const answer = await fetch(`/api/v1/groups/${group.id}/poster.pdf`, {
      headers: { authorization: `Bearer ${session.token ?? ''}` },
    });
    if (!answer.ok) return setMessage({ ok: false, text: reasonOf(await answer.json(), answer.status) });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await answer.blob());
    link.download = `jansetu-${group.joinCode}.pdf`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <section aria-labelledby="groups-title">
      <h1 id="groups-title">{t('groups')}</h1>
      <form className="card inline" onSubmit={(e) => void create(e)}>
        <h2>{t('newGroup')}</h2>
        <label>
          {t('groupName')}
          <input name="name" required maxLength={120} />
        </label>
        <label>
          {t('jurisdictionCode')}
          <input name="jurisdictionCode" required placeholder="SAM-MUFASSIL" />
        </label>
        <button type="submit">{t('create')}</button>
      </form>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
      {groups === null ? (
        <p>{t('loading')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('groupName')}</th>
              <th scope="col">{t('jurisdiction')}</th>
              <th scope="col">{t('joinCode')}</th>
              <th scope="col">{t('members')}</th>
              <th scope="col">
                <span className="sr-only">{t('poster')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{i18n.language === 'hi' ? g.jurisdictionNameHi : g.jurisdictionNameEn}</td>
                <td className="code">{g.joinCode}</td>
                <td>{g.members}</td>
                <td>
                  <button type="button" className="link" onClick={() => void poster(g)}>
                    {t('poster')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
