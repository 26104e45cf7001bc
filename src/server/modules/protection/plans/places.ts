import type { FieldPlace } from '../../../platform/crypto/envelope.ts';

/** Where each encrypted value of the plans lives; the place is bound into the ciphertext, so a value moved elsewhere does not open. */
export const informationPlace = (id: string): FieldPlace => ({ table: 'information_plan', column: 'details_enc', rowId: id });
export const measurePlace = (id: string): FieldPlace => ({ table: 'protection_measures', column: 'title_enc', rowId: id });
export const planPlace = (id: string): FieldPlace => ({ table: 'emergency_plans', column: 'plan_enc', rowId: id });
/** Sealed with the case's own key. */
export const safeLocationsPlace = (id: string): FieldPlace => ({ table: 'emergency_plans', column: 'safe_locations_enc', rowId: id });
/** Sealed with the case's own key. */
export const relocationPlace = (id: string): FieldPlace => ({ table: 'relocations', column: 'details_enc', rowId: id });
