-- The case list's default "urgent" order, as an index on the same expressions the list sorts by
-- (cases/queries.ts: urgentRank, urgentDue, created_at DESC, id DESC): a page is read in index
-- order and stops after its rows, where it sorted all of a community's cases before.
CREATE INDEX IF NOT EXISTS cases_urgent_idx ON cases (
  (CASE WHEN status = 'closed' THEN 2 WHEN timer = 'red' THEN 0 ELSE 1 END),
  (CASE WHEN status = 'closed' THEN '-infinity'::timestamptz
    ELSE coalesce(CASE WHEN status = 'reported' THEN accept_due_at END, handle_due_at, accept_due_at, 'infinity'::timestamptz) END),
  created_at DESC, id DESC);
--> statement-breakpoint
-- A worker's queue: the open cases they handle, and the open grid-level cases of their areas.
CREATE INDEX IF NOT EXISTS cases_open_handler_idx ON cases (handler_id) WHERE status <> 'closed';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_open_grid_area_idx ON cases (area_id) WHERE status <> 'closed' AND level = 'grid';
