import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idempotencyHeaders } from "../../../contracts/common";
import {
  anchorBody, communityQuery, completeBody, completeReply, created, figuresQuery, figuresReply, foundBody, guideBody, householdContactsReply,
  jointUnitBody, jointUnitsReply, memberBody, memberItem, memberListQuery, memberListReply, memberPatchBody, milestoneDoneBody, milestoneParams,
  activityOrganiserReply, myPartyReply, orgBody, organiserBody, organiserQuery, organiserRecordReply, orgPatchBody, partyIdParams, periodListQuery, projectBody, projectDetail,
  projectListReply, projectView, registerBody, serviceBody, surveyBody, treeReply, twoNewReply, unmaskBody, unmaskReply,
} from "../../../contracts/party";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { targetCommunity } from "../partners/community-scope";
import { partyFigures } from "./figures";
import { getOrganiser, linkJointUnit, listJointUnits, organiserRecord, setOrganiser } from "./joint";
import { createMember, getMember, householdContacts, listMembers, setAnchor, unmaskMember, updateMember } from "./members";
import { myParty, recordService, registerInService } from "./my-party";
import { partyMapRoutes } from "./map-routes";
import { completeProject, createProject, getProject, getPublicProject, listProjects, passMilestone } from "./projects";
import { createOrg, getTree, updateOrg } from "./tree";
import { found, guide, listTwoNew, survey } from "./two-new";
import { z } from "zod";
import { uuid } from "../../../contracts/common";

const TAGS = ["party"];
const placeParams = z.strictObject({ placeId: uuid });

