import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../contracts/cases.ts';
import type { EmergencyPlan } from '../../../../contracts/plans.ts';
import { Empty, LoadError, Loading } from '../../../components/states.tsx';
import { useFormat } from '../../../lib/format.ts';
import { Fact } from '../../cases/caseShared.tsx';
import { EmergencyPlanForm } from './EmergencyPlanForm.tsx';
import { PocketCardView } from './PocketCard.tsx';
import { SealedBadge } from './planShared.tsx';

type Plan = NonNullable<EmergencyPlan['plan']>;

/** The emergency plan: the current version, a form for the next one, and the pocket card. */
export function EmergencyPlanSection({ detail, query }: { detail: CaseDetail; query: UseQueryResult<EmergencyPlan> }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [printing, setPrinting] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="emergency-plan-heading">
      <Stack gap="md">
        <Stack gap={0}>
          <Title order={2} size="h4" id="emergency-plan-heading">{t('protection.plans.emergency.title')}</Title>
          <Text size="sm" c="dimmed">{t('protection.plans.emergency.help')}</Text>
        </Stack>
        {detail.basis === 'break_glass' ? <Alert color="red" variant="light"><Text size="sm">{t('protection.plans.emergency.breakGlass')}</Text></Alert> : null}
        {query.isPending ? <Loading minHeight={80} /> : query.isError ? <LoadError error={query.error} onRetry={() => void query.refetch()} /> : editing && query.data.may.write ? (
          <EmergencyPlanForm caseId={detail.id} data={query.data} onDone={() => setEditing(false)} />
        ) : query.data.plan ? (
          <>
            <PlanView plan={query.data.plan} />
            <Group gap="sm" className="no-print">
              <Button variant="default" onClick={() => setPrinting(true)}>{t('protection.plans.card.open')}</Button>
              {query.data.may.write ? <Button variant="light" onClick={() => setEditing(true)}>{t('protection.plans.emergency.edit')}</Button> : null}
            </Group>
          </>
        ) : (
          <Empty
            title={t('protection.plans.emergency.none')}
            action={query.data.may.write ? <Button variant="light" onClick={() => setEditing(true)}>{t('protection.plans.emergency.create')}</Button> : null}
          >
            {query.data.may.write ? t('protection.plans.emergency.noneHelp') : t('protection.plans.emergency.noneReadOnly')}
          </Empty>
        )}
        {printing && query.data?.plan ? <PocketCardView caseId={detail.id} mayIncludeSealed={query.data.may.readSealed} onClose={() => setPrinting(false)} /> : null}
      </Stack>
    </Paper>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const none = <Text span size="sm" c="dimmed">{t('protection.plans.emergency.notRecorded')}</Text>;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="light" color="indigo">{t('protection.plans.emergency.version', { version: plan.version })}</Badge>
        <Text size="xs" c="dimmed">{t('protection.plans.emergency.updatedBy', { name: plan.updatedByName ?? '—', date: fmt.dateTime(plan.updatedAt) })}</Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
        <Stack gap={4}>
          <Title order={3} size="h6">{t('protection.plans.emergency.triggers')}</Title>
          {plan.triggers.length === 0 ? <Text size="sm" c="dimmed">{t('protection.plans.emergency.noTriggers')}</Text> : (
            <Stack component="ul" gap={2} m={0} pl="md">{plan.triggers.map((x, i) => <Text component="li" size="sm" key={i} className="note-text">{x}</Text>)}</Stack>
          )}
        </Stack>
        <Stack gap={4}>
          <Title order={3} size="h6">{t('protection.plans.emergency.steps')}</Title>
          <Stack component="ol" gap={2} m={0} pl="md">{plan.steps.map((x, i) => <Text component="li" size="sm" key={i} className="note-text">{x}</Text>)}</Stack>
        </Stack>
      </SimpleGrid>
      <Stack gap={4}>
        <Title order={3} size="h6">{t('protection.plans.emergency.callTree')}</Title>
        <Stack component="ol" gap={6} m={0} pl="md">
          {plan.callTree.map((c, i) => (
            <Text component="li" size="sm" key={i} style={{ overflowWrap: 'anywhere' }}>
              <Text span fw={600} size="sm">{c.role}</Text>: {c.name}, <Anchor href={`tel:${c.phone.replace(/[^0-9+]/g, '')}`} size="sm">{c.phone}</Anchor>
              {c.fallback ? <Text span size="sm" c="dimmed"> · {t('protection.plans.emergency.fallbackShort', { fallback: c.fallback })}</Text> : null}
            </Text>
          ))}
        </Stack>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
        <Fact label={t('protection.plans.emergency.agencyContact')}>{plan.agencyContact || none}</Fact>
        <Fact label={t('protection.plans.emergency.agencyAgreement')}>{plan.agencyAgreement || none}</Fact>
      </SimpleGrid>
      {'safeLocations' in plan ? (
        <Paper radius="sm" p="sm" withBorder style={{ borderColor: 'var(--mantine-color-red-8)' }} component="section" aria-labelledby="safe-locations-heading">
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={3} size="h6" id="safe-locations-heading">{t('protection.plans.emergency.safeLocations')}</Title>
              <SealedBadge />
            </Group>
            <Text size="sm" className="note-text">{plan.safeLocations || t('protection.plans.emergency.noSafeLocations')}</Text>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
