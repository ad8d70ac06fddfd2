import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotencyHeaders } from "../../../contracts/common";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  caseDetail,
  caseIdParams,
  caseListQuery,
  caseListReply,
  categoriesReply,
  measuresQuery,
  measuresReply,
  nearbyQuery,
  nearbyReply,
  reportCaseBody,
  transitionBody,
} from "../../../contracts/cases";
import { caseCategories, cases } from "../../db/schema/cases";
import { users } from "../../db/schema/accounts";
import { areas } from "../../db/schema/areas";
import { signedIn } from "../../platform/http";
import type { NotificationRow } from "../../platform/notify";
import { areaInScope, homeArea } from "../../platform/scope";
import { AppError } from "../../platform/errors";
import { localDay } from "../../platform/clock";
import { findVisible } from "../../platform/access";
import { rolesOf } from "../../platform/roles";
import { runWrite } from "../../platform/write";
import { reportCase } from "./report-case";
import { actOnCase } from "./act-on-case";
import { getCase } from "./get-case";
import { countCases, selectCasePage, visibleCommunity } from "./queries";
import { presentSummary } from "./present-case";
import { selectNearby } from "./nearby";
import { computeMeasures } from "./measures";
import { exportCases } from "./export-cases";
import { caseVisible, type CaseRow } from "./access";
import { TRANSITIONS } from "./workflow";

