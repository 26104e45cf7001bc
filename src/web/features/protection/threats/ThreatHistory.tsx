import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLogbook } from '../../../api/logbook.ts';
import { LoadError, Loading } from '../../../components/states.tsx';
import { useFormat } from '../../../lib/format.ts';

const SHOWN = 5;

/**
 * The history of threats beside the analysis: the newest entries of the client's
 * threat logbook (its own audited read; the full logbook with evidence is its own tab).
 */
export function ThreatHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const log = useLogbook(caseId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="threat-history-title">
      <Title order={3} size="h5" id="threat-history-title">{t('protection.threats.history.title')}</Title>
      <Text size="sm" c="dimmed">{t('protection.threats.history.help')}</Text>
      {log.isPending ? <Loading minHeight={40} /> : log.isError ? <LoadError error={log.error} onRetry={() => void log.refetch()} /> : log.data.entries.length === 0 ? (
        <Text size="sm">{t('protection.threats.history.empty')}</Text>
      ) : (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
          {log.data.entries.slice(0, SHOWN).map((e) => (
            <Paper component="li" key={e.id} withBorder radius="sm" p="xs">
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>{fmt.date(e.occurredOn)}</Text>
                <Badge variant="light" color="red" style={{ flexShrink: 0 }}>{t(`logbook.channels.${e.channel}`)}</Badge>
                <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>{e.who ? `${e.who}: ${e.what}` : e.what}</Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {log.data && log.data.entries.length > SHOWN ? <Text size="sm" c="dimmed">{t('protection.threats.history.more', { count: log.data.entries.length - SHOWN })}</Text> : null}
    </Stack>
  );
}
