import { Stack } from '@mantine/core';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { useEmergencyPlan } from '../../api/plans.ts';
import { EmergencyPlanSection } from './plans/EmergencyPlanSection.tsx';
import { HighRiskGapBanner } from './plans/HighRiskGapBanner.tsx';
import { RelocationSection } from './plans/RelocationSection.tsx';
import { ShieldPlanSection } from './plans/ShieldPlanSection.tsx';

/**
 * The case's protection: the high-risk gap, the shielding plan (managers and the
 * case team), the emergency plan with its pocket card (also for an emergency
 * reader), and relocation (sealed: only when the server says the reader may see it).
 */
export function ProtectionTab({ detail }: { detail: CaseDetail }) {
  const emergency = useEmergencyPlan(detail.id);
  return (
    <Stack gap="xl">
      <HighRiskGapBanner caseId={detail.id} />
      {detail.basis !== 'break_glass' ? <ShieldPlanSection caseId={detail.id} closed={detail.status === 'closed'} /> : null}
      <EmergencyPlanSection detail={detail} query={emergency} />
      {emergency.data?.may.readSealed ? <RelocationSection caseId={detail.id} mayWrite={emergency.data.may.writeSealed} /> : null}
    </Stack>
  );
}
