import { Button, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { discussionDecisions, evaluateEligibility, recordDiscussionSchema, recordScreeningSchema, riskLevels, type EligibilityFacts, type EligibilityResult } from '../../../contracts/intake.ts';
import { recordDiscussion, recordScreening, useCaseChange, useProgrammeForCase, type DiscussionInput, type ScreeningInput } from '../../api/caseLifecycle.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { validateWith } from '../../lib/errors.ts';
import { CaseFormError, caseFieldErrors, Fact, FormButtons, GateBadge, today, useBaseVersion } from './caseShared.tsx';

/** The programme the case is measured against and, for the given facts, the criteria. */
export function useEligibility(detail: CaseDetail, facts: EligibilityFacts = detail.facts) {
  const programme = useProgrammeForCase(detail.programmeId, detail.programmeVersionAccepted);
  const result = useMemo<EligibilityResult | null>(
    () => (programme.data ? evaluateEligibility(programme.data.profile, facts) : null),
    [programme.data, facts],
  );
  return { programme, result };
}

export type GateState = {
  discussion: boolean;
  screening: boolean;
  /** Inside the target group, or accepted with a written reason. */
  eligibility: boolean;
  done: number;
};

/** The safeguarding gate (guideline §3.3), read the same way as the server's `missingForAcceptance`. */
export function gateState(detail: CaseDetail, eligibility: EligibilityResult | null): GateState {
  const discussion = detail.discussion?.decision === 'accept';
  const screening = detail.screening !== null;
  const eligible = (eligibility?.inside ?? false) || !!detail.outsideTargetReason;
  return { discussion, screening, eligibility: eligible, done: [discussion, screening, eligible].filter(Boolean).length };
}

/** Whether to offer recording a screening: the server's own answer (`caseActions.mayScreen`). */
export function mayScreen(detail: Pick<CaseDetail, 'may'>): boolean {
  return detail.may.screen;
}

function GateRow({ title, done, status, children, action }: { title: string; done: boolean; status?: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm">{title}</Text>
          <GateBadge done={done} {...(status ? { label: status } : {})} />
        </Group>
        {children}
        {action ? <Group gap="xs">{action}</Group> : null}
      </Stack>
    </Paper>
  );
}

/** Short form on the overview while the case is in referral or intake. */
export function GateSummary({ detail, onOpen }: { detail: CaseDetail; onOpen: () => void }) {
  const { t } = useTranslation();
  const { result } = useEligibility(detail);
  const g = gateState(detail, result);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="gate-summary-heading" bg="yellow.0">
      <Stack gap="xs">
        <Title order={2} size="h4" id="gate-summary-heading">{t('lifecycle.gate.summaryTitle')}</Title>
        <Text size="sm">
          {detail.status === 'referral' ? t('lifecycle.gate.summaryReferral') : t('lifecycle.gate.summaryIntake', { done: g.done, total: 3 })}
        </Text>
        <Group gap="xs">
          <GateBadge done={g.discussion} label={t('lifecycle.gate.shortDiscussion')} />
          <GateBadge done={g.screening} label={t('lifecycle.gate.shortScreening')} />
          <GateBadge done={g.eligibility} label={t('lifecycle.gate.shortEligibility')} />
        </Group>
        <Button variant="light" size="xs" w="fit-content" onClick={onOpen}>{t('lifecycle.gate.openIntake')}</Button>
      </Stack>
    </Paper>
  );
}

