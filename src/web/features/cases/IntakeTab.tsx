import { Autocomplete, Button, Grid, Group, NativeSelect, NumberInput, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { eligibilityCriteria, evaluateEligibility, updateIntakeSchema, type EligibilityCriterion, type EligibilityFacts, type Referral } from '../../../contracts/intake.ts';
import { defaultNarratives, referralRoutes, type ProgrammeProfile, type ReferralRoute } from '../../../contracts/programmes.ts';
import { updateIntake, useCaseChange, type ProgrammeForCase } from '../../api/caseLifecycle.ts';
import { LoadError, Loading } from '../../components/states.tsx';
import { validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { CaseFormError, caseFieldErrors, CriterionBadge, Fact, NotRecorded, today, useBaseVersion } from './caseShared.tsx';
import { GateChecklist, useEligibility } from './GatePanel.tsx';

/** Referral, eligibility and the safeguarding gate. Editable until the case is accepted, readable afterwards. */
export function IntakeTab({ detail }: { detail: CaseDetail }) {
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="xl">
      <GateChecklist detail={detail} />
      {editing && detail.may.editIntake
        ? <IntakeForm detail={detail} onDone={() => setEditing(false)} />
        : <IntakeView detail={detail} onEdit={detail.may.editIntake ? () => setEditing(true) : null} />}
    </Stack>
  );
}

/** Labels for a narrative: the suggested ones are translated, a programme's own are shown as written. */
export function narrativeLabel(t: TFunction, n: string): string {
  return (defaultNarratives as readonly string[]).includes(n) ? t(`lifecycle.narratives.${n}`) : n;
}

function IntakeView({ detail, onEdit }: { detail: CaseDetail; onEdit: (() => void) | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const r = detail.referral;
  const f = detail.facts;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="lg">
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-heading">
            <Stack gap="sm">
              <Group justify="space-between" gap="xs">
                <Title order={2} size="h4" id="referral-heading">{t('lifecycle.referral.title')}</Title>
                {onEdit ? <Button size="xs" variant="light" onClick={onEdit}>{t('lifecycle.intake.edit')}</Button> : null}
              </Group>
              <Group gap="xl" align="flex-start">
                <Fact label={t('lifecycle.referral.route')}>{t(`lifecycle.routes.${r.route}`)}</Fact>
                <Fact label={t('lifecycle.referral.referredOn')}>{fmt.date(r.referredOn)}</Fact>
              </Group>
              <Fact label={t('lifecycle.referral.referrer')}>{r.referrer || <NotRecorded />}</Fact>
              <Fact label={t('lifecycle.referral.firstInformation')}>{r.firstInformation || <NotRecorded />}</Fact>
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="facts-heading">
            <Stack gap="sm">
              <Stack gap={2}>
                <Title order={2} size="h4" id="facts-heading">{t('lifecycle.facts.title')}</Title>
                <Text size="sm" c="dimmed">{t('lifecycle.facts.help')}</Text>
              </Stack>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md" verticalSpacing="sm">
                <Fact label={t('lifecycle.facts.narrative')}>{f.narrative ? narrativeLabel(t, f.narrative) : <NotRecorded />}</Fact>
                <Fact label={t('lifecycle.facts.age')}>{f.age ?? <NotRecorded />}</Fact>
                <Fact label={t('lifecycle.facts.organisationType')}>{f.organisationType ?? <NotRecorded />}</Fact>
                <Fact label={t('lifecycle.facts.militant')}>{f.militant === null ? <NotRecorded /> : f.militant ? t('lifecycle.yes') : t('lifecycle.no')}</Fact>
                <Fact label={t('lifecycle.facts.position')}>{f.position ? t(`lifecycle.facts.positions.${f.position}`) : <NotRecorded />}</Fact>
              </SimpleGrid>
            </Stack>
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <EligibilityCard detail={detail} facts={f} />
      </Grid.Col>
    </Grid>
  );
}

/** Ages as the programme states them. */
function ageRule(t: TFunction, p: ProgrammeProfile): string {
  const { ageMin, ageMax } = p.targetGroup;
  if (ageMin !== null && ageMax !== null) return t('lifecycle.eligibility.ageBetween', { min: ageMin, max: ageMax });
  if (ageMin !== null) return t('lifecycle.eligibility.ageFrom', { min: ageMin });
  if (ageMax !== null) return t('lifecycle.eligibility.ageUpTo', { max: ageMax });
  return t('lifecycle.eligibility.any');
}

function ruleText(t: TFunction, p: ProgrammeProfile, c: EligibilityCriterion): string {
  const tg = p.targetGroup;
  switch (c) {
    case 'narrative': return tg.narratives.map((n) => narrativeLabel(t, n)).join(', ');
    case 'age': return ageRule(t, p);
    case 'organisationType': return tg.organisationTypes.length ? tg.organisationTypes.join(', ') : t('lifecycle.eligibility.any');
    case 'militancy': return t(`lifecycle.eligibility.militancy.${tg.militancy}`);
    case 'position': return t(`lifecycle.eligibility.positions.${tg.positions}`);
  }
}

function valueText(t: TFunction, f: EligibilityFacts, c: EligibilityCriterion): string {
  const unknown = t('lifecycle.notRecorded');
  switch (c) {
    case 'narrative': return f.narrative ? narrativeLabel(t, f.narrative) : unknown;
    case 'age': return f.age === null ? unknown : String(f.age);
    case 'organisationType': return f.organisationType ?? unknown;
    case 'militancy': return f.militant === null ? unknown : f.militant ? t('lifecycle.facts.militantYes') : t('lifecycle.facts.militantNo');
    case 'position': return f.position ? t(`lifecycle.facts.positions.${f.position}`) : unknown;
  }
}

/** Each target-group criterion as met / not met / unknown, measured live with the one shared rule. */
function EligibilityCard({ detail, facts }: { detail: CaseDetail; facts: EligibilityFacts }) {
  const { t } = useTranslation();
  const { programme } = useEligibility(detail, facts);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="eligibility-heading">
      <Title order={2} size="h4" id="eligibility-heading" mb={2}>{t('lifecycle.eligibility.title')}</Title>
      {programme.isPending ? <Loading minHeight={120} /> : programme.isError ? (
        <LoadError error={programme.error} onRetry={() => void programme.refetch()} />
      ) : <EligibilityBody programme={programme.data} facts={facts} accepted={detail.programmeVersionAccepted !== null} />}
    </Paper>
  );
}

