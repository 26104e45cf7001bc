import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseState, RiskLevel } from '../../../contracts/intake.ts';

const stateColors: Record<CaseState, string> = { referral: 'blue', intake: 'violet', active: 'teal', suspended: 'orange', closed: 'gray' };

/** The lifecycle state of a case in the list. */
export function CaseStateBadge({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  // Never squeezed to "SUSPE…" in a narrow table column.
  return <Badge variant="light" color={stateColors[state]} style={{ flexShrink: 0, minWidth: 'max-content' }}>{t(`cases.states.${state}`)}</Badge>;
}

const levelColors: Record<RiskLevel, string> = { low: 'green', moderate: 'yellow', high: 'red' };

/** The risk screening level, and whether immediate protection is needed. */
export function ScreeningText({ level, protectionNeeded }: { level: RiskLevel | null; protectionNeeded: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      {level
        ? <Badge variant="light" color={levelColors[level]}>{t(`cases.screening.${level}`)}</Badge>
        : <Text size="sm" c="dimmed" span>{t('cases.screening.none')}</Text>}
      {protectionNeeded ? <Badge variant="filled" color="red.8">{t('cases.screening.protection')}</Badge> : null}
    </Group>
  );
}
