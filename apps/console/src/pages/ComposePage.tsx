import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { field } from '../forms';
import { api, reasonOf, Schemas } from '../api/client';
import { formatNumber } from '../format';
import type { Draft } from '../broadcasts';
import { Scroll } from '../Scroll';

type Category = Schemas['CreateBroadcastDto']['category'];
const CATEGORIES: Category[] = ['awareness', 'alert', 'rumour_rebuttal', 'cyber_safety', 'emergency'];

type Preview = Schemas['BroadcastPreviewDto'];
type Body = Schemas['CreateBroadcastDto']['body'];
/** The languages a broadcast can carry: Hindi required, the others optional (Urdu written right to left). */
const LANGUAGES = ['hi', 'en', 'bho', 'mai', 'mag', 'ur'] as const;

export function ComposePage({ jurisdictionCode, draft }: { jurisdictionCode: string | null; draft?: Draft | null }) {
  const { t, i18n } = useTranslation();
  const [groups, setGroups] = useState<Schemas['GroupViewDto'][]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [areas, setAreas] = useState<ReadonlySet<string>>(new Set());
  const [nodes, setNodes] = useState<Area[]>([]);

  useEffect(() => {
    void api.GET('/api/v1/groups', { params: { query: { status: 'open', limit: 500 } } }).then(({ data }) => {
      setGroups(data ?? []);
    });
    void loadAreas(jurisdictionCode).then((found) => {
      setNodes(found);
      // A draft's districts start chosen (those in this officer's reach; the rest are not offered).
      if (draft?.areaCodes.length)
        setAreas(new Set(found.filter((n) => draft.areaCodes.includes(n.code)).map((n) => n.id)));
    });
  }, [jurisdictionCode, draft]);

  const read = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const body: Body = { hi: field(data, 'hi') };
    for (const language of LANGUAGES.slice(1)) {
      const text = field(data, language).trim();
      if (text) body[language] = text;
    }
    return {
      audience: {
        // A group inside a chosen area is covered by it (its box is disabled, so it is not in the form).
        groupIds: data.getAll('groupIds').map(String),
        jurisdictions: data
          .getAll('areas')
          .map(String)
          .map((nodeId) => ({
            nodeId,
            level: data.get('villagesOnly') ? ('locality' as const) : null,
          })),
      },
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
      text: `${t('broadcast')}: ${t(`statuses.${data.status}`)} · ${t('recipients')}: ${
        data.audienceEstimate === null
          ? formatNumber(data.recipients, i18n.language)
          : t('audienceResolving', { n: formatNumber(data.audienceEstimate, i18n.language) })
      }${data.needsApproval ? ` · ${t('needsApproval')}` : ''}`,
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
              defaultValue={draft?.body[language] ?? ''}
            />
          </label>
        ))}
        <label>
          {t('category')}
          <select name="category" defaultValue={draft?.category ?? 'awareness'}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <AudiencePicker
          groups={groups}
          nodes={nodes}
          chosen={chosen}
          areas={areas}
          onChange={setChosen}
          onAreas={setAreas}
        />
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
        <Scroll label={t('bc.byLanguage')}>
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
        </Scroll>
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
        {p.whatsappTemplate && (
          <li className="error">{t('bc.whatsappTemplateRefused', { reason: p.whatsappTemplate })}</li>
        )}
        {p.channelsOff.length > 0 && <li>{t('bc.channelsOff', { channels: p.channelsOff.join(', ') })}</li>}
        <li>
          {t('bc.cost')}: {inr(p.sms.estimatedCostInr)} · {t('bc.duration', { seconds: n(p.estimatedSeconds) })}
        </li>
      </ul>
    </div>
  );
}

type Group = Schemas['GroupViewDto'];
type Area = Schemas['JurisdictionViewDto'];
/** The levels an officer can address whole; a village's box takes its groups. */
const AREA_LEVELS = ['district', 'subdivision', 'station'] as const;

/**
 * The districts, subdivisions and stations in the officer's reach, under their own node (state-wide: under the
 * roots); localities are too many to list here.
 */
async function loadAreas(own: string | null): Promise<Area[]> {
  const roots = own ? [{ code: own }] : ((await api.GET('/api/v1/jurisdictions')).data ?? []);
  const found = new Map<string, Area>();
  for (const root of roots) {
    for (const level of AREA_LEVELS) {
      const { data } = await api.GET('/api/v1/jurisdictions/{code}/subtree', {
        params: { path: { code: root.code }, query: { level } },
      });
      for (const n of (data ?? []) as Area[]) found.set(n.id, n);
    }
  }
  return [...found.values()];
}

