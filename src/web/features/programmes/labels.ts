import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultNarratives, type ReferralRoute } from '../../../contracts/programmes.ts';

export const programmePath = (id: string) => `/programmes/${encodeURIComponent(id)}`;
export const programmeEditPath = (id: string) => `${programmePath(id)}/edit`;

const isDefaultNarrative = (v: string): v is (typeof defaultNarratives)[number] => (defaultNarratives as readonly string[]).includes(v);

/** Suggested narratives are stored as codes and shown translated; a programme's own ones as written. */
export function useNarrativeLabel() {
  const { t } = useTranslation();
  return useCallback((value: string) => (isDefaultNarrative(value) ? t(`programmes.narratives.${value}`) : value), [t]);
}

export function useRouteLabel() {
  const { t } = useTranslation();
  return useCallback((route: ReferralRoute) => t(`programmes.routes.${route}`), [t]);
}
