import type { CallTreeEntry, EmergencyPlan, GapPart, HighRiskGap, InformationEntry, InformationStatus, Measure, MeasureStatus, PocketCard, Relocation } from '../../../../contracts/plans.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import type { CaseKey } from '../../cases/case-keys.ts';
import { informationPlace, measurePlace, planPlace, relocationPlace, safeLocationsPlace } from './places.ts';
import type { GapRow, loadRelocations, loadShieldPlan, PlanRow } from './queries.ts';

const iso = (v: Date | string) => new Date(v).toISOString();

/** What is stored, encrypted, in `information_plan.details_enc`. */
export type InformationDetails = { who: string; mayKnow: string; toldBy: string };
/** What is stored, encrypted, in `emergency_plans.plan_enc` (safe locations are apart, sealed). */
export type PlanBody = { triggers: string[]; steps: string[]; callTree: CallTreeEntry[]; agencyContact: string; agencyAgreement: string };
/** What is stored, sealed, in `relocations.details_enc`. */
export type RelocationDetails = { area: string; movedOn: string; measures: string };

type ShieldRows = Awaited<ReturnType<typeof loadShieldPlan>>;

export async function presentShieldPlan(keyring: Keyring, rows: ShieldRows, mayWrite: boolean) {
  const information: InformationEntry[] = await Promise.all(rows.information.map(async (r) => {
    const d = JSON.parse(await keyring.decrypt(informationPlace(r.id), r.detailsEnc)) as InformationDetails;
    return { id: r.id, status: r.status as InformationStatus, who: d.who, mayKnow: d.mayKnow, toldBy: d.toldBy, toldOn: r.toldOn, revision: r.revision, updatedAt: iso(r.updatedAt) };
  }));
  const measures: Measure[] = await Promise.all(rows.measures.map(async (r) => ({
    id: r.id, title: await keyring.decrypt(measurePlace(r.id), r.titleEnc), ownerId: r.ownerId, ownerName: r.ownerName, dueOn: r.dueOn,
    status: r.status as MeasureStatus, revision: r.revision, updatedAt: iso(r.updatedAt),
  })));
  return { information, measures, owners: rows.owners, may: { write: mayWrite } };
}

export async function openPlanBody(keyring: Keyring, row: Pick<PlanRow, 'id' | 'planEnc'>): Promise<PlanBody> {
  return JSON.parse(await keyring.decrypt(planPlace(row.id), row.planEnc)) as PlanBody;
}

/**
 * Safe locations of a plan row, for a reader of sealed parts only: the caller
 * passes the case key only then (and the query fetched the column only then).
 * A value whose case key was erased reads as absent.
 */
export function openSafeLocations(key: CaseKey | null, row: Pick<PlanRow, 'id' | 'safeLocationsEnc'>): string | null {
  if (!row.safeLocationsEnc || !key) return null;
  return key.open(safeLocationsPlace(row.id), row.safeLocationsEnc);
}

export async function presentPlan(keyring: Keyring, row: PlanRow | null, opts: { sealedKey: CaseKey | null; readSealed: boolean; may: EmergencyPlan['may'] }): Promise<EmergencyPlan> {
  if (!row) return { plan: null, may: opts.may };
  const body = await openPlanBody(keyring, row);
  return {
    plan: {
      version: row.version, ...body, updatedByName: row.updatedByName, updatedAt: iso(row.updatedAt),
      // The key is not there at all for anyone else: not even "none recorded".
      ...(opts.readSealed ? { safeLocations: openSafeLocations(opts.sealedKey, row) } : {}),
    },
    may: opts.may,
  };
}

/** The pocket card: steps and call tree; safe locations only when asked for by someone allowed; never relocation. */
export async function presentPocketCard(keyring: Keyring, codename: string, row: PlanRow, safeLocations: { key: CaseKey | null } | null): Promise<PocketCard> {
  const body = await openPlanBody(keyring, row);
  return {
    codename, version: row.version, steps: body.steps, callTree: body.callTree, printedAt: new Date().toISOString(),
    ...(safeLocations ? { safeLocations: openSafeLocations(safeLocations.key, row) } : {}),
  };
}

export function presentRelocations(key: CaseKey | null, rows: Awaited<ReturnType<typeof loadRelocations>>): Relocation[] {
  if (!key) return [];
  return rows.map((r) => {
    const d = JSON.parse(key.open(relocationPlace(r.id), r.detailsEnc)) as RelocationDetails;
    return { id: r.id, area: d.area, movedOn: d.movedOn, measures: d.measures, recordedByName: r.recordedByName, recordedAt: iso(r.recordedAt) };
  });
}

export function presentGap(row: Pick<GapRow, 'riskLevel' | 'assessedAt' | 'noPlan' | 'noOfficer'>): HighRiskGap | null {
  const missing: GapPart[] = [...(row.noPlan ? ['emergency_plan' as const] : []), ...(row.noOfficer ? ['security_officer' as const] : [])];
  if (missing.length === 0 || (row.riskLevel !== 'high' && row.riskLevel !== 'imminent')) return null;
  return { riskLevel: row.riskLevel, missing, assessedAt: iso(row.assessedAt) };
}
