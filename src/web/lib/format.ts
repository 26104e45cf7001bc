import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const locales: Record<string, string> = { en: 'en-GB', de: 'de-DE' };

/** Dates in the reader's language. Invalid input shows as an empty string rather than "Invalid Date". */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const locale = locales[lng] ?? 'en-GB';
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const safe = (f: Intl.DateTimeFormat) => (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? '' : f.format(d);
    };
    return { dateTime: safe(dateTime), date: safe(date) };
  }, [lng]);
}
