import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Programme } from '../../../contracts/programmes.ts';
import { isApiError } from '../../api/client.ts';
import { useProgramme, useProgrammeVersion } from '../../api/programmes.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { can } from '../../lib/roles.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser } from '../../session.tsx';
import { programmeEditPath } from './labels.ts';
import { ProfileView } from './ProfileView.tsx';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ProgrammeNotFound() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" align="flex-start" py="xl">
      <PageHeader title={t('programmes.notFoundTitle')} back={{ to: '/programmes', label: t('programmes.backToList') }} />
      <Text c="dimmed">{t('programmes.notFoundBody')}</Text>
    </Stack>
  );
}

export function ProgrammePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.documentTitle'));
  const { id = '' } = useParams();
  if (!UUID.test(id)) return <ProgrammeNotFound />;
  return <ProgrammeView key={id} id={id} />;
}

function ProgrammeView({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const fmt = useFormat();
  const programme = useProgramme(id);
  const [shown, setShown] = useState<number | null>(null);

  if (programme.isPending) return <Loading />;
  if (programme.isError) {
    if (isApiError(programme.error) && programme.error.status === 404) return <ProgrammeNotFound />;
    return (
      <Stack gap="lg">
        <PageHeader title={t('programmes.documentTitle')} back={{ to: '/programmes', label: t('programmes.backToList') }} />
        <LoadError error={programme.error} onRetry={() => void programme.refetch()} />
      </Stack>
    );
  }
  const p = programme.data;

  return (
    <Stack gap="lg">
      <PageHeader
        title={p.name}
        back={{ to: '/programmes', label: t('programmes.backToList') }}
        meta={`${t('programmes.versionN', { version: p.version })} · ${t('programmes.savedOn', { date: fmt.date(p.updatedAt) })}`}
        actions={can.editProgrammes(me) ? <Button component={Link} to={programmeEditPath(p.id)}>{t('programmes.edit')}</Button> : null}
      />
      <ProfileView profile={p.profile} />
      <VersionHistory programme={p} onShow={setShown} />
      {shown !== null ? <VersionModal id={p.id} version={shown} onClose={() => setShown(null)} /> : null}
    </Stack>
  );
}

function VersionHistory({ programme, onShow }: { programme: Programme; onShow: (version: number) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="programme-versions">
      <Stack gap="sm">
        <Title order={2} size="h4" id="programme-versions">{t('programmes.versions.title')}</Title>
        <Text size="sm" c="dimmed">{t('programmes.versions.help')}</Text>
        <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
          {programme.versions.map((v) => (
            <Group component="li" key={v.version} justify="space-between" gap="xs" py="xs" wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={600}>
                  {t('programmes.versionN', { version: v.version })}
                  {v.version === programme.version ? <Text span size="sm" c="dimmed" fw={400}> ({t('programmes.versions.current')})</Text> : null}
                </Text>
                <Text size="xs" c="dimmed">
                  {fmt.dateTime(v.createdAt)} · {v.createdByName ? t('programmes.versions.savedBy', { name: v.createdByName }) : t('programmes.versions.unknownAuthor')}
                </Text>
              </Stack>
              {v.version !== programme.version ? (
                <Button size="xs" variant="default" style={{ flexShrink: 0 }} onClick={() => onShow(v.version)}
                  aria-label={t('programmes.versions.showLabel', { version: v.version })}>
                  {t('programmes.versions.show')}
                </Button>
              ) : null}
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

function VersionModal({ id, version, onClose }: { id: string; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const found = useProgrammeVersion(id, version);
  return (
    <AppModal onClose={onClose} title={t('programmes.versions.showTitle', { version })} size="xl">
      {found.isPending ? <Loading /> : found.isError ? <LoadError error={found.error} onRetry={() => void found.refetch()} /> : (
        <Stack gap="md">
          <Alert variant="light" color="gray">
            <Text size="sm">{t('programmes.versions.earlierNote', { name: found.data.name, date: fmt.dateTime(found.data.createdAt) })}</Text>
          </Alert>
          <ProfileView profile={found.data.profile} headingOrder={3} />
        </Stack>
      )}
    </AppModal>
  );
}
