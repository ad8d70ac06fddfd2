-- One visit is one record, visit outcomes and a day-sized workload (issue 12).
ALTER TABLE "patrol_tasks" ADD COLUMN "planned_on" date;--> statement-breakpoint
ALTER TABLE "patrol_tasks" ADD COLUMN "rolled_from" date;--> statement-breakpoint
ALTER TABLE "patrol_tasks" ADD COLUMN "retry_on" date;--> statement-breakpoint
ALTER TABLE "patrol_tasks" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "patrol_tasks" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "patrol_tasks" ADD COLUMN "flagged_at" timestamp with time zone;--> statement-breakpoint
-- Finished tasks keep their period's first day; open ones are spread over their period by the next housekeeping run.
UPDATE "patrol_tasks" SET "planned_on" = "period_start" WHERE "planned_on" IS NULL AND "status" <> 'open';--> statement-breakpoint
CREATE INDEX "patrol_tasks_assignee_planned_idx" ON "patrol_tasks" USING btree ("assignee_id","planned_on") WHERE "status" = 'open';--> statement-breakpoint
CREATE INDEX "patrol_tasks_flagged_idx" ON "patrol_tasks" USING btree ("community_id","flagged_at") WHERE "flagged_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "patrol_submissions" ADD COLUMN "outcome" text DEFAULT 'visited' NOT NULL;--> statement-breakpoint
ALTER TABLE "patrol_submissions" ADD COLUMN "visit_id" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "task_id" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "outcome" text DEFAULT 'visited' NOT NULL;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "client_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "visits_client_uq" ON "visits" USING btree ("visitor_id","client_id") WHERE "client_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "visits_task_idx" ON "visits" USING btree ("task_id");
