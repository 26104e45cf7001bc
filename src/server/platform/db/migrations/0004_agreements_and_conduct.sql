CREATE TABLE "case_agreements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"agreed_on" date NOT NULL,
	"given_how" text NOT NULL,
	"programme_version" integer NOT NULL,
	"offer_enc" "bytea" NOT NULL,
	"conduct_rules_enc" "bytea" NOT NULL,
	"consents" jsonb NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conduct_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reasons_enc" "bytea" NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conduct_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"description_enc" "bytea" NOT NULL,
	"actions_enc" "bytea" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_agreements" ADD CONSTRAINT "case_agreements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_agreements" ADD CONSTRAINT "case_agreements_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_decisions" ADD CONSTRAINT "conduct_decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_decisions" ADD CONSTRAINT "conduct_decisions_decided_by_staff_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_incidents" ADD CONSTRAINT "conduct_incidents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_incidents" ADD CONSTRAINT "conduct_incidents_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_agreements_version" ON "case_agreements" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "conduct_decisions_case" ON "conduct_decisions" USING btree ("case_id","decided_at");--> statement-breakpoint
CREATE INDEX "conduct_incidents_case" ON "conduct_incidents" USING btree ("case_id","recorded_at");