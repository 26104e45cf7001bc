CREATE TABLE "care_checkups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"with_whom_enc" "bytea" NOT NULL,
	"note_enc" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_sessions_kind_known" CHECK ("care_sessions"."kind" in ('supervision','coaching','safe_space'))
);
--> statement-breakpoint
CREATE TABLE "staff_qualifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"issuer" text DEFAULT '' NOT NULL,
	"obtained_on" date NOT NULL,
	"expires_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_qualifications_kind_known" CHECK ("staff_qualifications"."kind" in ('training','certification'))
);
--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "emergency_contacts_enc" "bytea";--> statement-breakpoint
ALTER TABLE "care_checkups" ADD CONSTRAINT "care_checkups_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_checkups" ADD CONSTRAINT "care_checkups_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_sessions" ADD CONSTRAINT "care_sessions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_qualifications" ADD CONSTRAINT "staff_qualifications_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_qualifications" ADD CONSTRAINT "staff_qualifications_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_checkups_staff" ON "care_checkups" USING btree ("staff_id","due_on");--> statement-breakpoint
CREATE INDEX "care_checkups_open" ON "care_checkups" USING btree ("due_on") WHERE done_on is null;--> statement-breakpoint
CREATE INDEX "care_sessions_staff" ON "care_sessions" USING btree ("staff_id","held_on");--> statement-breakpoint
CREATE INDEX "staff_qualifications_staff" ON "staff_qualifications" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "staff_qualifications_expiry" ON "staff_qualifications" USING btree ("expires_on");