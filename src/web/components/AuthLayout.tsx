import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** Centered card for sign-in, two-factor set-up and first set-up. */
export function AuthLayout({ title, subtitle, children, width = 440 }: { title: string; subtitle?: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.1" py={{ base: 'md', sm: 48 }}>
      <Container size={width} px="md">
        <header>
          <Group justify="space-between" mb="md" wrap="nowrap">
            <Text fw={700} size="lg" c="indigo.8">{t('app.name')}</Text>
            <LanguageSwitch />
          </Group>
        </header>
        <main>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }}>
            <Stack gap="lg">
              <Stack gap={4}>
                <Title order={1} size="h2">{title}</Title>
                {subtitle ? <Text c="dimmed" size="sm">{subtitle}</Text> : null}
              </Stack>
              {children}
            </Stack>
          </Paper>
        </main>
        <footer>
          <Text ta="center" c="dimmed" size="xs" mt="lg">{t('app.tagline')}</Text>
        </footer>
      </Container>
    </Box>
  );
}
