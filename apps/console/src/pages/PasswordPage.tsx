import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, COOKIE_SESSION, reasonOf } from '../api/client';
import { field } from '../forms';

/** POST /api/v1/me/password; the gateway's reasons (zxcvbn: too common, a sequence, your name) shown in words. */
export function PasswordPage({ onChanged }: { onChanged: (token: string, expiresIn: number) => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    if (field(data, 'newPassword') !== field(data, 'repeat')) {
      return setMessage({ ok: false, text: t('passwordsDiffer') });
    }
    const answer = await api.POST('/api/v1/me/password', {
      body: { currentPassword: field(data, 'currentPassword'), newPassword: field(data, 'newPassword') },
      headers: COOKIE_SESSION,
    });
    if (!answer.data) return setMessage({ ok: false, text: reasonOf(answer.error, answer.response.status) });
    form.reset();
    setMessage({ ok: true, text: t('passwordChanged') });
    onChanged(answer.data.accessToken, answer.data.expiresIn);
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)}>
      <h1>{t('changePassword')}</h1>
      <p className="muted">{t('passwordRules')}</p>
      <label>
        {t('currentPassword')}
        <input name="currentPassword" type="password" autoComplete="current-password" required />
      </label>
      <label>
        {t('newPassword')}
        <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
      </label>
      <label>
        {t('repeatPassword')}
        <input name="repeat" type="password" autoComplete="new-password" minLength={12} required />
      </label>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
      <button type="submit">{t('changePassword')}</button>
    </form>
  );
}
