ALTER TABLE "party_orgs" ADD COLUMN "place_id" uuid REFERENCES "places"("id");--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "leader_member_id" uuid;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "founded_on" date;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "joint" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "party_orgs_parent_idx" ON "party_orgs" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "group_id" uuid REFERENCES "party_orgs"("id");--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "kind" text DEFAULT 'transferred_in' NOT NULL;--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "transferred_on" date;--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "registered_on" date;--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "place_id" uuid REFERENCES "places"("id");--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "details_enc" text;--> statement-breakpoint
ALTER TABLE "party_members" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "party_members_community_idx" ON "party_members" USING btree ("community_id","kind");--> statement-breakpoint
CREATE TABLE "party_org_grids" (
	"org_id" uuid NOT NULL REFERENCES "party_orgs"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	CONSTRAINT "party_org_grids_org_id_area_id_pk" PRIMARY KEY("org_id","area_id")
);--> statement-breakpoint
CREATE TABLE "party_group_buildings" (
	"org_id" uuid NOT NULL REFERENCES "party_orgs"("id"),
	"building_id" uuid NOT NULL REFERENCES "buildings"("id"),
	CONSTRAINT "party_group_buildings_org_id_building_id_pk" PRIMARY KEY("org_id","building_id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "party_group_buildings_building_uq" ON "party_group_buildings" USING btree ("building_id");--> statement-breakpoint
CREATE TABLE "party_anchor_households" (
	"member_id" uuid PRIMARY KEY NOT NULL REFERENCES "party_members"("id"),
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"household_id" uuid NOT NULL REFERENCES "households"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "party_anchor_links" (
	"member_id" uuid NOT NULL REFERENCES "party_anchor_households"("member_id"),
	"household_id" uuid NOT NULL REFERENCES "households"("id"),
	CONSTRAINT "party_anchor_links_member_id_household_id_pk" PRIMARY KEY("member_id","household_id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "party_anchor_links_household_uq" ON "party_anchor_links" USING btree ("household_id");--> statement-breakpoint
CREATE TABLE "two_new_orgs" (
	"place_id" uuid PRIMARY KEY NOT NULL REFERENCES "places"("id"),
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"employees" integer DEFAULT 0 NOT NULL,
	"party_members" integer DEFAULT 0 NOT NULL,
	"stage" text DEFAULT 'surveyed' NOT NULL,
	"surveyed_on" date NOT NULL,
	"instructor_name" text,
	"guided_on" date,
	"party_org_id" uuid REFERENCES "party_orgs"("id"),
	"founded_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "two_new_orgs_community_idx" ON "two_new_orgs" USING btree ("community_id");--> statement-breakpoint
CREATE TABLE "party_joint_units" (
	"org_id" uuid NOT NULL REFERENCES "party_orgs"("id"),
	"unit_id" uuid NOT NULL REFERENCES "partner_units"("id"),
	"kind" text NOT NULL,
	"seat_holder" text,
	"since" date NOT NULL,
	CONSTRAINT "party_joint_units_org_id_unit_id_pk" PRIMARY KEY("org_id","unit_id")
);--> statement-breakpoint
CREATE TABLE "party_activity_organisers" (
	"activity_id" uuid PRIMARY KEY NOT NULL REFERENCES "activities"("id"),
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"organiser" text NOT NULL,
	"org_id" uuid REFERENCES "party_orgs"("id")
);--> statement-breakpoint
CREATE INDEX "party_activity_organisers_idx" ON "party_activity_organisers" USING btree ("community_id","organiser");--> statement-breakpoint
CREATE TABLE "party_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"member_id" uuid NOT NULL REFERENCES "party_members"("id"),
	"day" date NOT NULL,
	"hours" real NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "party_services_member_idx" ON "party_services" USING btree ("member_id","day");--> statement-breakpoint
CREATE TABLE "party_projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"lead_user_id" uuid REFERENCES "users"("id"),
	"lead_name" text NOT NULL,
	"departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"started_on" date NOT NULL,
	"completed_on" date,
	"patrol_plan_id" uuid REFERENCES "patrol_plans"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_projects_completed_after_start" CHECK ("completed_on" IS NULL OR "completed_on" >= "started_on")
);--> statement-breakpoint
CREATE INDEX "party_projects_community_idx" ON "party_projects" USING btree ("community_id","started_on");--> statement-breakpoint
CREATE TABLE "party_project_origins" (
	"project_id" uuid NOT NULL REFERENCES "party_projects"("id"),
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	CONSTRAINT "party_project_origins_pk" PRIMARY KEY("project_id","kind","ref_id")
);--> statement-breakpoint
CREATE TABLE "party_project_units" (
	"project_id" uuid NOT NULL REFERENCES "party_projects"("id"),
	"unit_id" uuid NOT NULL REFERENCES "partner_units"("id"),
	CONSTRAINT "party_project_units_pk" PRIMARY KEY("project_id","unit_id")
);--> statement-breakpoint
CREATE TABLE "party_project_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL REFERENCES "party_projects"("id"),
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"planned_on" date NOT NULL,
	"done_on" date,
	"note" text,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX "party_project_milestones_seq_uq" ON "party_project_milestones" USING btree ("project_id","seq");
