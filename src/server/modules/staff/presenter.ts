import type { StaffSummary } from '../../../contracts/staff.ts';

export const protectedPlace = (staffId: string, field: 'homeAddress' | 'privatePhone') => ({
  table: 'staff', column: field === 'homeAddress' ? 'home_address_enc' : 'private_phone_enc', rowId: staffId,
});

export function presentDirectoryEntry(row: { id: string; name: string; email: string; role: string; disabledAt: Date | null; mfaEnrolledAt: Date | null }): StaffSummary {
  return { id: row.id, name: row.name, email: row.email, role: row.role as StaffSummary['role'], disabled: row.disabledAt !== null, mfaEnrolled: row.mfaEnrolledAt !== null };
}
