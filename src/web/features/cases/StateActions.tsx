import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { closureReasons, transitionSchema } from '../../../contracts/intake.ts';
import { transitionCase, useCaseChange, type TransitionBody } from '../../api/caseLifecycle.ts';
import { isApiError } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { Loading } from '../../components/states.tsx';
import { validateWith } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { CaseFormError, caseFieldErrors, Fact, FormButtons, GateBadge, useBaseVersion } from './caseShared.tsx';
import { gateState, useEligibility } from './GatePanel.tsx';

type Action = 'intake' | 'active' | 'suspended' | 'resumed' | 'closed' | 'reopened';

/** Which moves the viewer is offered, from the case state and what the server says they may do. */
export function availableActions(c: Pick<CaseDetail, 'status' | 'may'>): Action[] {
  const out: Action[] = [];
  if (c.status === 'referral' && c.may.transition) out.push('intake');
  if (c.status === 'intake' && c.may.accept) out.push('active');
  if (c.status === 'active' && c.may.transition) out.push('suspended');
  if (c.status === 'suspended' && c.may.transition) out.push('resumed');
  if (c.status !== 'closed' && c.may.closeOrReopen) out.push('closed');
  if (c.status === 'closed' && c.may.closeOrReopen) out.push('reopened');
  return out;
}

