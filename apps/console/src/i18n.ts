import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as admin from './strings/admin';
import * as broadcasts from './strings/broadcasts';
import * as core from './strings/core';
import * as home from './strings/home';
import * as auditStrings from './strings/audit';
import * as inbox from './strings/inbox';
import * as rumours from './strings/rumours';

/**
 * Each screen keeps its strings in its own file under ./strings ({ hi, en }, Hindi first); they are merged (deeply) here.
 * A key missing in English falls back to Hindi.
 */
const catalogues: { hi: object; en: object }[] = [core, home, auditStrings, inbox, admin, broadcasts, rumours];

const saved = localStorage.getItem('jansetu.language');
void i18n.use(initReactI18next).init({
  resources: {},
  lng: saved === 'en' ? 'en' : 'hi',
  fallbackLng: 'hi',
  interpolation: { escapeValue: false },
});
for (const catalogue of catalogues) {
  i18n.addResourceBundle('hi', 'translation', catalogue.hi, true, true);
  i18n.addResourceBundle('en', 'translation', catalogue.en, true, true);
}

/** Switches the UI language and remembers it on this device (a preference, not a secret). */
export function setLanguage(language: 'hi' | 'en'): void {
  localStorage.setItem('jansetu.language', language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
document.documentElement.lang = i18n.language;

export default i18n;
