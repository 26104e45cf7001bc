import { Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createCaseSchema } from '../../../contracts/cases.ts';
import { referralRoutes, type ProgrammeSummary, type ReferralRoute } from '../../../contracts/programmes.ts';
import { useProgramme, useProgrammes } from '../../api/programmes.ts';
import { useCreateCase } from '../../api/queries.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { Empty, FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsByCode } from '../../lib/codeFieldErrors.ts';
import { validateWith } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { can } from '../../lib/roles.ts';
import { useCurrentUser } from '../../session.tsx';
import { useRouteLabel } from '../programmes/labels.ts';

const FIELDS = ['codename', 'programmeId', 'referral.route', 'referral.referrer', 'referral.referredOn', 'referral.firstInformation'] as const;

/** Today in the reader's own time zone, as the date input wants it (YYYY-MM-DD). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Recording a referral: the case starts in state "referral" under one programme. */
export function NewReferralModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const programmes = useProgrammes();
  return (
    <AppModal onClose={onClose} title={t('cases.new')} size="lg">
      {programmes.isPending ? (
        <Loading />
      ) : programmes.isError ? (
        <LoadError error={programmes.error} onRetry={() => void programmes.refetch()} />
      ) : programmes.data.length === 0 ? (
        <NoProgramme onClose={onClose} />
      ) : (
        <ReferralForm programmes={programmes.data} onClose={onClose} />
      )}
    </AppModal>
  );
}

function NoProgramme({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manager = can.editProgrammes(me);
  return (
    <Empty
      title={t('cases.referral.noProgrammeTitle')}
      action={manager ? <Button component={Link} to="/programmes/new" onClick={onClose}>{t('cases.referral.createProgramme')}</Button> : undefined}
    >
      {manager ? t('cases.referral.noProgrammeManager') : t('cases.referral.noProgrammeOthers')}
    </Empty>
  );
}

function ReferralForm({ programmes, onClose }: { programmes: ProgrammeSummary[]; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const routeLabel = useRouteLabel();
  const create = useCreateCase();
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      codename: '',
      programmeId: programmes.length === 1 ? programmes[0]!.id : '',
      referral: { route: '' as ReferralRoute | '', referrer: '', referredOn: today(), firstInformation: '' },
    },
    validate: (v) => validateWith(t, createCaseSchema, v),
  });
  const programmeId = form.getValues().programmeId;
  const programme = useProgramme(programmeId || null);

  // The routes this programme offers come first; any other route can still be recorded.
  const routeOptions = useMemo(() => {
    const option = (r: ReferralRoute) => ({ value: r, label: routeLabel(r) });
    const choose = { value: '', label: t('cases.referral.chooseRoute'), disabled: true };
    const offered = programme.data?.profile.accessRoutes ?? [];
    if (offered.length === 0) return [choose, ...referralRoutes.map(option)];
    return [
      choose,
      { group: t('cases.referral.routesOffered'), items: offered.map(option) },
      { group: t('cases.referral.routesOther'), items: referralRoutes.filter((r) => !offered.includes(r)).map(option) },
    ];
  }, [programme.data, routeLabel, t]);

  const onSubmit = form.onSubmit((values) => {
    setOther([]);
    const { route, referrer, referredOn, firstInformation } = values.referral;
    create.mutate({
      codename: values.codename.trim(),
      programmeId: values.programmeId,
      referral: { route: route as ReferralRoute, referrer: referrer.trim(), referredOn, firstInformation: firstInformation.trim() },
    }, {
      onSuccess: ({ id }) => {
        notify(t('cases.created'));
        onClose();
        void navigate(`/cases/${encodeURIComponent(id)}`);
      },
      onError: (err) => {
        const { fields, other: rest } = fieldErrorsByCode(t, err, FIELDS);
        form.setErrors(fields);
        setOther(rest);
      },
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">{t('cases.referral.intro')}</Text>
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
        <NativeSelect
          label={t('cases.programme')}
          required
          data={[{ value: '', label: t('cases.referral.chooseProgramme'), disabled: true }, ...programmes.map((p) => ({ value: p.id, label: p.name }))]}
          {...form.getInputProps('programmeId')}
        />
        <NativeSelect
          label={t('cases.referral.route')}
          description={t('cases.referral.routeHelp')}
          required
          data={routeOptions}
          {...form.getInputProps('referral.route')}
        />
        <TextInput
          label={t('cases.referral.referredOn')}
          type="date"
          required
          max={today()}
          w={{ base: '100%', xs: 220 }}
          {...form.getInputProps('referral.referredOn')}
        />
        <Textarea
          label={t('cases.referral.referrer')}
          description={t('cases.referral.referrerHelp')}
          autosize
          minRows={2}
          maxLength={1000}
          autoComplete="off"
          {...form.getInputProps('referral.referrer')}
        />
        <Textarea
          label={t('cases.referral.firstInformation')}
          description={t('cases.referral.firstInformationHelp')}
          autosize
          minRows={4}
          maxLength={10_000}
          {...form.getInputProps('referral.firstInformation')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending} disabled={create.isPending}>{t('cases.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
