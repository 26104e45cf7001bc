import { notifications } from '@mantine/notifications';
import i18n from 'i18next';

/** A short confirmation toast. Never put names, codenames or other case data in it. */
export function notify(message: string, color: 'teal' | 'red' = 'teal', title?: string): void {
  notifications.show({
    color,
    message,
    ...(title ? { title } : {}),
    closeButtonProps: { 'aria-label': i18n.t('common.dismiss') },
  });
}
