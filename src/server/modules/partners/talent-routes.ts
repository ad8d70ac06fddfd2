import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import {
  applicationBody,
  applicationListQuery,
  applicationListReply,
  applicationReply,
  assignmentActionBody,
  assignmentBody,
  assignmentListQuery,
  assignmentListReply,
  callBody,
  callListReply,
  created,
  decisionBody,
  decisionReply,
  idParams,
  publicCallReply,
  slugParams,
  talentListQuery,
  talentListReply,
  teamBody,
  teamDetail,
  teamListReply,
  teamMemberBody,
  teamPatchBody,
} from "../../../contracts/partners";
import { ok, uuid } from "../../../contracts/common";
import { assignments, teamMembers, teams, talents } from "../../db/schema/partners";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { communityVisible } from "./community-scope";
import { createCall, signupUrl } from "./create-call";
import { applyToCall, getPublicCall } from "./apply-to-call";
import { reviewApplication } from "./review-application";
import { listApplications, listAssignments, listCalls, listTalents, listTeams, talentFilters } from "./talent-queries";
import { addTeamMember, createTeam, loadTeam, removeTeamMember, updateTeam } from "./manage-teams";
import { actOnAssignment, assignProblem } from "./assign-problem";
import { inAreaCommunities } from "../reports/drill-filter";

const TAGS = ["talent"];

