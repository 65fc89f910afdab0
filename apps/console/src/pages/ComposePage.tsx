import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas } from '../api/client';
import { formatNumber } from '../format';

type Category = Schemas['CreateBroadcastDto']['category'];
const CATEGORIES: Category[] = ['awareness', 'alert', 'rumour_rebuttal', 'cyber_safety', 'emergency'];

type Preview = Schemas['BroadcastPreviewDto'];
type Body = Schemas['CreateBroadcastDto']['body'];
/** The languages a broadcast can carry: Hindi required, the others optional (Urdu written right to left). */
const LANGUAGES = ['hi', 'en', 'bho', 'mai', 'mag', 'ur'] as const;

export function ComposePage() {
  const { t } = useTranslation();
  const [groups, setGroups] = useState<Schemas['GroupViewDto'][]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    void api.GET('/api/v1/groups', { params: { query: { status: 'open', limit: 500 } } }).then(({ data }) => {
      setGroups(data ?? []);
    });
  }, []);

  const read = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const body: Body = { hi: field(data, 'hi') };
    for (const language of LANGUAGES.slice(1)) {
      const text = field(data, language).trim();
      if (text) body[language] = text;
    }
    return {
      audience: { groupIds: data.getAll('groupIds').map(String) },
      body,
      category: field(data, 'category') as Category,
    };
  };

  const doPreview = async (form: HTMLFormElement) => {
    const { data, error, response } = await api.POST('/api/v1/broadcasts/preview', { body: read(form) });
    if (!data) return setMessage({ ok: false, text: reasonOf(error, response.status) });
    setMessage(null);
    setPreview(data);
  };

  const send = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { data, error, response } = await api.POST('/api/v1/broadcasts', { body: read(e.currentTarget) });
    if (!data) return setMessage({ ok: false, text: reasonOf(error, response.status) });
    setMessage({
      ok: true,
      text: `${t('broadcast')}: ${t(`statuses.${data.status}`)} · ${t('recipients')}: ${data.recipients}${
        data.needsApproval ? ` · ${t('needsApproval')}` : ''
      }`,
    });
  };

  return (
    <section aria-labelledby="compose-title">
      <h1 id="compose-title">{t('compose')}</h1>
      <form className="card" onSubmit={(e) => void send(e)}>
        {LANGUAGES.map((language) => (
          <label key={language}>
            {language === 'hi' ? t('hindiText') : t('bc.optionalText', { language: t(`bc.languages.${language}`) })}
            <textarea
              name={language}
              lang={language}
              dir={language === 'ur' ? 'rtl' : undefined}
              required={language === 'hi'}
              rows={language === 'hi' ? 4 : 2}
              maxLength={1000}
            />
          </label>
        ))}
        <label>
          {t('category')}
          <select name="category" defaultValue="awareness">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <AudiencePicker groups={groups} chosen={chosen} onChange={setChosen} />
        {preview && <PreviewPanel preview={preview} />}
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
            {message.text}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={(e) => void doPreview(e.currentTarget.form!)}>
            {t('preview')}
          </button>
          <button type="submit">{t('send')}</button>
        </div>
      </form>
    </section>
  );
}

