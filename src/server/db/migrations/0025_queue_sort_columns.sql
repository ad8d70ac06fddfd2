-- A worker's queue (cases/queries.ts queueRows) in index order: each partial index is keyed by the
-- queue's sort (overdue first, then due soon; new before dispatched before the rest; oldest first)
-- after its handler or area, and carries the sorted columns themselves and those of the case read
-- rule (area, reporter, department): a page reads its 30 entries per part from the index alone and
-- the capped count reads index entries only, however many open cases a worker has.
DROP INDEX IF EXISTS cases_open_handler_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_open_handler_idx ON cases (
  handler_id,
  (CASE timer WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END),
  (CASE status WHEN 'reported' THEN 0 WHEN 'dispatched' THEN 1 ELSE 2 END),
  created_at, id) INCLUDE (timer, status, area_id, reporter_id, department) WHERE status <> 'closed';
--> statement-breakpoint
DROP INDEX IF EXISTS cases_open_grid_area_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_open_grid_area_idx ON cases (
  area_id,
  (CASE timer WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END),
  (CASE status WHEN 'reported' THEN 0 WHEN 'dispatched' THEN 1 ELSE 2 END),
  created_at, id) INCLUDE (timer, status, handler_id, reporter_id, department) WHERE status <> 'closed' AND level = 'grid';
