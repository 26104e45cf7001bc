import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de.ts';
import { en } from './en.ts';

export const languages = ['en', 'de'] as const;
export type Language = (typeof languages)[number];

/** The only thing Exitdesk keeps in browser storage. */
const STORAGE_KEY = 'exitdesk.language';

function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

function storedLanguage(): Language | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
}

export function currentLanguage(): Language {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(l) ? l : 'en';
}

export async function setLanguage(lng: Language): Promise<void> {
  try { window.localStorage.setItem(STORAGE_KEY, lng); } catch { /* storage may be off; the choice lasts this visit */ }
  await i18n.changeLanguage(lng);
}

export function initI18n(): typeof i18n {
  const lng = storedLanguage() ?? browserLanguage();
  i18n.on('languageChanged', applyToDocument);
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  applyToDocument(lng);
  return i18n;
}
