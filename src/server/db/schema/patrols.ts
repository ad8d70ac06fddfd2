import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";
import { files } from "./files";
import { geoPoint } from "./types";

export const TARGET_KINDS = ["key_enterprise", "special_household", "key_person", "billboard", "river", "food_business", "fire_point"] as const;
export const ITEM_TYPES = ["yes_no", "choice", "number", "text", "photo"] as const;
export const FREQUENCIES = ["weekly", "monthly", "quarterly"] as const;
/** What a visit found: 已走访, 未遇 (nobody home), 拒访, 已搬离. */
export const VISIT_OUTCOMES = ["visited", "not_home", "refused", "moved_away"] as const;

/**
 * A checklist template for one kind of target. Templates are versioned: a change makes a new row
 * (same `family_id`, version + 1) and open tasks keep the version they were made with.
 */
export const checklistTemplates = pgTable(
  "checklist_templates",
  {
    id: uuid("id").primaryKey(),
    familyId: uuid("family_id").notNull(),
    version: integer("version").notNull().default(1),
    /** Null: a template every community may use. */
    communityId: uuid("community_id").references(() => areas.id),
    targetKind: text("target_kind", { enum: TARGET_KINDS }).notNull(),
    name: text("name").notNull(),
    current: boolean("current").notNull().default(true),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("checklist_templates_family_version_uq").on(t.familyId, t.version)],
);

/** One item of a checklist. `failWhen` says which answer is a failure; a failure may open a case. */
export const checklistItems = pgTable(
  "checklist_items",
  {
    id: uuid("id").primaryKey(),
    templateId: uuid("template_id").notNull().references(() => checklistTemplates.id),
    seq: integer("seq").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: ITEM_TYPES }).notNull(),
    options: jsonb("options").$type<string[]>(),
    required: boolean("required").notNull().default(true),
    /** yes_no: { equals: false }; choice: { in: [...] }; number: { min?, max? } outside is a failure. */
    failWhen: jsonb("fail_when").$type<Record<string, unknown>>(),
    opensCase: boolean("opens_case").notNull().default(false),
    caseCategory: text("case_category"),
  },
  (t) => [index("checklist_items_template_idx").on(t.templateId, t.seq)],
);

/**
 * The differentiated checklist (差异化巡查重点清单): a target assigned to a grid worker with a
 * frequency. A target is a person, a household or a place (enterprise, billboard, river stretch …).
 */
export const patrolPlans = pgTable(
  "patrol_plans",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    templateFamilyId: uuid("template_family_id").notNull(),
    targetKind: text("target_kind", { enum: TARGET_KINDS }).notNull(),
    personId: uuid("person_id"),
    householdId: uuid("household_id"),
    placeId: uuid("place_id"),
    targetLabel: text("target_label").notNull(),
    location: geoPoint("location"),
    frequency: text("frequency", { enum: FREQUENCIES }).notNull(),
    assigneeId: uuid("assignee_id").notNull().references(() => users.id),
    active: boolean("active").notNull().default(true),
    startsOn: date("starts_on").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("patrol_plans_assignee_idx").on(t.assigneeId), index("patrol_plans_community_idx").on(t.communityId)],
);

/** One visit due in one period of a plan. */
export const patrolTasks = pgTable(
  "patrol_tasks",
  {
    id: uuid("id").primaryKey(),
    planId: uuid("plan_id").notNull().references(() => patrolPlans.id),
    // Copied from the plan, whose foreign keys guard them; checked here they would cost a lookup per
    // row each when a year of tasks is made at once. A reassignment checks its new assignee itself.
    communityId: uuid("community_id").notNull(),
    areaId: uuid("area_id").notNull(),
    templateId: uuid("template_id").notNull(),
    assigneeId: uuid("assignee_id").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    status: text("status", { enum: ["open", "done", "missed", "cancelled"] }).notNull().default("open"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    /** The day inside the period the visit is planned for (spread over the period, capped per worker and day). */
    plannedOn: date("planned_on"),
    /** The day first planned when the task was rolled forward (顺延) because its day was full. */
    rolledFrom: date("rolled_from"),
    /** After 未遇: the day of the second try. */
    retryOn: date("retry_on"),
    /** The outcome of the last visit (null: not visited yet). */
    outcome: text("outcome", { enum: VISIT_OUTCOMES }),
    /** Visits recorded for this task (未遇 ones included). */
    attempts: integer("attempts").notNull().default(0),
    /** Raised to the community secretary (two 未遇 in a row). */
    flaggedAt: timestamp("flagged_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("patrol_tasks_plan_period_uq").on(t.planId, t.periodStart),
    index("patrol_tasks_assignee_planned_idx").on(t.assigneeId, t.plannedOn).where(sql`status = 'open'`),
    index("patrol_tasks_flagged_idx").on(t.communityId, t.flaggedAt).where(sql`flagged_at IS NOT NULL`),
    index("patrol_tasks_assignee_idx").on(t.assigneeId, t.periodEnd),
    index("patrol_tasks_community_period_idx").on(t.communityId, t.periodStart),
  ],
);

/**
 * A submitted checklist. `clientId` is made by the phone when the form is filled (offline too), so
 * a queued submission that is sent twice is stored once.
 */
export const patrolSubmissions = pgTable(
  "patrol_submissions",
  {
    id: uuid("id").primaryKey(),
    clientId: text("client_id").notNull(),
    taskId: uuid("task_id").notNull().references(() => patrolTasks.id),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    submittedBy: uuid("submitted_by").notNull().references(() => users.id),
    /** When the form was filled on the phone (may be before it reached the server). */
    filledAt: timestamp("filled_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    failures: jsonb("failures").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    location: geoPoint("location"),
    /** Filtered GPS track: [lng, lat, unix ms][]; raw points that jump or go back in time are dropped. */
    track: jsonb("track").$type<Array<[number, number, number]>>(),
    trackMeters: real("track_meters"),
    trackSeconds: integer("track_seconds"),
    /** Riders or volunteers who joined (e.g. a fire check with riders). */
    companions: jsonb("companions").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    notes: text("notes"),
    outcome: text("outcome", { enum: VISIT_OUTCOMES }).notNull().default("visited"),
    /** The care visit (走访) this submission is, when its target is a person or household. */
    visitId: uuid("visit_id"),
  },
  (t) => [uniqueIndex("patrol_submissions_client_uq").on(t.submittedBy, t.clientId), index("patrol_submissions_task_idx").on(t.taskId)],
);

export const patrolPhotos = pgTable("patrol_photos", {
  submissionId: uuid("submission_id").notNull().references(() => patrolSubmissions.id),
  itemId: uuid("item_id"),
  fileId: uuid("file_id").notNull().references(() => files.id),
});

/** Links between a case and what it came from or was settled by (patrol submission, topic, resolution …). */
export const caseLinks = pgTable(
  "case_links",
  {
    caseId: uuid("case_id").notNull(),
    kind: text("kind", { enum: ["patrol_submission", "topic", "resolution", "assignment"] }).notNull(),
    refId: uuid("ref_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("case_links_uq").on(t.caseId, t.kind, t.refId), index("case_links_ref_idx").on(t.kind, t.refId)],
);
