import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser } from '../../session.tsx';
import { HighRiskGapsCard } from '../protection/plans/HighRiskGapsCard.tsx';
import { OverdueReviewsCard } from '../risk/OverdueReviewsCard.tsx';
import { CareDueCard } from '../staff/CareDueCard.tsx';

/**
 * The start page of people who work cases: what needs doing now. Managers see the
 * whole organisation (their dashboard); everyone else the cases they work on.
 */
export function StartPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('start.title'));
  const me = useCurrentUser();
  const manager = me.role === 'manager';
  return (
    <Stack gap="lg">
      <PageHeader title={t('start.title')} meta={manager ? t('start.managerHelp') : t('start.workerHelp')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <HighRiskGapsCard />
        <OverdueReviewsCard />
        {manager ? <CareDueCard /> : null}
      </SimpleGrid>
      <Text size="sm">
        <Anchor component={Link} to="/cases">{t('start.allCases')}</Anchor>
      </Text>
    </Stack>
  );
}
