CREATE TABLE "audit_reasons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reason_enc" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
