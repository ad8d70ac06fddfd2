import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { and, eq, sql } from "drizzle-orm";
import { countCapped } from "../../db/count-capped";
import { completeBody, idParams, progressBody, resolutionDetail, resolutionListQuery, resolutionListReply } from "../../../contracts/deliberation";
import { resolutions, topics } from "../../db/schema/deliberation";
import { signedIn } from "../../platform/http";
import { areaInScope, inScope } from "../../platform/scope";
import { completeResolution } from "./complete-resolution";
import { getResolution } from "./get-resolution";
import { reportProgress } from "./report-progress";
import { overdueSql, presentResolution, resolutionsUnder, selectResolutions } from "./resolution-queries";
import { runWrite } from "../../platform/write";
import { drillPeriod, inPeriod } from "../reports/drill-filter";

const TAGS = ["deliberation"];

/** Resolutions followed until done: the list (overdue ones for the dashboard), progress with photos, done. */
export const resolutionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/resolutions",
    { schema: { tags: TAGS, summary: "Resolutions of the caller's scope; status=overdue lists the open ones past due", querystring: resolutionListQuery, response: { 200: resolutionListReply } }, config: { policy: "deliberation:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const q = request.query;
      const areaPath = q.areaId ? (await areaInScope(db, user, q.areaId)).path : null;
      // A report's drill-down: resolutions carried out in the period with status=done, else decided in it.
      const period = drillPeriod(q);
      const dated = q.status === "done" ? sql`(${resolutions.doneAt} AT TIME ZONE 'Asia/Shanghai')::date` : sql`(${resolutions.createdAt} AT TIME ZONE 'Asia/Shanghai')::date`;
      const where = and(
        period ? inPeriod(dated, period) : undefined,
        inScope(user, topics.areaId),
        areaPath ? resolutionsUnder(areaPath) : undefined,
        q.status === "overdue" ? overdueSql : q.status ? eq(resolutions.status, q.status) : undefined,
        q.fiveParty ? eq(resolutions.fiveParty, q.fiveParty === "true") : undefined,
      );
      // Open ones due soonest first (the most overdue on top), then the others newest first.
      const items = (await selectResolutions(db, where, q.limit)).map(presentResolution);
      const total = await countCapped(db, db.select({ one: sql`1` }).from(resolutions).innerJoin(topics, eq(topics.id, resolutions.topicId)).where(where));
      return { items, ...total };
    },
  );

  app.get(
    "/resolutions/:id",
    { schema: { tags: TAGS, summary: "A resolution with its progress, linked cases and what the caller may do", params: idParams, response: { 200: resolutionDetail } }, config: { policy: "authenticated" } },
    async (request) => getResolution(db, signedIn(request), request.params.id),
  );

  app.post(
    "/resolutions/:id/progress",
    {
      schema: { tags: TAGS, summary: "Report progress (text, photos, percent) — an owner or the community's staff", params: idParams, body: progressBody, response: { 200: z.object({ id: z.string().uuid(), updateId: z.string().uuid(), version: z.number() }) } },
      config: { policy: "authenticated" },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await reportProgress(ctx, tx, request.params.id, request.body) })),
  );

  app.post(
    "/resolutions/:id/complete",
    {
      schema: {
        tags: TAGS,
        summary: "Mark done (owners only): linked cases close with a reference to it, reporters are told, the topic settles",
        params: idParams,
        body: completeBody,
        response: { 200: z.object({ id: z.string().uuid(), closedCases: z.array(z.string().uuid()), topicStatus: z.string() }) },
      },
      config: { policy: "authenticated" },
    },
    async (request) => runWrite(deps, request, (tx, ctx) => completeResolution(deps, ctx, tx, request.params.id, request.body)),
  );
};
