import { z } from "zod";
import { listTotal, lngLat, lngLatInput, uuid } from "./common";
import { code, day as boundedDay, instant, int, limit, line, month as boundedMonth, num, paragraph, queryLatitude, queryLongitude, text as boundedText } from "./bounded";

/**
 * Patrols and ledgers (巡查与台账): checklist templates, the differentiated plan list
 * (差异化巡查重点清单), tasks per period, submissions from the phone (offline-safe), and ledgers.
 */

export const TARGET_KIND_VALUES = ["key_enterprise", "special_household", "key_person", "billboard", "river", "food_business", "fire_point"] as const;
export const ITEM_TYPE_VALUES = ["yes_no", "choice", "number", "text", "photo"] as const;
export const FREQUENCY_VALUES = ["weekly", "monthly", "quarterly"] as const;
export const TASK_STATUS_VALUES = ["open", "done", "missed", "cancelled"] as const;
/** What a visit found: 已走访, 未遇 (nobody home), 拒访, 已搬离. */
export const VISIT_OUTCOME_VALUES = ["visited", "not_home", "refused", "moved_away"] as const;
export const visitOutcome = z.enum(VISIT_OUTCOME_VALUES);
export type VisitOutcome = z.infer<typeof visitOutcome>;
export const PLACE_KIND_VALUES = ["public_unit", "enterprise", "shop", "commercial_centre", "rider_station", "billboard", "river_stretch"] as const;

export const targetKind = z.enum(TARGET_KIND_VALUES);
export const itemType = z.enum(ITEM_TYPE_VALUES);
export const frequency = z.enum(FREQUENCY_VALUES);
export const taskStatus = z.enum(TASK_STATUS_VALUES);
export type TargetKind = z.infer<typeof targetKind>;
export type ItemType = z.infer<typeof itemType>;
export type Frequency = z.infer<typeof frequency>;

const text = (max: number) => line(max);
const day = boundedDay();
const month = boundedMonth;
const named = z.object({ id: uuid, name: z.string() });

// ---------------------------------------------------------------- templates

/** Which answer is a failure: yes_no `{equals}`, choice `{in}`, number outside `{min, max}`. */
export const failWhen = z.union([
  z.strictObject({ equals: z.boolean() }),
  z.strictObject({ in: z.array(text(40)).min(1).max(20) }),
  z.strictObject({ min: num({ min: -1e9, max: 1e9 }).optional(), max: num({ min: -1e9, max: 1e9 }).optional() }),
]);
export type FailWhen = z.infer<typeof failWhen>;

export const checklistItemInput = z
  .strictObject({
    label: text(100),
    type: itemType,
    options: z.array(text(40)).min(2).max(20).optional(),
    required: z.boolean().default(true),
    failWhen: failWhen.optional(),
    opensCase: z.boolean().default(false),
    caseCategory: code(40).optional(),
  })
  .superRefine((item, ctx) => {
    const fw = item.failWhen as Record<string, unknown> | undefined;
    if (item.type === "choice" && !item.options) ctx.addIssue({ code: "custom", path: ["options"], message: "a choice item needs options" });
    if (item.type !== "choice" && item.options) ctx.addIssue({ code: "custom", path: ["options"], message: "only choice items have options" });
    if (fw) {
      const fits =
        (item.type === "yes_no" && "equals" in fw) ||
        (item.type === "choice" && "in" in fw && (fw.in as string[]).every((v) => item.options?.includes(v))) ||
        (item.type === "number" && !("equals" in fw) && !("in" in fw) && (fw.min !== undefined || fw.max !== undefined));
      if (!fits) ctx.addIssue({ code: "custom", path: ["failWhen"], message: `does not fit a ${item.type} item` });
    }
    if (item.opensCase && !fw) ctx.addIssue({ code: "custom", path: ["opensCase"], message: "only an item that can fail opens a case" });
  });
export type ChecklistItemInput = z.infer<typeof checklistItemInput>;

