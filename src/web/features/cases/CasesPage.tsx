import { Button, Card, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CaseSummary } from '../../../contracts/cases.ts';
import { caseStates, type CaseState } from '../../../contracts/intake.ts';
import { useProgrammes } from '../../api/programmes.ts';
import { useCases, useStaff, type CaseFilters, type ScreeningFilter } from '../../api/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { can, caseWorkingRoles } from '../../lib/roles.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useCurrentUser } from '../../session.tsx';
import { TeamRoleText } from './badges.tsx';
import { BreakGlassModal } from './BreakGlassModal.tsx';
import { CaseStateBadge, ScreeningText } from './listBadges.tsx';
import { NewReferralModal } from './NewReferralModal.tsx';

export const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;

const screeningFilters = ['none', 'low', 'moderate', 'high', 'protection'] as const satisfies readonly ScreeningFilter[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_KEYS = ['programme', 'state', 'lead', 'screening'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Filters live in the address bar (ids and codes only, so a filtered list can
 * be reloaded or shared). The search text never does: it stays in component state.
 * Anything else in the address bar is ignored.
 */
function useCaseFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<CaseFilters>(() => {
    const f: CaseFilters = {};
    const programme = params.get('programme');
    const state = params.get('state');
    const lead = params.get('lead');
    const screening = params.get('screening');
    if (programme && UUID.test(programme)) f.programme = programme;
    if (state && (caseStates as readonly string[]).includes(state)) f.state = state as CaseState;
    if (lead && UUID.test(lead)) f.lead = lead;
    if (screening && (screeningFilters as readonly string[]).includes(screening)) f.screening = screening as ScreeningFilter;
    return f;
  }, [params]);
  const setFilter = (key: FilterKey, value: string) => {
    setParams((prev) => {
      const next = new URLSearchParams();
      for (const k of FILTER_KEYS) {
        const v = k === key ? value : prev.get(k);
        if (v) next.set(k, v);
      }
      return next;
    }, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { filters, setFilter, clear, active: Object.keys(filters).length };
}

export function CasesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.title'));
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const { filters, setFilter, clear, active } = useCaseFilters();
  const cases = useCases(q, filters);
  const [creating, { open, close }] = useDisclosure(false);
  const [breaking, breakGlass] = useDisclosure(false);
  const rows = useMemo(() => cases.data?.pages.flatMap((p) => p.cases) ?? [], [cases.data]);
  const narrowed = !!q || active > 0;

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('cases.title')}
        actions={(
          <>
            {can.breakGlass(me) ? <Button variant="outline" color="red.8" onClick={breakGlass.open}>{t('cases.breakGlass')}</Button> : null}
            {can.createCase(me) ? <Button onClick={open}>{t('cases.new')}</Button> : null}
          </>
        )}
      />
      <Stack gap="sm" role="search" aria-label={t('cases.filtersLabel')}>
        <TextInput
          label={t('cases.search')}
          placeholder={t('cases.searchPlaceholder')}
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={60}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          rightSection={cases.isFetching && !cases.isPending && !cases.isFetchingNextPage ? <Loader size="xs" aria-hidden="true" /> : null}
          maw={{ base: '100%', sm: 420 }}
        />
        <Filters filters={filters} setFilter={setFilter} />
        {active > 0 ? (
          <Button variant="subtle" size="xs" w="fit-content" px={4} onClick={clear}>{t('cases.clearFilters', { count: active })}</Button>
        ) : null}
      </Stack>
      {cases.isPending ? (
        <Loading />
      ) : cases.isError && rows.length === 0 ? (
        <LoadError error={cases.error} onRetry={() => void cases.refetch()} />
      ) : rows.length === 0 ? (
        narrowed ? (
          <Empty title={t('cases.noMatchTitle')}>{q ? t('cases.noMatchBody') : t('cases.noMatchFilters')}</Empty>
        ) : (
          <Empty title={t('cases.emptyTitle')}>
            {me.role === 'manager' ? t('cases.emptyBodyManager') : t('cases.emptyBody')}
          </Empty>
        )
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {cases.hasNextPage ? t('cases.countMore', { count: rows.length }) : t('cases.count', { count: rows.length })}
          </Text>
          <CaseList cases={rows} />
          {cases.isFetchNextPageError ? <LoadError error={cases.error} onRetry={() => void cases.fetchNextPage()} /> : null}
          {cases.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" onClick={() => void cases.fetchNextPage()} loading={cases.isFetchingNextPage} disabled={cases.isFetchingNextPage}>
                {t('cases.loadMore')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
      {creating ? <NewReferralModal onClose={close} /> : null}
      {breaking ? <BreakGlassModal onClose={breakGlass.close} /> : null}
    </Stack>
  );
}

function Filters({ filters, setFilter }: { filters: CaseFilters; setFilter: (key: FilterKey, value: string) => void }) {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  const staff = useStaff();
  const all = { value: '', label: t('cases.filterAll') };
  const leads = useMemo(
    () => (staff.data ?? []).filter((p) => caseWorkingRoles.includes(p.role))
      .sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name))
      .map((p) => ({ value: p.id, label: p.disabled ? `${p.name} (${t('staff.status.disabled')})` : p.name })),
    [staff.data, t],
  );
  // An id from the address bar that is not (yet) in the list still shows as chosen.
  const withUnknown = (list: { value: string; label: string }[], v: string | undefined) => (v && !list.some((o) => o.value === v) ? [...list, { value: v, label: t('cases.filterUnknown') }] : list);

  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      <NativeSelect
        label={t('cases.programme')}
        value={filters.programme ?? ''}
        onChange={(e) => setFilter('programme', e.currentTarget.value)}
        data={[all, ...withUnknown((programmes.data ?? []).map((p) => ({ value: p.id, label: p.name })), filters.programme)]}
      />
      <NativeSelect
        label={t('cases.status')}
        value={filters.state ?? ''}
        onChange={(e) => setFilter('state', e.currentTarget.value)}
        data={[all, ...caseStates.map((s) => ({ value: s, label: t(`cases.states.${s}`) }))]}
      />
      <NativeSelect
        label={t('cases.lead')}
        value={filters.lead ?? ''}
        onChange={(e) => setFilter('lead', e.currentTarget.value)}
        data={[all, ...withUnknown(leads, filters.lead)]}
      />
      <NativeSelect
        label={t('cases.screeningLabel')}
        value={filters.screening ?? ''}
        onChange={(e) => setFilter('screening', e.currentTarget.value)}
        data={[all, ...screeningFilters.map((s) => ({ value: s, label: t(`cases.screening.${s}`) }))]}
      />
    </SimpleGrid>
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
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Text component={Link} to={casePath(c.id)} className="row-link" c="indigo.8" style={{ overflowWrap: 'anywhere' }}>{c.codename}</Text>
              <CaseStateBadge state={c.status} />
            </Group>
            <Stack gap={4} mt={6}>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{c.programmeName}</Text>
              <Text size="sm" c="dimmed">{t('cases.lead')}: {c.leadName ?? t('cases.noLead')}</Text>
              <ScreeningText level={c.screeningLevel} protectionNeeded={c.protectionNeeded} />
              <Text size="sm" c="dimmed">{t('cases.opened')}: {fmt.date(c.createdAt)} · {t('cases.myRole')}: <TeamRoleText role={c.myTeamRole} /></Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Card withBorder radius="md" padding={0}>
      <Table.ScrollContainer minWidth={880}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }} className="sr-only">{t('cases.listLabel')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.codename')}</Table.Th>
              <Table.Th>{t('cases.status')}</Table.Th>
              <Table.Th>{t('cases.programme')}</Table.Th>
              <Table.Th>{t('cases.lead')}</Table.Th>
              <Table.Th>{t('cases.screeningLabel')}</Table.Th>
              <Table.Th>{t('cases.opened')}</Table.Th>
              <Table.Th>{t('cases.myRole')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Text component={Link} to={casePath(c.id)} className="row-link" c="indigo.8" style={{ overflowWrap: 'anywhere' }}>{c.codename}</Text>
                </Table.Td>
                <Table.Td><CaseStateBadge state={c.status} /></Table.Td>
                <Table.Td><Text size="sm">{c.programmeName}</Text></Table.Td>
                <Table.Td><Text size="sm" c={c.leadName ? undefined : 'dimmed'}>{c.leadName ?? t('cases.noLead')}</Text></Table.Td>
                <Table.Td><ScreeningText level={c.screeningLevel} protectionNeeded={c.protectionNeeded} /></Table.Td>
                <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{fmt.date(c.createdAt)}</Text></Table.Td>
                <Table.Td><Text size="sm" c={c.myTeamRole ? undefined : 'dimmed'}><TeamRoleText role={c.myTeamRole} /></Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
