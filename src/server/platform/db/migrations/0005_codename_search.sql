-- pg_trgm is a trusted extension: the schema owner may create it (PostgreSQL ships it in contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "cases_codename_trgm" ON "cases" USING gin ("codename" gin_trgm_ops);