import { Alert, Button, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentLevels, type AssessmentLevel } from '../../../contracts/risk.ts';
import type { AssessmentDetail } from '../../../contracts/risk-assessment.ts';
import { isApiError } from '../../api/client.ts';
import { signAssessment, useRefreshRisk } from '../../api/risk.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { fieldMessage } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { riskErrorMessage } from './riskShared.tsx';
import { filledRatings, type useDraft } from './useDraft.ts';

type Draft = ReturnType<typeof useDraft>;
type FieldKey = 'riskLevel' | 'scenarios' | 'whatWouldChange' | 'nextReviewOn';

/** The overall structured judgement (kept with the draft as it is typed) and signing. */
export function JudgementSection({ detail, draft, missingCount }: { detail: AssessmentDetail; draft: Draft; missingCount: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const refresh = useRefreshRisk(detail.caseId);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [confirming, setConfirming] = useState(false);
  const j = draft.judgement;
  const cert = detail.certification;
  const certMissing = cert.required && !cert.held;
  const signer = useSubmit(() => signAssessment(detail.caseId, detail.id, {
    revision: draft.revision, ratings: filledRatings(draft.ratings),
    judgement: { riskLevel: j.riskLevel as AssessmentLevel, scenarios: j.scenarios, whatWouldChange: j.whatWouldChange, nextReviewOn: j.nextReviewOn },
  }));

  const check = () => {
    const e: Partial<Record<FieldKey, string>> = {};
    if (!j.riskLevel) e.riskLevel = t('lifecycle.chooseOne');
    if (!j.scenarios.trim()) e.scenarios = t('validation.required');
    if (!j.whatWouldChange.trim()) e.whatWouldChange = t('validation.required');
    if (j.nextReviewOn && (j.nextReviewOn < detail.review.earliest || j.nextReviewOn > detail.review.latest)) {
      e.nextReviewOn = t('risk.errors.next_review_out_of_range', { earliest: fmt.date(detail.review.earliest), latest: fmt.date(detail.review.latest) });
    }
    setErrors(e);
    return Object.keys(e).length === 0;
  };

  const sign = async () => {
    const r = await signer.run();
    setConfirming(false);
    if (r.ok) {
      draft.markSaved();
      notify(t('risk.sign.signed', { number: r.value.number, date: fmt.date(r.value.nextReviewOn) }));
      await refresh('sign', detail.id);
      return;
    }
    if (isApiError(r.error)) {
      const e: Partial<Record<FieldKey, string>> = {};
      for (const f of r.error.fields) {
        const key = f.path.replace(/^judgement\./, '') as FieldKey;
        if (f.code === 'next_review_out_of_range') e.nextReviewOn = t('risk.errors.next_review_out_of_range', { earliest: fmt.date(String(f.params?.earliest)), latest: fmt.date(String(f.params?.latest)) });
        else if (f.path.startsWith('judgement.')) e[key] = fieldMessage(t, f);
      }
      setErrors(e);
    }
  };

  const refused = isApiError(signer.error) && signer.error.code === 'certification_required';
  return (
    <Stack gap="md" component="section" aria-labelledby="risk-judgement-heading">
      <Stack gap={2}>
        <Title order={4} size="h5" id="risk-judgement-heading">{t('risk.judgement.title')}</Title>
        <Text size="sm" c="dimmed">{t('risk.judgement.help')}</Text>
      </Stack>
      <Radio.Group label={t('risk.judgement.riskLevel')} required value={j.riskLevel ?? ''} error={errors.riskLevel}
        onChange={(v) => draft.patchJudgement({ riskLevel: (v || null) as AssessmentLevel | null })}>
        <Group gap="md" mt={6}>
          {assessmentLevels.map((l) => <Radio key={l} value={l} label={t(`risk.levels.${l}`)} />)}
        </Group>
      </Radio.Group>
      <Textarea label={t('risk.judgement.scenarios')} description={t('risk.judgement.scenariosHelp')} required autosize minRows={3} maxRows={14} maxLength={10_000}
        autoComplete="off" value={j.scenarios} error={errors.scenarios} onChange={(e) => draft.patchJudgement({ scenarios: e.currentTarget.value })} />
      <Textarea label={t('risk.judgement.whatWouldChange')} description={t('risk.judgement.whatWouldChangeHelp')} required autosize minRows={2} maxRows={10} maxLength={10_000}
        autoComplete="off" value={j.whatWouldChange} error={errors.whatWouldChange} onChange={(e) => draft.patchJudgement({ whatWouldChange: e.currentTarget.value })} />
      <TextInput type="date" label={t('risk.judgement.nextReviewOn')} min={detail.review.earliest} max={detail.review.latest}
        description={t('risk.judgement.nextReviewHelp', { date: fmt.date(detail.review.latest) })} value={j.nextReviewOn ?? ''} error={errors.nextReviewOn}
        onChange={(e) => draft.patchJudgement({ nextReviewOn: e.currentTarget.value || null })} />

      {certMissing || refused ? (
        <Alert color="orange" variant="light" title={t('risk.sign.certificationTitle')} role={refused ? 'alert' : undefined}>
          <Text size="sm">{t('risk.sign.certification', { name: cert.name ?? '' })}</Text>
        </Alert>
      ) : signer.error ? (
        <Alert color="red" variant="light" role="alert"><Text size="sm">{riskErrorMessage(t, signer.error)}</Text></Alert>
      ) : null}
      <Group justify="flex-end">
        <Button color="indigo" disabled={certMissing || signer.pending} loading={signer.pending} onClick={() => { if (check()) setConfirming(true); }}>
          {t('risk.sign.button')}
        </Button>
      </Group>
      {confirming ? (
        <AppModal title={t('risk.sign.confirmTitle', { number: detail.number })} onClose={() => setConfirming(false)}>
          <Stack gap="md">
            <Text size="sm">{t('risk.sign.confirmBody', { number: detail.number })}</Text>
            <Text size="sm">{missingCount === 0 ? t('risk.missing.none') : t('risk.sign.missing', { count: missingCount })}</Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setConfirming(false)} disabled={signer.pending}>{t('common.cancel')}</Button>
              <Button onClick={() => void sign()} loading={signer.pending} disabled={signer.pending}>{t('risk.sign.confirm')}</Button>
            </Group>
          </Stack>
        </AppModal>
      ) : null}
    </Stack>
  );
}
