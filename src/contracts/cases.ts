import { z } from "zod";
import { listTotal, lngLat, lngLatInput, uuid } from "./common";
import { code, cursor, day, int, limit, line, mobilePhone, num, paragraph, queryInt, queryLatitude, queryLongitude, queryNum } from "./bounded";

export const CASE_STATUS_VALUES = ["reported", "accepted", "dispatched", "in_progress", "handled", "verified", "closed"] as const;
export const CASE_LEVEL_VALUES = ["grid", "community", "street", "department"] as const;
export const CASE_CHANNEL_VALUES = ["resident_app", "rider_app", "grid_patrol", "phone", "hotline_12345", "partner_unit", "meeting", "open311"] as const;
export const CLOSURE_KIND_VALUES = ["resolved", "unable", "not_responsible", "duplicate", "withdrawn", "rejected"] as const;
export const CASE_ACTION_VALUES = [
  "accept", "reject", "take", "dispatch", "reassign", "start", "return", "handle", "verify", "rework", "close",
  "escalate", "request_delay", "approve_delay", "reject_delay", "urge", "merge", "withdraw", "reopen", "rate", "note",
  // the reporter's own: 催办 (at most once per Beijing calendar day) and 补充说明 (text and/or photos)
  "remind", "supplement",
] as const;
export const RATING_VALUES = ["satisfied", "basic", "unsatisfied"] as const;

export const caseStatus = z.enum(CASE_STATUS_VALUES);
export const caseLevel = z.enum(CASE_LEVEL_VALUES);
export const caseChannel = z.enum(CASE_CHANNEL_VALUES);
export const closureKind = z.enum(CLOSURE_KIND_VALUES);
export const caseAction = z.enum(CASE_ACTION_VALUES);
export type CaseAction = z.infer<typeof caseAction>;

const phone = mobilePhone;

/** A new case. Residents and riders send category, description, photos and place; staff add the channel and caller. */
export const reportCaseBody = z.strictObject({
  categoryCode: code(40),
  description: paragraph(2000),
  location: lngLatInput.optional(),
  address: line(200, 0).optional(),
  photoIds: z.array(uuid).max(9).default([]),
  anonymous: z.boolean().default(false),
  /** Staff entering a phone call, a 12345 transfer, a meeting or a partner unit's report. */
  channel: z.enum(["phone", "hotline_12345", "partner_unit", "meeting"]).optional(),
  reporterName: line(40, 0).optional(),
  reporterPhone: phone.optional(),
});
export type ReportCaseBody = z.infer<typeof reportCaseBody>;

export const caseIdParams = z.strictObject({ id: uuid });

export const transitionBody = z.strictObject({
  action: caseAction,
  /** Expected version of the case: a stale one answers 409. */
  version: int({ min: 1, max: 2_000_000_000 }).optional(),
  note: paragraph(2000, 0).optional(),
  handlerId: uuid.optional(),
  department: line(40).optional(),
  closureKind: z.enum(["resolved", "unable", "not_responsible"]).optional(),
  referredTo: line(100, 0).optional(),
  duplicateOfId: uuid.optional(),
  delayHours: num({ min: 0, max: 500 }).refine((h) => h > 0, "must be positive").optional(),
  rating: z.enum(RATING_VALUES).optional(),
  photoIds: z.array(uuid).max(9).default([]),
});
export type TransitionBody = z.infer<typeof transitionBody>;

const named = z.object({ id: uuid, name: z.string() }).nullable();