export const createTemplateBody = z.strictObject({
  targetKind,
  name: text(60),
  items: z.array(checklistItemInput).min(1).max(60),
  /** Platform administrators may create a template every community uses. */
  global: z.boolean().default(false),
});
export type CreateTemplateBody = z.infer<typeof createTemplateBody>;

/** A change makes a new version of the family; tasks already made keep the version they were made with. */
export const changeTemplateBody = z.strictObject({
  name: text(60).optional(),
  items: z.array(checklistItemInput).min(1).max(60),
});
export type ChangeTemplateBody = z.infer<typeof changeTemplateBody>;

export const checklistItem = z.object({
  id: uuid,
  seq: z.number(),
  label: z.string(),
  type: itemType,
  options: z.array(z.string()).nullable(),
  required: z.boolean(),
  failWhen: z.record(z.string(), z.unknown()).nullable(),
  opensCase: z.boolean(),
  caseCategory: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const templateSummary = z.object({
  id: uuid,
  familyId: uuid,
  version: z.number(),
  communityId: uuid.nullable(),
  targetKind,
  name: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  itemCount: z.number(),
});
export const templateDetail = templateSummary.extend({ items: z.array(checklistItem) });
export type TemplateDetail = z.infer<typeof templateDetail>;
export const templateListQuery = z.strictObject({
  targetKind: targetKind.optional(),
  /** "true": every version, not only the current ones. */
  history: z.enum(["true", "false"]).default("false"),
});
export const templateListReply = z.object({ items: z.array(templateSummary) });

// ---------------------------------------------------------------- plans

export const planTarget = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("person"), personId: uuid }),
  z.strictObject({ type: z.literal("household"), householdId: uuid }),
  z.strictObject({ type: z.literal("place"), placeId: uuid }),
]);
export type PlanTarget = z.infer<typeof planTarget>;

export const createPlanBody = z.strictObject({
  templateFamilyId: uuid,
  target: planTarget,
  /** Default: the visit frequency of the person's care tags, else the template kind's usual one. */
  frequency: frequency.optional(),
  /** Default: the grid worker of the target's grid. */
  assigneeId: uuid.optional(),
  startsOn: day.optional(),
});
export type CreatePlanBody = z.infer<typeof createPlanBody>;

const bulkCommon = {
  /** A grid (or the whole community) whose targets are assigned. */
  areaId: uuid,
  templateFamilyId: uuid.optional(),
  frequency: frequency.optional(),
  assigneeId: uuid.optional(),
  startsOn: day.optional(),
};
export const bulkPlansBody = z.discriminatedUnion("by", [
  /** Everyone carrying a care tag in the area: households for care tags, the person for 重点人员. */
  z.strictObject({ by: z.literal("tag"), tagCode: code(40), ...bulkCommon }),
  /** Every active place of a kind in the area, optionally only one `attrs.category` / `attrs.industry`. */
  z.strictObject({
    by: z.literal("place_kind"),
    placeKind: z.enum(PLACE_KIND_VALUES),
    category: text(40).optional(),
    targetKind: targetKind.optional(),
    ...bulkCommon,
  }),
]);
export type BulkPlansBody = z.infer<typeof bulkPlansBody>;
export const bulkPlansReply = z.object({ created: z.number(), skipped: z.number(), byFrequency: z.record(z.string(), z.number()) });

