import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreatActor, ThreatAnalysis, ThreatLevel } from '../../../../contracts/threats.ts';
import { isApiError } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormError } from '../../../components/states.tsx';
import { fieldErrorsFor } from '../../../lib/errors.ts';
import { CLIENT, type NodeId } from './layout.ts';

/** The threat analysis's own error codes, translated under protection.threats.errors. */
const OWN_CODES = new Set(['threat_actor_changed', 'link_end_unknown', 'link_to_self', 'link_staff_not_on_team', 'link_exists']);

/** Field errors for a threat form: the shared zod codes, plus this part's own codes in the reader's language. */
export function threatFieldErrors(t: TFunction, err: unknown, formFields: readonly string[], rename: Record<string, string> = {}) {
  const out = fieldErrorsFor(t, err, formFields, rename);
  if (isApiError(err)) {
    for (const f of err.fields) {
      const key = rename[f.path] ?? f.path;
      if (OWN_CODES.has(f.code) && formFields.includes(key)) out.fields[key] = t(`protection.threats.errors.${f.code}`);
    }
  }
  return out;
}

/**
 * The summary above a threat form. A colleague's edit in between (409) offers
 * "Reload": the analysis is read again and the form keeps what was typed.
 */
export function ThreatFormError({ error, other, onReload, reloaded }: { error: unknown; other: string[]; onReload?: () => Promise<void>; reloaded?: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!error) {
    return reloaded ? <Alert color="indigo" variant="light" role="status"><Text size="sm">{t('protection.threats.reloaded')}</Text></Alert> : null;
  }
  if (isApiError(error) && OWN_CODES.has(error.code) && error.fields.length === 0) {
    return (
      <Alert color="orange" variant="light" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm" fw={500}>{t(`protection.threats.errors.${error.code}`)}</Text>
          {error.code === 'threat_actor_changed' && onReload ? (
            <>
              <Text size="sm">{t('protection.threats.keepTyped')}</Text>
              <Button size="xs" variant="default" loading={busy} disabled={busy} onClick={() => { setBusy(true); void onReload().finally(() => setBusy(false)); }}>
                {t('protection.threats.reload')}
              </Button>
            </>
          ) : null}
        </Stack>
      </Alert>
    );
  }
  return <FormError error={error} other={other} />;
}

const LEVEL_COLORS: Record<ThreatLevel, string> = { low: 'teal', moderate: 'yellow', high: 'red', unknown: 'gray' };

/** "Capability: high" as a badge; the word carries the meaning, the colour only repeats it. */
export function LevelBadge({ what, level }: { what: 'capability' | 'intent'; level: ThreatLevel }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={LEVEL_COLORS[level]} style={{ flexShrink: 0 }}>
      {t(`protection.threats.${what}`)}: {t(`protection.threats.levels.${level}`)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ThreatActor['kind'] | 'staff' | 'client' }) {
  const { t } = useTranslation();
  const color = kind === 'group' ? 'red.9' : kind === 'person' ? 'orange.7' : kind === 'staff' ? 'blue.9' : 'indigo.9';
  // A dot in the kind's colour from the picture; the text stays dark for contrast.
  return <Badge variant="dot" color={color} style={{ flexShrink: 0 }}>{t(`protection.threats.kinds.${kind}`)}</Badge>;
}

/** The display name of any node of the network. */
export function useNodeName(analysis: ThreatAnalysis, codename: string) {
  const { t } = useTranslation();
  return (id: NodeId): string => {
    if (id === CLIENT) return t('protection.threats.clientNamed', { codename });
    const [kind, key] = id.split(':') as [string, string];
    if (kind === 'actor') return analysis.actors.find((a) => a.id === key)?.name ?? t('protection.threats.unknownEntry');
    return analysis.staff.find((s) => s.staffId === key)?.name ?? t('protection.threats.unknownEntry');
  };
}

/** Asks before removing; the caller runs the removal and closes on success. */
export function ConfirmRemove({ title, body, pending, error, onConfirm, onClose }: { title: string; body: string; pending: boolean; error: unknown; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal title={title} onClose={onClose}>
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <FormError error={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending}>{t('common.cancel')}</Button>
          <Button color="red.8" onClick={onConfirm} loading={pending} disabled={pending}>{t('protection.threats.remove')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
