import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The last run of each scheduled job (see platform/schedule.ts): once per tick across all processes. */
export const jobRuns = pgTable("job_runs", {
  name: text("name").primaryKey(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }).notNull(),
  ranBy: text("ran_by").notNull(),
  runs: integer("runs").notNull().default(1),
});

/** Rate-limit windows shared by all processes (an UNLOGGED table, see migration 0020). */
export const rateLimitHits = pgTable("rate_limit_hits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
});
