import { Alert, Anchor, Button, Card, Checkbox, Group, NumberInput, Pill, Radio, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  createProgrammeSchema, defaultNarratives, militancyOptions, positionOptions, programmeGoals, referralRoutes,
  type Programme, type ProgrammeProfile, type ReferralRoute,
} from '../../../contracts/programmes.ts';
import { isApiError } from '../../api/client.ts';
import { fetchProgramme, programmeKeys, useProgramme, useSaveProgramme, type SaveProgrammeInput } from '../../api/programmes.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNarrativeLabel, useRouteLabel, programmePath } from './labels.ts';
import { ProgrammeNotFound, UUID } from './ProgrammePage.tsx';

type Militancy = (typeof militancyOptions)[number];
type Positions = (typeof positionOptions)[number];
type Goal = (typeof programmeGoals)[number];

/** What the form holds: number fields may be empty (''), choices may be unmade (''). */
type Values = {
  name: string;
  profile: {
    targetGroup: { narratives: string[]; ageMin: number | string; ageMax: number | string; organisationTypes: string[]; militancy: Militancy | ''; positions: Positions | '' };
    goal: Goal | '';
    goalExplanation: string;
    accessRoutes: ReferralRoute[];
    transparencyStatement: string;
    jurisdiction: { country: string; closedCaseRetentionYears: number | string; unacceptedReferralRetentionMonths: number | string };
  };
};

const FIELDS = [
  'name', 'profile.targetGroup.narratives', 'profile.targetGroup.ageMin', 'profile.targetGroup.ageMax', 'profile.targetGroup.organisationTypes',
  'profile.targetGroup.militancy', 'profile.targetGroup.positions', 'profile.goal', 'profile.goalExplanation', 'profile.accessRoutes',
  'profile.transparencyStatement', 'profile.jurisdiction.country', 'profile.jurisdiction.closedCaseRetentionYears', 'profile.jurisdiction.unacceptedReferralRetentionMonths',
] as const;

const emptyValues: Values = {
  name: '',
  profile: {
    targetGroup: { narratives: [], ageMin: '', ageMax: '', organisationTypes: [], militancy: '', positions: '' },
    goal: '',
    goalExplanation: '',
    accessRoutes: [],
    transparencyStatement: '',
    jurisdiction: { country: '', closedCaseRetentionYears: '', unacceptedReferralRetentionMonths: '' },
  },
};

function valuesOf(p: Programme): Values {
  return { name: p.name, profile: { ...p.profile, targetGroup: { ...p.profile.targetGroup, ageMin: p.profile.targetGroup.ageMin ?? '', ageMax: p.profile.targetGroup.ageMax ?? '' } } };
}

const optionalNumber = (v: number | string) => (v === '' ? null : Number(v));
const requiredNumber = (v: number | string) => (v === '' ? '' : Number(v));

/** The request body, as far as the form allows; the contract schema checks the rest. */
function inputOf(v: Values): SaveProgrammeInput {
  const tg = v.profile.targetGroup;
  const j = v.profile.jurisdiction;
  return {
    name: v.name.trim(),
    profile: {
      ...v.profile,
      targetGroup: { ...tg, ageMin: optionalNumber(tg.ageMin), ageMax: optionalNumber(tg.ageMax) },
      jurisdiction: { country: j.country.trim().toUpperCase(), closedCaseRetentionYears: requiredNumber(j.closedCaseRetentionYears), unacceptedReferralRetentionMonths: requiredNumber(j.unacceptedReferralRetentionMonths) },
    } as ProgrammeProfile,
  };
}

