import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idempotencyHeaders } from "../../../contracts/common";
import {
  advanceBody,
  assignBody,
  assignReply,
  briefingBody,
  briefingListReply,
  campaignBody,
  campaignDetail,
  campaignListReply,
  cultivationBody,
  cultivationListQuery,
  cultivationListReply,
  documentsBody,
  enterpriseDetail,
  enterpriseListQuery,
  enterpriseListReply,
  enterprisePatchBody,
  eventBody,
  eventListReply,
  idParams,
  matchNeedBody,
  needListQuery,
  needListReply,
  needMatchesReply,
  okReply,
  periodAreaQuery,
  placeParams,
  referNeedBody,
  settleNeedBody,
  targetListReply,
  targetQuery,
  unmaskBody,
  unmaskReply,
  visitBody,
  visitReply,
} from "../../../contracts/enterprise";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { assignTargets, createCampaign, getCampaign, listCampaigns, listTargets } from "./campaigns";
import { addCandidate, advanceCultivation, listBriefings, listCultivations, recordBriefing, updateDocuments } from "./cultivation";
import { listEvents, recordEvent } from "./events";
import { getEnterprise, unmaskContact, updateEnterprise } from "./get-enterprise";
import { listEnterprises } from "./list-enterprises";
import { listNeeds, matchNeed, needMatches, referNeed, settleNeed } from "./needs";
import { recordVisit } from "./record-visit";

const TAGS = ["enterprise"];

