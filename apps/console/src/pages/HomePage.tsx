import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, reasonOf, Schemas } from '../api/client';
import { formatDateTime, formatDuration, formatNumber, formatPercent, nameOf } from '../format';
import { Scroll } from '../Scroll';

type Dashboard = Schemas['DashboardDto'];
type Case = Schemas['CaseViewDto'];

/** Where a home screen's links lead; the App owns the screens. */
export type Navigate = (screen: 'inbox' | 'approvals') => void;

/**
 * The first screen of an operational role: a station sees its own cases, broadcasts and members; a subdivision or
 * district its approval queue and its stations, worst first; HQ the state by district. Refreshes every 30 seconds.
 */
export function HomePage({
  me,
  onNavigate,
}: {
  me: Pick<Schemas['OfficerDto'], 'role' | 'jurisdictionCode'>;
  onNavigate: Navigate;
}) {
  const { t, i18n } = useTranslation();
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [cases, setCases] = useState<Case[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState<string | null>(null);
  const station = me.role === 'station_officer';

  const load = useCallback(async () => {
    const [dashboard, list] = await Promise.all([
      api.GET('/api/v1/dashboard'),
      station
        ? api.GET('/api/v1/inbox/cases', { params: { query: { queue: 'main', limit: 20 } } })
        : Promise.resolve(null),
    ]);
    if (!dashboard.data) return setError(reasonOf(dashboard.error, dashboard.response.status));
    setError(null);
    setBoard(dashboard.data);
    // open emergencies first, then the newest not yet acknowledged
    if (list?.data) setCases(list.data.filter((c) => c.status === 'new' || (c.urgent && c.status !== 'closed')));
    setAt(new Date().toISOString());
  }, [station]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => clearInterval(timer);
  }, [load]);

  if (!board)
    return error ? (
      <p role="alert" className="error">
        {error}
      </p>
    ) : (
      <p>{t('loading')}</p>
    );
  const lang = i18n.language;
  const sum = <T,>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);
  const tiles: [string, number, string?][] = [
    [t('homeScreen.newCases'), sum(board.cases.inboxes, (c) => c.new)],
    [t('homeScreen.urgentOpen'), sum(board.cases.inboxes, (c) => c.urgentOpen), 'urgent'],
    [t('homeScreen.broadcastsToday'), board.broadcasts.today.length],
    [t('homeScreen.members'), sum(board.members.byArea, (a) => a.members)],
    [t('homeScreen.joinedWeek'), sum(board.members.byArea, (a) => a.joined)],
  ];

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('homeScreen.title')}</h1>
      {at && <p className="muted">{t('homeScreen.updated', { time: formatDateTime(at, lang) })}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="tiles" aria-label={t('homeScreen.title')}>
        {tiles.map(([label, n, tone]) => (
          <li key={label} className={tone && n > 0 ? tone : undefined}>
            <strong>{formatNumber(n, lang)}</strong> <span>{label}</span>
          </li>
        ))}
      </ul>
      {station ? (
        <>
          <StationCases cases={cases} onNavigate={onNavigate} />
          <TodaysBroadcasts rows={board.broadcasts.today} />
          <GroupMembers rows={board.members.groups} />
        </>
      ) : (
        <>
          <Approvals decisions={board.broadcasts.decisions} onNavigate={onNavigate} />
          <AreaTable board={board} state={me.jurisdictionCode === null} />
          <TodaysBroadcasts rows={board.broadcasts.today} />
        </>
      )}
    </section>
  );
}

