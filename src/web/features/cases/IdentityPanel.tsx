import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { confirmMfaSchema, identitySchema, revealIdentitySchema, type Identity } from '../../../contracts/identity.ts';
import { confirmMfa, revealIdentity, setIdentity, useCaseChange, type DuplicateOutcome } from '../../api/caseLifecycle.ts';
import { isApiError } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { CodeInput, normaliseCode } from '../auth/CodeInput.tsx';
import { CaseFormError, Fact, FormButtons, NotRecorded, today } from './caseShared.tsx';

/** How long revealed identity details stay on screen. */
const REVEAL_MS = 120_000;

type Revealed = { identity: Identity | null; version: number };

/**
 * The sealed identity: only "recorded / not recorded" until someone with
 * identity access reveals it with a reason and a fresh second factor. Revealed
 * details live in this component's state only (never in a cache) and are
 * hidden again after two minutes, when the browser tab is left, or with "Hide".
 */
export function IdentityPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [dialog, setDialog] = useState<'reveal' | 'edit' | null>(null);
  const [duplicate, setDuplicate] = useState<DuplicateOutcome | null>(null);
  const recorded = detail.identity.recorded;
  const mayUse = detail.may.revealIdentity || detail.may.writeIdentity;

  const shown = revealed !== null;
  useEffect(() => {
    if (!shown) return;
    const hide = () => setRevealed(null);
    const timer = window.setTimeout(hide, REVEAL_MS);
    const onVisibility = () => { if (document.visibilityState === 'hidden') hide(); };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [shown]);

  const editBase = revealed ? revealed : recorded ? null : { identity: null, version: 0 };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="identity-heading">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Title order={2} size="h4" id="identity-heading">{t('lifecycle.identity.title')}</Title>
          <Badge variant="light" color={recorded ? 'teal' : 'gray'} style={{ flexShrink: 0 }}>
            {recorded ? t('lifecycle.identity.recorded') : t('lifecycle.identity.notRecorded')}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">{t('lifecycle.identity.help')}</Text>
        {recorded && detail.identity.updatedAt ? (
          <Text size="xs" c="dimmed">{t('lifecycle.identity.updatedAt', { date: fmt.dateTime(detail.identity.updatedAt) })}</Text>
        ) : null}
        {!mayUse ? <Text size="sm">{t('lifecycle.identity.noAccess')}</Text> : null}

        {duplicate ? <DuplicateNotice outcome={duplicate} onDismiss={() => setDuplicate(null)} /> : null}

        {revealed ? (
          <RevealedIdentity revealed={revealed} />
        ) : null}

        <Group gap="xs">
          {revealed ? (
            <Button size="xs" variant="filled" color="dark" onClick={() => setRevealed(null)}>{t('lifecycle.identity.hide')}</Button>
          ) : recorded && detail.may.revealIdentity ? (
            <Button size="xs" variant="light" onClick={() => setDialog('reveal')}>{t('lifecycle.identity.reveal')}</Button>
          ) : null}
          {detail.may.writeIdentity && editBase ? (
            <Button size="xs" variant="default" onClick={() => setDialog('edit')}>
              {recorded ? t('lifecycle.identity.change') : t('lifecycle.identity.record')}
            </Button>
          ) : null}
        </Group>
        {recorded && detail.may.writeIdentity && !revealed ? <Text size="xs" c="dimmed">{t('lifecycle.identity.revealToChange')}</Text> : null}
      </Stack>

      {dialog === 'reveal' ? (
        <RevealModal caseId={detail.id} onClose={() => setDialog(null)} onRevealed={(r) => { setRevealed(r); setDuplicate(null); setDialog(null); }} />
      ) : null}
      {dialog === 'edit' && editBase ? (
        <IdentityEditModal
          caseId={detail.id}
          current={editBase}
          onClose={() => setDialog(null)}
          onSaved={(outcome) => {
            // The details shown were the old ones: hide them rather than show something stale.
            setRevealed(null);
            setDialog(null);
            setDuplicate(outcome.kind === 'none' ? null : outcome);
            notify(t('lifecycle.identity.saved'));
          }}
        />
      ) : null}
    </Paper>
  );
}

