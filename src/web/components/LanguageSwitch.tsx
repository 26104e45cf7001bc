import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, setLanguage, type Language } from '../i18n/index.ts';
import { useIsMobile } from '../lib/useIsMobile.ts';

export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  // On a phone the header is narrow: "EN" / "DE" instead of the full names.
  const compact = useIsMobile();
  return (
    <NativeSelect
      size={size}
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(e) => void setLanguage(e.currentTarget.value as Language)}
      data={languages.map((l) => ({ value: l, label: compact ? t(`language.short.${l}`) : t(`language.${l}`) }))}
      w={compact ? 68 : 110}
    />
  );
}
