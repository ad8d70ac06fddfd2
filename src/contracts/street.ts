import { z } from "zod";
import { uuid } from "./common";
import { day, limit } from "./bounded";
import { caseSummary } from "./cases";

/** The period of the street comparison: Beijing days, inclusive; this month when left out. */
export const streetCompareQuery = z.strictObject({
  from: day().optional(),
  to: day().optional(),
});
export type StreetCompareQuery = z.infer<typeof streetCompareQuery>;

const rate = z.number().nullable();

/** One community's figures side by side with the others of the caller's scope. */
export const streetCommunityRow = z.object({
  community: z.object({ id: uuid, name: z.string() }),
  street: z.object({ id: uuid, name: z.string() }).nullable(),
  cases: z.object({
    total: z.number(),
    open: z.number(),
    resolved: z.number(),
    shareGrid: rate,
    shareCommunity: rate,
    shareBeyond: rate,
    overdueRate: rate,
    overdueOpen: z.number(),
    medianHoursToClose: rate,
    satisfactionRate: rate,
    rated: z.number(),
  }),
  /** null for a department officer (their view holds their department's cases only). */
  patrols: z.object({ due: z.number(), doneOnTime: z.number(), onTimeRate: rate }).nullable(),
  deliberation: z.object({ meetings: z.number(), resolutionsDone: z.number(), topicsSettled: z.number() }).nullable(),
  partners: z.object({ activities: z.number(), volunteerHours: z.number() }).nullable(),
});
export type StreetCommunityRow = z.infer<typeof streetCommunityRow>;

export const streetCompareReply = z.object({
  from: z.string(),
  to: z.string(),
  /** The caller's department when the figures are limited to it (department officers). */
  department: z.string().nullable(),
  items: z.array(streetCommunityRow),
});
export type StreetCompareReply = z.infer<typeof streetCompareReply>;

export const streetQueueQuery = z.strictObject({
  limit: limit(200, 50),
});
export const streetQueueReply = z.object({
  items: z.array(caseSummary.extend({ dueAt: z.string().nullable(), overdue: z.boolean() })),
  total: z.number(),
});
export type StreetQueueReply = z.infer<typeof streetQueueReply>;
