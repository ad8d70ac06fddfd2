-- Open interfaces (issue 16): API keys of partner systems (Open311 GeoReport v2, the 12345 exchange),
-- the hotline's work orders, and a time limit imposed on a case from outside.
ALTER TABLE "cases" ADD COLUMN "imposed_due_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"community_id" uuid REFERENCES "areas"("id"),
	"rate_per_minute" integer DEFAULT 60 NOT NULL,
	"window_start" timestamp with time zone,
	"window_count" integer DEFAULT 0 NOT NULL,
	"use_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_by" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid REFERENCES "users"("id"),
	CONSTRAINT "api_keys_purpose_check" CHECK ("purpose" IN ('open311', 'hotline'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_uq" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_area_idx" ON "api_keys" USING btree ("area_id","created_at");--> statement-breakpoint
CREATE TABLE "hotline_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"area_id" uuid NOT NULL REFERENCES "areas"("id"),
	"deadline_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"api_key_id" uuid REFERENCES "api_keys"("id"),
	"imported_by" uuid REFERENCES "users"("id"),
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hotline_orders_source_check" CHECK ("source" IN ('api', 'xlsx'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_orders_number_uq" ON "hotline_orders" USING btree ("order_number");--> statement-breakpoint
CREATE UNIQUE INDEX "hotline_orders_case_uq" ON "hotline_orders" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "hotline_orders_community_idx" ON "hotline_orders" USING btree ("community_id","imported_at");
