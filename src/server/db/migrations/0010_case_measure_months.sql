CREATE TABLE "case_measure_months" (
	"community_id" uuid NOT NULL,
	"month" date NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"summary" text,
	CONSTRAINT "case_measure_months_community_id_month_pk" PRIMARY KEY("community_id","month")
);
