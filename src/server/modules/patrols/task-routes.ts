import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import {
  caseSourceReply,
  idParams,
  myTasksQuery,
  myTasksReply,
  reassignBody,
  routeQuery,
  routeReply,
  submission,
  submitBody,
  submitReply,
  taskDetail,
  taskListQuery,
  taskListReply,
  taskSummary,
} from "../../../contracts/patrols";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { notFound } from "../../platform/errors";
import { areaInScope } from "../../platform/scope";
import { listMyTasks } from "./list-my-tasks";
import { listTasks } from "./list-tasks";
import { getTask } from "./get-task";
import { submitPatrol } from "./submit-patrol";
import { reassignTask } from "./reassign-task";
import { orderByNearest } from "./plan-route";
import { caseSource } from "./case-source";
import { localDay } from "./periods";
import { presentTask } from "./task-queries";
import { selectSubmissions, submissionVisible } from "./submission-queries";

const TAGS = ["patrols"];

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/patrols/my/tasks",
    { schema: { tags: TAGS, summary: "The caller's tasks: today, this week or overdue, with counts", querystring: myTasksQuery, response: { 200: myTasksReply } }, config: { policy: "patrol:work" } },
    async (request) => {
      const { rows: _rows, ...reply } = await listMyTasks(db, signedIn(request).user, request.query);
      return reply;
    },
  );

  app.get(
    "/patrols/my/route",
    {
      schema: { tags: TAGS, summary: "A walking order through the caller's open tasks (nearest neighbour from a start point)", querystring: routeQuery, response: { 200: routeReply } },
      config: { policy: "patrol:work" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const q = request.query;
      const view = q.view === "overdue" ? "overdue" : q.view;
      const list = await listMyTasks(db, user, { ...q, view });
      const open = list.items.filter((t) => t.status !== "done");
      const start = q.lng !== undefined && q.lat !== undefined ? ([q.lng, q.lat] as [number, number]) : null;
      const { ordered, unplaced, totalMeters } = orderByNearest(open, start);
      return { start, totalMeters, items: ordered, unplaced };
    },
  );

  app.get(
    "/patrols/tasks",
    { schema: { tags: TAGS, summary: "Tasks of the caller's scope (console)", querystring: taskListQuery, response: { 200: taskListReply } }, config: { policy: "patrol:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      return listTasks(db, user, request.query, areaPath);
    },
  );

  app.get(
    "/patrols/tasks/:id",
    { schema: { tags: TAGS, summary: "A task with the checklist of its own template version and its submissions", params: idParams, response: { 200: taskDetail } }, config: { policy: "patrol:read" } },
    async (request) => getTask(db, signedIn(request).user, request.params.id),
  );

  app.post(
    "/patrols/tasks/:id/submissions",
    {
      schema: {
        tags: TAGS,
        summary: "Submit a filled checklist (idempotent on clientId; 409 reassigned / already_done)",
        params: idParams,
        body: submitBody,
        response: { 200: submitReply },
      },
      config: { policy: "patrol:work", rateLimit: { max: 600, timeWindow: "1 minute" } },
    },
    async (request) => submitPatrol(deps, request, request.params.id, request.body),
  );

  app.post(
    "/patrols/tasks/:id/reassign",
    { schema: { tags: TAGS, summary: "Give one task to someone else", params: idParams, body: reassignBody, response: { 200: taskSummary } }, config: { policy: "patrol:plan" } },
    async (request) => presentTask(await runWrite(deps, request, (tx, ctx) => reassignTask(tx, ctx, request.params.id, request.body)), localDay()),
  );

  app.get(
    "/patrols/submissions/:id",
    { schema: { tags: TAGS, summary: "One submission with photos and the cases it opened", params: idParams, response: { 200: submission } }, config: { policy: "patrol:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const [s] = await selectSubmissions(db, sql`s.id = ${request.params.id} AND ${submissionVisible(user)}`);
      if (!s) throw notFound("submission");
      return s;
    },
  );

  app.get(
    "/patrols/case-links/:id",
    { schema: { tags: TAGS, summary: "The patrol visits a case came from (case id; 404 for a case the caller may not read)", params: idParams, response: { 200: caseSourceReply } }, config: { policy: "patrol:read" } },
    async (request) => caseSource(db, signedIn(request).user, request.params.id),
  );
};
