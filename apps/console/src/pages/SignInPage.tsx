import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf } from '../api/client';

export function SignInPage({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const {
      data,
      error: failed,
      response,
    } = await api.POST('/api/v1/auth/login', {
      body: { username: field(form, 'username'), password: field(form, 'password') },
    });
    setBusy(false);
    if (data) onSignedIn(data.accessToken);
    else setError(reasonOf(failed, response.status));
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)}>
      <h1>{t('signIn')}</h1>
      <label>
        {t('username')}
        <input name="username" autoComplete="username" required />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}
