import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startAssessment, useInstruments, useRefreshRisk } from '../../api/risk.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { riskErrorMessage, useLocalText } from './riskShared.tsx';

/** Choose an instrument and start (or continue the open draft with it). */
export function StartAssessmentModal({ caseId, onClose, onStarted }: { caseId: string; onClose: () => void; onStarted: (id: string) => void }) {
  const { t } = useTranslation();
  const text = useLocalText();
  const instruments = useInstruments();
  const refresh = useRefreshRisk(caseId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const start = useSubmit((instrumentId: string) => startAssessment(caseId, instrumentId));
  const selected = chosen ?? instruments.data?.[0]?.id ?? null;

  const submit = async () => {
    if (!selected) { setMissing(true); return; }
    const r = await start.run(selected);
    if (!r.ok) return;
    await refresh('start');
    notify(r.value.created ? t('risk.startModal.started', { number: r.value.number }) : t('risk.startModal.continued', { number: r.value.number }));
    onStarted(r.value.id);
  };

  return (
    <AppModal title={t('risk.startModal.title')} onClose={onClose} size="lg">
      {instruments.isPending ? <Loading /> : instruments.isError ? <LoadError error={instruments.error} onRetry={() => void instruments.refetch()} /> : (
        <Stack gap="md">
          {start.error ? <Alert color="red" variant="light" role="alert"><Text size="sm">{riskErrorMessage(t, start.error)}</Text></Alert> : null}
          <Radio.Group label={t('risk.startModal.instrument')} value={selected} onChange={(v) => { setChosen(v); setMissing(false); }} required error={missing ? t('lifecycle.chooseOne') : undefined}>
            <Stack gap="sm" mt="xs">
              {instruments.data.map((i) => (
                <Radio key={i.id} value={i.id}
                  label={t('risk.startModal.option', { name: text(i.name, i.languages), version: i.version })}
                  description={[
                    i.requiresCertification ? t('risk.startModal.certification', { name: i.certificationName ?? '' }) : t('risk.startModal.noCertification'),
                    t('risk.startModal.review', { count: i.reviewIntervalDays }),
                    text(i.licence, i.languages),
                  ].join(' · ')}
                />
              ))}
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={start.pending}>{t('common.cancel')}</Button>
            <Button onClick={() => void submit()} loading={start.pending} disabled={start.pending}>{t('risk.startModal.submit')}</Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}
