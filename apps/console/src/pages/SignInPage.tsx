import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, COOKIE_SESSION, reasonOf, session } from '../api/client';
import { field } from '../forms';

type Stage =
  | { kind: 'password' }
  | { kind: 'code'; username: string; password: string }
  | { kind: 'enrol'; token: string; secret: string; qrSvg: string }
  | { kind: 'recovery'; codes: string[]; accessToken: string; expiresIn: number };

/**
 * Password first; then the authenticator code where the role needs one. A role that must have a second factor and
 * has none enrols here (secret shown once), and sees its one-time recovery codes once.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (token: string, expiresIn: number) => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'password' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const login = async (username: string, password: string, totpCode?: string) => {
    const {
      data,
      error: failed,
      response,
    } = await api.POST('/api/v1/auth/login', {
      body: { username, password, ...(totpCode ? { totpCode } : {}) },
      headers: COOKIE_SESSION,
    });
    if (!data) return setError(reasonOf(failed, response.status));
    if ('accessToken' in data) return onSignedIn(data.accessToken, data.expiresIn);
    if (data.step === 'totp_required') return setStage({ kind: 'code', username, password });
    // Enrolment: the enrolment token opens the enrolment routes only.
    session.set(data.enrolmentToken ?? null);
    const enrol = await api.POST('/api/v1/me/totp/enrol');
    if (!enrol.data) return setError(reasonOf(enrol.error, enrol.response.status));
    setStage({ kind: 'enrol', token: data.enrolmentToken!, secret: enrol.data.secret, qrSvg: enrol.data.qrSvg });
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    if (stage.kind === 'password') await login(field(form, 'username'), field(form, 'password'));
    else if (stage.kind === 'code') await login(stage.username, stage.password, field(form, 'code'));
    else if (stage.kind === 'enrol') {
      const {
        data,
        error: failed,
        response,
      } = await api.POST('/api/v1/me/totp/confirm', {
        body: { code: field(form, 'code') },
        headers: COOKIE_SESSION,
      });
      if (data?.session)
        setStage({
          kind: 'recovery',
          codes: data.recoveryCodes,
          accessToken: data.session.accessToken,
          expiresIn: data.session.expiresIn,
        });
      else setError(reasonOf(failed, response.status));
    } else onSignedIn(stage.accessToken, stage.expiresIn);
    setBusy(false);
  };

  return (
    <form className="card narrow" onSubmit={(e) => void submit(e)}>
      <h1>{t('signIn')}</h1>
      {stage.kind === 'password' && (
        <>
          <label>
            {t('username')}
            <input name="username" autoComplete="username" required />
          </label>
          <label>
            {t('password')}
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
        </>
      )}
      {stage.kind === 'enrol' && (
        <>
          <p>{t('enrolHelp')}</p>
          {stage.qrSvg && (
            <img
              className="qr"
              width={200}
              height={200}
              alt={t('enrolQr')}
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(stage.qrSvg)}`}
            />
          )}
          <p className="code" aria-label={t('secret')}>
            {stage.secret}
          </p>
        </>
      )}
      {(stage.kind === 'code' || stage.kind === 'enrol') && (
        <label>
          {t('totpCode')}
          <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required />
        </label>
      )}
      {stage.kind === 'recovery' && (
        <>
          <p>{t('recoveryHelp')}</p>
          <ul className="code">
            {stage.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {stage.kind === 'recovery' ? t('continue') : t('signIn')}
      </button>
    </form>
  );
}
