import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useShieldPlan } from '../../../api/plans.ts';
import { LoadError, Loading } from '../../../components/states.tsx';
import { InformationPlan } from './InformationPlan.tsx';
import { Measures } from './Measures.tsx';

/** The shielding plan (managers and the case team): the information plan and the measures. */
export function ShieldPlanSection({ caseId, closed }: { caseId: string; closed: boolean }) {
  const { t } = useTranslation();
  const plan = useShieldPlan(caseId);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="shield-plan-heading">
      <Stack gap="lg">
        <Stack gap={0}>
          <Title order={2} size="h4" id="shield-plan-heading">{t('protection.plans.shield.title')}</Title>
          <Text size="sm" c="dimmed">{t('protection.plans.shield.help')}</Text>
          {closed ? <Text size="sm" c="dimmed" mt={4}>{t('protection.plans.readOnlyClosed')}</Text> : null}
        </Stack>
        {plan.isPending ? <Loading minHeight={80} /> : plan.isError ? <LoadError error={plan.error} onRetry={() => void plan.refetch()} /> : (
          <>
            <InformationPlan caseId={caseId} entries={plan.data.information} mayWrite={plan.data.may.write} />
            <Measures caseId={caseId} plan={plan.data} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
