import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimsOf, Me, session } from './api/client';
import { setLanguage } from './i18n';
import { AuditPage } from './pages/AuditPage';
import { ComposePage } from './pages/ComposePage';
import { GroupsPage } from './pages/GroupsPage';
import { HomePage } from './pages/HomePage';
import { InboxPage } from './pages/InboxPage';
import { SignInPage } from './pages/SignInPage';

/** 'approvals' is the approval queue's screen (lane c-broadcasts); the home screens link to it. */
type Screen = 'home' | 'inbox' | 'groups' | 'compose' | 'audit' | 'approvals';

/** Which screens a role works with, its home first (an auditor lands on the search); the gateway authorises. */
const SCREENS: Record<string, Screen[]> = {
  station_officer: ['home', 'inbox', 'groups', 'compose'],
  subdivision_officer: ['home', 'inbox', 'groups', 'compose'],
  district_admin: ['home', 'inbox', 'groups', 'compose', 'audit'],
  hq_admin: ['home', 'inbox', 'groups', 'compose', 'audit'],
  auditor: ['audit'],
};

export function App() {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null>(null);
  const [screen, setScreen] = useState<Screen>('home');

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
            {screen === 'home' && <HomePage me={me} onNavigate={setScreen} />}
            {screen === 'inbox' && <InboxPage />}
            {screen === 'groups' && <GroupsPage />}
            {screen === 'compose' && <ComposePage />}
            {screen === 'audit' && <AuditPage />}
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
