import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProgrammes } from '../../api/programmes.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { can } from '../../lib/roles.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser } from '../../session.tsx';
import { programmePath } from './labels.ts';

export function ProgrammesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.title'));
  const me = useCurrentUser();
  const fmt = useFormat();
  const programmes = useProgrammes();
  const mayEdit = can.editProgrammes(me);

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('programmes.title')}
        meta={t('programmes.subtitle')}
        actions={mayEdit ? <Button component={Link} to="/programmes/new">{t('programmes.new')}</Button> : null}
      />
      {programmes.isPending ? (
        <Loading />
      ) : programmes.isError ? (
        <LoadError error={programmes.error} onRetry={() => void programmes.refetch()} />
      ) : programmes.data.length === 0 ? (
        <Empty
          title={t('programmes.emptyTitle')}
          action={mayEdit ? <Button component={Link} to="/programmes/new" variant="light">{t('programmes.new')}</Button> : undefined}
        >
          {mayEdit ? t('programmes.emptyBodyManager') : t('programmes.emptyBody')}
        </Empty>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programmes.listLabel')}>
          {programmes.data.map((p) => (
            <Card component="li" key={p.id} withBorder radius="md" padding="md">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={4} miw={0}>
                  <Text component={Link} to={programmePath(p.id)} className="row-link" c="indigo.8" style={{ overflowWrap: 'anywhere' }}>{p.name}</Text>
                  <Text size="sm" c="dimmed">
                    {t('programmes.versionN', { version: p.version })} · {t('programmes.savedOn', { date: fmt.date(p.updatedAt) })}
                  </Text>
                </Stack>
                <Badge variant="light" color="indigo" tt="none" style={{ flexShrink: 0 }}>{t(`programmes.goals.${p.goal}`)}</Badge>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
