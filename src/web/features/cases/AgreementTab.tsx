import { Accordion, Badge, Button, Fieldset, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { agreementForms, consentChoices, partnerCategories, recordAgreementSchema, type Agreement, type AgreementInput } from '../../../contracts/agreement.ts';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { recordAgreement, useAgreementChange, useAgreements, useRefreshList } from '../../api/agreement.ts';
import { useProgrammeForCase } from '../../api/caseLifecycle.ts';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { CaseFormError, caseFieldErrors, Fact, FormButtons, today, useBaseVersion } from './caseShared.tsx';

type Partner = (typeof partnerCategories)[number];
type Consent = (typeof consentChoices)[number];
type Consents = Record<Partner, Consent>;
type CaseFacts = Pick<CaseDetail, 'status' | 'basis' | 'myTeamRole' | 'may'>;

/** The server's rule (managers and team members, from intake until closed), as the case detail states it. */
export function mayRecordAgreement(d: CaseFacts): boolean {
  return d.may.recordAgreement;
}

/** Every partner category, "not asked" where the agreement says nothing. */
export function consentsOf(a: Pick<Agreement, 'consents'> | null): Consents {
  return Object.fromEntries(partnerCategories.map((p) => {
    const v = a?.consents[p];
    return [p, v && (consentChoices as readonly string[]).includes(v) ? v : 'not_asked'];
  })) as Consents;
}

/** The client agreement (guideline §1, §2.1): current version, earlier ones, a form for a new version, and a printable page. */
export function AgreementTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const agreements = useAgreements(detail.id);
  const [editing, setEditing] = useState(false);
  const may = mayRecordAgreement(detail);

  if (agreements.isPending) return <Loading />;
  if (agreements.isError) return <LoadError error={agreements.error} onRetry={() => void agreements.refetch()} />;
  const [current = null, ...earlier] = agreements.data;

  return (
    <Stack gap="xl">
      {editing && may ? (
        <AgreementForm detail={detail} current={current} onDone={() => setEditing(false)} />
      ) : current ? (
        <CurrentAgreement agreement={current} onRecord={may ? () => setEditing(true) : null} />
      ) : (
        <Empty
          title={t('agreement.none')}
          action={may ? <Button variant="light" onClick={() => setEditing(true)}>{t('agreement.record')}</Button> : null}
        >
          {whyNotRecordable(t, detail) ?? t('agreement.noneHelp')}
        </Empty>
      )}
      {current && !editing && !may ? <ReadOnlyHint detail={detail} /> : null}
      {earlier.length > 0 ? <EarlierAgreements agreements={earlier} /> : null}
      {current ? <PrintSheet agreement={current} codename={detail.codename} /> : null}
    </Stack>
  );
}

function whyNotRecordable(t: TFunction, d: CaseFacts): string | null {
  if (mayRecordAgreement(d)) return null;
  if (d.basis === 'break_glass') return t('agreement.readOnlyBreakGlass');
  if (d.status === 'referral') return t('agreement.readOnlyReferral');
  if (d.status === 'closed') return t('agreement.readOnlyClosed');
  return null;
}