/** The talent pool (治理人才库): recruitment calls with a public sign-up page, review, teams, assignments. */
export const talentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/public/recruitment/:slug",
    { schema: { tags: TAGS, summary: "Public sign-up page of a recruitment call", params: slugParams, response: { 200: publicCallReply } }, config: { policy: "public", rateLimit: { max: 60, timeWindow: "1 minute" } } },
    async (request) => getPublicCall(deps, request.params.slug),
  );

  app.post(
    "/public/recruitment/:slug/applications",
    {
      schema: {
        tags: TAGS,
        summary: "Answer a recruitment call (rate-limited; the answer is the same for every phone)",
        params: slugParams,
        body: applicationBody,
        response: { 200: applicationReply },
      },
      config: { policy: "public", rateLimit: { max: 5, timeWindow: "1 minute" } },
    },
    async (request) => applyToCall(deps, request.ctx, request.params.slug, request.body),
  );

  app.get(
    "/talent/calls",
    { schema: { tags: TAGS, summary: "Recruitment calls with their sign-up URL (for the QR code) and application counts", response: { 200: callListReply } }, config: { policy: "talent:manage" } },
    async (request) => ({ items: await listCalls(db, signedIn(request).user) }),
  );

  app.post(
    "/talent/calls",
    { schema: { tags: TAGS, summary: "Publish a recruitment call (招募令)", body: callBody, response: { 200: z.object({ id: uuid, slug: z.string(), signupUrl: z.string() }) } }, config: { policy: "talent:manage" } },
    async (request) => {
      const r = await runWrite(deps, request, async (tx, ctx) => ({ value: await createCall(ctx, tx, request.body) }));
      return { ...r, signupUrl: signupUrl(r.slug) };
    },
  );

  app.get(
    "/talent/applications",
    { schema: { tags: TAGS, summary: "Applications to review (phones masked)", querystring: applicationListQuery, response: { 200: applicationListReply } }, config: { policy: "talent:manage" } },
    async (request) => ({ items: await listApplications(db, signedIn(request).user, deps.cipher, request.query) }),
  );

  app.post(
    "/talent/applications/:id/decision",
    { schema: { tags: TAGS, summary: "Approve (into the pool, optionally a team) or reject an application", params: idParams, body: decisionBody, response: { 200: decisionReply } }, config: { policy: "talent:manage" } },
    async (request) => {
      return runWrite(deps, request, async (tx, ctx) => {
        const r = await reviewApplication(deps, ctx, tx, request.params.id, request.body);
        return { value: r.result, notify: r.notify };
      });
    },
  );

  app.get(
    "/talent/me",
    {
      schema: { tags: TAGS, summary: "The caller's place in the talent pool: their teams and what was handed to them", response: { 200: z.object({ talents: talentListReply.shape.items, assignments: assignmentListReply.shape.items }) } },
      config: { policy: "authenticated" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const mine = await db.select({ id: talents.id }).from(talents).where(eq(talents.userId, user.id));
      if (mine.length === 0) return { talents: [], assignments: [] };
      const ids = mine.map((m) => m.id);
      const { items } = await listTalents(db, inArray(talents.id, ids), 50);
      const led = await db.select({ id: teams.id }).from(teams).where(inArray(teams.leaderTalentId, ids));
      const where = or(inArray(assignments.talentId, ids), led.length ? inArray(assignments.teamId, led.map((t) => t.id)) : undefined);
      return { talents: items, assignments: await listAssignments(db, where, 100) };
    },
  );

  app.get(
    "/talent/talents",
    { schema: { tags: TAGS, summary: "The talent pool", querystring: talentListQuery, response: { 200: talentListReply } }, config: { policy: "partner:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const area = await inAreaCommunities(db, user, sql`${talents.communityId}`, request.query.areaId);
      return listTalents(db, talentFilters(user, request.query, area), request.query.limit);
    },
  );

  app.get(
    "/talent/teams",
    { schema: { tags: TAGS, summary: "Teams with leader, members and problems solved", querystring: z.strictObject({ communityId: uuid.optional() }), response: { 200: teamListReply } }, config: { policy: "partner:read" } },
    async (request) => {
      const { user } = signedIn(request);
      return { items: await listTeams(db, and(communityVisible(user, teams.communityId), request.query.communityId ? eq(teams.communityId, request.query.communityId) : undefined)) };
    },
  );

  app.post(
    "/talent/teams",
    { schema: { tags: TAGS, summary: "Form a team", body: teamBody, response: { 200: created } }, config: { policy: "talent:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createTeam(ctx, tx, request.body) })),
  );

  app.get(
    "/talent/teams/:id",
    { schema: { tags: TAGS, summary: "A team with its people and assignments", params: idParams, response: { 200: teamDetail } }, config: { policy: "partner:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const team = await loadTeam(db, user, request.params.id);
      const [item] = await listTeams(db, eq(teams.id, team.id));
      const people = await db
        .select({ id: talents.id, name: talents.name, category: talents.category, skills: talents.skills })
        .from(teamMembers)
        .innerJoin(talents, eq(talents.id, teamMembers.talentId))
        .where(eq(teamMembers.teamId, team.id))
        .orderBy(talents.name);
      return {
        ...item,
        people: people.map((p) => ({ ...p, leader: p.id === team.leaderTalentId })),
        assignments: await listAssignments(db, eq(assignments.teamId, team.id), 200),
      };
    },
  );

  app.patch(
    "/talent/teams/:id",
    { schema: { tags: TAGS, summary: "Rename a team or change its leader", params: idParams, body: teamPatchBody, response: { 200: ok } }, config: { policy: "talent:manage" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: await updateTeam(ctx, tx, request.params.id, request.body) }));
      return { ok: true as const };
    },
  );

  app.post(
    "/talent/teams/:id/members",
    { schema: { tags: TAGS, summary: "Add a talent to a team", params: idParams, body: teamMemberBody, response: { 200: ok } }, config: { policy: "talent:manage" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: await addTeamMember(ctx, tx, request.params.id, request.body.talentId) }));
      return { ok: true as const };
    },
  );

  app.delete(
    "/talent/teams/:id/members/:talentId",
    { schema: { tags: TAGS, summary: "Remove a talent from a team", params: z.strictObject({ id: uuid, talentId: uuid }), response: { 200: ok } }, config: { policy: "talent:manage" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: await removeTeamMember(ctx, tx, request.params.id, request.params.talentId) }));
      return { ok: true as const };
    },
  );

  app.get(
    "/talent/assignments",
    { schema: { tags: TAGS, summary: "Cases and topics handed to teams and people", querystring: assignmentListQuery, response: { 200: assignmentListReply } }, config: { policy: "partner:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const q = request.query;
      return {
        items: await listAssignments(
          db,
          and(
            communityVisible(user, assignments.communityId),
            q.teamId ? eq(assignments.teamId, q.teamId) : undefined,
            q.talentId ? eq(assignments.talentId, q.talentId) : undefined,
            q.status ? eq(assignments.status, q.status) : undefined,
          ),
          q.limit,
        ),
      };
    },
  );

  app.post(
    "/talent/assignments",
    { schema: { tags: TAGS, summary: "Hand a case or a topic to a team or a person", body: assignmentBody, response: { 200: created } }, config: { policy: "talent:manage" } },
    async (request) => {
      return runWrite(deps, request, async (tx, ctx) => {
        const r = await assignProblem(ctx, tx, request.body);
        return { value: { id: r.id }, notify: r.notify };
      });
    },
  );

  app.post(
    "/talent/assignments/:id/actions",
    {
      schema: { tags: TAGS, summary: "Mark an assignment solved, hand it back, or reopen it (staff; the assignee may solve or return)", params: idParams, body: assignmentActionBody, response: { 200: ok } },
      config: { policy: "authenticated" },
    },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: await actOnAssignment(ctx, tx, request.params.id, request.body) }));
      return { ok: true as const };
    },
  );
};
