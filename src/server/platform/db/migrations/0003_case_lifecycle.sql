CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"reason_enc" "bytea" NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_outcome" text,
	"review_note_enc" "bytea"
);
--> statement-breakpoint
CREATE TABLE "case_discussions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"participants_enc" "bytea" NOT NULL,
	"decision" text NOT NULL,
	"reasons_enc" "bytea" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "case_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"text_enc" "bytea"
);
--> statement-breakpoint
CREATE TABLE "case_identity" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"data_enc" "bytea" NOT NULL,
	"version" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_keys" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"wrapped" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_person_index" (
	"case_id" uuid NOT NULL,
	"digest" "bytea" NOT NULL,
	CONSTRAINT "case_person_index_digest_case_id_pk" PRIMARY KEY("digest","case_id")
);
--> statement-breakpoint
CREATE TABLE "case_screenings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"risk_to_staff" text NOT NULL,
	"threat_from_group" text NOT NULL,
	"immediate_protection_needed" boolean NOT NULL,
	"notes_enc" "bytea" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duplicate_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"matched_case_id" uuid NOT NULL,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "programme_versions" (
	"programme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"profile" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_versions_programme_id_version_pk" PRIMARY KEY("programme_id","version")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"current_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "status" SET DEFAULT 'referral';--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "basis" text;--> statement-breakpoint
ALTER TABLE "case_notes" ADD COLUMN "root_id" uuid;--> statement-breakpoint
UPDATE "case_notes" SET "root_id" = "id";--> statement-breakpoint
ALTER TABLE "case_notes" ALTER COLUMN "root_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_notes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_notes" ADD COLUMN "level" text DEFAULT 'team' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_team" ADD COLUMN "identity_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "programme_version_at_referral" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "programme_version_accepted" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "referral_route" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "referred_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "referrer_enc" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_information_enc" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "eligibility_facts_enc" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "outside_target_reason_enc" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "screening_level" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "protection_needed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closure_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closure_text_enc" "bytea";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Cases opened before programmes existed are put in one programme (profile to be completed by a manager) and kept active.
INSERT INTO "programmes" ("id", "name", "current_version")
  SELECT gen_random_uuid(), 'Programme', 1 WHERE EXISTS (SELECT 1 FROM "cases");--> statement-breakpoint
INSERT INTO "programme_versions" ("programme_id", "version", "name", "profile")
  SELECT "id", 1, "name", '{"targetGroup":{"narratives":["other"],"ageMin":null,"ageMax":null,"organisationTypes":[],"militancy":"both","positions":"both"},"goal":"disengagement","goalExplanation":"To be completed by a manager.","accessRoutes":["self","family_friends","police","prison","probation","social_work","school","youth_work","anonymous_contact","other"],"transparencyStatement":"To be completed by a manager.","jurisdiction":{"country":"DE","closedCaseRetentionYears":10,"unacceptedReferralRetentionMonths":12}}'::jsonb
  FROM "programmes";--> statement-breakpoint
UPDATE "cases" SET "programme_id" = (SELECT "id" FROM "programmes" LIMIT 1), "programme_version_at_referral" = 1,
  "programme_version_accepted" = CASE WHEN "status" = 'active' THEN 1 END, "referral_route" = 'other', "referred_on" = "created_at"::date;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "programme_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "programme_version_at_referral" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "referral_route" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "referred_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_reviewed_by_staff_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_discussions" ADD CONSTRAINT "case_discussions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_discussions" ADD CONSTRAINT "case_discussions_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_identity" ADD CONSTRAINT "case_identity_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_identity" ADD CONSTRAINT "case_identity_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_keys" ADD CONSTRAINT "case_keys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_person_index" ADD CONSTRAINT "case_person_index_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_screenings" ADD CONSTRAINT "case_screenings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_screenings" ADD CONSTRAINT "case_screenings_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_reviews" ADD CONSTRAINT "duplicate_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_reviews" ADD CONSTRAINT "duplicate_reviews_matched_case_id_cases_id_fk" FOREIGN KEY ("matched_case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_reviews" ADD CONSTRAINT "duplicate_reviews_raised_by_staff_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_reviews" ADD CONSTRAINT "duplicate_reviews_resolved_by_staff_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_staff_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_active" ON "break_glass_grants" USING btree ("staff_id","case_id","expires_at");--> statement-breakpoint
CREATE INDEX "break_glass_unreviewed" ON "break_glass_grants" USING btree ("granted_at") WHERE reviewed_at is null;--> statement-breakpoint
CREATE INDEX "case_discussions_case" ON "case_discussions" USING btree ("case_id","recorded_at");--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_person_index_case" ON "case_person_index" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_screenings_case" ON "case_screenings" USING btree ("case_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_reviews_pair" ON "duplicate_reviews" USING btree ("case_id","matched_case_id");--> statement-breakpoint
CREATE INDEX "notifications_recipient" ON "notifications" USING btree ("recipient_id","created_at");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_notes_root_version" ON "case_notes" USING btree ("root_id","version");--> statement-breakpoint
CREATE INDEX "case_team_lead" ON "case_team" USING btree ("staff_id") WHERE role = 'lead';--> statement-breakpoint
CREATE INDEX "cases_created" ON "cases" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cases_programme_created" ON "cases" USING btree ("programme_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_status_created" ON "cases" USING btree ("status","created_at","id");--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_level_known" CHECK ("case_notes"."level" in ('team','restricted','sealed'));--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_status_known" CHECK ("cases"."status" in ('referral','intake','active','suspended','closed'));