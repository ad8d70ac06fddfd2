import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idempotencyHeaders } from "../../../contracts/common";
import { created, partyIdParams } from "../../../contracts/party";
import { committeeMemberBody, committeeMemberEndBody, committeeMembersQuery, committeeMembersReply } from "../../../contracts/party-committees";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { addCommitteeMember, endCommitteeMember, listCommitteeMembers } from "./committees";

const TAGS = ["party"];

/** 社区“两委”: who sits on the community's party committee and residents' committee. */
export const partyCommitteeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;
  app.get("/party/committee-members", { schema: { tags: TAGS, summary: "The 两委 members of a community (names masked), the 居民区 branch each leads", querystring: committeeMembersQuery, response: { 200: committeeMembersReply } }, config: { policy: "party:read" } }, async (request) =>
    listCommitteeMembers(db, signedIn(request).user, request.query),
  );
  app.post("/party/committee-members", { schema: { tags: TAGS, summary: "Put a resident on the party committee or the residents' committee", headers: idempotencyHeaders, body: committeeMemberBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await addCommitteeMember(tx, ctx, request.body) })),
  );
  app.post("/party/committee-members/:id/end", { schema: { tags: TAGS, summary: "End a 两委 member's term", params: partyIdParams, body: committeeMemberEndBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await endCommitteeMember(tx, ctx, request.params.id, request.body.toOn) })),
  );
};