/** The state buttons in the case header, each opening a dialog that names the version it is based on. */
export function StateActions({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  const actions = availableActions(detail);
  if (actions.length === 0) return null;
  return (
    <>
      {actions.map((a) => (
        <Button
          key={a}
          size="sm"
          variant={a === 'closed' ? 'default' : a === 'active' ? 'filled' : 'light'}
          color={a === 'closed' ? 'red' : undefined}
          onClick={() => setOpen(a)}
        >
          {t(`lifecycle.actions.${a}.button`)}
        </Button>
      ))}
      {open === 'active' ? <AcceptModal detail={detail} onClose={() => setOpen(null)} /> : null}
      {open && open !== 'active' ? <TransitionModal detail={detail} action={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

type SimpleAction = Exclude<Action, 'active'>;
type MoveValues = { reason: string; closureReason: string; text: string };
const CLOSE_REASONS = closureReasons.filter((r) => r !== 'dismissed');

/** Start intake, suspend, resume, close, reopen: a confirmation, with a reason where the server wants one. */
function TransitionModal({ detail, action, onClose }: { detail: CaseDetail; action: SimpleAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const move = useCaseChange(detail.id, (body: TransitionBody) => transitionCase(detail.id, body));
  const [other, setOther] = useState<string[]>([]);
  const needsReason = action === 'suspended' || action === 'reopened';
  const form = useForm<MoveValues>({
    mode: 'controlled',
    initialValues: { reason: '', closureReason: '', text: '' },
    validate: (v) => validateWith(t, transitionSchema, body(v)),
  });

  function body(v: MoveValues): TransitionBody {
    switch (action) {
      case 'intake': return { to: 'intake', expectedVersion: base };
      case 'resumed': return { to: 'resumed', expectedVersion: base };
      case 'suspended': return { to: 'suspended', expectedVersion: base, reason: v.reason.trim() };
      case 'reopened': return { to: 'reopened', expectedVersion: base, reason: v.reason.trim() };
      case 'closed': return { to: 'closed', expectedVersion: base, closureReason: v.closureReason as never, text: v.text.trim() };
    }
  }

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await move.run(body(v));
    if (r.ok) {
      notify(t(`lifecycle.actions.${action}.done`));
      onClose();
      return;
    }
    const { fields, other: rest } = caseFieldErrors(t, r.error, ['reason', 'closureReason', 'text']);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t(`lifecycle.actions.${action}.title`)} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t(`lifecycle.actions.${action}.body`)}</Text>
          <CaseFormError error={move.error} other={other} onReload={async () => { move.reset(); await reloadBase(); }} reloaded={reloaded} />
          {needsReason ? (
            <Textarea
              label={t('lifecycle.actions.reason')}
              description={t('lifecycle.actions.reasonHelp')}
              required autosize minRows={2} maxRows={8} maxLength={2000} autoComplete="off" spellCheck={false} data-autofocus
              {...form.getInputProps('reason')}
            />
          ) : null}
          {action === 'closed' ? (
            <>
              <NativeSelect
                label={t('lifecycle.closure.reason')}
                required
                data={[{ value: '', label: t('lifecycle.closure.choose') }, ...CLOSE_REASONS.map((r) => ({ value: r, label: t(`lifecycle.closure.reasons.${r}`) }))]}
                {...form.getInputProps('closureReason')}
                error={form.errors.closureReason ? t('lifecycle.chooseOne') : undefined}
              />
              <Textarea
                label={t('lifecycle.closure.text')}
                description={t('lifecycle.closure.textHelp')}
                required autosize minRows={2} maxRows={8} maxLength={2000} autoComplete="off" spellCheck={false}
                {...form.getInputProps('text')}
              />
            </>
          ) : null}
          <FormButtons pending={move.pending} submit={t(`lifecycle.actions.${action}.confirm`)} onCancel={onClose} {...(action === 'closed' ? { color: 'red.8' } : {})} />
        </Stack>
      </form>
    </AppModal>
  );
}

/**
 * Accepting a case: the safeguarding gate is shown once more, and outside the
 * target group (or with criteria unknown) a written reason is required. The
 * server checks the same and answers with what is still missing.
 */
function AcceptModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const { programme, result } = useEligibility(detail);
  const move = useCaseChange(detail.id, (body: TransitionBody) => transitionCase(detail.id, body));
  const [other, setOther] = useState<string[]>([]);
  const [serverWantsReason, setServerWantsReason] = useState(false);
  const g = gateState(detail, result);
  const outside = result !== null && !result.inside;
  const showReason = outside || serverWantsReason || programme.isError;
  const reasonRequired = outside || serverWantsReason;
  const form = useForm({
    mode: 'controlled',
    initialValues: { outsideTargetReason: '' },
    validate: (v) => {
      const reason = v.outsideTargetReason.trim();
      if (!reason && !reasonRequired) return {};
      return validateWith(t, transitionSchema, { to: 'active', expectedVersion: base, outsideTargetReason: reason });
    },
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const reason = v.outsideTargetReason.trim();
    const r = await move.run({ to: 'active', expectedVersion: base, ...(reason ? { outsideTargetReason: reason } : {}) });
    if (r.ok) {
      notify(t('lifecycle.actions.active.done'));
      onClose();
      return;
    }
    if (isApiError(r.error) && r.error.fields.some((f) => f.code === 'gate_eligibility_reason')) setServerWantsReason(true);
    const { fields, other: rest } = caseFieldErrors(t, r.error, ['outsideTargetReason']);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t('lifecycle.actions.active.title')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {programme.isPending ? <Loading minHeight={60} /> : (
            <Text size="sm">
              {programme.data
                ? t('lifecycle.accept.body', { name: programme.data.name, version: programme.data.version })
                : t('lifecycle.accept.bodyNoProgramme')}
            </Text>
          )}
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('lifecycle.gate.title')}>
            <Group component="li" justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{t('lifecycle.gate.discussion')}</Text>
              <GateBadge done={g.discussion} />
            </Group>
            <Group component="li" justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{t('lifecycle.gate.screening')}</Text>
              <GateBadge done={g.screening} />
            </Group>
            <Group component="li" justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{t('lifecycle.gate.eligibility')}</Text>
              {result ? (
                <GateBadge done={result.inside} label={result.inside ? t('lifecycle.gate.inside') : t('lifecycle.gate.reasonBelow')} />
              ) : null}
            </Group>
          </Stack>
          {!g.discussion || !g.screening ? (
            <Alert color="orange" variant="light">
              <Text size="sm">{t('lifecycle.accept.stillMissing')}</Text>
            </Alert>
          ) : null}
          <CaseFormError error={move.error} other={other} onReload={async () => { move.reset(); await reloadBase(); }} reloaded={reloaded} />
          {showReason ? (
            <Textarea
              label={t('lifecycle.accept.reason')}
              description={t('lifecycle.accept.reasonHelp')}
              required={reasonRequired}
              autosize minRows={3} maxRows={10} maxLength={2000} autoComplete="off" spellCheck={false} data-autofocus
              {...form.getInputProps('outsideTargetReason')}
            />
          ) : null}
          <FormButtons pending={move.pending} submit={t('lifecycle.actions.active.confirm')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}

/** Why a closed case was closed. */
export function ClosureNote({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  if (detail.status !== 'closed' || !detail.closure) return null;
  return (
    <Alert color="gray" variant="light" title={t('lifecycle.closure.closedTitle')}>
      <Stack gap={6}>
        <Fact label={t('lifecycle.closure.reason')}>{t(`lifecycle.closure.reasons.${detail.closure.reason}`)}</Fact>
        {detail.closure.text ? <Fact label={t('lifecycle.closure.text')}>{detail.closure.text}</Fact> : null}
      </Stack>
    </Alert>
  );
}