/** 党建引领: the organisation tree, members, 两新, joint work, 书记领办 projects, figures, and the member's phone page. */
export const partyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;
  await app.register(partyMapRoutes);

  // ---- organisation tree
  app.get("/party/tree", { schema: { tags: TAGS, summary: "The organisation tree of a community: committee, branches, party groups", querystring: communityQuery, response: { 200: treeReply } }, config: { policy: "party:read" } }, async (request) =>
    getTree(db, signedIn(request).user, request.query.communityId),
  );
  app.post("/party/orgs", { schema: { tags: TAGS, summary: "Add a branch (grids or a 两新 organisation) or a party group (buildings)", headers: idempotencyHeaders, body: orgBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await createOrg(tx, ctx, request.body) })),
  );
  app.patch("/party/orgs/:id", { schema: { tags: TAGS, summary: "Rename an organisation, change its grids or buildings, name its leader", params: partyIdParams, body: orgPatchBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await updateOrg(tx, ctx, request.params.id, request.body) })),
  );

  // ---- members
  app.get("/party/members", { schema: { tags: TAGS, summary: "Members (names masked)", querystring: memberListQuery, response: { 200: memberListReply } }, config: { policy: "party:read" } }, async (request) =>
    listMembers(db, signedIn(request).user, request.query),
  );
  app.get("/party/members/:id", { schema: { tags: TAGS, summary: "One member (name masked)", params: partyIdParams, response: { 200: memberItem } }, config: { policy: "party:read" } }, async (request) =>
    getMember(db, signedIn(request).user, request.params.id),
  );
  app.post("/party/members", { schema: { tags: TAGS, summary: "Register a member of a branch (one branch per person)", headers: idempotencyHeaders, body: memberBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await createMember(tx, ctx, deps.cipher, request.body) })),
  );
  app.patch("/party/members/:id", { schema: { tags: TAGS, summary: "Move a member to another branch or group, or change their role", params: partyIdParams, body: memberPatchBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await updateMember(tx, ctx, request.params.id, request.body) })),
  );
  app.post("/party/members/:id/unmask", { schema: { tags: TAGS, summary: "A member's name, phone and details, for a stated reason (audited)", params: partyIdParams, body: unmaskBody, response: { 200: unmaskReply } }, config: { policy: "party:member:unmask" } }, async (request) =>
    unmaskMember(deps, signedIn(request), request.params.id, request.body.reason),
  );
  app.put("/party/members/:id/anchor", { schema: { tags: TAGS, summary: "Make the member's household a 中心户 looking after neighbouring households of its group", params: partyIdParams, body: anchorBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await setAnchor(tx, ctx, request.params.id, request.body.householdIds) })),
  );
  app.get("/party/households/:id/contacts", { schema: { tags: TAGS, summary: "The 楼栋长 and 中心户 of a household", params: partyIdParams, response: { 200: householdContactsReply } }, config: { policy: "party:contacts" } }, async (request) =>
    householdContacts(db, signedIn(request).user, request.params.id),
  );

  // ---- 两新
  app.get("/party/two-new", { schema: { tags: TAGS, summary: "两新 organisations surveyed, their stage and the coverage", querystring: periodListQuery, response: { 200: twoNewReply } }, config: { policy: "party:read" } }, async (request) =>
    listTwoNew(db, signedIn(request).user, request.query),
  );
  app.put("/party/two-new/:placeId", { schema: { tags: TAGS, summary: "摸排: employees and party members of a 两新 organisation", params: placeParams, body: surveyBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await survey(tx, ctx, request.params.placeId, request.body) })),
  );
  app.post("/party/two-new/:placeId/guide", { schema: { tags: TAGS, summary: "指导: assign a party-building instructor", params: placeParams, body: guideBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await guide(tx, ctx, request.params.placeId, request.body) })),
  );
  app.post("/party/two-new/:placeId/found", { schema: { tags: TAGS, summary: "成立党组织: its own branch, or a joint branch", params: placeParams, body: foundBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await found(tx, ctx, request.params.placeId, request.body) })),
  );

  // ---- joint work
  app.get("/party/joint-units", { schema: { tags: TAGS, summary: "兼职委员制 / 大党委 member units (partner units linked to the committee)", querystring: communityQuery, response: { 200: jointUnitsReply } }, config: { policy: "party:read" } }, async (request) =>
    listJointUnits(db, signedIn(request).user, request.query.communityId),
  );
  app.post("/party/joint-units", { schema: { tags: TAGS, summary: "Link a partner unit to the committee", headers: idempotencyHeaders, body: jointUnitBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await linkJointUnit(tx, ctx, request.body) })),
  );
  app.put("/party/activities/:id/organiser", { schema: { tags: TAGS, summary: "Who organised an activity (committee, branch, 工会, 团委, 妇联)", params: partyIdParams, body: organiserBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await setOrganiser(tx, ctx, request.params.id, request.body) })),
  );
  app.get("/party/activities/:id/organiser", { schema: { tags: TAGS, summary: "Who organised an activity", params: partyIdParams, response: { 200: activityOrganiserReply } }, config: { policy: "party:read" } }, async (request) =>
    getOrganiser(db, signedIn(request).user, request.params.id),
  );
  app.get("/party/organisers", { schema: { tags: TAGS, summary: "Each organiser's record of activities and hours in a period", querystring: organiserQuery, response: { 200: organiserRecordReply } }, config: { policy: "party:read" } }, async (request) =>
    organiserRecord(db, signedIn(request).user, request.query),
  );

  // ---- 书记领办 projects
  app.get("/party/projects", { schema: { tags: TAGS, summary: "Secretary-led projects, running first", querystring: periodListQuery, response: { 200: projectListReply } }, config: { policy: "party:read" } }, async (request) =>
    listProjects(db, signedIn(request).user, request.query),
  );
  app.get("/party/projects/:id", { schema: { tags: TAGS, summary: "A project with its origins and patrol plan", params: partyIdParams, response: { 200: projectDetail } }, config: { policy: "party:read" } }, async (request) =>
    getProject(db, signedIn(request).user, request.params.id),
  );
  app.post("/party/projects", { schema: { tags: TAGS, summary: "Start a secretary-led project", headers: idempotencyHeaders, body: projectBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await createProject(tx, ctx, request.body) })),
  );
  app.post("/party/projects/:id/milestones/:seq/done", { schema: { tags: TAGS, summary: "Pass a milestone with its day, note and photos", params: milestoneParams, body: milestoneDoneBody, response: { 200: created } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await passMilestone(tx, ctx, request.params.id, request.params.seq, request.body) })),
  );
  app.post("/party/projects/:id/complete", { schema: { tags: TAGS, summary: "Complete: patrol plan for the finished object, originating cases closed", params: partyIdParams, body: completeBody, response: { 200: completeReply } }, config: { policy: "party:write" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => completeProject(deps, tx, ctx, request.params.id, request.body)),
  );
  app.get("/community/projects", { schema: { tags: TAGS, summary: "Secretary-led projects of the caller's community (public progress)", response: { 200: projectListReply } }, config: { policy: "authenticated" } }, async (request) =>
    listProjects(db, signedIn(request).user),
  );
  app.get("/community/projects/:id", { schema: { tags: TAGS, summary: "A project's public page: progress, milestones, photos", params: partyIdParams, response: { 200: projectView } }, config: { policy: "authenticated" } }, async (request) =>
    getPublicProject(db, signedIn(request).user, request.params.id),
  );

  // ---- figures
  app.get("/party/figures", { schema: { tags: TAGS, summary: "The party's figures of a community for a period", querystring: figuresQuery, response: { 200: figuresReply } }, config: { policy: "party:read" } }, async (request) => {
    const { user } = signedIn(request);
    const community = await targetCommunity(db, user, request.query.communityId);
    const figures = await partyFigures.figures(db, { communityIds: [community.id], from: request.query.from, to: request.query.to });
    return { community: { id: community.id, name: community.name }, from: request.query.from, to: request.query.to, figures };
  });

  // ---- the member's phone
  app.get("/party/me", { schema: { tags: TAGS, summary: "The caller's branch, 中心户 households, branch activities, services and buildings' open cases", response: { 200: myPartyReply } }, config: { policy: "authenticated" } }, async (request) =>
    myParty(db, signedIn(request).user),
  );
  app.post("/party/me/register", { schema: { tags: TAGS, summary: "双报到: an in-service member registers with the community they live in", headers: idempotencyHeaders, body: registerBody, response: { 200: created } }, config: { policy: "authenticated" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await registerInService(tx, ctx, deps.cipher, request.body) })),
  );
  app.post("/party/me/services", { schema: { tags: TAGS, summary: "Record a service the member did", headers: idempotencyHeaders, body: serviceBody, response: { 200: created } }, config: { policy: "authenticated" } }, async (request) =>
    runWrite(deps, request, async (tx, ctx) => ({ value: await recordService(tx, ctx, request.body) })),
  );
};