function RevealedIdentity({ revealed }: { revealed: Revealed }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = revealed.identity;
  if (!id) {
    return <Alert color="gray" variant="light"><Text size="sm">{t('lifecycle.identity.nothingReadable')}</Text></Alert>;
  }
  const list = (items: string[]) => (items.length === 0 ? <NotRecorded /> : (
    <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((x, i) => <li key={i}>{x}</li>)}
    </Stack>
  ));
  return (
    <Paper radius="md" p="sm" bg="yellow.0" withBorder>
      <Stack gap="xs">
        <Fact label={t('lifecycle.identity.legalName')}>{id.legalName}</Fact>
        <Fact label={t('lifecycle.identity.aliases')}>{list(id.aliases)}</Fact>
        <Fact label={t('lifecycle.identity.dateOfBirth')}>{id.dateOfBirth ? fmt.date(id.dateOfBirth) : <NotRecorded />}</Fact>
        <Fact label={t('lifecycle.identity.addresses')}>{list(id.addresses)}</Fact>
        <Fact label={t('lifecycle.identity.phones')}>{list(id.phones)}</Fact>
        <Fact label={t('lifecycle.identity.idDocuments')}>{list(id.idDocuments.map((d) => `${d.kind}: ${d.number}`))}</Fact>
        <Text size="xs" c="dimmed">{t('lifecycle.identity.afterReveal')}</Text>
      </Stack>
    </Paper>
  );
}

function DuplicateNotice({ outcome, onDismiss }: { outcome: DuplicateOutcome; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color={outcome.kind === 'matches' ? 'orange' : 'blue'} variant="light" role="status"
      title={outcome.kind === 'matches' ? t('lifecycle.identity.duplicateTitle') : t('lifecycle.identity.duplicateCheckedTitle')}
      withCloseButton onClose={onDismiss} closeButtonLabel={t('common.dismiss')}>
      {outcome.kind === 'matches' ? (
        <Stack gap={4}>
          <Text size="sm">{t('lifecycle.identity.duplicateMatches')}</Text>
          <Stack component="ul" gap={2} pl="md" m={0}>
            {outcome.cases.map((c) => (
              <li key={c.id}><Anchor component={Link} to={`/cases/${encodeURIComponent(c.id)}`} size="sm">{c.codename}</Anchor></li>
            ))}
          </Stack>
        </Stack>
      ) : (
        <Text size="sm">{t('lifecycle.identity.duplicateChecked')}</Text>
      )}
    </Alert>
  );
}

/**
 * Reason first; if the server wants a fresh second factor, a code from the
 * authenticator app, then the reveal is tried once more with the same reason.
 */
function RevealModal({ caseId, onClose, onRevealed }: { caseId: string; onClose: () => void; onRevealed: (r: Revealed) => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'reason' | 'code'>('reason');
  const [other, setOther] = useState<string[]>([]);
  const reveal = useSubmit((reason: string) => revealIdentity(caseId, reason));
  const confirm = useSubmit((code: string) => confirmMfa(code));
  const reasonForm = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: (v) => validateWith(t, revealIdentitySchema, v),
  });
  const codeForm = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: (v) => validateWith(t, confirmMfaSchema, { code: normaliseCode(v.code) }),
  });

  const tryReveal = async (reason: string) => {
    setOther([]);
    const r = await reveal.run(reason);
    if (r.ok) {
      onRevealed(r.value);
      return;
    }
    if (isApiError(r.error) && r.error.code === 'fresh_mfa_required') {
      reveal.reset();
      setStep('code');
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['reason']);
    reasonForm.setErrors(fields);
    setOther(rest);
    setStep('reason');
  };

  const onReason = reasonForm.onSubmit((v) => tryReveal(v.reason.trim()));
  const onCode = codeForm.onSubmit(async (v) => {
    setOther([]);
    const r = await confirm.run(normaliseCode(v.code));
    if (!r.ok) {
      const { fields, other: rest } = fieldErrorsFor(t, r.error, ['code']);
      codeForm.setErrors(fields);
      setOther(rest);
      return;
    }
    codeForm.reset();
    await tryReveal(reasonForm.values.reason.trim());
  });

  return (
    <AppModal title={t('lifecycle.identity.revealTitle')} onClose={onClose}>
      {step === 'reason' ? (
        <form onSubmit={onReason} noValidate>
          <Stack gap="md">
            <Alert color="indigo" variant="light">
              <Text size="sm">{t('lifecycle.identity.revealWarning')}</Text>
            </Alert>
            <FormError error={reveal.error} other={other} />
            <Textarea
              label={t('lifecycle.identity.reason')}
              description={t('lifecycle.identity.reasonHelp')}
              required autosize minRows={2} maxLength={500} autoComplete="off" spellCheck={false} data-autofocus
              {...reasonForm.getInputProps('reason')}
            />
            <FormButtons pending={reveal.pending} submit={t('lifecycle.identity.reveal')} onCancel={onClose} />
          </Stack>
        </form>
      ) : (
        <form onSubmit={onCode} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('lifecycle.identity.codeIntro')}</Text>
            <FormError error={confirm.error ?? reveal.error} other={other} />
            <CodeInput label={t('auth.code')} description={t('auth.codeHelp')} required data-autofocus {...codeForm.getInputProps('code')} />
            <FormButtons pending={confirm.pending || reveal.pending} submit={t('lifecycle.identity.confirmAndReveal')} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </AppModal>
  );
}

