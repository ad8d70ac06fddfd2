import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { households, persons } from "./places";
import { users } from "./accounts";
import { files } from "./files";
import { geoPoint } from "./types";

/** The dictionary of care and attention tags. `restricted` ones (重点人员) are shown only to roles allowed to see them. */
export const tagDefinitions = pgTable("tag_definitions", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind", { enum: ["care", "identity", "attention"] }).notNull(),
  restricted: boolean("restricted").notNull().default(false),
  /** Suggested visit frequency for plans: weekly, monthly, quarterly (null: none). */
  visitFrequency: text("visit_frequency", { enum: ["weekly", "monthly", "quarterly"] }),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
});

/** A tag on a person, with who set it and when; removing keeps the row (removed_at) as history. */
export const personTags = pgTable(
  "person_tags",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id").notNull().references(() => persons.id),
    tagCode: text("tag_code").notNull().references(() => tagDefinitions.code),
    /** Tag details, e.g. { platform: "美团" } for 新就业群体. */
    attrs: jsonb("attrs").$type<Record<string, string>>().notNull().default({}),
    setBy: uuid("set_by").references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
    removedBy: uuid("removed_by").references(() => users.id),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("person_tags_active_uq").on(t.personId, t.tagCode).where(sql`removed_at IS NULL`),
    index("person_tags_tag_idx").on(t.tagCode).where(sql`removed_at IS NULL`),
  ],
);

/** History of a household: moving in and out, members joining and leaving. Nothing is overwritten. */
export const residenceEvents = pgTable(
  "residence_events",
  {
    id: uuid("id").primaryKey(),
    householdId: uuid("household_id").notNull().references(() => households.id),
    personId: uuid("person_id").references(() => persons.id),
    kind: text("kind", { enum: ["move_in", "move_out", "join", "leave", "update", "archive"] }).notNull(),
    on: date("on").notNull(),
    note: text("note"),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("residence_events_household_idx").on(t.householdId, t.at)],
);

/** 走访: a home visit by a grid worker or staff, with notes and photos. */
export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    householdId: uuid("household_id").references(() => households.id),
    personId: uuid("person_id").references(() => persons.id),
    visitorId: uuid("visitor_id").notNull().references(() => users.id),
    visitedAt: timestamp("visited_at", { withTimezone: true }).notNull(),
    notes: text("notes").notNull(),
    location: geoPoint("location"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The patrol task this visit completed (one visit is one record). */
    taskId: uuid("task_id"),
    outcome: text("outcome", { enum: ["visited", "not_home", "refused", "moved_away"] }).notNull().default("visited"),
    /** Made by the phone when the form is filled: the same clientId is stored once per visitor. */
    clientId: text("client_id"),
  },
  (t) => [
    index("visits_household_idx").on(t.householdId, t.visitedAt),
    index("visits_person_idx").on(t.personId, t.visitedAt),
    uniqueIndex("visits_client_uq").on(t.visitorId, t.clientId).where(sql`client_id IS NOT NULL`),
    index("visits_task_idx").on(t.taskId),
  ],
);

export const visitPhotos = pgTable("visit_photos", {
  visitId: uuid("visit_id").notNull().references(() => visits.id),
  fileId: uuid("file_id").notNull().references(() => files.id),
});

/** A resident's request to correct their own record. */
export const correctionRequests = pgTable(
  "correction_requests",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id").notNull().references(() => persons.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    field: text("field").notNull(),
    proposed: text("proposed").notNull(),
    note: text("note"),
    status: text("status", { enum: ["open", "done", "rejected"] }).notNull().default("open"),
    handledBy: uuid("handled_by"),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("correction_requests_person_idx").on(t.personId)],
);

/** An Excel import: who, which mode, the outcome and the report of rejected rows (owner only). */
export const importJobs = pgTable("import_jobs", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id),
  communityId: uuid("community_id").references(() => areas.id),
  mode: text("mode", { enum: ["all_or_nothing", "valid_only"] }).notNull(),
  fileName: text("file_name"),
  status: text("status", { enum: ["done", "rejected", "failed"] }).notNull(),
  totalRows: integer("total_rows").notNull().default(0),
  importedRows: integer("imported_rows").notNull().default(0),
  rejectedRows: integer("rejected_rows").notNull().default(0),
  reportKey: text("report_key"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
