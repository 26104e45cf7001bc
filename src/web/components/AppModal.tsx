import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's Modal with a named close button and without a second "banner"
 * landmark (its header is a <header> element, which screen readers would
 * announce as another page banner).
 */
export function AppModal({ title, onClose, children, size }: { title: ReactNode; onClose: () => void; children: ReactNode; size?: string }) {
  const { t } = useTranslation();
  return (
    <Modal.Root opened onClose={onClose} centered size={size}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title fw={650} fz="lg">{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
