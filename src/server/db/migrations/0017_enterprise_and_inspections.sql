-- 营商环境 and inspections: enterprise profiles beside the registry's places (1:1 by place id), visit
-- campaigns and visits with the needs they found, 入库 cultivation with briefings, business events,
-- inspection programmes over places (their checks are patrol submissions) and 责令整改 notices with
-- their re-checks. Hand-written.
CREATE TABLE "enterprise_profiles" (
	"place_id" uuid PRIMARY KEY NOT NULL REFERENCES "places"("id"),
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"industry" text,
	"size_band" text,
	"key_enterprise" boolean DEFAULT false NOT NULL,
	"complex_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "enterprise_profiles_size_check" CHECK ("size_band" IN ('micro', 'small', 'medium', 'large'))
);--> statement-breakpoint
CREATE INDEX "enterprise_profiles_community_idx" ON "enterprise_profiles" USING btree ("community_id");--> statement-breakpoint
CREATE TABLE "visit_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "campaign_targets" (
	"campaign_id" uuid NOT NULL REFERENCES "visit_campaigns"("id"),
	"place_id" uuid NOT NULL REFERENCES "places"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"assignee_id" uuid NOT NULL REFERENCES "users"("id"),
	CONSTRAINT "campaign_targets_pk" PRIMARY KEY ("campaign_id", "place_id")
);--> statement-breakpoint
CREATE INDEX "campaign_targets_assignee_idx" ON "campaign_targets" USING btree ("assignee_id");--> statement-breakpoint
CREATE TABLE "enterprise_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"place_id" uuid NOT NULL REFERENCES "places"("id"),
	"campaign_id" uuid REFERENCES "visit_campaigns"("id"),
	"visitor_id" uuid NOT NULL REFERENCES "users"("id"),
	"visited_on" date NOT NULL,
	"notes" text,
	"problems" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "enterprise_visits_place_idx" ON "enterprise_visits" USING btree ("place_id", "visited_on");--> statement-breakpoint
CREATE INDEX "enterprise_visits_campaign_idx" ON "enterprise_visits" USING btree ("campaign_id", "place_id");--> statement-breakpoint
CREATE INDEX "enterprise_visits_community_idx" ON "enterprise_visits" USING btree ("community_id", "visited_on");--> statement-breakpoint
CREATE TABLE "enterprise_needs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"place_id" uuid NOT NULL REFERENCES "places"("id"),
	"visit_id" uuid REFERENCES "enterprise_visits"("id"),
	"event_id" uuid,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"raised_on" date NOT NULL,
	"matched_unit_id" uuid,
	"matched_item_id" uuid,
	"case_id" uuid,
	"settled_on" date,
	"settlement" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_needs_kind_check" CHECK ("kind" IN ('policy', 'financing', 'hiring', 'permits', 'premises', 'other')),
	CONSTRAINT "enterprise_needs_status_check" CHECK ("status" IN ('open', 'matched', 'referred', 'settled'))
);--> statement-breakpoint
CREATE INDEX "enterprise_needs_place_idx" ON "enterprise_needs" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "enterprise_needs_community_idx" ON "enterprise_needs" USING btree ("community_id", "raised_on");--> statement-breakpoint
CREATE TABLE "cultivations" (
	"place_id" uuid PRIMARY KEY NOT NULL REFERENCES "places"("id"),
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"stage" text DEFAULT 'candidate' NOT NULL,
	"thresholds" text NOT NULL,
	"documents" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"candidate_on" date NOT NULL,
	"coached_on" date,
	"documents_on" date,
	"declared_on" date,
	"decided_on" date,
	"decision_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cultivations_stage_check" CHECK ("stage" IN ('candidate', 'coached', 'documents', 'declared', 'accepted', 'rejected'))
);--> statement-breakpoint
CREATE INDEX "cultivations_community_idx" ON "cultivations" USING btree ("community_id", "stage");--> statement-breakpoint
CREATE TABLE "enterprise_briefings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "briefing_places" (
	"briefing_id" uuid NOT NULL REFERENCES "enterprise_briefings"("id"),
	"place_id" uuid NOT NULL REFERENCES "places"("id"),
	CONSTRAINT "briefing_places_pk" PRIMARY KEY ("briefing_id", "place_id")
);--> statement-breakpoint
CREATE INDEX "briefing_places_place_idx" ON "briefing_places" USING btree ("place_id");--> statement-breakpoint
CREATE TABLE "business_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"venue" text,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_events_kind_check" CHECK ("kind" IN ('bank_enterprise', 'promotion', 'policy_talk', 'other'))
);--> statement-breakpoint
CREATE TABLE "business_event_places" (
	"event_id" uuid NOT NULL REFERENCES "business_events"("id"),
	"place_id" uuid NOT NULL REFERENCES "places"("id"),
	CONSTRAINT "business_event_places_pk" PRIMARY KEY ("event_id", "place_id")
);--> statement-breakpoint
CREATE INDEX "business_event_places_place_idx" ON "business_event_places" USING btree ("place_id");--> statement-breakpoint
CREATE TABLE "inspection_programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_programmes_kind_check" CHECK ("kind" IN ('food', 'fire', 'billboard'))
);--> statement-breakpoint
CREATE TABLE "programme_places" (
	"programme_id" uuid NOT NULL REFERENCES "inspection_programmes"("id"),
	"place_id" uuid NOT NULL REFERENCES "places"("id"),
	CONSTRAINT "programme_places_pk" PRIMARY KEY ("programme_id", "place_id")
);--> statement-breakpoint
CREATE INDEX "programme_places_place_idx" ON "programme_places" USING btree ("place_id");--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"place_id" uuid NOT NULL REFERENCES "places"("id"),
	"programme_id" uuid REFERENCES "inspection_programmes"("id"),
	"submission_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"finding" text NOT NULL,
	"required_change" text NOT NULL,
	"issued_on" date NOT NULL,
	"deadline" date NOT NULL,
	"issued_by" uuid NOT NULL REFERENCES "users"("id"),
	"status" text DEFAULT 'issued' NOT NULL,
	"closed_on" date,
	"case_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectifications_kind_check" CHECK ("kind" IN ('food', 'fire', 'billboard')),
	CONSTRAINT "rectifications_status_check" CHECK ("status" IN ('issued', 'closed', 'escalated'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_item_uq" ON "rectifications" USING btree ("submission_id", "item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_number_uq" ON "rectifications" USING btree ("community_id", "number");--> statement-breakpoint
CREATE INDEX "rectifications_community_idx" ON "rectifications" USING btree ("community_id", "issued_on");--> statement-breakpoint
CREATE INDEX "rectifications_place_idx" ON "rectifications" USING btree ("place_id");--> statement-breakpoint
CREATE TABLE "rectification_rechecks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rectification_id" uuid NOT NULL REFERENCES "rectifications"("id"),
	"checked_on" date NOT NULL,
	"passed" boolean NOT NULL,
	"notes" text,
	"companions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_by" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "rectification_rechecks_idx" ON "rectification_rechecks" USING btree ("rectification_id", "checked_on");
