import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../contracts/cases.ts';
import { useTimeline } from '../../api/caseLifecycle.ts';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { describeThreatEvent } from '../protection/threats/timeline.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function stateChange(t: TFunction, d: TimelineEntry['data']): string {
  const from = str(d.from);
  const to = str(d.to);
  if (from === 'closed') return t('lifecycle.timeline.reopened', { state: t(`lifecycle.states.${to}`, { defaultValue: to }) });
  if (to === 'intake') return t('lifecycle.timeline.intakeStarted');
  if (to === 'active' && from === 'suspended') return t('lifecycle.timeline.resumed');
  if (to === 'active' && d.outsideTargetGroup === true) return t('lifecycle.timeline.acceptedOutside', { version: num(d.programmeVersion) });
  if (to === 'active' && typeof d.programmeVersion === 'number') return t('lifecycle.timeline.accepted', { version: d.programmeVersion });
  if (to === 'suspended') return t('lifecycle.timeline.suspended');
  if (to === 'closed') {
    const reason = str(d.closureReason);
    return reason ? t('lifecycle.timeline.closedBecause', { reason: t(`lifecycle.closure.reasons.${reason}`, { defaultValue: reason }) }) : t('lifecycle.timeline.closed');
  }
  return t('lifecycle.timeline.stateChanged', { from: t(`lifecycle.states.${from}`, { defaultValue: from }), to: t(`lifecycle.states.${to}`, { defaultValue: to }) });
}

/** One sentence per event, from codes only (the server never puts client details in `data`). */
export function describeEvent(t: TFunction, e: TimelineEntry): string {
  const d = e.data;
  switch (e.kind) {
    case 'referral.recorded': return t('lifecycle.timeline.referralRecorded', { route: t(`lifecycle.routes.${str(d.route)}`, { defaultValue: str(d.route) }), version: num(d.programmeVersion) });
    case 'intake.updated': return t('lifecycle.timeline.intakeUpdated');
    case 'discussion.recorded': return t('lifecycle.timeline.discussionRecorded', { decision: t(`lifecycle.discussion.decisions.${str(d.decision)}`, { defaultValue: str(d.decision) }) });
    case 'screening.recorded': {
      const base = t('lifecycle.timeline.screeningRecorded', {
        staff: t(`lifecycle.risk.${str(d.riskToStaff)}`, { defaultValue: str(d.riskToStaff) }),
        group: t(`lifecycle.risk.${str(d.threatFromGroup)}`, { defaultValue: str(d.threatFromGroup) }),
      });
      return d.immediateProtectionNeeded === true ? `${base} ${t('lifecycle.timeline.protectionNeeded')}` : base;
    }
    case 'state.changed': return stateChange(t, d);
    case 'team.changed': return t('lifecycle.timeline.teamChanged', { count: num(d.members), access: num(d.withIdentityAccess) });
    case 'note.added': return t('lifecycle.timeline.noteAdded', { level: t(`lifecycle.notes.levels.${str(d.level)}`, { defaultValue: str(d.level) }) });
    case 'note.corrected': return t('lifecycle.timeline.noteCorrected', { version: num(d.version), level: t(`lifecycle.notes.levels.${str(d.level)}`, { defaultValue: str(d.level) }) });
    case 'identity.updated':
      return t('lifecycle.timeline.identityUpdated');
    case 'break_glass.opened': return t('lifecycle.timeline.breakGlassOpened', { count: num(d.hours) });
    case 'break_glass.reviewed': return d.outcome === 'justified' ? t('lifecycle.timeline.breakGlassJustified') : t('lifecycle.timeline.breakGlassNotJustified');
    case 'agreement.recorded': return t('lifecycle.timeline.agreementRecorded', { version: num(d.agreementVersion), how: t(`agreement.givenHow.${str(d.givenHow)}`, { defaultValue: str(d.givenHow) }) });
    case 'conduct.incident': return t('lifecycle.timeline.conductIncident', { kind: t(`agreement.kinds.${str(d.kind)}`, { defaultValue: str(d.kind) }), severity: t(`agreement.severity.${str(d.severity)}`, { defaultValue: str(d.severity) }) });
    case 'conduct.warning': return t('lifecycle.timeline.conductWarning');
    case 'duplicate.resolved': return d.outcome === 'same_person' ? t('lifecycle.timeline.duplicateSame') : t('lifecycle.timeline.duplicateDifferent');
    case 'risk.assessment.started': return t('lifecycle.timeline.riskStarted', { number: num(d.number) });
    case 'risk.assessment.signed': return t('lifecycle.timeline.riskSigned', { number: num(d.number) });
    case 'threat.logged': return t('lifecycle.timeline.threatLogged');
    case 'threat.evidence_added': return t('lifecycle.timeline.evidenceAdded');
    case 'threat.evidence_removed': return t('lifecycle.timeline.evidenceRemoved');
    case 'shield.information.added': return t('lifecycle.timeline.informationAdded');
    case 'shield.information.changed': return t('lifecycle.timeline.informationChanged', { status: t(`protection.plans.information.statuses.${str(d.status)}`, { defaultValue: str(d.status) }) });
    case 'shield.information.removed': return t('lifecycle.timeline.informationRemoved');
    case 'shield.measure.added': return t('lifecycle.timeline.measureAdded');
    case 'shield.measure.changed': return t('lifecycle.timeline.measureChanged', { status: t(`protection.plans.measures.statuses.${str(d.status)}`, { defaultValue: str(d.status) }) });
    case 'shield.measure.removed': return t('lifecycle.timeline.measureRemoved');
    case 'emergency_plan.saved': return t('lifecycle.timeline.emergencyPlanSaved', { version: num(d.version) });
    // Only managers see this event (its level is sealed); the details never reach the timeline.
    case 'relocation.recorded': return t('lifecycle.timeline.relocationRecorded');
    default: return describeThreatEvent(t, e) ?? t('lifecycle.timeline.other', { kind: e.kind });
  }
}

