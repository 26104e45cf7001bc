import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCareDue } from '../../api/care.ts';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';

/** Managers' dashboard card: check-ups due or overdue and certifications about to lapse. */
export function CareDueCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const due = useCareDue(true);
  const person = (id: string, name: string) => <Anchor component={Link} to={`/staff/${encodeURIComponent(id)}`}>{name}</Anchor>;
  return (
    <Card withBorder radius="md" p="md" component="section" aria-labelledby="care-due-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="care-due-title">{t('care.due.title')}</Title>
        <Text size="xs" c="dimmed">{t('care.due.help')}</Text>
        {due.isPending ? <Loading minHeight={40} /> : due.isError ? <LoadError error={due.error} /> : due.data.checkups.length + due.data.qualifications.length === 0 ? (
          <Text size="sm">{t('care.due.nothing')}</Text>
        ) : (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
            {due.data.checkups.map((c) => (
              <Text component="li" size="sm" key={c.id} c={c.status === 'overdue' ? 'red.9' : undefined}>
                {person(c.staffId, c.staffName)}: {t(`care.checkups.${c.status}`, { date: fmt.date(c.dueOn) })}
              </Text>
            ))}
            {due.data.qualifications.map((q) => (
              <Text component="li" size="sm" key={q.id} c={q.status === 'expired' ? 'red.9' : undefined}>
                {person(q.staffId, q.staffName)}: {q.name}, {q.status === 'expired' ? t('care.due.expiredOn', { date: fmt.date(q.expiresOn) }) : t('care.due.expiresOn', { date: fmt.date(q.expiresOn) })}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
