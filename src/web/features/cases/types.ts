import type { z } from "zod";
import type {
  caseListQuery,
  caseListReply,
  categoryItem,
  nearbyReply,
  CaseAction,
  CaseDetail,
  CaseSummary,
  Measures,
} from "../../../contracts/cases";

export type { CaseAction, CaseDetail, CaseSummary, Measures };
export type CaseStatus = CaseSummary["status"];
export type CaseLevel = CaseSummary["level"];
export type CaseChannel = CaseSummary["channel"];
export type CaseTimer = CaseSummary["timer"];
export type Rating = NonNullable<CaseSummary["rating"]>;
export type CaseCategory = z.infer<typeof categoryItem>;
export type CaseListReply = z.infer<typeof caseListReply>;
export type PublicCase = z.infer<typeof nearbyReply>["items"][number];
export type CaseEvent = CaseDetail["timeline"][number];
export type LngLat = [number, number];

/** The list filters a page can set (scope and paging are added by the hooks). */
export type CaseFilter = Partial<Omit<z.input<typeof caseListQuery>, "scope" | "cursor" | "limit">>;

/**
 * Every value of a union, in display order. The contract's own arrays live beside its zod
 * schemas, which the web bundle should not carry; this checks at compile time that a list
 * here names each value of the contract's type.
 */
const everyOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : { missing: Exclude<T, A[number]> })): A =>
    values;

export const STATUSES = everyOf<CaseStatus>()(["reported", "accepted", "dispatched", "in_progress", "handled", "verified", "closed"]);
export const LEVELS = everyOf<CaseLevel>()(["grid", "community", "street", "department"]);
export const CHANNELS = everyOf<CaseChannel>()(["resident_app", "rider_app", "grid_patrol", "phone", "hotline_12345", "partner_unit", "meeting", "open311"]);
export const RATINGS = everyOf<Rating>()(["satisfied", "basic", "unsatisfied"]);
/** The channels staff enter on someone's behalf. */
export const STAFF_CHANNELS = ["phone", "hotline_12345", "partner_unit", "meeting"] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];