type IdentityValues = {
  legalName: string; aliases: string[]; dateOfBirth: string; addresses: string[]; phones: string[];
  idDocuments: { kind: string; number: string }[];
};

function toIdentity(v: IdentityValues): Identity {
  return {
    legalName: v.legalName.trim(),
    aliases: v.aliases.map((x) => x.trim()),
    dateOfBirth: v.dateOfBirth === '' ? null : v.dateOfBirth,
    addresses: v.addresses.map((x) => x.trim()),
    phones: v.phones.map((x) => x.trim()),
    idDocuments: v.idDocuments.map((d) => ({ kind: d.kind.trim(), number: d.number.trim() })),
  };
}

type ListField = 'aliases' | 'addresses' | 'phones';
const LIST_MAX: Record<ListField | 'idDocuments', number> = { aliases: 20, addresses: 10, phones: 10, idDocuments: 10 };

/** Write the sealed identity. It starts from what was revealed (or empty), and names the version it replaces. */
function IdentityEditModal({ caseId, current, onClose, onSaved }: { caseId: string; current: Revealed; onClose: () => void; onSaved: (d: DuplicateOutcome) => void }) {
  const { t } = useTranslation();
  const save = useCaseChange(caseId, (identity: Identity, version: number) => setIdentity(caseId, identity, version));
  const [other, setOther] = useState<string[]>([]);
  const c = current.identity;
  const form = useForm<IdentityValues>({
    mode: 'controlled',
    initialValues: {
      legalName: c?.legalName ?? '', aliases: c ? [...c.aliases] : [], dateOfBirth: c?.dateOfBirth ?? '',
      addresses: c ? [...c.addresses] : [], phones: c ? [...c.phones] : [], idDocuments: c ? c.idDocuments.map((d) => ({ ...d })) : [],
    },
    validate: (v) => validateWith(t, identitySchema, toIdentity(v)),
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(toIdentity(v), current.version);
    if (r.ok) {
      onSaved(r.value.duplicate);
      return;
    }
    const paths = Object.keys(form.getValues()).flatMap((k) => {
      const val = form.getValues()[k as keyof IdentityValues];
      if (!Array.isArray(val)) return [k];
      return val.flatMap((item, i) => (typeof item === 'string' ? [`${k}.${i}`] : [`${k}.${i}.kind`, `${k}.${i}.number`]));
    });
    const { fields, other: rest } = fieldErrorsFor(t, r.error, paths);
    form.setErrors(fields);
    setOther(rest);
  });

  const textProps = { autoComplete: 'off', spellCheck: false } as const;

  const listEditor = (field: ListField, max: number, itemLabel: (n: number) => string, addLabel: string, kind: 'text' | 'tel' | 'area') => {
    const items = form.values[field];
    return (
      <Stack gap={6} role="group" aria-labelledby={`identity-${field}-label`}>
        <Text size="sm" fw={500} id={`identity-${field}-label`}>{t(`lifecycle.identity.${field}`)}</Text>
        {items.length === 0 ? <Text size="sm" c="dimmed">{t('lifecycle.identity.noneYet')}</Text> : null}
        {items.map((_, i) => {
          const props = { label: itemLabel(i + 1), required: true, ...textProps, ...form.getInputProps(`${field}.${i}`) };
          return (
            <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
              {kind === 'area'
                ? <Textarea {...props} autosize minRows={2} maxLength={500} style={{ flex: 1 }} />
                : <TextInput {...props} type={kind === 'tel' ? 'tel' : 'text'} maxLength={kind === 'tel' ? 50 : 200} style={{ flex: 1 }} />}
              <Button variant="subtle" color="red" size="sm" onClick={() => form.removeListItem(field, i)}>
                {t('lifecycle.identity.remove')}<VisuallyHidden> {itemLabel(i + 1)}</VisuallyHidden>
              </Button>
            </Group>
          );
        })}
        {items.length < max ? (
          <Button variant="light" size="xs" w="fit-content" onClick={() => form.insertListItem(field, '')}>{addLabel}</Button>
        ) : null}
      </Stack>
    );
  };

  return (
    <AppModal title={current.version === 0 ? t('lifecycle.identity.recordTitle') : t('lifecycle.identity.changeTitle')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('lifecycle.identity.editHelp')}</Text>
          <CaseFormError error={save.error} other={other} />
          <TextInput label={t('lifecycle.identity.legalName')} required maxLength={200} data-autofocus {...textProps} {...form.getInputProps('legalName')} />
          {listEditor('aliases', LIST_MAX.aliases, (n) => t('lifecycle.identity.aliasN', { n }), t('lifecycle.identity.addAlias'), 'text')}
          <TextInput type="date" label={t('lifecycle.identity.dateOfBirth')} max={today()} {...textProps} {...form.getInputProps('dateOfBirth')} />
          {listEditor('addresses', LIST_MAX.addresses, (n) => t('lifecycle.identity.addressN', { n }), t('lifecycle.identity.addAddress'), 'area')}
          {listEditor('phones', LIST_MAX.phones, (n) => t('lifecycle.identity.phoneN', { n }), t('lifecycle.identity.addPhone'), 'tel')}
          <Stack gap={6} role="group" aria-labelledby="identity-docs-label">
            <Text size="sm" fw={500} id="identity-docs-label">{t('lifecycle.identity.idDocuments')}</Text>
            {form.values.idDocuments.length === 0 ? <Text size="sm" c="dimmed">{t('lifecycle.identity.noneYet')}</Text> : null}
            {form.values.idDocuments.map((_, i) => (
              <Paper key={i} withBorder radius="sm" p="xs">
                <Stack gap={6}>
                  <Group gap="xs" grow align="flex-start">
                    <TextInput label={t('lifecycle.identity.docKindN', { n: i + 1 })} required maxLength={80} {...textProps} {...form.getInputProps(`idDocuments.${i}.kind`)} />
                    <TextInput label={t('lifecycle.identity.docNumberN', { n: i + 1 })} required maxLength={80} {...textProps} {...form.getInputProps(`idDocuments.${i}.number`)} />
                  </Group>
                  <Button variant="subtle" color="red" size="xs" w="fit-content" onClick={() => form.removeListItem('idDocuments', i)}>
                    {t('lifecycle.identity.remove')}<VisuallyHidden> {t('lifecycle.identity.docN', { n: i + 1 })}</VisuallyHidden>
                  </Button>
                </Stack>
              </Paper>
            ))}
            {form.values.idDocuments.length < LIST_MAX.idDocuments ? (
              <Button variant="light" size="xs" w="fit-content" onClick={() => form.insertListItem('idDocuments', { kind: '', number: '' })}>{t('lifecycle.identity.addDocument')}</Button>
            ) : null}
          </Stack>
          <FormButtons pending={save.pending} submit={t('lifecycle.identity.save')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}
