import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReviewsDue } from '../../api/risk.ts';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useLocalText } from './riskShared.tsx';

/**
 * Dashboard card: risk reviews overdue or due within two weeks. Managers see every
 * open case's, anyone else the cases they lead (the server decides; this only shows).
 */
export function OverdueReviewsCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useLocalText();
  const due = useReviewsDue();
  return (
    <Card withBorder radius="md" p="md" component="section" aria-labelledby="risk-reviews-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="risk-reviews-title">{t('risk.reviews.title')}</Title>
        <Text size="xs" c="dimmed">{t('risk.reviews.help')}</Text>
        {due.isPending ? <Loading minHeight={40} /> : due.isError ? <LoadError error={due.error} onRetry={() => void due.refetch()} /> : due.data.length === 0 ? (
          <Text size="sm">{t('risk.reviews.nothing')}</Text>
        ) : (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
            {due.data.map((r) => (
              <Text component="li" size="sm" key={r.caseId} c={r.status === 'overdue' ? 'red.9' : undefined}>
                <Anchor component={Link} to={`/cases/${encodeURIComponent(r.caseId)}`}>{r.codename}</Anchor>
                {': '}
                {r.daysOverdue > 0 ? t('risk.reviews.overdue', { count: r.daysOverdue }) : r.daysOverdue === 0 ? t('risk.reviews.dueToday') : t('risk.reviews.dueIn', { count: -r.daysOverdue })}
                {' · '}
                <Text span size="xs" c="dimmed">{t('risk.reviews.line', { instrument: text(r.instrumentName, r.instrumentLanguages), number: r.number, date: fmt.date(r.nextReviewOn) })}</Text>
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
