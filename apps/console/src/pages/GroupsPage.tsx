import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas, session } from '../api/client';
import '../admin.css';

export function GroupsPage() {
  const { t, i18n } = useTranslation();
  const [groups, setGroups] = useState<Schemas['GroupViewDto'][] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [open, setOpen] = useState<Schemas['GroupViewDto'] | null>(null);

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
      {open && (
        <GroupDetail
          key={open.id}
          group={open}
          onChanged={(text) => {
            setMessage({ ok: true, text });
            void load();
          }}
          onClose={() => setOpen(null)}
        />
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
                <td>
                  {g.name} {g.status === 'closed' && <span className="tag">{t('closed')}</span>}
                </td>
                <td>{i18n.language === 'hi' ? g.jurisdictionNameHi : g.jurisdictionNameEn}</td>
                <td className="code">{g.joinCode}</td>
                <td>{g.members}</td>
                <td>
                  <button type="button" className="link" onClick={() => void poster(g)}>
                    {t('poster')}
                  </button>
                  <button type="button" className="link" onClick={() => setOpen(g)}>
                    {t('joinMaterial')}
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

/** One group: rename, close (confirmed), the join QR codes and the members, masked as the API gives them. */
function GroupDetail({
  group,
  onChanged,
  onClose,
}: {
  group: Schemas['GroupViewDto'];
  onChanged: (text: string) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [material, setMaterial] = useState<Schemas['JoinMaterialDto'] | null>(null);
  const [members, setMembers] = useState<Schemas['MemberViewDto'][] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(group.name);
  const [error, setError] = useState<string | null>(null);
  const path = { params: { path: { id: group.id } } };

  useEffect(() => {
    void (async () => {
      const m = await api.GET('/api/v1/groups/{id}/join-material', path);
      if (m.data) setMaterial(m.data);
      else setError(reasonOf(m.error, m.response.status));
      const list = await api.GET('/api/v1/groups/{id}/members', { params: { path: { id: group.id }, query: {} } });
      if (list.data) setMembers(list.data);
    })();
  }, [group.id]);

  const rename = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const renamed = field(new FormData(e.currentTarget), 'name');
    const { error: failed, response } = await api.PATCH('/api/v1/groups/{id}', { ...path, body: { name: renamed } });
    if (response.ok) {
      setName(renamed);
      onChanged(`${t('done')}: ${renamed}`);
    } else setError(reasonOf(failed, response.status));
  };
  const close = async () => {
    const { error: failed, response } = await api.POST('/api/v1/groups/{id}/close', path);
    setConfirming(false);
    if (response.ok) onChanged(`${t('closed')}: ${name}`);
    else setError(reasonOf(failed, response.status));
  };

  return (
    <section className="card" aria-labelledby="group-detail">
      <h2 id="group-detail">{name}</h2>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {group.status === 'open' && (
        <form className="inline-form" onSubmit={(e) => void rename(e)}>
          <label>
            {t('newName')}
            <input name="name" required minLength={2} maxLength={80} defaultValue={group.name} />
          </label>
          <button type="submit">{t('rename')}</button>
        </form>
      )}
      {material && (
        <div className="join">
          <p>{i18n.language === 'hi' ? material.sms.instructions.hi : material.sms.instructions.en}</p>
          {material.qrCodes.length === 0 && <p className="muted">{t('noQr')}</p>}
          <div className="qr-codes">
            {material.qrCodes.map((c) => (
              <figure key={c.channel}>
                <img
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`}
                  alt={t('qrOf', { channel: c.channel === 'whatsapp' ? 'WhatsApp' : 'Telegram' })}
                  width={180}
                  height={180}
                />
                <figcaption>{c.channel === 'whatsapp' ? 'WhatsApp' : 'Telegram'}</figcaption>
              </figure>
            ))}
          </div>
        </div>
      )}
      <h3>{t('memberList')}</h3>
      {members === null ? (
        <p>{t('loading')}</p>
      ) : members.length === 0 ? (
        <p className="muted">{t('noMembers')}</p>
      ) : (
        <ul className="list">
          {members.map((m) => (
            <li key={m.pseudonym}>
              <span className="code">{m.pseudonym}</span> {m.maskedAddress ?? ''} · {m.channel ?? '—'} · {t('joined')}{' '}
              {new Date(m.joinedAt).toLocaleDateString(i18n.language === 'hi' ? 'hi-IN' : 'en-IN')}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {group.status === 'open' &&
          (confirming ? (
            <div role="alertdialog" aria-labelledby="confirm-close" className="confirm">
              <p id="confirm-close">{t('confirmClose')}</p>
              <button type="button" className="danger" onClick={() => void close()}>
                {t('yesClose')}
              </button>
              <button type="button" onClick={() => setConfirming(false)} autoFocus>
                {t('cancel')}
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('closeGroup')}
            </button>
          ))}
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
