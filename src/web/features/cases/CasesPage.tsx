import { Button, Card, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.tsx';
import { notify } from '../../lib/notify.ts';
import { Link, useNavigate } from 'react-router';
import type { CaseSummary } from '../../../contracts/cases.ts';
import { createCaseSchema } from '../../../contracts/cases.ts';
import { useCases, useCreateCase } from '../../api/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Empty, FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { can } from '../../lib/roles.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useCurrentUser } from '../../session.tsx';
import { CaseStatusBadge, TeamRoleText } from './badges.tsx';

export const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

export function CasesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.title'));
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const cases = useCases(q);
  const [creating, { open, close }] = useDisclosure(false);

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('cases.title')}
        actions={can.createCase(me) ? <Button onClick={open}>{t('cases.new')}</Button> : null}
      />
      <TextInput
        label={t('cases.search')}
        placeholder={t('cases.searchPlaceholder')}
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={60}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        rightSection={cases.isFetching && !cases.isPending ? <Loader size="xs" aria-hidden="true" /> : null}
        maw={420}
      />
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <LoadError error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.length === 0 ? (
        q ? (
          <Empty title={t('cases.noMatchTitle')}>{t('cases.noMatchBody')}</Empty>
        ) : (
          <Empty title={t('cases.emptyTitle')}>
            {can.createCase(me) ? t('cases.emptyBodyManager') : t('cases.emptyBody')}
          </Empty>
        )
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status" aria-live="polite">{t('cases.count', { count: cases.data.length })}</Text>
          <CaseList cases={cases.data} />
        </>
      )}
      {creating ? <NewCaseModal onClose={close} /> : null}
    </Stack>
  );
}

function CaseList({ cases }: { cases: CaseSummary[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mobile = useIsMobile();

  if (mobile) {
    return (
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('cases.listLabel')}>
        {cases.map((c) => (
          <Card component="li" key={c.id} withBorder radius="md" padding="md">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text component={Link} to={casePath(c.id)} className="row-link" c="indigo.8" style={{ overflowWrap: 'anywhere' }}>{c.codename}</Text>
              <CaseStatusBadge status={c.status} />
            </Group>
            <Stack gap={2} mt={6}>
              <Text size="sm" c="dimmed">{t('cases.myRole')}: <TeamRoleText role={c.myTeamRole} /></Text>
              <Text size="sm" c="dimmed">{t('cases.opened')}: {fmt.date(c.createdAt)}</Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Card withBorder radius="md" padding={0}>
      <Table.ScrollContainer minWidth={560}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }} className="sr-only">{t('cases.listLabel')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.codename')}</Table.Th>
              <Table.Th>{t('cases.status')}</Table.Th>
              <Table.Th>{t('cases.myRole')}</Table.Th>
              <Table.Th>{t('cases.opened')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text component={Link} to={casePath(c.id)} className="row-link" c="indigo.8">{c.codename}</Text>
                </Table.Td>
                <Table.Td><CaseStatusBadge status={c.status} /></Table.Td>
                <Table.Td><Text size="sm" c={c.myTeamRole ? undefined : 'dimmed'}><TeamRoleText role={c.myTeamRole} /></Text></Table.Td>
                <Table.Td><Text size="sm">{fmt.date(c.createdAt)}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function NewCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCase();
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { codename: '' },
    validate: (v) => validateWith(t, createCaseSchema, v),
  });

  const onSubmit = form.onSubmit((values) => {
    setOther([]);
    create.mutate({ codename: values.codename.trim() }, {
      onSuccess: ({ id }) => {
        notify(t('cases.created'));
        onClose();
        void navigate(casePath(id));
      },
      onError: (err) => {
        const { fields, other: rest } = fieldErrorsFor(t, err, ['codename']);
        form.setErrors(fields);
        setOther(rest);
      },
    });
  });

  return (
    <AppModal onClose={onClose} title={t('cases.new')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={create.error} other={other} />
          <TextInput
            label={t('cases.codename')}
            description={t('cases.codenameHelp')}
            required
            maxLength={60}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            {...form.getInputProps('codename')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={create.isPending} disabled={create.isPending}>{t('cases.create')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
