import { Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PocketCard as Card } from '../../../../contracts/plans.ts';
import { usePocketCard } from '../../../api/plans.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { LoadError, Loading } from '../../../components/states.tsx';
import { useFormat } from '../../../lib/format.ts';
import { translatePlanError } from './planShared.tsx';

/* The size of a bank card: it has to fit a wallet. Longer plans make it taller, never wider. */
const cardStyle: CSSProperties = {
  width: '85.6mm', minHeight: '54mm', boxSizing: 'border-box', padding: '3mm', border: '1px dashed #000', borderRadius: '3mm',
  background: '#fff', color: '#000', fontSize: '8pt', lineHeight: 1.3, overflowWrap: 'anywhere',
};
const headStyle: CSSProperties = { fontSize: '9.5pt', fontWeight: 700, margin: '0 0 1.5mm' };
const sectionStyle: CSSProperties = { fontSize: '8pt', fontWeight: 700, margin: '1.5mm 0 0.5mm', textTransform: 'uppercase', letterSpacing: '0.03em' };
const listStyle: CSSProperties = { margin: 0, paddingLeft: '4mm' };

/** The card itself: codename (never the name), steps and call tree, safe locations only when they were asked for. */
function CardFace({ card }: { card: Card }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div style={cardStyle}>
      <p style={headStyle}>{t('protection.plans.card.heading', { codename: card.codename })}</p>
      <p style={sectionStyle}>{t('protection.plans.card.steps')}</p>
      <ol style={listStyle}>{card.steps.map((s, i) => <li key={i} className="note-text">{s}</li>)}</ol>
      <p style={sectionStyle}>{t('protection.plans.card.calls')}</p>
      <ol style={listStyle}>
        {card.callTree.map((c, i) => (
          <li key={i}>
            <strong>{c.phone}</strong> – {c.name} ({c.role}){c.fallback ? <>; {t('protection.plans.emergency.fallbackShort', { fallback: c.fallback })}</> : null}
          </li>
        ))}
      </ol>
      {card.safeLocations ? (
        <>
          <p style={sectionStyle}>{t('protection.plans.card.safeLocations')}</p>
          <p className="note-text" style={{ margin: 0 }}>{card.safeLocations}</p>
        </>
      ) : null}
      <p style={{ margin: '2mm 0 0', fontSize: '6.5pt' }}>{t('protection.plans.card.footer', { version: card.version, date: fmt.dateTime(card.printedAt) })}</p>
    </div>
  );
}

/**
 * The print view of the pocket card: a preview with the print button, and the
 * card as a print sheet directly under <body>, which the print stylesheet prints
 * alone (no navigation, tabs or buttons). Opening it is an audited read; so is
 * asking for safe locations, which only readers of sealed parts are offered.
 */
export function PocketCardView({ caseId, mayIncludeSealed, onClose }: { caseId: string; mayIncludeSealed: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [withSafe, setWithSafe] = useState(false);
  const card = usePocketCard(caseId, mayIncludeSealed && withSafe);
  return (
    <AppModal title={t('protection.plans.card.title')} onClose={onClose} size="lg">
      <Stack gap="md">
        <Text size="sm" c="dimmed">{t('protection.plans.card.help')}</Text>
        {mayIncludeSealed ? (
          <Checkbox
            checked={withSafe} onChange={(e) => setWithSafe(e.currentTarget.checked)}
            label={t('protection.plans.card.includeSafe')} description={t('protection.plans.card.includeSafeHelp')} color="red.9"
          />
        ) : null}
        {card.isPending ? <Loading minHeight={120} /> : card.isError ? <LoadError error={translatePlanError(t, card.error)} onRetry={() => void card.refetch()} /> : (
          <>
            <Stack gap={4}>
              <Text size="xs" c="dimmed" fw={500}>{t('protection.plans.card.preview')}</Text>
              <Paper p="sm" bg="gray.1" radius="sm" style={{ overflowX: 'auto' }} data-testid="pocket-card-preview">
                <CardFace card={card.data} />
              </Paper>
            </Stack>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>{t('common.close')}</Button>
              <Button onClick={() => window.print()}>{t('protection.plans.card.print')}</Button>
            </Group>
            {createPortal(
              <div className="print-only print-sheet" data-testid="pocket-card-print"><CardFace card={card.data} /></div>,
              document.body,
            )}
          </>
        )}
      </Stack>
    </AppModal>
  );
}
