-- A write to cases forgets the kept measures of every community-month it touches (old and new
-- values) once that month is over: the row of that month gets a new version and loses its
-- summary, and stays locked until the writer commits. The running month is never kept, so writes
-- to it (every new report) skip this; measures keep a month only a day after it ended, when no
-- write that began inside it can still be open. Statement triggers with transition tables, so a
-- bulk write costs one upsert, with rows locked in a fixed order. ENABLE ALWAYS: they fire under
-- session_replication_role = replica (bulk loads) too.
CREATE OR REPLACE FUNCTION case_measure_months_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  running timestamptz := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai';
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_measure_months (community_id, month)
      SELECT DISTINCT community_id, date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date FROM new_rows WHERE created_at < running ORDER BY 1, 2
      ON CONFLICT (community_id, month) DO UPDATE SET version = case_measure_months.version + 1, summary = NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO case_measure_months (community_id, month)
      SELECT community_id, date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date FROM new_rows WHERE created_at < running
      UNION SELECT community_id, date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date FROM old_rows WHERE created_at < running ORDER BY 1, 2
      ON CONFLICT (community_id, month) DO UPDATE SET version = case_measure_months.version + 1, summary = NULL;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE case_measure_months m SET version = m.version + 1, summary = NULL
      FROM (SELECT DISTINCT community_id, date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date AS month FROM old_rows) o
      WHERE m.community_id = o.community_id AND m.month = o.month;
  ELSE
    DELETE FROM case_measure_months;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_measure_months_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_measure_months_touch();
--> statement-breakpoint
CREATE TRIGGER case_measure_months_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_measure_months_touch();
--> statement-breakpoint
CREATE TRIGGER case_measure_months_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_measure_months_touch();
--> statement-breakpoint
CREATE TRIGGER case_measure_months_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_measure_months_touch();
--> statement-breakpoint
ALTER TABLE cases ENABLE ALWAYS TRIGGER case_measure_months_insert;
--> statement-breakpoint
ALTER TABLE cases ENABLE ALWAYS TRIGGER case_measure_months_update;
--> statement-breakpoint
ALTER TABLE cases ENABLE ALWAYS TRIGGER case_measure_months_delete;
--> statement-breakpoint
ALTER TABLE cases ENABLE ALWAYS TRIGGER case_measure_months_truncate;
--> statement-breakpoint
-- Rows of months that are over; measures add the missing ones when they first keep a month.
INSERT INTO case_measure_months (community_id, month)
  SELECT DISTINCT community_id, date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date FROM cases
  WHERE created_at < date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
  ON CONFLICT DO NOTHING;
