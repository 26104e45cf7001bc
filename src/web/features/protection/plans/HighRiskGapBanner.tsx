import { Alert, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCaseGap } from '../../../api/plans.ts';

/**
 * The high-risk gap of a case: rated high or imminent by its latest signed
 * assessment, and still without an emergency plan or a security officer on the
 * team. Shows nothing when there is no gap (or while it is being checked).
 */
export function HighRiskGapBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const gap = useCaseGap(caseId);
  if (gap.isError) return <Text size="sm" c="dimmed" role="status">{t('protection.plans.gap.loadFailed')}</Text>;
  if (!gap.data) return null;
  const { riskLevel, missing } = gap.data;
  return (
    <Alert color="red" variant="light" title={t('protection.plans.gap.title')} role="alert" data-testid="high-risk-gap">
      <Text size="sm">{riskLevel === 'imminent' ? t('protection.plans.gap.body_imminent') : t('protection.plans.gap.body_high')}</Text>
      <List size="sm" mt={4}>
        {missing.map((m) => <List.Item key={m}>{t(`protection.plans.gap.missing.${m}`)}</List.Item>)}
      </List>
    </Alert>
  );
}
