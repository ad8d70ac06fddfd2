CREATE TABLE IF NOT EXISTS "monthly_reports" (
  "id" uuid PRIMARY KEY NOT NULL,
  "community_id" uuid NOT NULL REFERENCES "areas"("id"),
  "month" date NOT NULL,
  "status" text NOT NULL CHECK ("status" IN ('produced', 'submitted')),
  "sections" jsonb NOT NULL,
  "charts" jsonb NOT NULL,
  "produced_at" timestamp with time zone NOT NULL,
  "submitted_at" timestamp with time zone,
  "submitted_by" uuid REFERENCES "users"("id"),
  "submitted_by_name" text,
  "version" integer DEFAULT 1 NOT NULL,
  CHECK (extract(day FROM "month") = 1),
  CHECK (("status" = 'submitted') = ("submitted_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "monthly_reports_community_month_uq" ON "monthly_reports" USING btree ("community_id", "month");
--> statement-breakpoint
-- A submitted monthly report is a snapshot: no change and no deletion afterwards.
CREATE OR REPLACE FUNCTION monthly_reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'submitted' THEN
    RAISE EXCEPTION 'monthly report % is submitted and cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER monthly_reports_frozen BEFORE UPDATE OR DELETE ON "monthly_reports" FOR EACH ROW EXECUTE FUNCTION monthly_reports_frozen();
