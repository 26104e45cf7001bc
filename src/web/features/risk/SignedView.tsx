import { Accordion, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { domainKind, type AssessmentDetail } from '../../../contracts/risk-assessment.ts';
import { useFormat } from '../../lib/format.ts';
import { Fact } from '../cases/caseShared.tsx';
import { MissingList } from './MissingList.tsx';
import { KindBadge, LevelBadge, useLocalText } from './riskShared.tsx';

/** A signed assessment (or a draft the reader may not change), read-only: judgement first, then every item. */
export function SignedView({ a }: { a: AssessmentDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useLocalText();
  const def = a.instrument.definition;
  const labels = new Map(def.scale.map((s) => [s.code, text(s.label, def.languages)]));
  const j = a.judgement;
  return (
    <Stack gap="lg">
      {a.status === 'draft' ? <Text size="sm" c="dimmed">{t('risk.view.readOnlyDraft')}</Text> : null}
      {j && a.status === 'signed' ? (
        <Stack gap="sm" component="section" aria-labelledby="risk-view-judgement">
          <Title order={4} size="h5" id="risk-view-judgement">{t('risk.judgement.title')}</Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
            <Fact label={t('risk.judgement.riskLevel')}>{j.riskLevel ? <LevelBadge level={j.riskLevel} /> : null}</Fact>
            <Fact label={t('risk.judgement.nextReviewOn')}>{a.nextReviewOn ? fmt.date(a.nextReviewOn) : ''}</Fact>
          </SimpleGrid>
          <Fact label={t('risk.judgement.scenarios')}>{j.scenarios}</Fact>
          <Fact label={t('risk.judgement.whatWouldChange')}>{j.whatWouldChange}</Fact>
        </Stack>
      ) : null}
      <MissingList def={def} missing={a.missing} />
      <Stack gap="xs" component="section" aria-labelledby="risk-view-items">
        <Title order={4} size="h5" id="risk-view-items">{t('risk.view.items')}</Title>
        <Accordion multiple variant="separated" radius="md" chevronPosition="right">
          {def.domains.map((d) => (
            <Accordion.Item key={d.code} value={d.code}>
              <Accordion.Control>
                <Group gap="xs" justify="space-between" wrap="wrap" pr="xs">
                  <Text fw={600} size="sm">{text(d.name, def.languages)}</Text>
                  <Group gap="xs">
                    <KindBadge kind={domainKind(d)} />
                    <Text size="xs" c="dimmed">{a.scores[d.code] === null || a.scores[d.code] === undefined ? t('risk.view.noScore') : t('risk.view.score', { score: a.scores[d.code] })}</Text>
                  </Group>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                  {d.items.map((i) => {
                    const r = a.ratings[i.code];
                    return (
                      <Stack component="li" gap={2} key={i.code}>
                        <Text size="sm" fw={600}>{`${i.code} · ${text(i.text, def.languages)}`}</Text>
                        <Text size="sm">{r?.scale ? labels.get(r.scale) ?? r.scale : t('risk.view.notRated')}</Text>
                        {r?.evidenceFor ? <Fact label={t('risk.form.evidenceFor')}>{r.evidenceFor}</Fact> : null}
                        {r?.evidenceAgainst ? <Fact label={t('risk.form.evidenceAgainst')}>{r.evidenceAgainst}</Fact> : null}
                        {r?.source ? <Fact label={t('risk.form.source')}>{r.source}</Fact> : null}
                      </Stack>
                    );
                  })}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Stack>
    </Stack>
  );
}