function EligibilityBody({ programme, facts, accepted }: { programme: ProgrammeForCase; facts: EligibilityFacts; accepted: boolean }) {
  const { t } = useTranslation();
  const result = evaluateEligibility(programme.profile, facts);
  const p = programme.profile;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {accepted
          ? t('lifecycle.eligibility.measuredAccepted', { name: programme.name, version: programme.version })
          : t('lifecycle.eligibility.measuredCurrent', { name: programme.name, version: programme.version })}
      </Text>
      <Text size="sm" fw={600} c={result.inside ? 'teal.9' : 'var(--mantine-color-orange-light-color)'} role="status">
        {result.inside ? t('lifecycle.eligibility.inside') : t('lifecycle.eligibility.notInside')}
      </Text>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {eligibilityCriteria.map((c) => (
          <Paper component="li" key={c} withBorder radius="sm" p="xs">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={600}>{t(`lifecycle.eligibility.criteria.${c}`)}</Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{t('lifecycle.eligibility.programmeWants', { rule: ruleText(t, p, c) })}</Text>
                <Text size="xs" style={{ overflowWrap: 'anywhere' }}>{t('lifecycle.eligibility.recorded', { value: valueText(t, facts, c) })}</Text>
              </Stack>
              <CriterionBadge status={result.criteria[c]} />
            </Group>
          </Paper>
        ))}
      </Stack>
      <Stack gap={4} component="section" aria-labelledby="goal-heading">
        <Title order={3} size="h5" id="goal-heading">{t('lifecycle.eligibility.goalTitle', { goal: t(`lifecycle.goals.${p.goal}`) })}</Title>
        <Text size="sm" className="note-text">{p.goalExplanation}</Text>
      </Stack>
    </Stack>
  );
}

type FactsForm = { narrative: string; age: number | string; organisationType: string; militant: string; position: string };
type IntakeValues = { referral: { route: string; referredOn: string; referrer: string; firstInformation: string }; facts: FactsForm };

function toFacts(f: FactsForm): EligibilityFacts {
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    narrative: text(f.narrative),
    age: f.age === '' || f.age === null ? null : Number(f.age),
    organisationType: text(f.organisationType),
    militant: f.militant === 'yes' ? true : f.militant === 'no' ? false : null,
    position: f.position === 'leader' || f.position === 'member' ? f.position : null,
  };
}

function toReferral(r: IntakeValues['referral']): Referral {
  return { route: r.route as ReferralRoute, referredOn: r.referredOn, referrer: r.referrer.trim(), firstInformation: r.firstInformation.trim() };
}

const INTAKE_FIELDS = ['referral.route', 'referral.referredOn', 'referral.referrer', 'referral.firstInformation',
  'facts.narrative', 'facts.age', 'facts.organisationType', 'facts.militant', 'facts.position'] as const;