function ReadOnlyHint({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const why = whyNotRecordable(t, detail);
  return why ? <Text size="sm" c="dimmed" className="no-print">{why}</Text> : null;
}

const CONSENT_COLORS: Record<Consent, string> = { yes: 'teal', no: 'red', not_asked: 'gray' };

export function ConsentBadge({ value }: { value: Consent }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={CONSENT_COLORS[value]} style={{ flexShrink: 0 }}>{t(`agreement.consent.${value}`)}</Badge>;
}

/** What was agreed: the facts, the texts and the consent per partner. */
function AgreementBody({ agreement: a, headingId }: { agreement: Agreement; headingId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const consents = consentsOf(a);
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed">{t('lifecycle.recordedBy', { name: a.recordedByName ?? t('accessLog.unknownActor'), date: fmt.dateTime(a.recordedAt) })}</Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" verticalSpacing="sm">
        <Fact label={t('agreement.fields.agreedOn')}>{fmt.date(a.agreedOn)}</Fact>
        <Fact label={t('agreement.fields.givenHow')}>{t(`agreement.givenHow.${a.givenHow}`)}</Fact>
        <Fact label={t('agreement.fields.programme')}>{t('agreement.programmeVersion', { name: a.programmeName, version: a.programmeVersion })}</Fact>
      </SimpleGrid>
      <Fact label={t('agreement.fields.offer')}>{a.offer}</Fact>
      <Fact label={t('agreement.fields.conductRules')}>{a.conductRules}</Fact>
      <Fact label={t('agreement.fields.transparency')}>{a.transparencyStatement}</Fact>
      <Stack gap={6}>
        <Title order={3} size="h5" id={`${headingId}-consents`}>{t('agreement.fields.consents')}</Title>
        <SimpleGrid component="ul" aria-labelledby={`${headingId}-consents`} cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} p={0} m={0} style={{ listStyle: 'none' }}>
          {partnerCategories.map((p) => (
            <Group component="li" key={p} justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{t(`agreement.partners.${p}`)}</Text>
              <ConsentBadge value={consents[p]} />
            </Group>
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}

function CurrentAgreement({ agreement, onRecord }: { agreement: Agreement; onRecord: (() => void) | null }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="agreement-heading">
      <Stack gap="md">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Stack gap={0}>
            <Title order={2} size="h4" id="agreement-heading">{t('agreement.currentTitle')}</Title>
            <Text size="sm" c="dimmed">{t('agreement.versionLabel', { version: agreement.version })}</Text>
          </Stack>
          <Group gap="xs" className="no-print">
            <Button size="xs" variant="default" onClick={() => window.print()}>{t('agreement.print')}</Button>
            {onRecord ? <Button size="xs" variant="light" onClick={onRecord}>{t('agreement.recordNew')}</Button> : null}
          </Group>
        </Group>
        <AgreementBody agreement={agreement} headingId="agreement-current" />
      </Stack>
    </Paper>
  );
}

function EarlierAgreements({ agreements }: { agreements: Agreement[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Stack gap="xs" component="section" aria-labelledby="agreement-earlier-heading">
      <Title order={2} size="h4" id="agreement-earlier-heading">{t('agreement.earlierTitle')}</Title>
      <Accordion multiple variant="separated" radius="md" chevronPosition="right">
        {agreements.map((a) => (
          <Accordion.Item key={a.version} value={String(a.version)}>
            <Accordion.Control>
              <Text size="sm" fw={500}>{t('agreement.earlierItem', { version: a.version, date: fmt.date(a.agreedOn) })}</Text>
            </Accordion.Control>
            <Accordion.Panel>
              <AgreementBody agreement={a} headingId={`agreement-v${a.version}`} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}

type AgreementValues = { agreedOn: string; givenHow: string; offer: string; conductRules: string; consents: Consents };
const AGREEMENT_FIELDS = ['agreedOn', 'givenHow', 'offer', 'conductRules', ...partnerCategories.map((p) => `consents.${p}`)] as const;

/** Waits for the programme's transparency statement when there is no earlier agreement to start from. */
function AgreementForm({ detail, current, onDone }: { detail: CaseDetail; current: Agreement | null; onDone: () => void }) {
  // The server binds the agreement to the version the case was accepted under (or the current one during intake).
  const programme = useProgrammeForCase(detail.programmeId, detail.programmeVersionAccepted);
  if (!current && programme.isPending) return <Loading />;
  const statement = programme.data ? { name: programme.data.name, version: programme.data.version, text: programme.data.profile.transparencyStatement } : null;
  return <AgreementFormBody detail={detail} current={current} statement={statement} onDone={onDone} />;
}

function AgreementFormBody({ detail, current, statement, onDone }: {
  detail: CaseDetail; current: Agreement | null; statement: { name: string; version: number; text: string } | null; onDone: () => void;
}) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const save = useAgreementChange(detail.id, 'agreements', (input: AgreementInput) => recordAgreement(detail.id, input));
  const refreshList = useRefreshList(detail.id, 'agreements');
  const [other, setOther] = useState<string[]>([]);
  const form = useForm<AgreementValues>({
    mode: 'controlled',
    initialValues: {
      agreedOn: today(),
      givenHow: current?.givenHow ?? '',
      offer: current?.offer ?? statement?.text ?? '',
      conductRules: current?.conductRules ?? '',
      consents: consentsOf(current),
    },
    validate: (v) => {
      const errors = validateWith(t, recordAgreementSchema, { ...v, expectedVersion: base });
      if (errors.givenHow) errors.givenHow = t('lifecycle.chooseOne');
      for (const p of partnerCategories) if (errors[`consents.${p}`]) errors[`consents.${p}`] = t('lifecycle.chooseOne');
      return errors;
    },
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run({
      agreedOn: v.agreedOn, givenHow: v.givenHow as AgreementInput['givenHow'], offer: v.offer.trim(), conductRules: v.conductRules.trim(),
      consents: v.consents, expectedVersion: base,
    });
    if (r.ok) {
      notify(t('agreement.saved', { version: r.value.agreementVersion }));
      onDone();
      return;
    }
    const { fields, other: rest } = caseFieldErrors(t, r.error, AGREEMENT_FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="agreement-form-heading">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} size="h4" id="agreement-form-heading">
              {current ? t('agreement.form.titleNew', { version: current.version + 1 }) : t('agreement.form.title')}
            </Title>
            <Text size="sm" c="dimmed">{current ? t('agreement.form.helpNew') : t('agreement.form.help')}</Text>
          </Stack>
          <CaseFormError error={save.error} other={other} onReload={async () => { save.reset(); await reloadBase(); void refreshList(); }} reloaded={reloaded} />
          <TextInput type="date" label={t('agreement.fields.agreedOn')} required max={today()} {...form.getInputProps('agreedOn')} />
          <Radio.Group label={t('agreement.fields.givenHow')} required {...form.getInputProps('givenHow')}>
            <Stack gap={6} mt={6}>
              {agreementForms.map((g) => <Radio key={g} value={g} label={t(`agreement.givenHow.${g}`)} />)}
            </Stack>
          </Radio.Group>
          {statement ? (
            <Paper radius="sm" p="sm" bg="gray.0">
              <Fact label={t('agreement.form.statement', { name: statement.name, version: statement.version })}>{statement.text}</Fact>
            </Paper>
          ) : null}
          <Textarea
            label={t('agreement.fields.offer')} description={t('agreement.form.offerHelp')}
            required autosize minRows={4} maxRows={16} maxLength={10_000} autoComplete="off" spellCheck={false}
            {...form.getInputProps('offer')}
          />
          <Textarea
            label={t('agreement.fields.conductRules')} description={t('agreement.form.conductRulesHelp')}
            required autosize minRows={4} maxRows={16} maxLength={10_000} autoComplete="off" spellCheck={false}
            {...form.getInputProps('conductRules')}
          />
          <Fieldset legend={<Text span size="sm" fw={600}>{t('agreement.fields.consents')}</Text>} variant="unstyled">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">{t('agreement.form.consentsHelp')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="sm">
                {partnerCategories.map((p) => (
                  <Radio.Group key={p} label={t(`agreement.partners.${p}`)} required {...form.getInputProps(`consents.${p}`)}>
                    <Group gap="md" mt={4}>
                      {consentChoices.map((c) => <Radio key={c} value={c} label={t(`agreement.consent.${c}`)} />)}
                    </Group>
                  </Radio.Group>
                ))}
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <FormButtons pending={save.pending} submit={t('agreement.form.save')} onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * The current agreement as a plain page for signing, hidden on screen. It sits
 * directly under <body> so that the print stylesheet can print it alone (no
 * navigation, tabs or buttons). The client appears by codename only.
 */
function PrintSheet({ agreement: a, codename }: { agreement: Agreement; codename: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const consents = consentsOf(a);
  return createPortal(
    <div className="print-only print-sheet" data-testid="agreement-print">
      <h1>{t('agreement.printSheet.title')}</h1>
      <dl className="print-facts">
        <dt>{t('agreement.printSheet.programme')}</dt>
        <dd>{t('agreement.programmeVersion', { name: a.programmeName, version: a.programmeVersion })}</dd>
        <dt>{t('agreement.printSheet.client')}</dt>
        <dd>{codename}</dd>
        <dt>{t('agreement.printSheet.version')}</dt>
        <dd>{a.version}</dd>
        <dt>{t('agreement.fields.agreedOn')}</dt>
        <dd>{fmt.date(a.agreedOn)}</dd>
        <dt>{t('agreement.fields.givenHow')}</dt>
        <dd>{t(`agreement.givenHow.${a.givenHow}`)}</dd>
      </dl>
      <h2>{t('agreement.fields.offer')}</h2>
      <p className="note-text">{a.offer}</p>
      <h2>{t('agreement.fields.conductRules')}</h2>
      <p className="note-text">{a.conductRules}</p>
      <h2>{t('agreement.fields.transparency')}</h2>
      <p className="note-text">{a.transparencyStatement}</p>
      <h2>{t('agreement.fields.consents')}</h2>
      <table className="print-consents">
        <thead>
          <tr>
            <th scope="col">{t('agreement.printSheet.partner')}</th>
            <th scope="col">{t('agreement.printSheet.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {partnerCategories.map((p) => (
            <tr key={p}>
              <td>{t(`agreement.partners.${p}`)}</td>
              <td>{t(`agreement.consent.${consents[p]}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="print-signatures">
        {[t('agreement.printSheet.signClient', { codename }), t('agreement.printSheet.signWorker')].map((who) => (
          <div key={who}>
            <div className="print-line" />
            <p>{t('agreement.printSheet.placeDate')}</p>
            <div className="print-line" />
            <p>{who}</p>
          </div>
        ))}
      </div>
    </div>,
    document.body,
  );
}
