import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeProfile } from '../../../contracts/programmes.ts';
import { useNarrativeLabel, useRouteLabel } from './labels.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="div">
      <Text size="sm" fw={600} component="dt">{label}</Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>{children}</Text>
    </Stack>
  );
}

function Tags({ values, label }: { values: string[]; label: (v: string) => string }) {
  return (
    <Group gap={6} component="span" style={{ display: 'flex' }}>
      {values.map((v) => <Badge key={v} variant="light" color="gray" tt="none" fw={500} maw="100%">{label(v)}</Badge>)}
    </Group>
  );
}

function Section({ title, order, children }: { title: string; order: 2 | 3; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section">
      <Stack gap="md">
        <Title order={order} size="h4">{title}</Title>
        {children}
      </Stack>
    </Card>
  );
}

/** A programme profile, read-only (the current one or an earlier version). */
/** `headingOrder` 3 where the profile sits below another h2 (in a dialog). */
export function ProfileView({ profile, headingOrder = 2 }: { profile: ProgrammeProfile; headingOrder?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const narrative = useNarrativeLabel();
  const route = useRouteLabel();
  const tg = profile.targetGroup;
  const j = profile.jurisdiction;
  const age = tg.ageMin !== null && tg.ageMax !== null ? t('programmes.profile.ageRange', { min: tg.ageMin, max: tg.ageMax })
    : tg.ageMin !== null ? t('programmes.profile.ageFrom', { min: tg.ageMin })
      : tg.ageMax !== null ? t('programmes.profile.ageUpTo', { max: tg.ageMax })
        : t('programmes.profile.anyAge');

  return (
    <Stack gap="md">
      <Section order={headingOrder} title={t('programmes.profile.targetGroup')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
          <Field label={t('programmes.profile.narratives')}><Tags values={tg.narratives} label={narrative} /></Field>
          <Field label={t('programmes.profile.age')}>{age}</Field>
          <Field label={t('programmes.profile.organisationTypes')}>
            {tg.organisationTypes.length > 0 ? <Tags values={tg.organisationTypes} label={(v) => v} /> : t('programmes.profile.anyOrganisation')}
          </Field>
          <Field label={t('programmes.profile.militancy')}>{t(`programmes.militancy.${tg.militancy}`)}</Field>
          <Field label={t('programmes.profile.positions')}>{t(`programmes.positions.${tg.positions}`)}</Field>
        </SimpleGrid>
      </Section>
      <Section order={headingOrder} title={t('programmes.profile.goal')}>
        <Group gap="xs">
          <Badge variant="light" color="indigo" size="lg" tt="none">{t(`programmes.goals.${profile.goal}`)}</Badge>
        </Group>
        <Text size="sm" c="dimmed">{t(`programmes.goalHelp.${profile.goal}`)}</Text>
        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('programmes.profile.goalExplanation')}</Text>
          <Text size="sm" className="note-text">{profile.goalExplanation}</Text>
        </Stack>
      </Section>
      <Section order={headingOrder} title={t('programmes.profile.accessRoutes')}>
        <Tags values={profile.accessRoutes} label={(v) => route(v as never)} />
      </Section>
      <Section order={headingOrder} title={t('programmes.profile.transparency')}>
        <Text size="sm" className="note-text">{profile.transparencyStatement}</Text>
      </Section>
      <Section order={headingOrder} title={t('programmes.profile.jurisdiction')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" component="dl" m={0}>
          <Field label={t('programmes.profile.country')}>{countryName(j.country, i18n.resolvedLanguage ?? 'en')}</Field>
          <Field label={t('programmes.profile.closedRetention')}>{t('programmes.profile.years', { count: j.closedCaseRetentionYears })}</Field>
          <Field label={t('programmes.profile.referralRetention')}>{t('programmes.profile.months', { count: j.unacceptedReferralRetentionMonths })}</Field>
        </SimpleGrid>
      </Section>
    </Stack>
  );
}

/** "Germany (DE)" in the reader's language; the bare code where the browser cannot name it. */
export function countryName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
