import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
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
import { once, IDEMPOTENCY_HEADER } from "../../platform/idempotency";
import type { NotificationRow } from "../../platform/notify";
import { areaInScope, homeArea } from "../../platform/scope";
import { AppError, notFound } from "../../platform/errors";
import { reportCase } from "./report-case";
import { actOnCase, caseInScope } from "./act-on-case";
import { getCase } from "./get-case";
import { selectCasePage } from "./queries";
import { presentSummary } from "./present-case";
import { selectNearby } from "./nearby";
import { computeMeasures } from "./measures";
import { exportCases } from "./export-cases";
import { canRead } from "./access";
import { TRANSITIONS } from "./workflow";

const TAGS = ["cases"];
const idemHeader = z.object({ [IDEMPOTENCY_HEADER]: z.string().max(200).optional() }).passthrough();

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
        headers: idemHeader,
        body: reportCaseBody,
        response: { 200: z.object({ id: z.string().uuid(), number: z.string(), replayed: z.boolean() }) },
      },
      config: { policy: "case:report", rateLimit: { max: 600, timeWindow: "1 minute" } },
    },
    async (request) => {
      const ctx = signedIn(request);
      const key = request.headers[IDEMPOTENCY_HEADER] as string | undefined;
      let pushed: NotificationRow[] = [];
      const { value, replayed } = await once(db, { userId: ctx.user.id, key, route: "POST /cases", body: request.body }, async (tx) => {
        const r = await reportCase(deps, ctx, tx, request.body);
        pushed = r.notified;
        return r.created;
      });
      deps.notifications.publish(pushed);
      return { id: value.id, number: value.number, replayed };
    },
  );

  app.get(
    "/cases",
    { schema: { tags: TAGS, summary: "List cases with filters (keyset pagination); scope=queue is the caller's work queue", querystring: caseListQuery, response: { 200: caseListReply } }, config: { policy: "authenticated" } },
    async (request) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      const page = await selectCasePage(db, user, request.query, areaPath);
      return { items: page.rows.map(presentSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/cases/export",
    { schema: { tags: TAGS, summary: "Export the filtered list as .xlsx", querystring: caseListQuery }, config: { policy: "case:export" } },
    async (request, reply) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      const buf = await exportCases(db, user, request.query, areaPath);
      const name = encodeURIComponent(`事件清单-${new Date().toISOString().slice(0, 10)}.xlsx`);
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
      items: (await selectNearby(db, { at: [request.query.lng, request.query.lat], radius: 100, days: 14, categoryCode: request.query.categoryCode, limit: 10 })).map((r) => ({
        ...r,
        description: r.description.slice(0, 80),
      })),
    }),
  );

  app.get(
    "/public/cases/nearby",
    {
      schema: { tags: TAGS, summary: "Public view: non-sensitive cases near a point (nothing personal)", querystring: nearbyQuery, response: { 200: nearbyReply } },
      config: { policy: "public", rateLimit: { max: 120, timeWindow: "1 minute" } },
    },
    async (request) => ({
      items: (await selectNearby(db, { at: [request.query.lng, request.query.lat], radius: request.query.radius, days: request.query.days, categoryCode: request.query.categoryCode })).map((r) => ({
        ...r,
        description: r.description.slice(0, 60),
      })),
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
      const [c] = await db.select().from(cases).where(eq(cases.id, request.params.id)).limit(1);
      if (!c || !canRead(ctx.user, c, await caseInScope(db, ctx, c))) throw notFound("case");
      const rows = await db
        .select({ id: users.id, name: users.displayName, role: users.role, area: areas.name })
        .from(users)
        .innerJoin(areas, eq(areas.id, users.areaId))
        .where(
          and(
            eq(users.status, "active"),
            inArray(users.role, ["grid_worker", "community_staff", "community_secretary", "branch_secretary"]),
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
        headers: idemHeader,
        body: transitionBody,
        response: { 200: caseDetail },
      },
      config: { policy: "authenticated" },
    },
    async (request) => {
      const ctx = signedIn(request);
      const key = request.headers[IDEMPOTENCY_HEADER] as string | undefined;
      let pushed: NotificationRow[] = [];
      await once(db, { userId: ctx.user.id, key, route: `POST /cases/${request.params.id}/transitions`, body: request.body }, async (tx) => {
        const r = await actOnCase(deps, ctx, tx, request.params.id, request.body);
        pushed = await deps.notifications.add(tx, r.notify);
        return { caseId: r.caseId, version: r.version };
      });
      deps.notifications.publish(pushed);
      return getCase(deps, ctx, request.params.id);
    },
  );
};
