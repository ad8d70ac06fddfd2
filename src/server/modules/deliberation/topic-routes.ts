import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  candidateQuery,
  candidatesReply,
  createTopicBody,
  dropTopicBody,
  idParams,
  proposeTopicBody,
  supportReply,
  topicDetail,
  topicFromCasesBody,
  topicListQuery,
  topicListReply,
} from "../../../contracts/deliberation";
import { signedIn } from "../../platform/http";
import { areaInScope, homeArea } from "../../platform/scope";
import { createTopic } from "./create-topic";
import { dropTopic } from "./drop-topic";
import { findCandidateGroups } from "./find-candidates";
import { getTopic } from "./get-topic";
import { proposeTopic } from "./propose-topic";
import { putCasesOnAgenda } from "./put-cases-on-agenda";
import { runWrite } from "../../platform/write";
import { supportTopic } from "./support-topic";
import { presentTopic, selectTopicPage } from "./topic-queries";

const TAGS = ["deliberation"];
const created = z.object({ id: z.string().uuid() });

/** 议题: listed and detailed for staff; made by staff, from cases, or proposed by residents; supported by neighbours. */
export const topicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/topics",
    { schema: { tags: TAGS, summary: "Topics of the caller's scope (keyset pages)", querystring: topicListQuery, response: { 200: topicListReply } }, config: { policy: "deliberation:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      const page = await selectTopicPage(db, user, request.query, areaPath);
      return { items: page.rows.map(presentTopic), nextCursor: page.nextCursor, total: page.total, totalCapped: page.totalCapped };
    },
  );

  app.post(
    "/topics",
    { schema: { tags: TAGS, summary: "Raise a topic (staff)", body: createTopicBody, response: { 200: created } }, config: { policy: "topic:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createTopic(ctx, tx, request.body) })),
  );

  app.post(
    "/topics/from-cases",
    {
      schema: { tags: TAGS, summary: "Put cases on the agenda: a topic gathering them (or add them to a topic)", body: topicFromCasesBody, response: { 200: z.object({ id: z.string().uuid(), added: z.number() }) } },
      config: { policy: "topic:manage" },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await putCasesOnAgenda(ctx, tx, request.body) })),
  );

  app.get(
    "/topics/candidates",
    {
      schema: { tags: TAGS, summary: "Cases worth a meeting: repeated (same category and microgrid) or escalated, not yet on a topic", querystring: candidateQuery, response: { 200: candidatesReply } },
      config: { policy: "deliberation:read" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const area = request.query.areaId ? await areaInScope(db, user, request.query.areaId) : await homeArea(db, user);
      return { items: await findCandidateGroups(db, user, { areaPath: area.path, days: request.query.days, min: request.query.min, asOf: request.query.asOf }) };
    },
  );

  app.post(
    "/topics/proposals",
    { schema: { tags: TAGS, summary: "A resident's proposal from the phone", body: proposeTopicBody, response: { 200: created } }, config: { policy: "topic:propose", rateLimit: { max: 30, timeWindow: "1 minute" } } },
    async (request) => runWrite(deps, request, (tx, ctx) => proposeTopic(ctx, tx, request.body)),
  );

  app.get(
    "/topics/:id",
    { schema: { tags: TAGS, summary: "A topic with its cases, places, meetings and resolutions", params: idParams, response: { 200: topicDetail } }, config: { policy: "deliberation:read" } },
    async (request) => getTopic(db, signedIn(request), request.params.id),
  );

  app.post(
    "/topics/:id/supports",
    { schema: { tags: TAGS, summary: "Support a topic of one's community (once per person, not one's own)", params: idParams, response: { 200: supportReply } }, config: { policy: "topic:propose" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await supportTopic(ctx, tx, request.params.id) })),
  );

  app.post(
    "/topics/:id/drop",
    { schema: { tags: TAGS, summary: "Drop a topic that will not be deliberated", params: idParams, body: dropTopicBody, response: { 200: created } }, config: { policy: "topic:manage" } },
    async (request) => runWrite(deps, request, (tx, ctx) => dropTopic(ctx, tx, request.params.id, request.body.reason)),
  );
};