const TAGS = ["cases"];

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/cases/categories",
    { schema: { tags: TAGS, summary: "Case categories", response: { 200: categoriesReply } }, config: { policy: "authenticated" } },
    async () => ({
      items: await db
        .select({ code: caseCategories.code, name: caseCategories.name, nameEn: caseCategories.nameEn, groupCode: caseCategories.groupCode, sensitive: caseCategories.sensitive })
        .from(caseCategories)
        .where(eq(caseCategories.active, true))
        .orderBy(asc(caseCategories.sortOrder)),
    }),
  );

  app.get(
    "/cases/workflow",
    { schema: { tags: TAGS, summary: "The case state machine: allowed transitions and who may make them" }, config: { policy: "authenticated" } },
    async () => ({ transitions: TRANSITIONS }),
  );

  app.post(
    "/cases",
    {
      schema: {
        tags: TAGS,
        summary: "Report a case (Idempotency-Key header makes retries safe)",
        headers: idempotencyHeaders,
        body: reportCaseBody,
        response: { 200: z.object({ id: z.string().uuid(), number: z.string(), replayed: z.boolean() }) },
      },
      config: { policy: "case:report", rateLimit: { max: 600, timeWindow: "1 minute" } },
    },
    async (request) => {
      // The report writes its notifications in its own single statement; they are pushed here once
      // the write has committed. A retry answered from the first write ran nothing (`replayed`).
      let written: { id: string; notified: NotificationRow[] } | null = null;
      const value = await runWrite(deps, request, async (tx, ctx) => {
        const r = await reportCase(deps, ctx, tx, request.body);
        written = { id: r.created.id, notified: r.notified };
        return { value: r.created };
      }, { oneStatement: request.body.photoIds.length === 0 });
      const mine = written as { id: string; notified: NotificationRow[] } | null;
      const replayed = mine?.id !== value.id;
      if (!replayed) deps.notifications.publish(mine!.notified);
      return { id: value.id, number: value.number, replayed };
    },
  );

  app.get(
    "/cases",
    { schema: { tags: TAGS, summary: "List cases with filters (keyset pagination); scope=queue is the caller's work queue", querystring: caseListQuery, response: { 200: caseListReply } }, config: { policy: "authenticated" } },
    async (request) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      if (request.query.communityId) await visibleCommunity(db, user, request.query.communityId);
      // The page and its count are independent reads: on PostgreSQL they run on two connections at once.
      const [page, total] = await Promise.all([selectCasePage(db, user, request.query, areaPath), countCases(db, user, request.query, areaPath)]);
      return { items: page.rows.map(presentSummary), nextCursor: page.nextCursor, ...total };
    },
  );

  app.get(
    "/cases/export",
    { schema: { tags: TAGS, summary: "Export the filtered list as .xlsx", querystring: caseListQuery }, config: { policy: "case:export" } },
    async (request, reply) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      if (request.query.communityId) await visibleCommunity(db, user, request.query.communityId);
      const buf = await exportCases(db, user, request.query, areaPath);
      const name = encodeURIComponent(`事件清单-${localDay()}.xlsx`);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="cases.xlsx"; filename*=UTF-8''${name}`)
        .send(buf);
    },
  );

  app.get(
    "/cases/similar",
    {
      schema: { tags: TAGS, summary: "Duplicate suggestion: same category within 100 m and 14 days", querystring: nearbyQuery.pick({ lng: true, lat: true, categoryCode: true }).strict(), response: { 200: nearbyReply } },
      config: { policy: "authenticated" },
    },
    async (request) => ({
      items: await selectNearby(db, {
        at: [request.query.lng, request.query.lat],
        radius: 100,
        days: 14,
        categoryCode: request.query.categoryCode,
        limit: 10,
        textMax: 80,
        viewer: signedIn(request).user,
      }),
    }),
  );

  app.get(
    "/public/cases/nearby",
    {
      schema: { tags: TAGS, summary: "Public view: non-sensitive cases near a point (nothing personal)", querystring: nearbyQuery, response: { 200: nearbyReply } },
      config: { policy: "public", rateLimit: { max: 120, timeWindow: "1 minute" } },
    },
    async (request) => ({
      items: await selectNearby(db, { at: [request.query.lng, request.query.lat], radius: request.query.radius, days: request.query.days, categoryCode: request.query.categoryCode, textMax: 60 }),
    }),
  );

  app.get(
    "/cases/measures",
    { schema: { tags: TAGS, summary: "Measures of 小事不出网格、大事不出社区 for an area and period", querystring: measuresQuery, response: { 200: measuresReply } }, config: { policy: "case:measures" } },
    async (request) => {
      const { user } = signedIn(request);
      const area = request.query.areaId ? await areaInScope(db, user, request.query.areaId) : await homeArea(db, user);
      if (request.query.from > request.query.to) throw new AppError("VALIDATION_FAILED", [{ path: "/from", message: "from is after to" }]);
      const m = await computeMeasures(db, { areaPath: area.path, areaLevel: area.level, from: request.query.from, to: request.query.to });
      return { area: { id: area.id, name: area.name }, ...m };
    },
  );

  app.get(
    "/cases/:id",
    { schema: { tags: TAGS, summary: "A case with timeline, photos and the caller's allowed actions", params: caseIdParams, response: { 200: caseDetail } }, config: { policy: "authenticated" } },
    async (request) => getCase(deps, signedIn(request), request.params.id),
  );

  app.get(
    "/cases/:id/handlers",
    {
      schema: { tags: TAGS, summary: "People a case can be dispatched to", params: caseIdParams, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), area: z.string() })) }) } },
      config: { policy: "case:read" },
    },
    async (request) => {
      const ctx = signedIn(request);
      const c = await findVisible<CaseRow>(db, cases, cases.id, request.params.id, caseVisible(ctx.user), "case");
      const rows = await db
        .select({ id: users.id, name: users.displayName, role: users.role, area: areas.name })
        .from(users)
        .innerJoin(areas, eq(areas.id, users.areaId))
        .where(
          and(
            eq(users.status, "active"),
            inArray(users.role, rolesOf("communityCaseHandlers")),
            sql`(${areas.communityId} = ${c.communityId})`,
          ),
        )
        .orderBy(asc(users.role), asc(users.username));
      return { items: rows };
    },
  );

  app.post(
    "/cases/:id/transitions",
    {
      schema: {
        tags: TAGS,
        summary: "Act on a case: one guarded transition of the workflow table",
        params: caseIdParams,
        headers: idempotencyHeaders,
        body: transitionBody,
        response: { 200: caseDetail },
      },
      config: { policy: "authenticated" },
    },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => {
        const r = await actOnCase(deps, ctx, tx, request.params.id, request.body);
        return { value: { caseId: r.caseId, version: r.version }, notify: r.notify };
      });
      return getCase(deps, signedIn(request), request.params.id);
    },
  );
};