function StationCases({ cases, onNavigate }: { cases: Case[]; onNavigate: Navigate }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="home-cases">
      <h2 id="home-cases">{t('homeScreen.casesTitle')}</h2>
      {cases.length === 0 ? (
        <p>{t('homeScreen.noNewCases')}</p>
      ) : (
        <ul className="list">
          {cases.slice(0, 5).map((c) => (
            <li key={c.id} className={c.urgent ? 'urgent' : undefined}>
              <div className="row">
                <strong>
                  {t('case')} #{c.caseNumber} {c.urgent && <span className="tag urgent">{t('urgent')}</span>}{' '}
                  <span className="tag">{t(`statuses.${c.status}`)}</span>
                </strong>
                <span className="text">{c.text}</span>
                <span className="muted">
                  {c.pseudonym} · {formatDateTime(c.receivedAt, i18n.language)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => onNavigate('inbox')}>
        {t('homeScreen.openInbox')}
      </button>
    </section>
  );
}

function TodaysBroadcasts({ rows }: { rows: Schemas['TodaysBroadcastDto'][] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="home-broadcasts">
      <h2 id="home-broadcasts">{t('homeScreen.broadcastsTitle')}</h2>
      {rows.length === 0 ? (
        <p>{t('homeScreen.noBroadcasts')}</p>
      ) : (
        <Scroll label={t('homeScreen.broadcastsTitle')}>
          <table className="full">
            <thead>
              <tr>
                <th scope="col">{t('homeScreen.message')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('recipients')}</th>
                <th scope="col">{t('homeScreen.delivered')}</th>
                <th scope="col">{t('homeScreen.failed')}</th>
                <th scope="col">{t('homeScreen.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id}>
                  <td>
                    <span className="tag">{t(`categories.${b.category}`)}</span> {b.text}
                    <br />
                    <span className="muted">{formatDateTime(b.createdAt, lang)}</span>
                  </td>
                  <td>
                    {t(`statuses.${b.status}`)}
                    {b.waiting > 0 && (
                      <span className="muted">
                        <br />
                        {t('homeScreen.waiting')}: {formatNumber(b.waiting, lang)}
                      </span>
                    )}
                    {b.sent > 0 && (
                      <span className="muted">
                        <br />
                        {t('homeScreen.sentNoReceipt')}: {formatNumber(b.sent, lang)}
                      </span>
                    )}
                  </td>
                  <td className="num">{formatNumber(b.recipients, lang)}</td>
                  <td className="num">{formatNumber(b.delivered, lang)}</td>
                  <td className="num">{formatNumber(b.failed, lang)}</td>
                  <td className="num">{formatPercent(b.recipients ? b.delivered / b.recipients : null, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}

function GroupMembers({ rows }: { rows: Schemas['GroupMembersDto'][] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="home-members">
      <h2 id="home-members">{t('homeScreen.membersTitle')}</h2>
      {rows.length === 0 ? (
        <p>{t('homeScreen.noGroups')}</p>
      ) : (
        <table className="full">
          <thead>
            <tr>
              <th scope="col">{t('homeScreen.group')}</th>
              <th scope="col">{t('homeScreen.members')}</th>
              <th scope="col">{t('homeScreen.joined')}</th>
              <th scope="col">{t('homeScreen.left')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.groupId}>
                <td>
                  {g.name}
                  <br />
                  <span className="muted">
                    {nameOf({ nameHi: g.jurisdictionNameHi, nameEn: g.jurisdictionNameEn }, lang)}
                  </span>
                </td>
                <td className="num">{formatNumber(g.members, lang)}</td>
                <td className="num">{formatNumber(g.joined, lang)}</td>
                <td className="num">{formatNumber(g.left, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Approvals({ decisions, onNavigate }: { decisions: Schemas['DecisionsDto']; onNavigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="card" aria-labelledby="home-approvals">
      <h2 id="home-approvals">{t('homeScreen.approvalsTitle')}</h2>
      <p className={decisions.count > 0 ? 'urgent-text' : undefined}>
        {decisions.count > 0 ? t('homeScreen.approvalsCount', { count: decisions.count }) : t('homeScreen.noApprovals')}
      </p>
      {decisions.first.length > 0 && (
        <ul className="list">
          {decisions.first.map((d) => (
            <li key={d.id}>
              <span className="tag">{t(d.queue === 'review' ? 'homeScreen.review' : 'homeScreen.approval')}</span>{' '}
              {t(`categories.${d.category}`)} · {t('recipients')}: {formatNumber(d.recipients, lang)} ·{' '}
              {t('homeScreen.deadline')}: {d.deadline ? formatDateTime(d.deadline, lang) : t('homeScreen.noDeadline')}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => onNavigate('approvals')}>
        {t('homeScreen.openApprovals')}
      </button>
    </section>
  );
}

/** One station (district for HQ), its figures from the three contexts joined by code. */
interface AreaRow {
  code: string;
  name: string;
  newCases: number;
  urgentOpen: number;
  medianAckSeconds: number | null;
  deliveryRate: number | null;
  broadcasts: number;
  members: number;
  joined: number;
}
type SortKey = Exclude<keyof AreaRow, 'code'>;

/** "Worst" per column: slow responses, low delivery, many waiting cases; names alphabetically. */
function worstFirst(key: SortKey, lang: string): (a: AreaRow, b: AreaRow) => number {
  const higherIsWorse: SortKey[] = ['newCases', 'urgentOpen', 'medianAckSeconds'];
  return (a, b) => {
    if (key === 'name') return a.name.localeCompare(b.name, lang === 'en' ? 'en-IN' : 'hi-IN');
    const x = a[key];
    const y = b[key];
    if (x === y) return a.code.localeCompare(b.code);
    if (x === null) return 1;
    if (y === null) return -1;
    return higherIsWorse.includes(key) ? y - x : x - y;
  };
}

function AreaTable({ board, state }: { board: Dashboard; state: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [sort, setSort] = useState<{ key: SortKey; reverse: boolean }>({ key: 'medianAckSeconds', reverse: false });

  const rows = useMemo(() => {
    const byCode = new Map<string, AreaRow>();
    const row = (a: { code: string; nameHi: string; nameEn: string }) => {
      let r = byCode.get(a.code);
      if (!r) {
        r = {
          code: a.code,
          name: nameOf(a, lang),
          newCases: 0,
          urgentOpen: 0,
          medianAckSeconds: null,
          deliveryRate: null,
          broadcasts: 0,
          members: 0,
          joined: 0,
        };
        byCode.set(a.code, r);
      }
      return r;
    };
    for (const c of board.cases.byArea)
      Object.assign(row(c), { newCases: c.new, urgentOpen: c.urgentOpen, medianAckSeconds: c.medianAckSeconds });
    for (const d of board.broadcasts.byArea)
      Object.assign(row(d), { deliveryRate: d.deliveryRate, broadcasts: d.broadcasts });
    for (const m of board.members.byArea) Object.assign(row(m), { members: m.members, joined: m.joined });
    const sorted = [...byCode.values()].sort(worstFirst(sort.key, lang));
    return sort.reverse ? sorted.reverse() : sorted;
  }, [board, lang, sort]);

  const columns: [SortKey, string][] = [
    ['name', state ? t('homeScreen.district') : t('homeScreen.station')],
    ['medianAckSeconds', t('homeScreen.responseTime')],
    ['newCases', t('homeScreen.newCases')],
    ['urgentOpen', t('homeScreen.urgentOpen')],
    ['deliveryRate', t('homeScreen.rate')],
    ['broadcasts', t('homeScreen.broadcasts7')],
    ['members', t('homeScreen.members')],
    ['joined', t('homeScreen.newMembers')],
  ];
  const title = state ? t('homeScreen.districtsTitle') : t('homeScreen.stationsTitle');
  return (
    <section className="card" aria-labelledby="home-areas">
      <h2 id="home-areas">{title}</h2>
      <p className="muted">{t('homeScreen.stationsHelp')}</p>
      {rows.length === 0 ? (
        <p>{t('homeScreen.noAreas')}</p>
      ) : (
        <Scroll label={title}>
          <table className="full">
            <thead>
              <tr>
                {columns.map(([key, label]) => (
                  <th
                    key={key}
                    scope="col"
                    aria-sort={sort.key === key ? (sort.reverse ? 'descending' : 'ascending') : undefined}
                  >
                    <button
                      type="button"
                      className="link"
                      aria-label={t('homeScreen.sortBy', { column: label })}
                      onClick={() => setSort((s) => ({ key, reverse: s.key === key ? !s.reverse : false }))}
                    >
                      {label}
                      {sort.key === key ? (sort.reverse ? ' ↑' : ' ↓') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  <td className="num">{formatDuration(r.medianAckSeconds, lang)}</td>
                  <td className="num">{formatNumber(r.newCases, lang)}</td>
                  <td className={r.urgentOpen > 0 ? 'num urgent-text' : 'num'}>{formatNumber(r.urgentOpen, lang)}</td>
                  <td className="num">{formatPercent(r.deliveryRate, lang)}</td>
                  <td className="num">{formatNumber(r.broadcasts, lang)}</td>
                  <td className="num">{formatNumber(r.members, lang)}</td>
                  <td className="num">{formatNumber(r.joined, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}
