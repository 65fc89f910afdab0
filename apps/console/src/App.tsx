import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimsOf, Me, session } from './api/client';
import { setLanguage } from './i18n';
import { AdminPage } from './pages/AdminPage';
import { AuditPage } from './pages/AuditPage';
import { ComposePage } from './pages/ComposePage';
import { GroupsPage } from './pages/GroupsPage';
import { InboxPage } from './pages/InboxPage';
import { SignInPage } from './pages/SignInPage';

type Screen = 'inbox' | 'groups' | 'compose' | 'audit' | 'admin';

/** Which screens a role works with; the gateway still authorises every call. */
const SCREENS: Record<string, Screen[]> = {
  station_officer: ['inbox', 'groups', 'compose'],
  subdivision_officer: ['inbox', 'groups', 'compose'],
  district_admin: ['inbox', 'groups', 'compose', 'audit', 'admin'],
  hq_admin: ['inbox', 'groups', 'compose', 'audit', 'admin'],
  auditor: ['audit'],
};

export function App() {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null>(null);
  const [screen, setScreen] = useState<Screen>('inbox');

  const signedIn = (token: string) => {
    session.set(token);
    const claims = claimsOf(token);
    setMe(claims);
    setScreen((SCREENS[claims.role] ?? ['inbox'])[0]);
  };
  const signOut = () => {
    session.set(null);
    setMe(null);
  };
  const other = i18n.language === 'hi' ? 'en' : 'hi';

  return (
    <>
      <header className="bar">
        <span className="brand">
          {t('app')} <small>{t('tagline')}</small>
        </span>
        <button type="button" className="link" onClick={() => setLanguage(other)} lang={other}>
          {other === 'en' ? 'English' : 'हिंदी'}
        </button>
        {me && (
          <>
            <span className="who" aria-label={t('username')}>
              {me.username}
            </span>
            <button type="button" className="link" onClick={signOut}>
              {t('signOut')}
            </button>
          </>
        )}
      </header>
      {me ? (
        <>
          <nav aria-label="main">
            {(SCREENS[me.role] ?? ['inbox']).map((s) => (
              <button
                key={s}
                type="button"
                aria-current={screen === s ? 'page' : undefined}
                onClick={() => setScreen(s)}
              >
                {t(s)}
              </button>
            ))}
          </nav>
          <main>
            {screen === 'inbox' && <InboxPage />}
            {screen === 'groups' && <GroupsPage />}
            {screen === 'compose' && <ComposePage />}
            {screen === 'audit' && <AuditPage />}
            {screen === 'admin' && <AdminPage role={me.role} />}
          </main>
        </>
      ) : (
        <main>
          <SignInPage onSignedIn={signedIn} />
        </main>
      )}
    </>
  );
}