export const caseSummary = z.object({
  id: uuid,
  number: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  status: caseStatus,
  level: caseLevel,
  channel: caseChannel,
  mobileReporter: z.boolean(),
  timer: z.enum(["normal", "yellow", "red"]),
  closureKind: closureKind.nullable(),
  location: lngLat.nullable(),
  address: z.string().nullable(),
  community: named,
  grid: named,
  handler: named,
  department: z.string().nullable(),
  acceptDueAt: z.string().nullable(),
  handleDueAt: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  rating: z.enum(RATING_VALUES).nullable(),
  urgeCount: z.number(),
  /** The reporter's urges (催办). */
  remindCount: z.number(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const photo = z.object({
  id: uuid,
  url: z.string(),
  thumbUrl: z.string(),
  stage: z.enum(["report", "result", "note"]),
  /** The timeline entry the photo came with (a note, a result, the reporter's 补充说明). */
  eventId: uuid.nullable().optional(),
});

export const caseEvent = z.object({
  id: uuid,
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  level: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const caseDetail = caseSummary.extend({
  version: z.number(),
  reporterName: z.string().nullable(),
  /** Masked unless the caller may unmask. */
  reporterPhone: z.string().nullable(),
  anonymous: z.boolean(),
  resultText: z.string().nullable(),
  closureNote: z.string().nullable(),
  referredTo: z.string().nullable(),
  duplicateOfId: uuid.nullable(),
  closedByRef: z.string().nullable(),
  ratingComment: z.string().nullable(),
  delayRequestedHours: z.number().nullable(),
  levelsPassed: z.array(z.object({ level: caseLevel, at: z.string(), reason: z.string().nullable() })),
  photos: z.array(photo),
  timeline: z.array(caseEvent),
  /** What the caller may do now, from the workflow table. */
  actions: z.array(caseAction),
  isReporter: z.boolean(),
  /** When the reporter may urge (催办) again: null now, else the start of the next Beijing day. */
  remindAllowedAt: z.string().nullable(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseListQuery = z.strictObject({
  status: z.union([caseStatus, z.literal("open")]).optional(),
  categoryCode: code(40).optional(),
  areaId: uuid.optional(),
  /** One community of the caller's scope (404 outside it). */
  communityId: uuid.optional(),
  level: caseLevel.optional(),
  channel: caseChannel.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  /** The report's drill-downs: how a case was closed, a category group, several categories, the highest level reached, riders' reports. */
  closureKind: closureKind.optional(),
  groupCode: code(40).optional(),
  categoryCodes: z.string().max(400).regex(/^[a-z0-9_]{1,40}(,[a-z0-9_]{1,40}){0,19}$/, "comma-separated category codes").optional(),
  maxLevel: z.enum(["grid", "community", "beyond"]).optional(),
  rider: z.enum(["true"]).optional(),
  from: day().optional(),
  to: day().optional(),
  q: line(60, 0).optional(),
  /** "mine": the caller's queue (handler, or open cases of their grid). */
  scope: z.enum(["all", "queue", "reported"]).default("all"),
  /**
   * "urgent" (the default): open and overdue first (the longest overdue on top), then the other open
   * cases by the deadline that runs (acceptance or handling), due soonest first, then closed ones newest
   * first. "newest": by the time reported. The queue (scope=queue) keeps its own order.
   */
  sort: z.enum(["urgent", "newest"]).default("urgent"),
  cursor: cursor.optional(),
  limit: limit(200, 30),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;
export const caseListReply = z.object({ items: z.array(caseSummary), nextCursor: z.string().nullable(), ...listTotal });

export const categoryItem = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), groupCode: z.string(), sensitive: z.boolean() });
export const categoriesReply = z.object({ items: z.array(categoryItem) });

export const nearbyQuery = z.strictObject({
  lng: queryLongitude,
  lat: queryLatitude,
  radius: queryNum({ min: 10, max: 5000 }).default(500),
  categoryCode: code(40).optional(),
  days: queryInt({ min: 1, max: 365 }).default(30),
});
export const publicCase = z.object({
  id: uuid,
  number: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  status: caseStatus,
  closureKind: closureKind.nullable(),
  location: lngLat,
  distance: z.number(),
  createdAt: z.string(),
});
export const nearbyReply = z.object({ items: z.array(publicCase) });

export const measuresQuery = z.strictObject({
  areaId: uuid.optional(),
  from: day(),
  to: day(),
});
const countBy = z.array(z.object({ key: z.string(), name: z.string(), count: z.number(), resolved: z.number() }));
export const measuresReply = z.object({
  area: z.object({ id: uuid, name: z.string() }),
  from: z.string(),
  to: z.string(),
  total: z.number(),
  open: z.number(),
  closed: z.number(),
  byCategory: countBy,
  byGroup: countBy,
  byChannel: countBy,
  byStatus: countBy,
  byClosure: countBy,
  resolved: z.number(),
  resolvedAtGrid: z.number(),
  resolvedAtCommunity: z.number(),
  resolvedBeyond: z.number(),
  shareGrid: z.number().nullable(),
  shareCommunity: z.number().nullable(),
  shareBeyond: z.number().nullable(),
  medianHoursToAccept: z.number().nullable(),
  medianHoursToClose: z.number().nullable(),
  overdueRate: z.number().nullable(),
  overdueOpen: z.number(),
  satisfactionRate: z.number().nullable(),
  rated: z.number(),
  riderReports: z.number(),
  monthly: z.array(z.object({ month: z.string(), reported: z.number(), closed: z.number() })),
});
export type Measures = z.infer<typeof measuresReply>;

export const notificationItem = z.object({
  id: uuid,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationsReply = z.object({ items: z.array(notificationItem), unread: z.number(), ...listTotal });

export const fileReply = z.object({ id: uuid, url: z.string(), thumbUrl: z.string(), mime: z.string(), size: z.number(), width: z.number().nullable(), height: z.number().nullable() });