/** The form is long: take the person to the first field that needs attention. */
function focusFirstError(errors: Record<string, unknown>) {
  const first = FIELDS.find((f) => errors[f]);
  if (!first) return;
  const el = document.querySelector<HTMLElement>(`[data-path="${first}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  (el.matches('input, textarea, select') ? el : el.querySelector<HTMLElement>('input, textarea, select'))?.focus({ preventScroll: true });
}

/** A suggested narrative typed out by its label ("Jihadist", "Dschihadistisch") is stored as its code, once. */
function toNarrativeCodes(values: string[], label: (code: string) => string): string[] {
  const byLabel = new Map(defaultNarratives.map((n) => [label(n).trim().toLowerCase(), n as string]));
  const out: string[] = [];
  for (const v of values) {
    const code = byLabel.get(v.trim().toLowerCase()) ?? v;
    if (!out.some((o) => o.toLowerCase() === code.toLowerCase())) out.push(code);
  }
  return out;
}

export function NewProgrammePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.form.newTitle'));
  return <ProgrammeForm programme={null} />;
}

export function EditProgrammePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.form.editTitle'));
  const { id = '' } = useParams();
  if (!UUID.test(id)) return <ProgrammeNotFound />;
  return <EditLoader key={id} id={id} />;
}

function EditLoader({ id }: { id: string }) {
  const { t } = useTranslation();
  const programme = useProgramme(id);
  if (programme.isPending) return <Loading />;
  if (programme.isError) {
    if (isApiError(programme.error) && programme.error.status === 404) return <ProgrammeNotFound />;
    return (
      <Stack gap="lg">
        <PageHeader title={t('programmes.form.editTitle')} back={{ to: programmePath(id), label: t('programmes.form.back') }} />
        <LoadError error={programme.error} onRetry={() => void programme.refetch()} />
      </Stack>
    );
  }
  // Mounted once with the version the manager started from: later refetches never overwrite what is typed.
  return <ProgrammeForm programme={programme.data} />;
}

/** A titled group of fields (the heading names the group for screen readers). */
function FormSection({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card withBorder radius="md" padding="lg" role="group" aria-labelledby={id}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id={id}>{title}</Title>
          {help ? <Text size="sm" c="dimmed">{help}</Text> : null}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

function ProgrammeForm({ programme }: { programme: Programme | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const fmt = useFormat();
  const narrativeLabel = useNarrativeLabel();
  const routeLabel = useRouteLabel();
  const save = useSaveProgramme(programme?.id ?? null);
  const [other, setOther] = useState<string[]>([]);
  /** The version the typed text is based on; moves only when the manager chooses to save over a colleague's. */
  const [baseVersion, setBaseVersion] = useState(programme?.version ?? 0);
  /** The colleague's version that arrived in between (after a 409). */
  const [conflict, setConflict] = useState<Programme | null>(null);

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: programme ? valuesOf(programme) : emptyValues,
    validate: (v) => {
      const errors = validateWith(t, createProgrammeSchema, inputOf(v));
      const { ageMin, ageMax } = v.profile.targetGroup;
      if (ageMin !== '' && ageMax !== '' && Number(ageMin) > Number(ageMax)) errors['profile.targetGroup.ageMax'] = t('programmes.form.ageOrder');
      return errors;
    },
  });

  const submit = (values: Values, expectedVersion: number) => {
    setOther([]);
    const input = inputOf(values);
    save.mutate(programme ? { ...input, expectedVersion } : input, {
      onSuccess: ({ id, version }) => {
        notify(programme ? t('programmes.form.saved', { version }) : t('programmes.form.created'));
        void navigate(programmePath(id));
      },
      onError: (err) => {
        if (programme && isApiError(err) && err.code === 'programme_changed') {
          // Keep every typed character; show whose version came in between.
          void qc.fetchQuery({ queryKey: programmeKeys.one(programme.id), queryFn: () => fetchProgramme(programme.id), staleTime: 0 })
            .then(setConflict, () => setConflict(null));
          return;
        }
        const { fields, other: rest } = fieldErrorsFor(t, err, FIELDS);
        if (fields['profile.targetGroup.ageMax'] && isApiError(err) && err.fields.some((f) => f.code === 'custom')) fields['profile.targetGroup.ageMax'] = t('programmes.form.ageOrder');
        form.setErrors(fields);
        setOther(rest);
      },
    });
  };

  const onSubmit = form.onSubmit((values) => submit(values, baseVersion), focusFirstError);
  const saveOver = () => {
    if (!conflict) return;
    setBaseVersion(conflict.version);
    setConflict(null);
    const checked = form.validate();
    if (checked.hasErrors) focusFirstError(checked.errors);
    else submit(form.getValues(), conflict.version);
  };

  const tgPath = 'profile.targetGroup';
  const title = programme ? t('programmes.form.editTitle') : t('programmes.form.newTitle');

  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        back={programme ? { to: programmePath(programme.id), label: t('programmes.form.back') } : { to: '/programmes', label: t('programmes.backToList') }}
        meta={programme ? programme.name : undefined}
      />
      <Alert variant="light" color="indigo">
        <Text size="sm">
          {programme ? t('programmes.form.versionNote', { current: baseVersion, next: baseVersion + 1 }) : t('programmes.form.firstVersionNote')}
        </Text>
      </Alert>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          {conflict && programme ? (
            <Alert color="orange" variant="light" role="alert" title={t('errors.programme_changed')}>
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  {t('programmes.form.conflictBody', { version: conflict.version, name: conflict.versions[0]?.createdByName ?? t('programmes.versions.unknownAuthor'), date: fmt.dateTime(conflict.updatedAt) })}
                </Text>
                <Group gap="sm">
                  <Anchor href={programmePath(programme.id)} target="_blank" rel="noopener" size="sm">{t('programmes.form.compare')}</Anchor>
                  <Button size="xs" variant="default" onClick={saveOver} loading={save.isPending}>{t('programmes.form.saveOver', { next: conflict.version + 1 })}</Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <FormError error={save.error} other={other} />
          )}

          <Card withBorder radius="md" padding="lg">
            <TextInput label={t('programmes.form.name')} description={t('programmes.form.nameHelp')} required maxLength={120} autoComplete="off" {...form.getInputProps('name')} />
          </Card>

          <FormSection title={t('programmes.profile.targetGroup')} help={t('programmes.form.targetGroupHelp')}>
            <TagsInput
              label={t('programmes.profile.narratives')}
              description={t('programmes.form.narrativesHelp')}
              required
              data={defaultNarratives.map((n) => ({ value: n, label: narrativeLabel(n) }))}
              maxTags={30}
              clearable={false}
              splitChars={[',']}
              renderPill={({ value, onRemove, disabled }) => (
                <Pill withRemoveButton={!disabled} onRemove={onRemove} disabled={disabled}>{narrativeLabel(value ?? '')}</Pill>
              )}
              {...form.getInputProps(`${tgPath}.narratives`)}
              onChange={(values) => form.setFieldValue(`${tgPath}.narratives`, toNarrativeCodes(values, narrativeLabel))}
            />
            <SimpleGrid cols={2} spacing="md">
              <NumberInput label={t('programmes.form.ageMin')} description={t('programmes.form.ageHelp')} min={0} max={120} allowDecimal={false} allowNegative={false} {...form.getInputProps(`${tgPath}.ageMin`)} />
              <NumberInput label={t('programmes.form.ageMax')} description={t('programmes.form.ageHelp')} min={0} max={120} allowDecimal={false} allowNegative={false} {...form.getInputProps(`${tgPath}.ageMax`)} />
            </SimpleGrid>
            <TagsInput
              label={t('programmes.profile.organisationTypes')}
              description={t('programmes.form.organisationTypesHelp')}
              maxTags={30}
              splitChars={[',']}
              {...form.getInputProps(`${tgPath}.organisationTypes`)}
            />
            <Radio.Group label={t('programmes.profile.militancy')} required {...form.getInputProps(`${tgPath}.militancy`)}>
              <Stack gap="xs" mt={6}>
                {militancyOptions.map((m) => <Radio key={m} value={m} label={t(`programmes.militancy.${m}`)} />)}
              </Stack>
            </Radio.Group>
            <Radio.Group label={t('programmes.profile.positions')} required {...form.getInputProps(`${tgPath}.positions`)}>
              <Stack gap="xs" mt={6}>
                {positionOptions.map((p) => <Radio key={p} value={p} label={t(`programmes.positions.${p}`)} />)}
              </Stack>
            </Radio.Group>
          </FormSection>

          <FormSection title={t('programmes.profile.goal')}>
            <Radio.Group label={t('programmes.form.goal')} required {...form.getInputProps('profile.goal')}>
              <Stack gap="sm" mt={6}>
                {programmeGoals.map((g) => <Radio key={g} value={g} label={t(`programmes.goals.${g}`)} description={t(`programmes.goalHelp.${g}`)} />)}
              </Stack>
            </Radio.Group>
            <Textarea label={t('programmes.profile.goalExplanation')} description={t('programmes.form.goalExplanationHelp')} required autosize minRows={3} maxLength={5000} {...form.getInputProps('profile.goalExplanation')} />
          </FormSection>

          <FormSection title={t('programmes.profile.accessRoutes')}>
            <Checkbox.Group label={t('programmes.form.accessRoutes')} description={t('programmes.form.accessRoutesHelp')} required {...form.getInputProps('profile.accessRoutes')}>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt={6}>
                {referralRoutes.map((r) => <Checkbox key={r} value={r} label={routeLabel(r)} />)}
              </SimpleGrid>
            </Checkbox.Group>
          </FormSection>

          <FormSection title={t('programmes.profile.transparency')}>
            <Textarea label={t('programmes.form.transparency')} description={t('programmes.form.transparencyHelp')} required autosize minRows={4} maxLength={5000} {...form.getInputProps('profile.transparencyStatement')} />
          </FormSection>

          <FormSection title={t('programmes.profile.jurisdiction')} help={t('programmes.form.jurisdictionHelp')}>
            <TextInput
              label={t('programmes.profile.country')}
              description={t('programmes.form.countryHelp')}
              required
              maxLength={2}
              w={{ base: '100%', xs: 220 }}
              autoComplete="off"
              spellCheck={false}
              {...form.getInputProps('profile.jurisdiction.country')}
              onChange={(e) => form.setFieldValue('profile.jurisdiction.country', e.currentTarget.value.toUpperCase())}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <NumberInput label={t('programmes.form.closedRetention')} description={t('programmes.form.closedRetentionHelp')} required min={1} max={100} allowDecimal={false} allowNegative={false} {...form.getInputProps('profile.jurisdiction.closedCaseRetentionYears')} />
              <NumberInput label={t('programmes.form.referralRetention')} description={t('programmes.form.referralRetentionHelp')} required min={1} max={120} allowDecimal={false} allowNegative={false} {...form.getInputProps('profile.jurisdiction.unacceptedReferralRetentionMonths')} />
            </SimpleGrid>
          </FormSection>

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => void navigate(programme ? programmePath(programme.id) : '/programmes')}>{t('common.cancel')}</Button>
            <Button type="submit" loading={save.isPending} disabled={save.isPending}>
              {programme ? t('programmes.form.save') : t('programmes.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
