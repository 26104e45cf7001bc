import { customType } from 'drizzle-orm/pg-core';

/** Binary column; every `*_enc` column is one of these holding an envelope ciphertext. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** PostgreSQL 64-bit transaction id, carried as a decimal string. */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});