/** 营商环境: enterprise records, visit campaigns and visits, needs, 入库 cultivation, business events. */
export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get("/enterprises", { schema: { tags: TAGS, summary: "Enterprises and shops of the caller's scope, key enterprises first", querystring: enterpriseListQuery, response: { 200: enterpriseListReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    listEnterprises(db, signedIn(request).user, request.query),
  );
  app.get("/enterprises/:id", { schema: { tags: TAGS, summary: "One enterprise record with its 入库 pipeline and engagement history", params: idParams, response: { 200: enterpriseDetail } }, config: { policy: "enterprise:read" } }, async (request) =>
    getEnterprise(deps, signedIn(request).user, request.params.id),
  );
  app.patch("/enterprises/:id", { schema: { tags: TAGS, summary: "Edit an enterprise's profile, credit code (checked) and contact", headers: idempotencyHeaders, params: idParams, body: enterprisePatchBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await updateEnterprise(deps, ctx, tx, request.params.id, request.body) })),
  );
  app.post(
    "/enterprises/:id/unmask",
    { schema: { tags: TAGS, summary: "Show the contact's full phone, for a typed reason (audited)", params: idParams, body: unmaskBody, response: { 200: unmaskReply } }, config: { policy: "enterprise:unmask", rateLimit: { max: 30, timeWindow: "1 minute" } } },
    async (request) => unmaskContact(deps, signedIn(request), request.params.id, request.body.reason),
  );
  app.post("/enterprises/:id/visits", { schema: { tags: TAGS, summary: "Record a visit to an enterprise with its needs and problems", headers: idempotencyHeaders, params: idParams, body: visitBody, response: { 200: visitReply } }, config: { policy: "enterprise:visit" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await recordVisit(ctx, tx, request.params.id, request.body) })),
  );

  app.get("/enterprise-campaigns", { schema: { tags: TAGS, summary: "Visit campaigns with their coverage", response: { 200: campaignListReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    listCampaigns(db, signedIn(request).user),
  );
  app.post("/enterprise-campaigns", { schema: { tags: TAGS, summary: "Create a visit campaign over enterprises, assigned to their grid workers", headers: idempotencyHeaders, body: campaignBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await createCampaign(ctx, tx, request.body) })),
  );
  app.get("/enterprise-campaigns/:id", { schema: { tags: TAGS, summary: "A campaign's coverage by grid and by worker", params: idParams, response: { 200: campaignDetail } }, config: { policy: "enterprise:read" } }, async (request) =>
    getCampaign(db, signedIn(request).user, request.params.id),
  );
  app.get("/enterprise-campaigns/:id/targets", { schema: { tags: TAGS, summary: "A campaign's targets the caller sees, not yet visited first", params: idParams, querystring: targetQuery, response: { 200: targetListReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    listTargets(db, signedIn(request).user, request.params.id, request.query),
  );
  app.post("/enterprise-campaigns/:id/assign", { schema: { tags: TAGS, summary: "Give targets of a campaign to another worker", headers: idempotencyHeaders, params: idParams, body: assignBody, response: { 200: assignReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await assignTargets(ctx, tx, request.params.id, request.body) })),
  );

  app.get("/enterprise-needs", { schema: { tags: TAGS, summary: "Enterprise needs, open first", querystring: needListQuery, response: { 200: needListReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    listNeeds(db, signedIn(request).user, request.query),
  );
  app.get("/enterprise-needs/:id/matches", { schema: { tags: TAGS, summary: "Partner offers that answer a need", params: idParams, response: { 200: needMatchesReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    needMatches(db, signedIn(request).user, request.params.id),
  );
  app.post("/enterprise-needs/:id/match", { schema: { tags: TAGS, summary: "Match a need to a partner unit's offer", headers: idempotencyHeaders, params: idParams, body: matchNeedBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await matchNeed(ctx, tx, request.params.id, request.body) })),
  );
  app.post("/enterprise-needs/:id/refer", { schema: { tags: TAGS, summary: "Turn a need into a case at the department that can settle it", headers: idempotencyHeaders, params: idParams, body: referNeedBody }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, (tx, ctx) => referNeed(deps, ctx, tx, request.params.id, request.body)),
  );
  app.post("/enterprise-needs/:id/settle", { schema: { tags: TAGS, summary: "Mark a need settled", headers: idempotencyHeaders, params: idParams, body: settleNeedBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await settleNeed(ctx, tx, request.params.id, request.body) })),
  );

  app.get("/cultivations", { schema: { tags: TAGS, summary: "The 入库 pipelines of the caller's scope", querystring: cultivationListQuery, response: { 200: cultivationListReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    listCultivations(db, signedIn(request).user, request.query),
  );
  app.post("/cultivations", { schema: { tags: TAGS, summary: "Put an enterprise on the 入库 pipeline as a candidate", headers: idempotencyHeaders, body: cultivationBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await addCandidate(ctx, tx, request.body) })),
  );
  app.post("/cultivations/:placeId/advance", { schema: { tags: TAGS, summary: "Move a 入库 pipeline one step", headers: idempotencyHeaders, params: placeParams, body: advanceBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await advanceCultivation(ctx, tx, request.params.placeId, request.body) })),
  );
  app.post("/cultivations/:placeId/documents", { schema: { tags: TAGS, summary: "Tick documents of the 入库 checklist", headers: idempotencyHeaders, params: placeParams, body: documentsBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await updateDocuments(ctx, tx, request.params.placeId, request.body) })),
  );
  app.get("/enterprise-briefings", { schema: { tags: TAGS, summary: "Door-to-door policy briefings", querystring: periodAreaQuery, response: { 200: briefingListReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    listBriefings(db, signedIn(request).user, request.query),
  );
  app.post("/enterprise-briefings", { schema: { tags: TAGS, summary: "Record a policy briefing covering one or several enterprises", headers: idempotencyHeaders, body: briefingBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await recordBriefing(ctx, tx, request.body) })),
  );

  app.get("/business-events", { schema: { tags: TAGS, summary: "Business events (政银企座谈会 …)", querystring: periodAreaQuery, response: { 200: eventListReply } }, config: { policy: "enterprise:read" } }, async (request) =>
    listEvents(db, signedIn(request).user, request.query),
  );
  app.post("/business-events", { schema: { tags: TAGS, summary: "Record a business event with its enterprises and follow-up needs", headers: idempotencyHeaders, body: eventBody, response: { 200: okReply } }, config: { policy: "enterprise:manage" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await recordEvent(ctx, tx, request.body) })),
  );
};
