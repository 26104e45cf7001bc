CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"ratings_enc" "bytea" NOT NULL,
	"judgement_enc" "bytea",
	"risk_level" text,
	"next_review_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	CONSTRAINT "risk_assessments_status_known" CHECK ("risk_assessments"."status" in ('draft','signed')),
	CONSTRAINT "risk_assessments_level_known" CHECK ("risk_assessments"."risk_level" is null or "risk_assessments"."risk_level" in ('low','moderate','high','imminent')),
	CONSTRAINT "risk_assessments_signed_complete" CHECK ("risk_assessments"."status" = 'draft' or ("risk_assessments"."risk_level" is not null and "risk_assessments"."next_review_on" is not null and "risk_assessments"."signed_by" is not null and "risk_assessments"."judgement_enc" is not null))
);
--> statement-breakpoint
CREATE TABLE "risk_instruments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"requires_certification" boolean NOT NULL,
	"certification_name" text,
	"review_interval_days" integer NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dangerous_knowledge" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"category" text NOT NULL,
	"notes_enc" "bytea" NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"plan_enc" "bytea" NOT NULL,
	"safe_locations_enc" "bytea",
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"name_enc" "bytea" NOT NULL,
	"content_enc" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_plan" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text NOT NULL,
	"details_enc" "bytea" NOT NULL,
	"told_on" date,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "information_plan_status_known" CHECK ("information_plan"."status" in ('to_inform','informed','must_not_know'))
);
--> statement-breakpoint
CREATE TABLE "protection_measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"title_enc" "bytea" NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "protection_measures_status_known" CHECK ("protection_measures"."status" in ('open','in_progress','done'))
);
--> statement-breakpoint
CREATE TABLE "relocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"details_enc" "bytea" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threat_actors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"details_enc" "bytea" NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "threat_actors_kind_known" CHECK ("threat_actors"."kind" in ('group','person'))
);
--> statement-breakpoint
CREATE TABLE "threat_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"from_actor_id" uuid NOT NULL,
	"to_kind" text NOT NULL,
	"to_actor_id" uuid,
	"to_staff_id" uuid,
	"relation_enc" "bytea" NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "threat_links_target" CHECK (("threat_links"."to_kind" = 'client' and "threat_links"."to_actor_id" is null and "threat_links"."to_staff_id" is null)
    or ("threat_links"."to_kind" = 'actor' and "threat_links"."to_actor_id" is not null and "threat_links"."to_staff_id" is null)
    or ("threat_links"."to_kind" = 'staff' and "threat_links"."to_staff_id" is not null and "threat_links"."to_actor_id" is null))
);
--> statement-breakpoint
CREATE TABLE "threat_log_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"channel" text NOT NULL,
	"details_enc" "bytea" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_instrument_id_risk_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."risk_instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_signed_by_staff_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_instruments" ADD CONSTRAINT "risk_instruments_imported_by_staff_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dangerous_knowledge" ADD CONSTRAINT "dangerous_knowledge_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dangerous_knowledge" ADD CONSTRAINT "dangerous_knowledge_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_entry_id_threat_log_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."threat_log_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_staff_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_plan" ADD CONSTRAINT "information_plan_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_plan" ADD CONSTRAINT "information_plan_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_measures" ADD CONSTRAINT "protection_measures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_measures" ADD CONSTRAINT "protection_measures_owner_id_staff_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_measures" ADD CONSTRAINT "protection_measures_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relocations" ADD CONSTRAINT "relocations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relocations" ADD CONSTRAINT "relocations_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_actors" ADD CONSTRAINT "threat_actors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_actors" ADD CONSTRAINT "threat_actors_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_links" ADD CONSTRAINT "threat_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_links" ADD CONSTRAINT "threat_links_from_actor_id_threat_actors_id_fk" FOREIGN KEY ("from_actor_id") REFERENCES "public"."threat_actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_links" ADD CONSTRAINT "threat_links_to_actor_id_threat_actors_id_fk" FOREIGN KEY ("to_actor_id") REFERENCES "public"."threat_actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_links" ADD CONSTRAINT "threat_links_to_staff_id_staff_id_fk" FOREIGN KEY ("to_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_links" ADD CONSTRAINT "threat_links_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_log_entries" ADD CONSTRAINT "threat_log_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "threat_log_entries" ADD CONSTRAINT "threat_log_entries_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_assessments_case_number" ON "risk_assessments" USING btree ("case_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_assessments_one_draft" ON "risk_assessments" USING btree ("case_id","instrument_id") WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX "risk_assessments_review" ON "risk_assessments" USING btree ("next_review_on") WHERE status = 'signed';--> statement-breakpoint
CREATE UNIQUE INDEX "risk_instruments_key_version" ON "risk_instruments" USING btree ("key","version");--> statement-breakpoint
CREATE INDEX "dangerous_knowledge_case" ON "dangerous_knowledge" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "emergency_plans_case" ON "emergency_plans" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "evidence_files_entry" ON "evidence_files" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "information_plan_case" ON "information_plan" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "protection_measures_case" ON "protection_measures" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "protection_measures_owner" ON "protection_measures" USING btree ("owner_id") WHERE status <> 'done';--> statement-breakpoint
CREATE INDEX "relocations_case" ON "relocations" USING btree ("case_id","recorded_at");--> statement-breakpoint
CREATE INDEX "threat_actors_case" ON "threat_actors" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "threat_links_case" ON "threat_links" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "threat_log_entries_case" ON "threat_log_entries" USING btree ("case_id","occurred_on");