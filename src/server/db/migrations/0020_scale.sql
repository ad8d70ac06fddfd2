-- Several server processes on one PostgreSQL.
-- Scheduled jobs (timer sweep, patrol housekeeping, reminders): the last run of each, so that a job
-- runs once per tick across all processes (the runner holds an advisory lock while it runs).
CREATE TABLE IF NOT EXISTS "job_runs" (
  "name" text PRIMARY KEY NOT NULL,
  "last_run_at" timestamp with time zone NOT NULL,
  "ran_by" text NOT NULL,
  "runs" integer DEFAULT 1 NOT NULL
);--> statement-breakpoint
-- Rate-limit windows shared by all processes. UNLOGGED: no WAL on the hot path; after a crash of the
-- database server the windows start again empty, which only forgives some requests.
CREATE UNLOGGED TABLE IF NOT EXISTS "rate_limit_hits" (
  "key" text PRIMARY KEY NOT NULL,
  "count" integer NOT NULL,
  "reset_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
-- The work queue of a grid worker reads open cases only: the cases handed to them, and the grid-level
-- cases of their areas. Partial indexes over open cases serve both halves (a BitmapOr) instead of
-- walking every closed case the worker ever handled.
CREATE INDEX IF NOT EXISTS "cases_open_handler_idx" ON "cases" USING btree ("handler_id", "created_at") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_open_grid_area_idx" ON "cases" USING btree ("area_id", "created_at") WHERE status <> 'closed' AND level = 'grid';