function IntakeForm({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const { programme } = useEligibility(detail);
  const save = useCaseChange(detail.id, (input: Parameters<typeof updateIntake>[1]) => updateIntake(detail.id, input));
  const [other, setOther] = useState<string[]>([]);
  const f = detail.facts;
  const form = useForm<IntakeValues>({
    mode: 'controlled',
    initialValues: {
      referral: { ...detail.referral },
      facts: {
        narrative: f.narrative ?? '', age: f.age ?? '', organisationType: f.organisationType ?? '',
        militant: f.militant === null ? 'unknown' : f.militant ? 'yes' : 'no', position: f.position ?? 'unknown',
      },
    },
    validate: (v) => validateWith(t, updateIntakeSchema, { referral: toReferral(v.referral), facts: toFacts(v.facts), expectedVersion: base }),
  });
  const facts = useMemo(() => toFacts(form.values.facts), [form.values.facts]);

  const profile = programme.data?.profile;
  const narratives = useMemo(() => {
    const all = new Set<string>([...(profile?.targetGroup.narratives ?? []), ...defaultNarratives]);
    if (f.narrative) all.add(f.narrative);
    return [...all];
  }, [profile, f.narrative]);
  const route = form.values.referral.route;
  const routeOutside = profile && route && !profile.accessRoutes.includes(route as ReferralRoute);

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run({ referral: toReferral(v.referral), facts: toFacts(v.facts), expectedVersion: base });
    if (r.ok) {
      notify(t('lifecycle.intake.saved'));
      onDone();
      return;
    }
    const { fields, other: rest } = caseFieldErrors(t, r.error, INTAKE_FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="intake-form-heading">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Title order={2} size="h4" id="intake-form-heading">{t('lifecycle.intake.editTitle')}</Title>
                <CaseFormError error={save.error} other={other} onReload={async () => { save.reset(); await reloadBase(); }} reloaded={reloaded} />
                <Title order={3} size="h5">{t('lifecycle.referral.title')}</Title>
                <NativeSelect
                  label={t('lifecycle.referral.route')}
                  required
                  data={referralRoutes.map((r) => ({ value: r, label: t(`lifecycle.routes.${r}`) }))}
                  description={routeOutside ? t('lifecycle.referral.routeNotListed') : undefined}
                  {...form.getInputProps('referral.route')}
                />
                <TextInput type="date" label={t('lifecycle.referral.referredOn')} required max={today()} {...form.getInputProps('referral.referredOn')} />
                <Textarea
                  label={t('lifecycle.referral.referrer')} description={t('lifecycle.referral.referrerHelp')}
                  autosize minRows={2} maxRows={6} maxLength={1000} autoComplete="off" spellCheck={false}
                  {...form.getInputProps('referral.referrer')}
                />
                <Textarea
                  label={t('lifecycle.referral.firstInformation')} description={t('lifecycle.referral.firstInformationHelp')}
                  autosize minRows={3} maxRows={12} maxLength={10_000} autoComplete="off" spellCheck={false}
                  {...form.getInputProps('referral.firstInformation')}
                />
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Stack gap={2}>
                  <Title order={3} size="h5">{t('lifecycle.facts.title')}</Title>
                  <Text size="sm" c="dimmed">{t('lifecycle.facts.help')}</Text>
                </Stack>
                <NativeSelect
                  label={t('lifecycle.facts.narrative')}
                  data={[{ value: '', label: t('lifecycle.unknown') }, ...narratives.map((n) => ({ value: n, label: narrativeLabel(t, n) }))]}
                  {...form.getInputProps('facts.narrative')}
                />
                <NumberInput
                  label={t('lifecycle.facts.age')} description={t('lifecycle.facts.ageHelp')}
                  hideControls allowNegative={false} allowDecimal={false} min={0} max={120} inputMode="numeric" autoComplete="off"
                  {...form.getInputProps('facts.age')}
                />
                <Autocomplete
                  label={t('lifecycle.facts.organisationType')} description={t('lifecycle.facts.organisationTypeHelp')}
                  data={profile?.targetGroup.organisationTypes ?? []} maxLength={80} autoComplete="off" spellCheck={false}
                  comboboxProps={{ withinPortal: false }}
                  {...form.getInputProps('facts.organisationType')}
                />
                <Radio.Group label={t('lifecycle.facts.militant')} description={t('lifecycle.facts.militantHelp')} {...form.getInputProps('facts.militant')}>
                  <Group gap="md" mt={6}>
                    <Radio value="yes" label={t('lifecycle.yes')} />
                    <Radio value="no" label={t('lifecycle.no')} />
                    <Radio value="unknown" label={t('lifecycle.unknown')} />
                  </Group>
                </Radio.Group>
                <Radio.Group label={t('lifecycle.facts.position')} {...form.getInputProps('facts.position')}>
                  <Group gap="md" mt={6}>
                    <Radio value="leader" label={t('lifecycle.facts.positions.leader')} />
                    <Radio value="member" label={t('lifecycle.facts.positions.member')} />
                    <Radio value="unknown" label={t('lifecycle.unknown')} />
                  </Group>
                </Radio.Group>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <EligibilityCard detail={detail} facts={facts} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" gap="sm" mt="lg">
        <Button variant="default" onClick={onDone} disabled={save.pending}>{t('common.cancel')}</Button>
        <Button type="submit" loading={save.pending} disabled={save.pending}>{t('lifecycle.intake.save')}</Button>
      </Group>
    </form>
  );
}
