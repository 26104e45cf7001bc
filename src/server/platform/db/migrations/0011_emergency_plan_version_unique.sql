DROP INDEX "emergency_plans_case";--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plans_case_version" ON "emergency_plans" USING btree ("case_id","version");