import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas } from '../api/client';
import '../admin.css';

type Note = { ok: boolean; text: string } | null;
type Tab = 'officers' | 'jurisdictions' | 'contentRules';
const ROLES = ['station_officer', 'subdivision_officer', 'district_admin', 'hq_admin', 'auditor'] as const;

function Message({ note }: { note: Note }) {
  if (!note) return null;
  return (
    <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'ok' : 'error'}>
      {note.text}
    </p>
  );
}

/** HQ and district admins; the gateway authorises every call (a district admin sees only their district). */
export function AdminPage({ role }: { role: string }) {
  const { t } = useTranslation();
  const tabs: Tab[] =
    role === 'hq_admin' ? ['officers', 'jurisdictions', 'contentRules'] : ['officers', 'jurisdictions'];
  const [tab, setTab] = useState<Tab>('officers');
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin')}</h1>
      <div role="tablist" aria-label={t('admin')}>
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} onClick={() => setTab(x)}>
            {t(x)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={t(tab)}>
        {tab === 'officers' && <Officers canCreate={role === 'hq_admin'} />}
        {tab === 'jurisdictions' && <Jurisdictions canImport={role === 'hq_admin'} />}
        {tab === 'contentRules' && <ContentRules />}
      </div>
    </section>
  );
}

function Officers({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<Schemas['OfficerPageDto'] | null>(null);
  const [filters, setFilters] = useState<{ q?: string; role?: (typeof ROLES)[number]; active?: boolean }>({});
  const [note, setNote] = useState<Note>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/api/v1/officers', {
      params: { query: { ...filters, limit: 200 } },
    });
    if (data) setPage(data);
    else setNote({ ok: false, text: reasonOf(error, response.status) });
  }, [filters]);
  useEffect(() => {
    void load();
  }, [load]);

  const filter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const active = field(d, 'active');
    setFilters({
      q: field(d, 'q') || undefined,
      role: (field(d, 'role') || undefined) as (typeof ROLES)[number] | undefined,
      active: active === '' ? undefined : active === 'true',
    });
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const { error, response } = await api.POST('/api/v1/officers', {
      body: {
        username: field(d, 'username'),
        password: field(d, 'password'),
        displayName: field(d, 'displayName'),
        role: field(d, 'role') as (typeof ROLES)[number],
        jurisdictionCode: field(d, 'jurisdictionCode') || undefined,
      },
    });
    if (response.ok) {
      setNote({ ok: true, text: `${t('created')}: ${field(d, 'username')}` });
      form.reset();
      void load();
    } else setNote({ ok: false, text: reasonOf(error, response.status) });
  };

  /** One admin act on an officer, with the reason the audit keeps. */
  const act = async (e: FormEvent<HTMLFormElement>, officer: Schemas['OfficerDto']) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const action = ((e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? '';
    const reason = field(d, 'reason');
    const path = { params: { path: { id: officer.id } } };
    setSecret(null);
    let answer: { error?: unknown; response: Response; data?: unknown };
    if (action === 'disable') answer = await api.POST('/api/v1/officers/{id}/disable', { ...path, body: { reason } });
    else if (action === 'enable')
      answer = await api.POST('/api/v1/officers/{id}/enable', { ...path, body: { reason } });
    else if (action === 'password')
      answer = await api.POST('/api/v1/officers/{id}/password-reset', { ...path, body: { reason } });
    else if (action === 'factor')
      answer = await api.POST('/api/v1/officers/{id}/second-factor-reset', { ...path, body: { reason } });
    else {
      const code = field(d, 'jurisdictionCode');
      answer = await api.POST('/api/v1/officers/{id}/transfer', {
        ...path,
        body: { reason, jurisdictionCode: code === '' ? null : code },
      });
    }
    if (!answer.response.ok) return setNote({ ok: false, text: reasonOf(answer.error, answer.response.status) });
    const reset = answer.data as { temporaryPassword?: string } | undefined;
    if (reset?.temporaryPassword) setSecret({ username: officer.username, password: reset.temporaryPassword });
    setNote({ ok: true, text: `${t('done')}: ${officer.username}` });
    void load();
  };

  return (
    <>
      {canCreate && (
        <form className="card inline" onSubmit={(e) => void create(e)} aria-labelledby="new-officer">
          <h2 id="new-officer">{t('newOfficer')}</h2>
          <label>
            {t('username')}
            <input name="username" required pattern="[a-z0-9._\-]{3,64}" autoComplete="off" />
          </label>
          <label>
            {t('password')}
            <input name="password" type="password" required minLength={12} autoComplete="new-password" />
          </label>
          <label>
            {t('displayName')}
            <input name="displayName" required maxLength={120} />
          </label>
          <label>
            {t('role')}
            <select name="role" defaultValue="station_officer">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('jurisdictionCode')}
            <input name="jurisdictionCode" placeholder="SAM-MUFASSIL" />
          </label>
          <button type="submit">{t('create')}</button>
        </form>
      )}
      <form className="card inline" onSubmit={filter} aria-label={t('filter')}>
        <label>
          {t('searchText')}
          <input name="q" type="search" />
        </label>
        <label>
          {t('role')}
          <select name="role" defaultValue="">
            <option value="">{t('all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select name="active" defaultValue="">
            <option value="">{t('all')}</option>
            <option value="true">{t('active')}</option>
            <option value="false">{t('inactive')}</option>
          </select>
        </label>
        <button type="submit">{t('filter')}</button>
      </form>
      <Message note={note} />
      {secret && (
        <p className="card secret" role="status" aria-live="polite">
          {t('oneTimePassword')} — {secret.username}: <code>{secret.password}</code>
        </p>
      )}
      {page === null ? (
        <p>{t('loading')}</p>
      ) : (
        <ul className="list" aria-label={t('officers')}>
          {page.items.map((o) => (
            <li key={o.id} className="card" aria-label={o.username}>
              <strong>{o.displayName}</strong> <span className="code">{o.username}</span>{' '}
              <span className="tag">{t(`roles.${o.role}`)}</span>{' '}
              <span className="tag">{o.jurisdictionCode ?? '—'}</span>{' '}
              <span className={o.active ? 'ok' : 'error'}>{o.active ? t('active') : t('inactive')}</span>
              <details>
                <summary>{t('admin')}</summary>
                <form onSubmit={(e) => void act(e, o)}>
                  <label>
                    {t('reason')}
                    <input name="reason" required minLength={3} maxLength={500} />
                  </label>
                  <label>
                    {t('newJurisdiction')}
                    <input name="jurisdictionCode" defaultValue={o.jurisdictionCode ?? ''} />
                  </label>
                  <div className="actions">
                    <button type="submit" value="transfer">
                      {t('transfer')}
                    </button>
                    <button type="submit" value="password">
                      {t('resetPassword')}
                    </button>
                    <button type="submit" value="factor">
                      {t('resetSecondFactor')}
                    </button>
                    <button type="submit" value={o.active ? 'disable' : 'enable'}>
                      {o.active ? t('disable') : t('enable')}
                    </button>
                  </div>
                </form>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Node = Schemas['JurisdictionViewDto'];
type Preview = Schemas['ImportPreviewDto'];

function Jurisdictions({ canImport }: { canImport: boolean }) {
  const { t, i18n } = useTranslation();
  const [children, setChildren] = useState<Record<string, Node[]>>({});
  const [note, setNote] = useState<Note>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const name = (n: { nameEn: string; nameHi: string }) => (i18n.language === 'hi' ? n.nameHi : n.nameEn);

  const open = useCallback(async (parent: string | null) => {
    const { data, error, response } = await api.GET('/api/v1/jurisdictions', {
      params: { query: parent ? { parent } : {} },
    });
    if (data) setChildren((c) => ({ ...c, [parent ?? '']: data }));
    else setNote({ ok: false, text: reasonOf(error, response.status) });
  }, []);
  useEffect(() => {
    void open(null);
  }, [open]);

  const check = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = new FormData(e.currentTarget).get('file');
    if (!(file instanceof File)) return;
    const text = await file.text();
    setCsv(text);
    const { data, error, response } = await api.POST('/api/v1/jurisdictions/import', {
      body: { csv: text, dryRun: true },
    });
    if (data) setPreview(data as Preview);
    else setNote({ ok: false, text: reasonOf(error, response.status) });
  };
  const confirm = async () => {
    if (csv === null) return;
    const { data, error, response } = await api.POST('/api/v1/jurisdictions/import', { body: { csv } });
    if (!data) return setNote({ ok: false, text: reasonOf(error, response.status) });
    const r = data as Schemas['ImportResultDto'];
    setNote({ ok: true, text: `${t('imported')}: ${t('willCreate')} ${r.created} · ${t('willUpdate')} ${r.updated}` });
    setPreview(null);
    setCsv(null);
    setChildren({});
    void open(null);
  };

  const branch = (parent: string) => (
    <ul className="tree">
      {(children[parent] ?? []).map((n) => (
        <li key={n.code}>
          <button
            type="button"
            className="link"
            aria-expanded={children[n.code] !== undefined}
            onClick={() => (children[n.code] ? setChildren(({ [n.code]: _, ...rest }) => rest) : void open(n.code))}
          >
            {name(n)}
          </button>{' '}
          <span className="muted">
            {t(`levels.${n.level}`)} · {n.code}
          </span>
          {children[n.code] && branch(n.code)}
        </li>
      ))}
    </ul>
  );

  return (
    <>
      {canImport && (
        <form className="card inline" onSubmit={(e) => void check(e)}>
          <label>
            {t('csvFile')}
            <input name="file" type="file" accept=".csv,text/csv" required />
          </label>
          <button type="submit">{t('dryRun')}</button>
        </form>
      )}
      <Message note={note} />
      {preview && (
        <section className="card" aria-label={t('dryRun')}>
          <p role="status">
            {t('willCreate')}: {preview.created} · {t('willUpdate')}: {preview.updated} · {t('unchanged')}:{' '}
            {preview.unchanged}
          </p>
          {preview.errors.length > 0 && (
            <div role="alert">
              <h2>{t('lineErrors')}</h2>
              <ul>
                {preview.errors.map((e) => (
                  <li key={e.at}>
                    {e.at}: {e.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ul className="diff">
            {preview.changes
              .filter((c) => c.change !== 'unchanged')
              .map((c) => (
                <li key={c.code} className={c.change}>
                  <span className="tag">{c.change === 'created' ? t('willCreate') : t('willUpdate')}</span> {c.code}:{' '}
                  {c.from && c.from.nameEn !== c.to.nameEn ? `${c.from.nameEn} → ` : ''}
                  {c.to.nameEn} / {c.to.nameHi} ({t(`levels.${c.to.level}`)}
                  {c.from && c.from.parentCode !== c.to.parentCode ? `, ${c.from.parentCode} → ` : ', '}
                  {c.to.parentCode ?? '—'})
                </li>
              ))}
          </ul>
          <div className="actions">
            <button type="button" disabled={!preview.applicable} onClick={() => void confirm()}>
              {t('confirmImport')}
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              {t('cancel')}
            </button>
          </div>
        </section>
      )}
      <h2>{t('tree')}</h2>
      {branch('')}
    </>
  );
}

interface ContentRule {
  id: string;
  kind: 'blocked_term' | 'blocked_link_domain' | 'allowed_link_domain';
  pattern: string;
  reason: string;
  createdAt: string;
}

function ContentRules() {
  const { t } = useTranslation();
  const [rules, setRules] = useState<ContentRule[] | null>(null);
  const [note, setNote] = useState<Note>(null);
  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/api/v1/content-rules', { params: { query: {} } });
    if (response.ok) setRules(data as unknown as ContentRule[]);
    else setNote({ ok: false, text: reasonOf(error, response.status) });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const { error, response } = await api.POST('/api/v1/content-rules', {
      body: { kind: field(d, 'kind') as ContentRule['kind'], pattern: field(d, 'pattern'), reason: field(d, 'reason') },
    });
    if (!response.ok) return setNote({ ok: false, text: reasonOf(error, response.status) });
    setNote({ ok: true, text: `${t('created')}: ${field(d, 'pattern')}` });
    form.reset();
    void load();
  };
  const retire = async (rule: ContentRule) => {
    const { error, response } = await api.POST('/api/v1/content-rules/{id}/retire', {
      params: { path: { id: rule.id } },
    });
    if (!response.ok) return setNote({ ok: false, text: reasonOf(error, response.status) });
    setNote({ ok: true, text: `${t('done')}: ${rule.pattern}` });
    void load();
  };

  return (
    <>
      <form className="card inline" onSubmit={(e) => void add(e)}>
        <label>
          {t('kind')}
          <select name="kind" defaultValue="blocked_term">
            {(['blocked_term', 'blocked_link_domain', 'allowed_link_domain'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('pattern')}
          <input name="pattern" required minLength={2} maxLength={200} />
        </label>
        <label>
          {t('reason')}
          <input name="reason" required minLength={2} maxLength={200} />
        </label>
        <button type="submit">{t('addRule')}</button>
      </form>
      <Message note={note} />
      {rules === null ? (
        <p>{t('loading')}</p>
      ) : (
        <ul className="list" aria-label={t('contentRules')}>
          {rules.map((r) => (
            <li key={r.id} className="card" aria-label={r.pattern}>
              <span className="tag">{t(`kinds.${r.kind}`)}</span> <strong>{r.pattern}</strong> — {r.reason}{' '}
              <button type="button" className="link" onClick={() => void retire(r)}>
                {t('retire')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
