import type { ProtectedFieldName, StaffSummary } from '../../../contracts/staff.ts';

/** Each protected field's encrypted column on `staff`. */
export const protectedColumns = {
  homeAddress: { column: 'home_address_enc', key: 'homeAddressEnc' },
  privatePhone: { column: 'private_phone_enc', key: 'privatePhoneEnc' },
  emergencyContacts: { column: 'emergency_contacts_enc', key: 'emergencyContactsEnc' },
} as const satisfies Record<ProtectedFieldName, { column: string; key: string }>;

export const protectedPlace = (staffId: string, field: ProtectedFieldName) => ({
  table: 'staff', column: protectedColumns[field].column, rowId: staffId,
});

export function presentDirectoryEntry(row: { id: string; name: string; email: string; role: string; disabledAt: Date | null; mfaEnrolledAt: Date | null }): StaffSummary {
  return { id: row.id, name: row.name, email: row.email, role: row.role as StaffSummary['role'], disabled: row.disabledAt !== null, mfaEnrolled: row.mfaEnrolledAt !== null };
}
