import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Page heading (the page's only h1), optional back link, meta line and actions. */
export function PageHeader({ title, back, meta, actions }: {
  title: ReactNode;
  back?: { to: string; label: string };
  meta?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Stack gap={6}>
      {back ? (
        <Anchor component={Link} to={back.to} size="sm" w="fit-content">
          <span aria-hidden="true">← </span>{back.label}
        </Anchor>
      ) : null}
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4} miw={0}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>{title}</Title>
          {meta ? <Text component="div" size="sm" c="dimmed">{meta}</Text> : null}
        </Stack>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
