import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, refresh, Schemas, session, signOut as endSession } from './api/client';
import { setLanguage } from './i18n';
import { UrgentCaseEvent, watchUrgentCases } from './live';
import { AdminPage } from './pages/AdminPage';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { AuditPage } from './pages/AuditPage';
import { BroadcastsPage } from './pages/BroadcastsPage';
import type { Draft } from './broadcasts';
import { ComposePage } from './pages/ComposePage';
import { GroupsPage } from './pages/GroupsPage';
import { HomePage } from './pages/HomePage';
import { InboxPage } from './pages/InboxPage';
import { PasswordPage } from './pages/PasswordPage';
import { AlertContactsPage, RumoursPage } from './pages/RumoursPage';
import { SignInPage } from './pages/SignInPage';

/** 'approvals' is the approval queue's screen; the home screens link to it. */
type Screen =
  | 'home'
  | 'inbox'
  | 'groups'
  | 'compose'
  | 'broadcasts'
  | 'audit'
  | 'approvals'
  | 'password'
  | 'admin'
  | 'rumours'
  | 'alerts';
type Me = Schemas['OfficerDto'];

/** Which screens a role works with, its home first (an auditor lands on the search); the gateway authorises. */
const SCREENS: Record<string, Screen[]> = {
  station_officer: ['home', 'inbox', 'groups', 'compose', 'broadcasts', 'rumours', 'alerts'],
  subdivision_officer: ['home', 'approvals', 'inbox', 'groups', 'compose', 'broadcasts', 'rumours', 'alerts'],
  district_admin: [
    'home',
    'approvals',
    'inbox',
    'groups',
    'compose',
    'broadcasts',
    'rumours',
    'alerts',
    'audit',
    'admin',
  ],
  hq_admin: ['home', 'approvals', 'inbox', 'groups', 'compose', 'broadcasts', 'rumours', 'alerts', 'audit', 'admin'],
  auditor: ['audit'],
};

export function App() {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null>(null);
  // 'resuming': a reload tries the refresh cookie first, so a signed-in officer is not asked for the password.
  const [resuming, setResuming] = useState(true);
  const [screen, setScreen] = useState<Screen>('home');
  // An urgent case is told on every screen (not only in the inbox): a banner, and the inbox refreshes.
  const [alert, setAlert] = useState<UrgentCaseEvent | null>(null);
  const [urgentSeen, setUrgentSeen] = useState(0);
  const [openCase, setOpenCase] = useState<string | null>(null);
  // What the composer opens with when another screen starts a broadcast (a rumour's rebuttal); gone once left.
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (screen !== 'compose') setDraft(null);
  }, [screen]);
  const watchesCases = me !== null && me.role !== 'auditor' && !me.mustChangePassword;
  useEffect(() => {
    if (!watchesCases) return;
    return watchUrgentCases({
      ready: () => setUrgentSeen((n) => n + 1),
      urgent: (c) => {
        setAlert(c);
        setUrgentSeen((n) => n + 1);
      },
    });
  }, [watchesCases]);

  const load = async () => {
    const { data } = await api.GET('/api/v1/me');
    if (!data) return setMe(null);
    setMe(data);
    // A reload stays on the screen it was on (#inbox, #broadcasts, …) when the role has it; else the role's home.
    const screens = SCREENS[data.role] ?? ['inbox'];
    const wanted = window.location.hash.slice(1) as Screen;
    setScreen(data.mustChangePassword ? 'password' : screens.includes(wanted) ? wanted : screens[0]);
  };
  useEffect(() => {
    if (me) window.history.replaceState(null, '', `#${screen}`);
  }, [me, screen]);
  const signedIn = (token: string, expiresIn: number) => {
    session.set(token, expiresIn);
    void load();
  };
  const signOut = async () => {
    await endSession();
    setMe(null);
  };
  useEffect(() => {
    void refresh()
      .then((token) => (token ? load() : undefined))
      .finally(() => setResuming(false));
  }, []);
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
              {me.displayName}
            </span>
            <button type="button" className="link" onClick={() => setScreen('password')}>
              {t('changePassword')}
            </button>
            <button type="button" className="link" onClick={() => void signOut()}>
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
                {t(s === 'approvals' ? 'bc.approvalsNav' : s)}
              </button>
            ))}
          </nav>
          <main>
            {alert && (
              <div role="alert" className="banner urgent">
                <strong>{t('urgentBanner')}</strong>{' '}
                {t('urgentBannerText', {
                  n: alert.caseNumber,
                  inbox: i18n.language === 'hi' ? alert.inboxNameHi : alert.inboxNameEn,
                })}{' '}
                <button
                  type="button"
                  onClick={() => {
                    setOpenCase(alert.id);
                    setScreen('inbox');
                    setAlert(null);
                  }}
                >
                  {t('openCase')}
                </button>{' '}
                <button type="button" className="link" onClick={() => setAlert(null)}>
                  {t('dismiss')}
                </button>
              </div>
            )}
            {screen === 'home' && <HomePage me={me} onNavigate={setScreen} />}
            {screen === 'inbox' && <InboxPage urgentSeen={urgentSeen} openCase={openCase} />}
            {screen === 'groups' && <GroupsPage />}
            {screen === 'compose' && <ComposePage jurisdictionCode={me.jurisdictionCode} draft={draft} />}
            {screen === 'broadcasts' && <BroadcastsPage jurisdictionCode={me.jurisdictionCode} />}
            {screen === 'approvals' && <ApprovalsPage jurisdictionCode={me.jurisdictionCode} />}
            {screen === 'audit' && <AuditPage />}
            {screen === 'password' && <PasswordPage onChanged={signedIn} />}
            {screen === 'admin' && <AdminPage role={me.role} />}
            {screen === 'rumours' && (
              <RumoursPage
                role={me.role}
                onAnswer={(d) => {
                  setDraft(d);
                  setScreen('compose');
                }}
              />
            )}
            {screen === 'alerts' && (
              <AlertContactsPage
                urgentSeen={urgentSeen}
                onOpenCase={(id) => {
                  setOpenCase(id);
                  setScreen('inbox');
                }}
              />
            )}
          </main>
        </>
      ) : resuming ? (
        <main>
          <p>{t('loading')}</p>
        </main>
      ) : (
        <main>
          <SignInPage onSignedIn={signedIn} />
        </main>
      )}
    </>
  );
}
