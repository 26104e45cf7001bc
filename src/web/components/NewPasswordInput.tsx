import { Anchor, PasswordInput, Stack } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { suggestPassword } from '../lib/password.ts';

type Props = Omit<ComponentProps<typeof PasswordInput>, 'visible' | 'onVisibilityChange'> & {
  /** Called with a suggested strong password; the field then shows it so it can be passed on. */
  onSuggest: (password: string) => void;
};

/** A first password someone sets for a colleague, with "Suggest a strong password". */
export function NewPasswordInput({ onSuggest, ...input }: Props) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Stack gap={4}>
      <PasswordInput
        description={t('staff.create.passwordHelp')}
        required
        autoComplete="new-password"
        visible={visible}
        onVisibilityChange={setVisible}
        visibilityToggleButtonProps={{ 'aria-label': t('auth.toggleVisibility') }}
        {...input}
      />
      <Anchor component="button" type="button" size="sm" w="fit-content" onClick={() => { onSuggest(suggestPassword()); setVisible(true); }}>
        {t('staff.create.suggest')}
      </Anchor>
    </Stack>
  );
}
