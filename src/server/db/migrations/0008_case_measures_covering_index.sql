-- The dashboard measures read every case of an area and period: with the attributes they count in
-- the index, the scan is index-only and touches one community's entries, not the whole table.
CREATE INDEX IF NOT EXISTS "cases_measures_idx" ON "cases" USING btree ("community_id", "created_at")
  INCLUDE ("area_id", "status", "closure_kind", "max_level", "category_code", "channel", "accepted_at", "closed_at", "was_overdue", "timer", "rating", "mobile_reporter");
