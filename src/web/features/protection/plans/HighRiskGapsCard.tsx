import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHighRiskGaps } from '../../../api/plans.ts';
import { LoadError, Loading } from '../../../components/states.tsx';

/**
 * Start-page card: open cases rated high or imminent that lack an emergency plan
 * or a security officer. Managers see every such case, everyone else the cases
 * of their own teams (the server decides).
 */
export function HighRiskGapsCard() {
  const { t } = useTranslation();
  const gaps = useHighRiskGaps();
  return (
    <Card withBorder radius="md" p="md" component="section" aria-labelledby="high-risk-gaps-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="high-risk-gaps-title">{t('protection.plans.gap.cardTitle')}</Title>
        <Text size="xs" c="dimmed">{t('protection.plans.gap.cardHelp')}</Text>
        {gaps.isPending ? <Loading minHeight={40} /> : gaps.isError ? <LoadError error={gaps.error} onRetry={() => void gaps.refetch()} /> : gaps.data.length === 0 ? (
          <Text size="sm">{t('protection.plans.gap.cardNone')}</Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
            {gaps.data.map((g) => (
              <Group component="li" key={g.caseId} gap="xs" wrap="wrap">
                <Badge color={g.riskLevel === 'imminent' ? 'red.9' : 'red'} variant={g.riskLevel === 'imminent' ? 'filled' : 'light'}>{t(`protection.plans.gap.levels.${g.riskLevel}`)}</Badge>
                <Anchor component={Link} to={`/cases/${encodeURIComponent(g.caseId)}`} size="sm" fw={500}>{g.codename}</Anchor>
                <Text size="sm" c="red.9">{g.missing.map((m) => t(`protection.plans.gap.missingShort.${m}`)).join(', ')}</Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
