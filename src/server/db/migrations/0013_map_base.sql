-- Maps: building footprints, compound outlines, the map features the registry does not hold (roads,
-- the river, water and green areas) and address search terms. Native geometric types and GiST/GIN
-- indexes only: the same on PGlite and PostgreSQL 15 (no PostGIS). Hand-written.
ALTER TABLE "compounds" ADD COLUMN "outline" polygon;--> statement-breakpoint
ALTER TABLE "compounds" ADD COLUMN "search_terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "compounds" ADD COLUMN "geo_updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "footprint" polygon;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "search_terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "buildings" ADD COLUMN "geo_updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "search_terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE TABLE "map_features" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"bbox" box NOT NULL,
	"search_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_features_kind_check" CHECK ("map_features"."kind" IN ('road', 'river', 'water', 'green'))
);
--> statement-breakpoint
ALTER TABLE "map_features" ADD CONSTRAINT "map_features_community_id_areas_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_features" ADD CONSTRAINT "map_features_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "map_features_community_idx" ON "map_features" USING btree ("community_id","kind");--> statement-breakpoint
CREATE INDEX "map_features_bbox_gist" ON "map_features" USING gist ("bbox");--> statement-breakpoint
CREATE INDEX "map_features_search_gin" ON "map_features" USING gin ("search_terms");--> statement-breakpoint
CREATE INDEX "compounds_search_gin" ON "compounds" USING gin ("search_terms");--> statement-breakpoint
CREATE INDEX "buildings_search_gin" ON "buildings" USING gin ("search_terms");--> statement-breakpoint
CREATE INDEX "buildings_location_gist" ON "buildings" USING gist ("location");--> statement-breakpoint
CREATE INDEX "places_search_gin" ON "places" USING gin ("search_terms");
