import { customType } from 'drizzle-orm/pg-core';

/** Binary column; every `*_enc` column is one of these holding an envelope ciphertext. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