/** The three items between intake and an active case, each done or missing, with the forms to record them. */
export function GateChecklist({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { programme, result } = useEligibility(detail);
  const g = gateState(detail, result);
  const [open, setOpen] = useState<'discussion' | 'screening' | null>(null);
  const d = detail.discussion;
  const s = detail.screening;
  const accepted = detail.programmeVersionAccepted !== null;

  const eligibilityStatus = result === null
    ? (programme.isError ? t('lifecycle.gate.eligibilityUnavailable') : t('common.loading'))
    : result.inside ? t('lifecycle.gate.inside') : detail.outsideTargetReason ? t('lifecycle.gate.reasonGiven') : t('lifecycle.gate.reasonNeeded');

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="gate-heading">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id="gate-heading">{t('lifecycle.gate.title')}</Title>
          <Text size="sm" c="dimmed">{accepted ? t('lifecycle.gate.helpAccepted') : t('lifecycle.gate.help')}</Text>
        </Stack>
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          <GateRow
            title={t('lifecycle.gate.discussion')}
            done={g.discussion}
            {...(d && d.decision !== 'accept' ? { status: t(`lifecycle.discussion.decisions.${d.decision}`) } : {})}
            action={detail.may.editIntake ? (
              <Button size="xs" variant={d ? 'default' : 'light'} onClick={() => setOpen('discussion')}>
                {d ? t('lifecycle.discussion.recordAgain') : t('lifecycle.discussion.record')}
              </Button>
            ) : null}
          >
            {d ? (
              <Stack gap={6}>
                <Text size="xs" c="dimmed">{t('lifecycle.recordedBy', { name: d.recordedByName ?? t('accessLog.unknownActor'), date: fmt.dateTime(d.recordedAt) })}</Text>
                <Group gap="lg" align="flex-start">
                  <Fact label={t('lifecycle.discussion.heldOn')}>{fmt.date(d.heldOn)}</Fact>
                  <Fact label={t('lifecycle.discussion.decision')}>{t(`lifecycle.discussion.decisions.${d.decision}`)}</Fact>
                </Group>
                <Fact label={t('lifecycle.discussion.participants')}>{d.participants}</Fact>
                <Fact label={t('lifecycle.discussion.reasons')}>{d.reasons}</Fact>
              </Stack>
            ) : <Text size="sm" c="dimmed">{t('lifecycle.discussion.none')}</Text>}
          </GateRow>

          <GateRow
            title={t('lifecycle.gate.screening')}
            done={g.screening}
            action={mayScreen(detail) ? (
              <Button size="xs" variant={s ? 'default' : 'light'} onClick={() => setOpen('screening')}>
                {s ? t('lifecycle.screening.recordAgain') : t('lifecycle.screening.record')}
              </Button>
            ) : null}
          >
            {s ? (
              <Stack gap={6}>
                <Text size="xs" c="dimmed">{t('lifecycle.recordedBy', { name: s.recordedByName ?? t('accessLog.unknownActor'), date: fmt.dateTime(s.recordedAt) })}</Text>
                <Group gap="lg" align="flex-start">
                  <Fact label={t('lifecycle.screening.riskToStaff')}>{t(`lifecycle.risk.${s.riskToStaff}`)}</Fact>
                  <Fact label={t('lifecycle.screening.threatFromGroup')}>{t(`lifecycle.risk.${s.threatFromGroup}`)}</Fact>
                  <Fact label={t('lifecycle.screening.protection')}>
                    {s.immediateProtectionNeeded ? <Text span size="sm" fw={700} c="red.9">{t('lifecycle.yes')}</Text> : t('lifecycle.no')}
                  </Fact>
                </Group>
                {s.notes ? <Fact label={t('lifecycle.screening.notes')}>{s.notes}</Fact> : null}
              </Stack>
            ) : <Text size="sm" c="dimmed">{t('lifecycle.screening.none')}</Text>}
          </GateRow>

          <GateRow title={t('lifecycle.gate.eligibility')} done={g.eligibility}>
            <Text size="sm">{eligibilityStatus}</Text>
            {detail.outsideTargetReason ? <Fact label={t('lifecycle.gate.writtenReason')}>{detail.outsideTargetReason}</Fact> : null}
          </GateRow>
        </Stack>
      </Stack>
      {open === 'discussion' ? <DiscussionModal detail={detail} onClose={() => setOpen(null)} /> : null}
      {open === 'screening' ? <ScreeningModal detail={detail} onClose={() => setOpen(null)} /> : null}
    </Paper>
  );
}

const DISCUSSION_FIELDS = ['heldOn', 'participants', 'decision', 'reasons'] as const;

function DiscussionModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const save = useCaseChange(detail.id, (input: DiscussionInput) => recordDiscussion(detail.id, input));
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { heldOn: today(), participants: '', decision: '', reasons: '' },
    validate: (v) => {
      const errors = validateWith(t, recordDiscussionSchema, { ...v, expectedVersion: base });
      if (errors.decision) errors.decision = t('lifecycle.chooseOne');
      return errors;
    },
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run({ heldOn: v.heldOn, participants: v.participants.trim(), decision: v.decision as DiscussionInput['decision'], reasons: v.reasons.trim(), expectedVersion: base });
    if (r.ok) {
      notify(t('lifecycle.discussion.saved'));
      onClose();
      return;
    }
    const { fields, other: rest } = caseFieldErrors(t, r.error, DISCUSSION_FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t('lifecycle.discussion.title')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('lifecycle.discussion.help')}</Text>
          <CaseFormError error={save.error} other={other} onReload={async () => { save.reset(); await reloadBase(); }} reloaded={reloaded} />
          <TextInput type="date" label={t('lifecycle.discussion.heldOn')} required max={today()} {...form.getInputProps('heldOn')} />
          <Textarea
            label={t('lifecycle.discussion.participants')}
            description={t('lifecycle.discussion.participantsHelp')}
            required autosize minRows={2} maxRows={6} maxLength={1000} autoComplete="off" spellCheck={false}
            {...form.getInputProps('participants')}
          />
          <Radio.Group label={t('lifecycle.discussion.decision')} required {...form.getInputProps('decision')}>
            <Stack gap={6} mt={6}>
              {discussionDecisions.map((d) => <Radio key={d} value={d} label={t(`lifecycle.discussion.decisions.${d}`)} />)}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('lifecycle.discussion.reasons')}
            description={t('lifecycle.discussion.reasonsHelp')}
            required autosize minRows={3} maxRows={10} maxLength={5000} autoComplete="off" spellCheck={false}
            {...form.getInputProps('reasons')}
          />
          <FormButtons pending={save.pending} submit={t('lifecycle.discussion.save')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}

const SCREENING_FIELDS = ['riskToStaff', 'threatFromGroup', 'immediateProtectionNeeded', 'notes'] as const;

function RiskRadios({ label, props }: { label: string; props: ReturnType<ReturnType<typeof useForm>['getInputProps']> }) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={label} required {...props}>
      <Group gap="md" mt={6}>
        {riskLevels.map((l) => <Radio key={l} value={l} label={t(`lifecycle.risk.${l}`)} />)}
      </Group>
    </Radio.Group>
  );
}

function ScreeningModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const save = useCaseChange(detail.id, (input: ScreeningInput) => recordScreening(detail.id, input));
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { riskToStaff: '', threatFromGroup: '', immediateProtectionNeeded: '', notes: '' },
    validate: (v) => {
      const errors = validateWith(t, recordScreeningSchema, {
        ...v, immediateProtectionNeeded: v.immediateProtectionNeeded === '' ? undefined : v.immediateProtectionNeeded === 'yes', expectedVersion: base,
      });
      // Radio choices left open read "choose one", not "fill this in".
      for (const k of ['riskToStaff', 'threatFromGroup', 'immediateProtectionNeeded']) if (errors[k]) errors[k] = t('lifecycle.chooseOne');
      return errors;
    },
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run({
      riskToStaff: v.riskToStaff as ScreeningInput['riskToStaff'], threatFromGroup: v.threatFromGroup as ScreeningInput['threatFromGroup'],
      immediateProtectionNeeded: v.immediateProtectionNeeded === 'yes', notes: v.notes.trim(), expectedVersion: base,
    });
    if (r.ok) {
      notify(t('lifecycle.screening.saved'));
      onClose();
      return;
    }
    const { fields, other: rest } = caseFieldErrors(t, r.error, SCREENING_FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t('lifecycle.screening.title')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('lifecycle.screening.help')}</Text>
          <CaseFormError error={save.error} other={other} onReload={async () => { save.reset(); await reloadBase(); }} reloaded={reloaded} />
          <RiskRadios label={t('lifecycle.screening.riskToStaff')} props={form.getInputProps('riskToStaff')} />
          <RiskRadios label={t('lifecycle.screening.threatFromGroup')} props={form.getInputProps('threatFromGroup')} />
          <Radio.Group label={t('lifecycle.screening.protection')} description={t('lifecycle.screening.protectionHelp')} required {...form.getInputProps('immediateProtectionNeeded')}>
            <Group gap="md" mt={6}>
              <Radio value="yes" label={t('lifecycle.yes')} />
              <Radio value="no" label={t('lifecycle.no')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('lifecycle.screening.notes')}
            description={t('lifecycle.screening.notesHelp')}
            autosize minRows={3} maxRows={10} maxLength={5000} autoComplete="off" spellCheck={false}
            {...form.getInputProps('notes')}
          />
          <FormButtons pending={save.pending} submit={t('lifecycle.screening.save')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}
