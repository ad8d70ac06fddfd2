import { z } from "zod";

/** The kinds of work the 待办 inbox gathers, in the order the home page shows them. */
export const INBOX_KINDS = [
  "verify",
  "delay",
  "dispatch",
  "overdue",
  "dueSoon",
  "applications",
  "minutes",
  "resolutions",
  "coverage",
  "activities",
] as const;
export const inboxKind = z.enum(INBOX_KINDS);
export type InboxKind = z.infer<typeof inboxKind>;

/** One thing to do: what it is, when it is due, and where to act on it (a console path). */
export const inboxItem = z.object({
  id: z.string(),
  title: z.string(),
  /** A short second line: case number and category, the meeting's time, the grid's figures … */
  detail: z.string(),
  /** Due instant (ISO) or day (YYYY-MM-DD); null when the kind has no due time. */
  due: z.string().nullable(),
  overdue: z.boolean(),
  /** Console path that opens the item with its action. */
  link: z.string(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxGroup = z.object({
  kind: inboxKind,
  count: z.number(),
  /** The first items (at most 5), most urgent first. */
  items: z.array(inboxItem),
  /** Console path of the full list. */
  link: z.string(),
});
export type InboxGroup = z.infer<typeof inboxGroup>;

/** Numbers for the side navigation's badges: the work waiting in each section. */
export const inboxBadges = z.object({
  cases: z.number(),
  deliberation: z.number(),
  talent: z.number(),
  patrols: z.number(),
});
export type InboxBadges = z.infer<typeof inboxBadges>;

export const inboxReply = z.object({
  /** Only the kinds the caller's role works on (a role without talent review gets no applications). */
  groups: z.array(inboxGroup),
  badges: inboxBadges,
  /** Cases reported and closed per day this week (Monday to today), Beijing days. */
  week: z.array(z.object({ day: z.string(), reported: z.number(), closed: z.number() })),
});
export type InboxReply = z.infer<typeof inboxReply>;

export const inboxCountsReply = z.object({ badges: inboxBadges, total: z.number() });
export type InboxCountsReply = z.infer<typeof inboxCountsReply>;