/** Everything that happened to the case, oldest first. */
export function TimelinePanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const timeline = useTimeline(caseId);

  return (
    <Stack gap="md" component="section" aria-labelledby="timeline-heading">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2} size="h4" id="timeline-heading">{t('lifecycle.timeline.title')}</Title>
          <Text size="sm" c="dimmed">{t('lifecycle.timeline.help')}</Text>
        </Stack>
        <Button variant="default" size="xs" onClick={() => void timeline.refetch()} loading={timeline.isFetching} disabled={timeline.isFetching}>
          {t('common.refresh')}
        </Button>
      </Group>
      {timeline.isPending ? (
        <Loading />
      ) : timeline.isError ? (
        <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.data.length === 0 ? (
        <Empty title={t('lifecycle.timeline.empty')} />
      ) : (
        <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {timeline.data.map((e, i) => {
            const emergency = e.kind.startsWith('break_glass.');
            return (
              <Paper component="li" key={i} withBorder radius="md" p="sm" style={emergency ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}>
                <Group justify="space-between" gap="xs" mb={4} align="flex-start">
                  <Text size="xs" c="dimmed" component="time" dateTime={e.at}>{fmt.dateTime(e.at)}</Text>
                  {emergency ? <Badge color="red.9" variant="filled">{t('lifecycle.basis.break_glass')}</Badge> : null}
                </Group>
                <Text size="sm" fw={500}>{describeEvent(t, e)}</Text>
                <Text size="xs" c="dimmed">{e.actorName ?? t('accessLog.unknownActor')}</Text>
                {e.text ? (
                  <Paper radius="sm" p="xs" mt={6} bg="gray.0">
                    <Text size="sm" className="note-text">{e.text}</Text>
                  </Paper>
                ) : null}
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
