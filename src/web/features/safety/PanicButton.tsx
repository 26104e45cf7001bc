import { Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { safetyKeys } from '../../api/safety.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

/** One press, no confirmation step: in danger there is no time for a dialog. */
export function PanicButton({ visitId }: { visitId: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const panic = useSubmit(() => post<{ alertId: string; notified: number }>('/api/safety/panic', { visitId }));
  const onPress = async () => {
    const r = await panic.run();
    if (r.ok) {
      notify(t('safety.panic.sent', { count: r.value.notified }));
      void qc.invalidateQueries({ queryKey: safetyKeys.all });
    } else {
      notify(t('safety.panic.failed'), 'red');
    }
  };
  return (
    <Stack gap={4}>
      <Button color="red.8" size="xl" fullWidth onClick={() => void onPress()} loading={panic.pending} data-testid="panic-button">
        {t('safety.panic.button')}
      </Button>
      <Text size="xs" c="dimmed">{t('safety.panic.help')}</Text>
    </Stack>
  );
}
