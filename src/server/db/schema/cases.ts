import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";
import { files } from "./files";
import { geoPoint } from "./types";

export const CASE_STATUSES = ["reported", "accepted", "dispatched", "in_progress", "handled", "verified", "closed"] as const;
export const CASE_LEVELS = ["grid", "community", "street", "department"] as const;
export const CASE_CHANNELS = ["resident_app", "rider_app", "grid_patrol", "phone", "hotline_12345", "partner_unit", "meeting", "open311"] as const;
export const CLOSURE_KINDS = ["resolved", "unable", "not_responsible", "duplicate", "withdrawn", "rejected"] as const;
export const TIMER_STATES = ["normal", "yellow", "red"] as const;

/** The dictionary of case categories (事件分类). `sensitive` ones never appear in the public view. */
export const caseCategories = pgTable("case_categories", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  /** Grouping used by the measures, e.g. 矛盾纠纷 (dispute), 安全隐患 (hazard). */
  groupCode: text("group_code").notNull(),
  sensitive: boolean("sensitive").notNull().default(false),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
});

/** Time to accept and time to handle, in working hours, per category and level. */
export const caseTimeLimits = pgTable(
  "case_time_limits",
  {
    categoryCode: text("category_code").notNull().references(() => caseCategories.code),
    level: text("level", { enum: CASE_LEVELS }).notNull(),
    acceptHours: real("accept_hours").notNull(),
    handleHours: real("handle_hours").notNull(),
  },
  (t) => [primaryKey({ columns: [t.categoryCode, t.level] })],
);

/**
 * Routing rules per community: a category starts at a level (a "skip rule" sends it straight to the
 * community), optionally to a named handler. Without a rule a case starts at its grid.
 */
export const caseRoutingRules = pgTable(
  "case_routing_rules",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    categoryCode: text("category_code").notNull().references(() => caseCategories.code),
    level: text("level", { enum: ["grid", "community"] }).notNull(),
    handlerId: uuid("handler_id").references(() => users.id),
  },
  (t) => [uniqueIndex("case_routing_rules_uq").on(t.communityId, t.categoryCode)],
);

/** The working calendar: public holidays (kind holiday) and weekend days made working days (kind workday, 调休). */
export const calendarDays = pgTable("calendar_days", {
  day: date("day").primaryKey(),
  kind: text("kind", { enum: ["holiday", "workday"] }).notNull(),
  name: text("name").notNull(),
});

/** Readable case numbers: one counter per prefix and day (HK-20250314-0012). */
export const caseNumberCounters = pgTable(
  "case_number_counters",
  {
    prefix: text("prefix").notNull(),
    day: text("day").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.day] })],
);

export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey(),
    number: text("number").notNull().unique(),
    communityId: uuid("community_id").references(() => areas.id),
    /** Smallest area the case lies in (microgrid, or the community when unplaced): the scope key. */
    areaId: uuid("area_id").references(() => areas.id),
    gridId: uuid("grid_id").references(() => areas.id),
    categoryCode: text("category_code").notNull().references(() => caseCategories.code),
    description: text("description").notNull(),
    location: geoPoint("location"),
    address: text("address"),
    channel: text("channel", { enum: CASE_CHANNELS }).notNull(),
    reporterId: uuid("reporter_id").references(() => users.id),
    reporterName: text("reporter_name"),
    reporterPhoneEnc: text("reporter_phone_enc"),
    anonymous: boolean("anonymous").notNull().default(false),
    /** Reported by a rider acting as 流动网格员. */
    mobileReporter: boolean("mobile_reporter").notNull().default(false),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    level: text("level", { enum: CASE_LEVELS }).notNull(),
    /** Highest level the case has reached; decides "resolved at grid / community / beyond". */
    maxLevel: text("max_level", { enum: CASE_LEVELS }).notNull(),
    handlerId: uuid("handler_id").references(() => users.id),
    department: text("department"),
    closureKind: text("closure_kind", { enum: CLOSURE_KINDS }),
    closureNote: text("closure_note"),
    referredTo: text("referred_to"),
    duplicateOfId: uuid("duplicate_of_id"),
    /** Reference to what closed it from outside, e.g. a deliberation resolution. */
    closedByRef: text("closed_by_ref"),
    acceptDueAt: timestamp("accept_due_at", { withTimezone: true }),
    acceptWarnAt: timestamp("accept_warn_at", { withTimezone: true }),
    handleDueAt: timestamp("handle_due_at", { withTimezone: true }),
    handleWarnAt: timestamp("handle_warn_at", { withTimezone: true }),
    /** A time limit imposed from outside (the 12345 hotline's deadline): it takes precedence over the category's. */
    imposedDueAt: timestamp("imposed_due_at", { withTimezone: true }),
    timer: text("timer", { enum: TIMER_STATES }).notNull().default("normal"),
    wasOverdue: boolean("was_overdue").notNull().default(false),
    urgeCount: integer("urge_count").notNull().default(0),
    /** The reporter's own urges (催办), at most one per Beijing calendar day (`remindedAt` is the last). */
    remindCount: integer("remind_count").notNull().default(0),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    delayRequestedHours: real("delay_requested_hours"),
    delayReason: text("delay_reason"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    resultText: text("result_text"),
    rating: text("rating", { enum: ["satisfied", "basic", "unsatisfied"] }),
    ratingComment: text("rating_comment"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    reopenCount: integer("reopen_count").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cases_area_created_idx").on(t.areaId, t.createdAt),
    // The case list walks this backwards from its keyset cursor. The measures read
    // cases_measures_idx (community_id, created_at) INCLUDE (…), made in SQL (migration 0008).
    index("cases_created_idx").on(t.createdAt, t.id),
    index("cases_handler_status_idx").on(t.handlerId, t.status),
    index("cases_reporter_idx").on(t.reporterId, t.createdAt),
    index("cases_open_timer_idx").on(t.timer).where(sql`status <> 'closed'`),
    // The list's urgent order (cases_urgent_idx, on expressions) and the worker's queue
    // (cases_open_handler_idx, cases_open_grid_area_idx, partial, covering) are made in SQL (migrations 0023 and 0025).
    index("cases_location_gist").using("gist", t.location),
  ],
);

/**
 * The measures of one community's cases reported in one month, kept once the month is over
 * (`summary`, written by modules/cases/measures.ts) and forgotten as soon as one of those cases
 * changes: statement triggers on cases (migration 0011) bump `version` and clear `summary` for
 * every community-month a write touches. No foreign key, so that the triggers stay cheap.
 */
export const caseMeasureMonths = pgTable(
  "case_measure_months",
  {
    communityId: uuid("community_id").notNull(),
    /** First day of the month, Beijing time. */
    month: date("month", { mode: "string" }).notNull(),
    version: bigint("version", { mode: "number" }).notNull().default(0),
    /** JSON text of the summary (read and written whole, never queried inside). */
    summary: text("summary"),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.month] })],
);

/** The timeline of a case: one row per transition, note, urge or rating. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    level: text("level"),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    /** Shown to the reporter and in the public view. */
    visibleToReporter: boolean("visible_to_reporter").notNull().default(true),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.at)],
);

export const casePhotos = pgTable(
  "case_photos",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id),
    stage: text("stage", { enum: ["report", "result", "note"] }).notNull(),
    eventId: uuid("event_id"),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.fileId] })],
);
