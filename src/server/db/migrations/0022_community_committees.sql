-- 社区“两委”: the members of a community's party committee and residents' committee, with their
-- position and term (a term with no end is current).
CREATE TABLE "community_committee_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL REFERENCES "areas"("id"),
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"committee" text NOT NULL,
	"position" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_committee_members_term_ck" CHECK ("to_on" IS NULL OR "to_on" >= "from_on")
);--> statement-breakpoint
CREATE INDEX "community_committee_members_community_idx" ON "community_committee_members" USING btree ("community_id","committee");--> statement-breakpoint
CREATE INDEX "community_committee_members_person_idx" ON "community_committee_members" USING btree ("person_id");
