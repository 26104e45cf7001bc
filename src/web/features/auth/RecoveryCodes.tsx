import { Alert, Button, Checkbox, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown exactly once, right after enrolment. The codes live only in this component's props. */
export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  return (
    <Stack gap="md">
      <Text size="sm">{t('enrol.recovery.intro')}</Text>
      <Alert color="yellow" variant="light">
        <Text size="sm">{t('enrol.recovery.once')}</Text>
      </Alert>
      <Paper withBorder radius="md" bg="gray.0">
        <ul className="recovery-codes" aria-label={t('enrol.recovery.listLabel')}>
          {codes.map((c) => <li key={c}>{c}</li>)}
        </ul>
      </Paper>
      <Group>
        <CopyButton value={codes.join('\n')} timeout={3000}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy} color={copied ? 'teal' : undefined}>
              {copied ? t('enrol.recovery.copied') : t('enrol.recovery.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Checkbox
        checked={stored}
        onChange={(e) => setStored(e.currentTarget.checked)}
        label={t('enrol.recovery.confirm')}
      />
      <Button onClick={onContinue} disabled={!stored} fullWidth>
        {t('enrol.recovery.continue')}
      </Button>
    </Stack>
  );
}
