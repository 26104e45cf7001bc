// The whole schema, for drizzle-kit and for typed queries. Tables live beside the code that owns them.
export * from '../auth/tables.ts';
export * from '../crypto/tables.ts';
export * from '../audit/tables.ts';
export * from '../../modules/cases/tables.ts';
export * from '../../modules/programmes/tables.ts';
export * from '../../modules/notifications/tables.ts';
export * from '../../modules/safety/tables.ts';
export * from '../../modules/care/tables.ts';
export * from '../../modules/risk/tables.ts';
export * from '../../modules/protection/tables.ts';
