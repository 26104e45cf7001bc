import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Sets the tab title. Only generic page names: titles end up in browser
 * history, so they never contain codenames, names or other case data.
 */
export function useDocumentTitle(page?: string) {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