/**
 * The audience: whole districts, subdivisions and stations (sent as jurisdiction audiences, resolved to their groups
 * when the broadcast is sent, optionally only their village groups), and the groups in reach under their police
 * station or area, found by a group's or a place's name in Hindi or English (or its code). A station's box takes
 * the whole station; a village's box takes its groups. The chosen ids go with the form (areas, groupIds).
 */
function AudiencePicker({
  groups,
  nodes,
  chosen,
  areas,
  onChange,
  onAreas,
}: {
  groups: Group[];
  nodes: Area[];
  chosen: ReadonlySet<string>;
  areas: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
  onAreas: (areas: ReadonlySet<string>) => void;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const wanted = filter.trim().toLocaleLowerCase();
  const found = (...names: string[]) => !wanted || names.some((s) => s.toLocaleLowerCase().includes(wanted));
  const matches = (g: Group) => found(g.name, g.jurisdictionNameHi, g.jurisdictionNameEn, g.jurisdictionCode);
  const nameOf = (n: { nameHi: string; nameEn: string }) => (i18n.language === 'hi' ? n.nameHi : n.nameEn);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  // A group lies in a chosen area when the area is its node or one of the node's ancestors. (A village group's
  // village is not listed here, so it shows as its own choice; the server counts each group once either way.)
  const covered = (g: Group) => {
    for (let node = byCode.get(g.jurisdictionCode); node; node = byCode.get(node.parentCode ?? '')) {
      if (areas.has(node.id)) return true;
    }
    return false;
  };
  const places = new Map<string, Group[]>();
  for (const g of groups.filter(matches))
    places.set(g.jurisdictionCode, [...(places.get(g.jurisdictionCode) ?? []), g]);
  const wide = nodes
    .filter((n) => n.level !== 'station' && found(n.nameHi, n.nameEn, n.code))
    .sort((a, b) => AREA_LEVELS.indexOf(a.level as never) - AREA_LEVELS.indexOf(b.level as never));
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    onChange(next);
  };
  const toggleArea = (id: string, on: boolean) => {
    const next = new Set(areas);
    if (on) next.add(id);
    else next.delete(id);
    onAreas(next);
  };
  const own = groups.filter((g) => chosen.has(g.id) && !covered(g));
  const members = own.reduce((n, g) => n + g.members, 0);
  const areaBox = (n: Area) => (
    <label className="check">
      <input
        type="checkbox"
        name="areas"
        value={n.id}
        checked={areas.has(n.id)}
        onChange={(e) => toggleArea(n.id, e.target.checked)}
      />{' '}
      {t('audienceWhole', { place: nameOf(n), level: t(`levels.${n.level}`) })}
    </label>
  );
  return (
    <fieldset>
      <legend>{t('audience')}</legend>
      <label>
        {t('audienceFilter')}
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <p className="muted" aria-live="polite">
        {areas.size > 0
          ? t('audienceChosenAreas', { areas: areas.size, groups: own.length })
          : t('audienceChosen', { groups: chosen.size, members: formatNumber(members, i18n.language) })}
      </p>
      {areas.size > 0 && (
        <label className="check">
          <input type="checkbox" name="villagesOnly" value="yes" /> {t('audienceVillagesOnly')}
        </label>
      )}
      {wide.slice(0, 30).map((n) => (
        <div key={n.id}>{areaBox(n)}</div>
      ))}
      {[...places].map(([code, list]) => {
        const place = nameOf({ nameHi: list[0].jurisdictionNameHi, nameEn: list[0].jurisdictionNameEn });
        const station = byCode.get(code);
        const all = list.every((g) => chosen.has(g.id));
        return (
          <fieldset key={code} className="place">
            <legend>
              {station ? (
                areaBox(station)
              ) : (
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
              )}
            </legend>
            {list.map((g) => (
              <label key={g.id} className="check">
                <input
                  type="checkbox"
                  name="groupIds"
                  value={g.id}
                  checked={covered(g) || chosen.has(g.id)}
                  disabled={covered(g)}
                  onChange={(e) => toggle([g.id], e.target.checked)}
                />{' '}
                {g.name} ({formatNumber(g.members, i18n.language)})
              </label>
            ))}
          </fieldset>
        );
      })}
      {groups.length > 0 && places.size === 0 && wide.length === 0 && <p className="muted">{t('audienceNone')}</p>}
    </fieldset>
  );
}
