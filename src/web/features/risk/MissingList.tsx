import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MissingItem } from '../../../contracts/risk-assessment.ts';
import type { InstrumentDefinition } from '../../../contracts/risk.ts';
import { useLocalText } from './riskShared.tsx';

/** Items without a usable rating: listed, not hidden — they are part of what the assessment says. */
export function MissingList({ def, missing }: { def: InstrumentDefinition; missing: MissingItem[] }) {
  const { t } = useTranslation();
  const text = useLocalText();
  const items = new Map(def.domains.flatMap((d) => d.items.map((i) => [i.code, i] as const)));
  return (
    <Stack gap="xs" component="section" aria-labelledby="risk-missing-heading">
      <Title order={4} size="h5" id="risk-missing-heading">{t('risk.missing.title', { count: missing.length })}</Title>
      {missing.length === 0 ? <Text size="sm">{t('risk.missing.none')}</Text> : (
        <>
          <Text size="sm" c="dimmed">{t('risk.missing.help')}</Text>
          <Stack component="ul" gap={2} p={0} m={0} pl="md" data-testid="risk-missing">
            {missing.map((m) => (
              <Text component="li" size="sm" key={m.itemCode}>
                {`${m.itemCode} · ${text(items.get(m.itemCode)?.text, def.languages)}`}
                <Text span size="xs" c="dimmed">{` (${t(`risk.missing.${m.reason}`)})`}</Text>
              </Text>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
