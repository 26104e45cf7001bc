import { Fieldset, Group, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rating } from '../../../contracts/risk-assessment.ts';
import type { InstrumentDefinition, Item } from '../../../contracts/risk.ts';
import { KindBadge, useLocalText } from './riskShared.tsx';

export const emptyRating: Rating = { scale: null, evidenceFor: '', evidenceAgainst: '', source: '' };

/** One item of the instrument: its text and guidance, the rating, and the evidence behind it. */
export const RatingItem = memo(function RatingItem({ item, def, rating, onChange, showKind }: {
  item: Item; def: InstrumentDefinition; rating: Rating | undefined; onChange: (code: string, patch: Partial<Rating>) => void;
  /** Only where a domain mixes kinds; otherwise the domain's heading says it. */
  showKind: boolean;
}) {
  const { t } = useTranslation();
  const text = useLocalText();
  const r = rating ?? emptyRating;
  const id = `risk-item-${item.code}`;
  return (
    <Fieldset legend={<Text span fw={600} size="sm">{`${item.code} · ${text(item.text, def.languages)}`}</Text>} radius="md" p="sm">
      <Stack gap="xs">
        {showKind ? <Group gap="xs"><KindBadge kind={item.kind} /></Group> : null}
        {item.guidance ? <Text size="sm" c="dimmed" id={`${id}-guidance`}>{text(item.guidance, def.languages)}</Text> : null}
        <Radio.Group label={t('risk.form.rating')} value={r.scale ?? ''} onChange={(v) => onChange(item.code, { scale: v || null })}>
          <Group gap="md" mt={6}>
            {def.scale.map((s) => <Radio key={s.code} value={s.code} label={text(s.label, def.languages)} />)}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <Textarea label={t('risk.form.evidenceFor')} autosize minRows={1} maxRows={8} maxLength={4000} autoComplete="off"
            value={r.evidenceFor} onChange={(e) => onChange(item.code, { evidenceFor: e.currentTarget.value })} />
          <Textarea label={t('risk.form.evidenceAgainst')} autosize minRows={1} maxRows={8} maxLength={4000} autoComplete="off"
            value={r.evidenceAgainst} onChange={(e) => onChange(item.code, { evidenceAgainst: e.currentTarget.value })} />
        </SimpleGrid>
        <TextInput label={t('risk.form.source')} maxLength={1000} autoComplete="off"
          value={r.source} onChange={(e) => onChange(item.code, { source: e.currentTarget.value })} />
      </Stack>
    </Fieldset>
  );
});
