import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  calendarDayItem,
  calendarDayParams,
  calendarQuery,
  calendarReply,
  categoryParams,
  communityQuery,
  routingRuleItem,
  routingRulesReply,
  setCalendarDayBody,
  setRoutingRuleBody,
  setTimeLimitBody,
  timeLimitParams,
  timeLimitReply,
  timeLimitsReply,
} from "../../../contracts/case-settings";
import { ok } from "../../../contracts/common";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { reloadCalendar } from "./calendar";
import { clearCaseReferenceCache } from "./reference-cache";
import { listCalendarDays, removeCalendarDay, setCalendarDay } from "./settings-calendar";
import { listRoutingRules, removeRoutingRule, setRoutingRule } from "./settings-routing";
import { listTimeLimits, setTimeLimit } from "./settings-time-limits";
import { clearTimeLimitCache } from "./time-limits";

const TAGS = ["case settings"];

/** 事件设置: a community's routing rules, the time limits and the working calendar, editable while the server runs. */
export const caseSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  // Each change is one write (runWrite); the running process picks it up once it has committed.
  const routingChanged = () => clearCaseReferenceCache();
  const timeLimitsChanged = () => clearTimeLimitCache();
  const calendarChanged = () => reloadCalendar(deps.database.db, deps.calendar);

  app.get(
    "/case-settings/routing-rules",
    { schema: { tags: TAGS, summary: "A community's routing rules by category, with the staff who may be named handler", querystring: communityQuery, response: { 200: routingRulesReply } }, config: { policy: "case:configure" } },
    async (request) => listRoutingRules(deps, signedIn(request), request.query.communityId),
  );

  app.put(
    "/case-settings/routing-rules/:categoryCode",
    { schema: { tags: TAGS, summary: "Set a category's rule: start level and optional handler", params: categoryParams, body: setRoutingRuleBody, response: { 200: routingRuleItem } }, config: { policy: "case:configure" } },
    async (request) => {
      const item = await runWrite(deps, request, async (tx, ctx) => ({ value: await setRoutingRule(tx, ctx, request.params.categoryCode, request.body) }));
      routingChanged();
      return item;
    },
  );

  app.delete(
    "/case-settings/routing-rules/:categoryCode",
    { schema: { tags: TAGS, summary: "Remove a category's rule (its cases start at their grid again)", params: categoryParams, querystring: communityQuery, response: { 200: ok } }, config: { policy: "case:configure" } },
    async (request) => {
      const done = await runWrite(deps, request, async (tx, ctx) => {
        await removeRoutingRule(tx, ctx, request.params.categoryCode, request.query.communityId);
        return { value: { ok: true as const } };
      });
      routingChanged();
      return done;
    },
  );

  app.get(
    "/case-settings/time-limits",
    { schema: { tags: TAGS, summary: "Time to accept and to handle per category and level, in working hours", response: { 200: timeLimitsReply } }, config: { policy: "case:configure" } },
    async () => listTimeLimits(deps),
  );

  app.put(
    "/case-settings/time-limits/:categoryCode/:level",
    { schema: { tags: TAGS, summary: "Set a category's time limits at one level", params: timeLimitParams, body: setTimeLimitBody, response: { 200: timeLimitReply } }, config: { policy: "case:time-limits" } },
    async (request) => {
      const item = await runWrite(deps, request, async (tx, ctx) => ({ value: await setTimeLimit(tx, ctx, request.params.categoryCode, request.params.level, request.body) }));
      timeLimitsChanged();
      return item;
    },
  );

  app.get(
    "/case-settings/calendar",
    { schema: { tags: TAGS, summary: "A year's public holidays and adjusted working days (调休)", querystring: calendarQuery, response: { 200: calendarReply } }, config: { policy: "case:configure" } },
    async (request) => listCalendarDays(deps, request.query.year),
  );

  app.put(
    "/case-settings/calendar/:day",
    { schema: { tags: TAGS, summary: "Declare a day a holiday, or a weekend day a working day", params: calendarDayParams, body: setCalendarDayBody, response: { 200: calendarDayItem } }, config: { policy: "calendar:manage" } },
    async (request) => {
      const item = await runWrite(deps, request, async (tx, ctx) => ({ value: await setCalendarDay(tx, ctx, request.params.day, request.body) }));
      await calendarChanged();
      return item;
    },
  );

  app.delete(
    "/case-settings/calendar/:day",
    { schema: { tags: TAGS, summary: "Remove a day from the calendar", params: calendarDayParams, response: { 200: ok } }, config: { policy: "calendar:manage" } },
    async (request) => {
      const done = await runWrite(deps, request, async (tx, ctx) => {
        await removeCalendarDay(tx, ctx, request.params.day);
        return { value: { ok: true as const } };
      });
      await calendarChanged();
      return done;
    },
  );
};
