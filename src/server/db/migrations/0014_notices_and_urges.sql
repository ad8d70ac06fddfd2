-- Community notices (公告) written by community staff; the reporter's own urge (催办, at most once per
-- Beijing calendar day) counted on the case; a public service phone for communities and grids (the
-- number a resident may call, never a staff member's own phone). Hand-written.
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone,
	"status" text DEFAULT 'published' NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "notices_status_check" CHECK ("status" IN ('published', 'withdrawn'))
);--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_community_id_areas_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notices_community_idx" ON "notices" USING btree ("community_id","pinned","created_at");--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "remind_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "service_phone" text;
