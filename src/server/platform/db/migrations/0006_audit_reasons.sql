CREATE TABLE "audit_reasons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reason_enc" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER audit_reasons_append_only BEFORE UPDATE OR DELETE ON audit_reasons FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_reasons_no_truncate BEFORE TRUNCATE ON audit_reasons FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
