import { Accordion, Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { domainKind, missingItems, type AssessmentDetail } from '../../../contracts/risk-assessment.ts';
import { isApiError } from '../../api/client.ts';
import { useFormat } from '../../lib/format.ts';
import { JudgementSection } from './JudgementSection.tsx';
import { MissingList } from './MissingList.tsx';
import { RatingItem } from './RatingItem.tsx';
import { KindBadge, riskErrorMessage, useLocalText } from './riskShared.tsx';
import { useDraft } from './useDraft.ts';

/**
 * The draft as a form, one domain open at a time. Opening another domain saves
 * what changed; "Save draft" saves at any time; leaving the form saves too. The
 * judgement and signing come last.
 */
export function AssessmentEditor({ detail, reload }: { detail: AssessmentDetail; reload: () => Promise<AssessmentDetail | undefined> }) {
  const { t } = useTranslation();
  const text = useLocalText();
  const def = detail.instrument.definition;
  const draft = useDraft(detail);
  const [open, setOpen] = useState<string | null>(def.domains[0]?.code ?? null);
  const missing = useMemo(() => missingItems(def, draft.ratings), [def, draft.ratings]);

  const switchDomain = (code: string | null) => {
    if (draft.dirty && !draft.saving) void draft.save();
    setOpen(code);
  };

  return (
    <Stack gap="lg">
      <ScaleLegend detail={detail} />
      <Accordion value={open} onChange={switchDomain} variant="separated" radius="md" chevronPosition="right">
        {def.domains.map((d) => {
          const rated = d.items.filter((i) => !missing.some((m) => m.itemCode === i.code)).length;
          return (
            <Accordion.Item key={d.code} value={d.code}>
              <Accordion.Control>
                <Group gap="xs" justify="space-between" wrap="wrap" pr="xs">
                  <Text fw={600} size="sm">{text(d.name, def.languages)}</Text>
                  <Group gap="xs">
                    <KindBadge kind={domainKind(d)} />
                    <Text size="xs" c="dimmed">{t('risk.form.domainProgress', { rated, total: d.items.length })}</Text>
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {d.description ? <Text size="sm" c="dimmed">{text(d.description, def.languages)}</Text> : null}
                  {d.items.map((i) => <RatingItem key={i.code} item={i} def={def} rating={draft.ratings[i.code]} onChange={draft.setRating} showKind={domainKind(d) === 'mixed'} />)}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      <SaveBar draft={draft} reload={reload} />
      <MissingList def={def} missing={missing} />
      <JudgementSection detail={detail} draft={draft} missingCount={missing.length} />
    </Stack>
  );
}

function ScaleLegend({ detail }: { detail: AssessmentDetail }) {
  const { t } = useTranslation();
  const text = useLocalText();
  const def = detail.instrument.definition;
  return (
    <Stack gap={4}>
      <Title order={4} size="h6">{t('risk.form.scaleTitle')}</Title>
      <Stack component="ul" gap={2} p={0} m={0} pl="md">
        {def.scale.map((s) => (
          <Text component="li" size="sm" key={s.code}>
            <Text span fw={600} size="sm">{text(s.label, def.languages)}</Text>
            {s.description ? ` – ${text(s.description, def.languages)}` : ''}
          </Text>
        ))}
      </Stack>
      <Text size="xs" c="dimmed">{t('risk.form.sourceHelp')}</Text>
    </Stack>
  );
}

type Draft = ReturnType<typeof useDraft>;

/** Save state, always in view at the bottom of the screen while the form is open. */
function SaveBar({ draft, reload }: { draft: Draft; reload: () => Promise<AssessmentDetail | undefined> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [rebased, setRebased] = useState(false);
  const conflict = isApiError(draft.saveError) && draft.saveError.code === 'assessment_changed';
  const status = draft.saving ? t('risk.form.saving')
    : draft.dirty ? t('risk.form.unsaved')
    : draft.savedAt ? t('risk.form.savedAt', { time: fmt.dateTime(draft.savedAt) })
    : t('risk.form.notSavedYet');
  return (
    <Paper withBorder radius="md" p="sm" shadow="sm" style={{ position: 'sticky', bottom: 8, zIndex: 2 }}>
      <Stack gap="xs">
        {draft.saveError ? (
          <Alert color={conflict ? 'orange' : 'red'} variant="light" role="alert" p="xs">
            <Stack gap={6} align="flex-start">
              <Text size="sm">{riskErrorMessage(t, draft.saveError)}</Text>
              {conflict ? (
                <Button size="xs" variant="default" onClick={() => void reload().then((fresh) => { if (fresh) { draft.rebase(fresh); setRebased(true); } })}>
                  {t('risk.form.reload')}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : rebased && draft.dirty ? <Text size="sm" c="indigo.8">{t('risk.form.reloaded')}</Text> : null}
        <Group justify="space-between" gap="sm">
          <Text size="sm" fw={draft.dirty ? 600 : 400} c={draft.dirty ? undefined : 'dimmed'} role="status" aria-live="polite" data-testid="risk-save-status">{status}</Text>
          <Button size="sm" variant="light" onClick={() => void draft.save()} loading={draft.saving} disabled={draft.saving}>{t('risk.form.save')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
