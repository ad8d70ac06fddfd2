import { z } from "zod";
import { uuid } from "./common";
import { code, cursor, instant, limit, line, lngLatInput, paragraph } from "./bounded";

/** The 12345 hotline's work-order number (工单编号). */
export const hotlineOrderNumber = z.string().max(40).regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, "letters, digits, _ and - only");

/** One work order transferred from the 12345 hotline (工单派发). */
export const hotlineOrderInput = z.strictObject({
  orderNumber: hotlineOrderNumber,
  /** The hotline's time limit (办结时限): it takes precedence over the category's. */
  deadline: instant(),
  callerName: line(40, 0).optional(),
  /** Personal data: encrypted at rest, masked in every answer. */
  callerPhone: z.string().max(20).regex(/^\+?[0-9 ()-]{5,20}$/, "a phone number").optional(),
  content: paragraph(2000),
  address: line(200, 0).optional(),
  categoryCode: code(40).optional(),
  location: lngLatInput.optional(),
  /** The community by name, for an order without a point sent with a street-wide key or by street staff. */
  community: line(40).optional(),
});
export type HotlineOrderInput = z.infer<typeof hotlineOrderInput>;

export const HOTLINE_BATCH_MAX = 500;
export const hotlineBatchBody = z.strictObject({ orders: z.array(hotlineOrderInput).min(1).max(HOTLINE_BATCH_MAX) });
export type HotlineBatchBody = z.infer<typeof hotlineBatchBody>;

export const HOTLINE_ROW_OUTCOMES = ["created", "already_imported", "already_closed", "repeated", "rejected", "valid"] as const;

/** What became of one order of a batch (or one row of a workbook). */
export const hotlineRowReport = z.object({
  row: z.number(),
  orderNumber: z.string(),
  /** `valid`: would have been created, but another row was rejected, so nothing was written. */
  outcome: z.enum(HOTLINE_ROW_OUTCOMES),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  errors: z.array(z.string()),
});
export type HotlineRowReport = z.infer<typeof hotlineRowReport>;

export const hotlineImportReport = z.object({
  /** False when a row was rejected: then nothing was written. */
  written: z.boolean(),
  total: z.number(),
  created: z.number(),
  alreadyImported: z.number(),
  alreadyClosed: z.number(),
  repeated: z.number(),
  rejected: z.number(),
  rows: z.array(hotlineRowReport),
});
export type HotlineImportReport = z.infer<typeof hotlineImportReport>;

/** The reply to the hotline (工单回复) once the case is closed: 处理结果 and 回访. */
export const hotlineReply = z.object({
  orderNumber: z.string(),
  caseId: uuid,
  caseNumber: z.string(),
  closedAt: z.string(),
  closureKind: z.string().nullable(),
  /** 处理结果: the handler's result, else the closure note, else what the closure kind means. */
  result: z.string(),
  referredTo: z.string().nullable(),
  /** 回访 satisfaction, when the caller was asked after closure. */
  satisfaction: z.enum(["satisfied", "basic", "unsatisfied"]).nullable(),
  satisfactionComment: z.string().nullable(),
  /** When the reply was last produced (closure, or the follow-up after it): the `since` of the next call. */
  repliedAt: z.string(),
});
export type HotlineReply = z.infer<typeof hotlineReply>;

export const hotlineRepliesQuery = z.strictObject({ since: instant().optional(), limit: limit(500, 100) });
export const hotlineRepliesAnswer = z.object({ items: z.array(hotlineReply), next: z.string().nullable() });

export const hotlineOrderItem = z.object({
  orderNumber: z.string(),
  caseId: uuid,
  caseNumber: z.string(),
  caseStatus: z.string(),
  community: z.string().nullable(),
  deadlineAt: z.string(),
  importedAt: z.string(),
  source: z.enum(["api", "xlsx"]),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  reply: hotlineReply.nullable(),
});
export type HotlineOrderItem = z.infer<typeof hotlineOrderItem>;
export const hotlineOrdersQuery = z.strictObject({ cursor: cursor.optional(), limit: limit(200, 50) });
export const hotlineOrderList = z.object({ items: z.array(hotlineOrderItem), total: z.number(), nextCursor: z.string().nullable() });

export const hotlineCaseParams = z.strictObject({ id: uuid });
export const hotlineCaseAnswer = z.object({ order: hotlineOrderItem.nullable() });
