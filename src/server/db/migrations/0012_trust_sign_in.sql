-- Trust: demo data is marked, and sign-in failures are counted per name and per address.
ALTER TABLE "users" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE "installation" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"demo" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "installation_one_row" CHECK ("installation"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Databases seeded before this migration: the demo seed gives all its staff one shared argon2 hash
-- (real hashes are salted, so five users never share one) and inserts every account in one
-- transaction (one created_at). Those accounts are the demo accounts.
UPDATE "users" SET "demo" = true
WHERE "created_at" IN (
	SELECT DISTINCT u."created_at" FROM "users" u
	WHERE u."password_hash" IN (
		SELECT "password_hash" FROM "users" WHERE "password_hash" IS NOT NULL
		GROUP BY "password_hash" HAVING count(*) >= 5
	)
);
--> statement-breakpoint
-- Such a database is a demo database if no other staff account was added to it since.
INSERT INTO "installation" ("id", "demo")
SELECT 1, true
WHERE EXISTS (SELECT 1 FROM "users" WHERE "demo")
	AND NOT EXISTS (SELECT 1 FROM "users" WHERE NOT "demo" AND "username" IS NOT NULL);
--> statement-breakpoint
-- In such a database, phone accounts made by trying the demo are demo accounts too.
UPDATE "users" SET "demo" = true WHERE EXISTS (SELECT 1 FROM "installation" WHERE "demo");