export const planSummary = z.object({
  id: uuid,
  community: named,
  area: named,
  grid: named.nullable(),
  templateFamilyId: uuid,
  templateName: z.string(),
  targetKind,
  target: z.object({ type: z.enum(["person", "household", "place"]), id: uuid }),
  targetLabel: z.string(),
  location: lngLat.nullable(),
  frequency,
  assignee: named,
  active: z.boolean(),
  startsOn: z.string(),
  createdAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummary>;

export const planListQuery = z.strictObject({
  areaId: uuid.optional(),
  targetKind: targetKind.optional(),
  assigneeId: uuid.optional(),
  frequency: frequency.optional(),
  active: z.enum(["true", "false", "all"]).default("true"),
  q: line(60, 0).optional(),
  cursor: uuid.optional(),
  limit: limit(500, 50),
});
export type PlanListQuery = z.infer<typeof planListQuery>;
export const planListReply = z.object({ items: z.array(planSummary), nextCursor: z.string().nullable(), total: z.number() });

export const reassignBody = z.strictObject({
  assigneeId: uuid,
  /** Expected version of a task: a stale one answers 409. */
  version: int({ min: 1, max: 2_000_000_000 }).optional(),
});
export const assigneeQuery = z.strictObject({ areaId: uuid.optional() });
export const assigneeListReply = z.object({ items: z.array(z.object({ id: uuid, name: z.string(), role: z.string(), area: named })) });
export type Assignee = z.infer<typeof assigneeListReply>["items"][number];
export const planChangeReply = z.object({ plan: planSummary, tasksChanged: z.number() });

// ---------------------------------------------------------------- tasks

export const generateBody = z.strictObject({
  /** Make tasks for every period from the current one up to this day. */
  until: day,
  /** The community (or a grid of it); default: the caller's community. */
  areaId: uuid.optional(),
});
export const generateReply = z.object({ created: z.number(), plans: z.number(), from: z.string(), until: z.string() });

export const taskSummary = z.object({
  id: uuid,
  planId: uuid,
  status: taskStatus,
  /** Open after its period ended, or marked missed. */
  overdue: z.boolean(),
  periodStart: z.string(),
  periodEnd: z.string(),
  frequency,
  doneAt: z.string().nullable(),
  version: z.number(),
  targetKind,
  targetLabel: z.string(),
  address: z.string().nullable(),
  location: lngLat.nullable(),
  template: z.object({ id: uuid, name: z.string(), version: z.number() }),
  assignee: named,
  area: named,
  /** Meters from the point given in the query, when one was given. */
  distance: z.number().nullable(),
  /** The day the visit is planned for (inside the period). */
  plannedOn: z.string().nullable(),
  /** 顺延: the day first planned, when the task was rolled forward because that day was full. */
  rolledFrom: z.string().nullable(),
  /** After 未遇: the day of the second try. */
  retryOn: z.string().nullable(),
  /** The outcome of the last visit. */
  outcome: visitOutcome.nullable(),
  attempts: z.number(),
  /** Raised to the community secretary (two 未遇 in a row). */
  flagged: z.boolean(),
  /** Compound, building and unit of a household target, for the walking order. */
  walk: z.object({ compound: z.string().nullable(), building: z.string().nullable(), unit: z.string().nullable() }).nullable(),
});
export type TaskSummary = z.infer<typeof taskSummary>;

export const MY_TASK_VIEWS = ["today", "week", "overdue"] as const;
export const myTasksQuery = z.strictObject({
  view: z.enum(MY_TASK_VIEWS).default("today"),
  lng: queryLongitude.optional(),
  lat: queryLatitude.optional(),
  targetKind: targetKind.optional(),
  limit: limit(2000, 300),
});
export type MyTasksQuery = z.infer<typeof myTasksQuery>;
export const myTasksReply = z.object({
  today: z.string(),
  weekStart: z.string(),
  weekEnd: z.string(),
  counts: z.object({ today: z.number(), week: z.number(), overdue: z.number(), doneToday: z.number() }),
  items: z.array(taskSummary),
});

export const routeQuery = myTasksQuery.pick({ view: true, lng: true, lat: true, targetKind: true, limit: true }).strict();
export const routeReply = z.object({
  start: lngLat.nullable(),
  totalMeters: z.number(),
  items: z.array(taskSummary.extend({ order: z.number(), legMeters: z.number() })),
  /** Tasks without a location, not placed on the route. */
  unplaced: z.array(taskSummary),
});

export const taskListQuery = z.strictObject({
  areaId: uuid.optional(),
  /**
   * "current": open tasks due by today, today's and overdue ones (the board opens on it), the most
   * overdue first; "overdue": missed, or open after their period. Both, and "open", go by the last day
   * of the period, soonest first; the other statuses newest period first.
   */
  status: z.union([taskStatus, z.literal("overdue"), z.literal("current")]).optional(),
  targetKind: targetKind.optional(),
  assigneeId: uuid.optional(),
  planId: uuid.optional(),
  /** Only tasks raised to the secretary (two 未遇 in a row). */
  flagged: z.enum(["true", "false"]).optional(),
  from: day.optional(),
  to: day.optional(),
  /** `<day>_<id>` of the last task of the previous page (the period's start, or its end in the by-deadline orders). */
  cursor: z.string().regex(/^\d{4}-\d{2}-\d{2}_[0-9a-f-]{36}$/).refine((c) => boundedDay().safeParse(c.slice(0, 10)).success && uuid.safeParse(c.slice(11)).success, "not a cursor").optional(),
  limit: limit(500, 50),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;
export const taskListReply = z.object({ items: z.array(taskSummary), nextCursor: z.string().nullable(), ...listTotal });

export const idParams = z.strictObject({ id: uuid });

// ---------------------------------------------------------------- submissions

/** A GPS fix: longitude, latitude, unix milliseconds. Garbage points are filtered, not refused. */
export const trackPoint = z.tuple([num({ min: -1e6, max: 1e6 }), num({ min: -1e6, max: 1e6 }), num({ min: 0, max: 1e14 })]);
export const answerValue = z.union([z.boolean(), num({ min: -1e12, max: 1e12 }), boundedText({ max: 2000, min: 0, multiline: true }), z.array(uuid).max(9), z.null()]);

export const submitBody = z.strictObject({
  /** Made by the phone when the form is filled (offline too): the same clientId is stored once. */
  clientId: z.string().regex(/^[A-Za-z0-9_\-:.]{8,100}$/),
  filledAt: instant(),
  /** itemId → answer: yes_no boolean, choice one of the options, number, text, photo file ids. */
  answers: z.record(uuid, answerValue),
  location: lngLatInput.optional(),
  track: z.array(trackPoint).max(20_000).optional(),
  /** Riders or volunteers who joined, by name. */
  companions: z.array(text(40)).max(20).default([]),
  notes: paragraph(2000, 0).optional(),
  photoIds: z.array(uuid).max(9).default([]),
  /** Evidence for one item (e.g. the blocked exit of a failed check): itemId → file ids; the item's case gets them. */
  itemPhotos: z.record(uuid, z.array(uuid).min(1).max(9)).default({}),
  /** 已走访 (the checklist is answered), 未遇 (a second try is planned), 拒访, 已搬离 (proposes the register change). */
  outcome: visitOutcome.default("visited"),
});
export type SubmitBody = z.infer<typeof submitBody>;

export const linkedCase = z.object({ id: uuid, number: z.string(), status: z.string(), categoryCode: z.string(), itemId: uuid.nullable() });
export const patrolPhoto = z.object({ id: uuid, itemId: uuid.nullable(), url: z.string(), thumbUrl: z.string() });

export const submission = z.object({
  id: uuid,
  clientId: z.string(),
  taskId: uuid,
  submittedBy: named,
  filledAt: z.string(),
  receivedAt: z.string(),
  answers: z.record(z.string(), z.unknown()),
  failures: z.array(z.string()),
  location: lngLat.nullable(),
  trackPoints: z.number(),
  trackMeters: z.number().nullable(),
  trackSeconds: z.number().nullable(),
  companions: z.array(z.string()),
  notes: z.string().nullable(),
  photos: z.array(patrolPhoto),
  cases: z.array(linkedCase),
});
export type Submission = z.infer<typeof submission>;

export const submitReply = z.object({
  replayed: z.boolean(),
  submission,
  task: z.object({ id: uuid, status: taskStatus, version: z.number(), doneAt: z.string().nullable() }),
  /** What the GPS filter kept; null without a track. */
  track: z.object({ received: z.number(), kept: z.number(), dropped: z.number() }).nullable(),
});

export const taskDetail = taskSummary.extend({
  template: templateDetail,
  plan: z.object({ id: uuid, frequency, active: z.boolean(), target: z.object({ type: z.enum(["person", "household", "place"]), id: uuid }) }),
  submissions: z.array(submission),
});

export const caseSourceReply = z.object({
  items: z.array(
    z.object({
      submissionId: uuid,
      taskId: uuid,
      targetKind,
      targetLabel: z.string(),
      templateName: z.string(),
      filledAt: z.string(),
      submittedBy: named,
      failures: z.array(z.object({ itemId: uuid, label: z.string(), answer: z.string() })),
    }),
  ),
});

// ---------------------------------------------------------------- ledgers and measures

export const targetLedgerQuery = z.strictObject({
  type: z.enum(["person", "household", "place"]),
  id: uuid,
});
export const ledgerAnswer = z.object({ itemId: uuid, label: z.string(), type: itemType, value: z.unknown(), display: z.string(), failed: z.boolean() });
export const targetLedgerReply = z.object({
  target: z.object({ type: z.enum(["person", "household", "place"]), id: uuid, label: z.string(), address: z.string().nullable() }),
  plans: z.array(z.object({ id: uuid, templateName: z.string(), targetKind, frequency, assignee: named, active: z.boolean(), startsOn: z.string() })),
  entries: z.array(
    z.object({
      submissionId: uuid,
      taskId: uuid,
      periodStart: z.string(),
      periodEnd: z.string(),
      filledAt: z.string(),
      onTime: z.boolean(),
      template: z.object({ id: uuid, name: z.string(), version: z.number() }),
      submittedBy: named,
      answers: z.array(ledgerAnswer),
      findings: z.array(z.string()),
      notes: z.string().nullable(),
      companions: z.array(z.string()),
      trackMeters: z.number().nullable(),
      trackSeconds: z.number().nullable(),
      photoCount: z.number(),
      cases: z.array(linkedCase),
    }),
  ),
  missed: z.array(z.object({ taskId: uuid, periodStart: z.string(), periodEnd: z.string() })),
});

export const monthlyLedgerQuery = z.strictObject({
  month,
  targetKind,
  /** The community or one grid of it; default: the caller's area (resolved to its community). */
  areaId: uuid.optional(),
});
export type MonthlyLedgerQuery = z.infer<typeof monthlyLedgerQuery>;
export const ledgerRow = z.object({
  seq: z.number(),
  date: z.string(),
  target: z.string(),
  address: z.string(),
  grid: z.string(),
  inspector: z.string(),
  results: z.string(),
  findings: z.string(),
  handling: z.string(),
  photoCount: z.number(),
});
export const ledgerTotals = z.object({ due: z.number(), visits: z.number(), findings: z.number(), cases: z.number(), missed: z.number() });
export const monthlyLedgerReply = z.object({
  title: z.string(),
  community: named,
  month: z.string(),
  targetKind,
  sheets: z.array(z.object({ grid: named.nullable(), name: z.string(), rows: z.array(ledgerRow), totals: ledgerTotals })),
  totals: ledgerTotals,
});
export type MonthlyLedger = z.infer<typeof monthlyLedgerReply>;

/** A month's tasks (their period ends in it), or with `day` the tasks whose period holds that day (the work of the current week, month or quarter). */
export const coverageQuery = z.strictObject({ month, day: day.optional(), areaId: uuid.optional(), targetKind: targetKind.optional() });
const coverageFigures = z.object({
  due: z.number(),
  done: z.number(),
  doneOnTime: z.number(),
  late: z.number(),
  missed: z.number(),
  open: z.number(),
  /** done / due, null without tasks due. */
  coverage: z.number().nullable(),
  /** done on time / due. */
  timeliness: z.number().nullable(),
});
export const coverageReply = z.object({
  area: named,
  month: z.string(),
  from: z.string(),
  to: z.string(),
  total: coverageFigures,
  byWorker: z.array(coverageFigures.extend({ worker: named })),
  byGrid: z.array(coverageFigures.extend({ grid: named.nullable() })),
  byKind: z.array(coverageFigures.extend({ targetKind })),
});
export type CoverageFigures = z.infer<typeof coverageFigures>;
