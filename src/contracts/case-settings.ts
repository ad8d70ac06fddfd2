import { z } from "zod";
import { role, uuid } from "./common";
import { caseLevel } from "./cases";
import { code, day, line, num, year } from "./bounded";

/** Levels a routing rule may start a case at: its grid, or straight at the community (a skip rule). */
export const ROUTING_LEVEL_VALUES = ["grid", "community"] as const;
export const routingLevel = z.enum(ROUTING_LEVEL_VALUES);
export type RoutingLevel = z.infer<typeof routingLevel>;

/** Upper bound of a time limit, in working hours (about 100 working days). */
export const MAX_LIMIT_HOURS = 720;
/** The years the working calendar may hold. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

const categoryCode = code(40);

/** Which community's rules; staff of a community may leave it out (their own). */
export const communityQuery = z.strictObject({ communityId: uuid.optional() });
export const categoryParams = z.strictObject({ categoryCode });

export const handlerItem = z.object({ id: uuid, name: z.string(), role, areaName: z.string().nullable() });
export type RuleHandler = z.infer<typeof handlerItem>;

export const routingRuleItem = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  /** null: no rule, the case starts at the grid of its place (or the community dispatcher). */
  rule: z.object({ level: routingLevel, handler: handlerItem.nullable() }).nullable(),
});
export type RoutingRuleItem = z.infer<typeof routingRuleItem>;

export const routingRulesReply = z.object({
  community: z.object({ id: uuid, name: z.string() }),
  items: z.array(routingRuleItem),
  /** Active staff of the community who may be named as a rule's handler. */
  handlers: z.array(handlerItem),
});
export type RoutingRulesReply = z.infer<typeof routingRulesReply>;

export const setRoutingRuleBody = z.strictObject({
  communityId: uuid.optional(),
  level: routingLevel,
  handlerId: uuid.nullable().default(null),
});
export type SetRoutingRuleBody = z.input<typeof setRoutingRuleBody>;

const hours = num({ min: 0, max: MAX_LIMIT_HOURS }).refine((h) => h > 0, "must be positive");

export const timeLimitLevel = z.object({ level: caseLevel, acceptHours: z.number().nullable(), handleHours: z.number().nullable() });
export const timeLimitItem = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  categoryNameEn: z.string(),
  /** One entry per level; null hours: not configured, the built-in default applies. */
  levels: z.array(timeLimitLevel),
});
export type TimeLimitItem = z.infer<typeof timeLimitItem>;
export const timeLimitsReply = z.object({ items: z.array(timeLimitItem), maxHours: z.number() });
export type TimeLimitsReply = z.infer<typeof timeLimitsReply>;

export const timeLimitParams = z.strictObject({ categoryCode, level: caseLevel });
export const setTimeLimitBody = z.strictObject({ acceptHours: hours, handleHours: hours });
export type SetTimeLimitBody = z.infer<typeof setTimeLimitBody>;
export const timeLimitReply = z.object({ categoryCode: z.string(), level: caseLevel, acceptHours: z.number(), handleHours: z.number() });

/** A calendar day as YYYY-MM-DD that exists (no 2025-02-30) within the supported years. */
export const calendarDate = day({ min: `${CALENDAR_MIN_YEAR}-01-01`, max: `${CALENDAR_MAX_YEAR}-12-31` });

export const CALENDAR_KIND_VALUES = ["holiday", "workday"] as const;
export const calendarKind = z.enum(CALENDAR_KIND_VALUES);
export type CalendarKind = z.infer<typeof calendarKind>;

export const calendarQuery = z.strictObject({ year: year(CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR) });
export const calendarDayItem = z.object({ day: z.string(), kind: calendarKind, name: z.string() });
export type CalendarDayItem = z.infer<typeof calendarDayItem>;
export const calendarReply = z.object({ year: z.number(), items: z.array(calendarDayItem) });
export const calendarDayParams = z.strictObject({ day: calendarDate });
/** A holiday (any day) or a weekend day made a working day (调休), with its name, e.g. 春节 / 春节调休. */
export const setCalendarDayBody = z.strictObject({ kind: calendarKind, name: line(40) });
export type SetCalendarDayBody = z.infer<typeof setCalendarDayBody>;
