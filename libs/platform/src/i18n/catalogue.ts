import i18next, { i18n } from 'i18next';
import { CitizenLanguage, citizenLanguageOf, directionalise, FALLBACK_LANGUAGE } from './languages';

/** One catalogue's texts: Hindi complete, any other language a subset (a missing text falls back to Hindi). */
export type CatalogueTexts<K extends string> = { hi: Record<K, string> } & Partial<
  Record<Exclude<CitizenLanguage, 'hi'>, Partial<Record<K, string>>>
>;

/** A text of the catalogue in a citizen's language, variables filled in (`{{group}}`), right-to-left marked. */
export type CatalogueText<K extends string> = (
  language: string,
  key: K,
  variables?: Record<string, string | number>,
) => string;

/**
 * A server-side i18next instance over one context's citizen-facing texts (never the console's). Synchronous:
 * the resources are in memory, so a handler asks for a text inside its transaction. Interpolated values are
 * citizens' and officers' words, never HTML, so nothing is escaped.
 */
export function citizenCatalogue<K extends string>(texts: CatalogueTexts<K>): CatalogueText<K> {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(Object.entries(texts).map(([lng, t]) => [lng, { translation: t }])),
    lng: FALLBACK_LANGUAGE,
    fallbackLng: FALLBACK_LANGUAGE,
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    showSupportNotice: false,
  });
  const own = texts as Partial<Record<CitizenLanguage, Partial<Record<K, string>>>>;
  return (language, key, variables = {}) => {
    const wanted = citizenLanguageOf(language);
    // The language the text really comes in decides its direction: an Urdu citizen's Hindi fallback is not RTL.
    const used = own[wanted]?.[key] ? wanted : FALLBACK_LANGUAGE;
    return directionalise(instance.t(key, { ...variables, lng: used }), used);
  };
}

/** Which languages of a catalogue have their own text for `key` (the rest get Hindi). */
export function languagesWith<K extends string>(texts: CatalogueTexts<K>, key: K): CitizenLanguage[] {
  return (Object.entries(texts) as [CitizenLanguage, Partial<Record<K, string>>][])
    .filter(([, t]) => Boolean(t[key]))
    .map(([lng]) => lng);
}
