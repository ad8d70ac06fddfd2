import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  assigneeListReply,
  assigneeQuery,
  bulkPlansBody,
  bulkPlansReply,
  createPlanBody,
  generateBody,
  generateReply,
  idParams,
  planChangeReply,
  planListQuery,
  planListReply,
  planSummary,
} from "../../../contracts/patrols";
import { uuid } from "../../../contracts/common";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { notFound } from "../../platform/errors";
import { areaInScope } from "../../platform/scope";
import { createPlan } from "./create-plan";
import { assignInBulk } from "./assign-in-bulk";
import { deactivatePlan } from "./deactivate-plan";
import { reassignPlan } from "./reassign-plan";
import { generateForArea } from "./generate-for-area";
import { listAssignees } from "./list-assignees";
import { loadPlan, presentPlan, selectPlanPage } from "./plan-queries";

const TAGS = ["patrols"];

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/patrols/plans",
    { schema: { tags: TAGS, summary: "The differentiated list: plans of the caller's scope", querystring: planListQuery, response: { 200: planListReply } }, config: { policy: "patrol:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      const page = await selectPlanPage(db, user, request.query, areaPath);
      return { items: page.rows.map(presentPlan), nextCursor: page.nextCursor, total: page.total };
    },
  );

  app.get(
    "/patrols/plans/:id",
    { schema: { tags: TAGS, summary: "One plan", params: idParams, response: { 200: planSummary } }, config: { policy: "patrol:read" } },
    async (request) => {
      const row = await loadPlan(db, signedIn(request).user, request.params.id);
      if (!row) throw notFound("plan");
      return presentPlan(row);
    },
  );

  app.post(
    "/patrols/plans",
    { schema: { tags: TAGS, summary: "Put a target on the list (frequency from its care tags unless given)", body: createPlanBody, response: { 200: planSummary } }, config: { policy: "patrol:plan" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createPlan(tx, ctx, request.body) })),
  );

  app.post(
    "/patrols/plans/bulk",
    {
      schema: { tags: TAGS, summary: "Put every tagged person/household or every place of a kind of an area on the list", body: bulkPlansBody, response: { 200: bulkPlansReply } },
      config: { policy: "patrol:plan" },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await assignInBulk(tx, ctx, request.body) })),
  );

  app.post(
    "/patrols/plans/:id/deactivate",
    { schema: { tags: TAGS, summary: "Take a target off the list; its open tasks are cancelled", params: idParams, response: { 200: planChangeReply } }, config: { policy: "patrol:plan" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await deactivatePlan(tx, ctx, request.params.id) })),
  );

  app.post(
    "/patrols/plans/:id/reassign",
    {
      schema: { tags: TAGS, summary: "Give a plan and its open tasks to another grid worker", params: idParams, body: z.strictObject({ assigneeId: uuid }), response: { 200: planChangeReply } },
      config: { policy: "patrol:plan" },
    },
    async (request) => runWrite(deps, request, (tx, ctx) => reassignPlan(tx, ctx, request.params.id, request.body.assigneeId)),
  );

  app.get(
    "/patrols/assignees",
    {
      schema: { tags: TAGS, summary: "Grid workers and staff of the caller's scope who may be given patrol work (covering an area, when given)", querystring: assigneeQuery, response: { 200: assigneeListReply } },
      config: { policy: "patrol:plan" },
    },
    async (request) => listAssignees(db, signedIn(request).user, request.query.areaId),
  );

  app.post(
    "/patrols/tasks/generate",
    { schema: { tags: TAGS, summary: "Make the tasks of a community's plans up to a day (idempotent)", body: generateBody, response: { 200: generateReply } }, config: { policy: "patrol:plan" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await generateForArea(tx, ctx, request.body) })),
  );
};