/** The typed preview: recipients by channel and language, each language's text and cost, and the verdicts. */
function PreviewPanel({ preview: p }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (value: number) => formatNumber(value, lang);
  const inr = (value: number) =>
    new Intl.NumberFormat(lang === 'en' ? 'en-IN' : 'hi-IN', { style: 'currency', currency: 'INR' }).format(value);
  const counts = (o: Record<string, number>, label: (k: string) => string) =>
    Object.entries(o)
      .map(([k, v]) => `${label(k)} ${n(v)}`)
      .join(' · ') || '—';
  const language = (code: string) => t(`bc.languages.${code}`, code);
  return (
    <div role="status" className="card" aria-label={t('bc.previewTitle')}>
      <p>
        <strong>
          {t('recipients')}: {p.recipients}
        </strong>
      </p>
      <dl className="facts">
        <dt>{t('bc.byChannel')}</dt>
        <dd>{counts(p.byChannel, (k) => t(`bc.channels.${k}`, k))}</dd>
        <dt>{t('bc.byLanguage')}</dt>
        <dd>{counts(p.byLanguage, language)}</dd>
      </dl>
      {p.languages.length > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('bc.language')}</th>
                <th scope="col">{t('recipients')}</th>
                <th scope="col">{t('bc.sentIn')}</th>
                <th scope="col">{t('bc.characters')}</th>
                <th scope="col">{t('bc.segments')}</th>
                <th scope="col">{t('bc.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {p.languages.map((l) => (
                <tr key={l.language}>
                  <th scope="row">{language(l.language)}</th>
                  <td className="num">{n(l.recipients)}</td>
                  <td>{language(l.sentIn)}</td>
                  <td className="num">{n(l.characters)}</td>
                  <td className="num">
                    {n(l.segmentsPerMessage)} ({l.encoding})
                  </td>
                  <td className="num">{inr(l.estimatedCostInr)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.languages
        .filter((l) => l.warning)
        .map((l) => (
          <p key={l.language} className="error">
            {l.warning}
          </p>
        ))}
      <ul>
        {p.whatsapp.recipients > 0 && (
          <li>
            {t('bc.whatsappWindow', { outside: n(p.whatsapp.outsideWindow) })}:{' '}
            {p.whatsapp.needsTemplate ? t('bc.needsTemplate') : t('bc.noTemplateNeeded')}
          </li>
        )}
        <li>{p.needsApproval ? t('needsApproval') : t('bc.noApprovalNeeded')}</li>
        <li className={p.contentViolation ? 'error' : undefined}>
          {p.contentViolation ? t('bc.contentBlocked', { reason: p.contentViolation }) : t('bc.contentOk')}
        </li>
        {p.smsTemplate && <li className="error">{t('bc.smsTemplateRefused', { reason: p.smsTemplate })}</li>}
        {p.channelsOff.length > 0 && <li>{t('bc.channelsOff', { channels: p.channelsOff.join(', ') })}</li>}
        <li>
          {t('bc.cost')}: {inr(p.sms.estimatedCostInr)} · {t('bc.duration', { seconds: n(p.estimatedSeconds) })}
        </li>
      </ul>
    </div>
  );
}

type Group = Schemas['GroupViewDto'];

/**
 * The audience: the groups in reach, under their police station or area, found by a group's or a place's name in
 * Hindi or English (or its code); a place's box takes all its groups. The chosen ids go with the form (groupIds).
 */
function AudiencePicker({
  groups,
  chosen,
  onChange,
}: {
  groups: Group[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const wanted = filter.trim().toLocaleLowerCase();
  const matches = (g: Group) =>
    !wanted ||
    [g.name, g.jurisdictionNameHi, g.jurisdictionNameEn, g.jurisdictionCode].some((s) =>
      s.toLocaleLowerCase().includes(wanted),
    );
  const places = new Map<string, Group[]>();
  for (const g of groups.filter(matches))
    places.set(g.jurisdictionCode, [...(places.get(g.jurisdictionCode) ?? []), g]);
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    onChange(next);
  };
  const members = groups.filter((g) => chosen.has(g.id)).reduce((n, g) => n + g.members, 0);
  return (
    <fieldset>
      <legend>{t('audience')}</legend>
      <label>
        {t('audienceFilter')}
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <p className="muted" aria-live="polite">
        {t('audienceChosen', { groups: chosen.size, members: formatNumber(members, i18n.language) })}
      </p>
      {[...places].map(([code, list]) => {
        const place = i18n.language === 'hi' ? list[0].jurisdictionNameHi : list[0].jurisdictionNameEn;
        const all = list.every((g) => chosen.has(g.id));
        return (
          <fieldset key={code} className="place">
            <legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={(e) =>
                    toggle(
                      list.map((g) => g.id),
                      e.target.checked,
                    )
                  }
                />{' '}
                {t('audienceAllOf', { place })}
              </label>
            </legend>
            {list.map((g) => (
              <label key={g.id} className="check">
                <input
                  type="checkbox"
                  name="groupIds"
                  value={g.id}
                  checked={chosen.has(g.id)}
                  onChange={(e) => toggle([g.id], e.target.checked)}
                />{' '}
                {g.name} ({formatNumber(g.members, i18n.language)})
              </label>
            ))}
          </fieldset>
        );
      })}
      {groups.length > 0 && places.size === 0 && <p className="muted">{t('audienceNone')}</p>}
    </fieldset>
  );
}
