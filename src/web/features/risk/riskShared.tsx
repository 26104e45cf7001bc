import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../contracts/errors.ts';
import type { AssessmentLevel, ItemKind, LocalText } from '../../../contracts/risk.ts';
import { pickText } from '../../../contracts/risk.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../lib/errors.ts';

/** An instrument's text in the reader's language, else the instrument's first language. */
export function useLocalText() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  return useCallback((text: LocalText | undefined, languages: readonly string[] = []) => pickText(text, lng, languages), [lng]);
}

const LEVEL_COLORS: Record<AssessmentLevel, string> = { low: 'teal', moderate: 'yellow', high: 'orange', imminent: 'red' };

export function LevelBadge({ level }: { level: AssessmentLevel }) {
  const { t } = useTranslation();
  return <Badge variant={level === 'imminent' ? 'filled' : 'light'} color={LEVEL_COLORS[level]} style={{ flexShrink: 0 }}>{t(`risk.levels.${level}`)}</Badge>;
}

export function StatusBadge({ status }: { status: 'draft' | 'signed' }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={status === 'signed' ? 'indigo' : 'gray'} style={{ flexShrink: 0 }}>{t(`risk.status.${status}`)}</Badge>;
}

const KIND_COLORS: Record<ItemKind | 'mixed', string> = { risk: 'red.9', protective: 'teal.9', motivational: 'blue.9', other: 'gray.8', mixed: 'gray.8' };

export function KindBadge({ kind }: { kind: ItemKind | 'mixed' }) {
  const { t } = useTranslation();
  return <Badge size="sm" variant="outline" color={KIND_COLORS[kind]} style={{ flexShrink: 0 }}>{t(`risk.kinds.${kind}`)}</Badge>;
}

/** The error codes of this part, in the reader's language; anything else as everywhere. */
const OWN_CODES = new Set(['certification_required', 'assessment_changed', 'assessment_signed', 'instrument_exists', 'instrument_unknown', 'instrument_invalid']);

export function riskErrorMessage(t: TFunction, err: unknown): string {
  if (isApiError(err) && OWN_CODES.has(err.code)) {
    const name = err.fields.find((f) => typeof f.params?.name === 'string')?.params?.name;
    return t(`risk.errors.${err.code}`, { name: name ?? '' });
  }
  return errorMessage(t, err);
}

/** One problem of an instrument file: its place, and what is wrong in the reader's language. */
export function importProblem(t: TFunction, f: FieldError): string {
  const p = f.params ?? {};
  return `${f.path}: ${t(`risk.importErrors.${f.code}`, { ...p, defaultValue: f.message })}`;
}
