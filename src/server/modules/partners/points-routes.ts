import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  accountListQuery,
  accountListReply,
  correctionBody,
  correctionReply,
  created,
  idParams,
  redeemReply,
  rewardBody,
  rewardListReply,
  rewardPatchBody,
  riderFriendlyReply,
  riderQuery,
  riderServiceBody,
  userParams,
  volunteerRecord,
} from "../../../contracts/partners";
import { idempotencyHeaders, ok } from "../../../contracts/common";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { once, IDEMPOTENCY_HEADER } from "../../platform/idempotency";
import { can } from "../../platform/policy";
import { volunteerRecordOf } from "./my-record";
import { correctPoints, listAccounts, loadUserInScope } from "./correct-points";
import { createReward, listRewards, updateReward } from "./manage-rewards";
import { redeemReward } from "./redeem-reward";
import { createRiderService, riderFriendly } from "./rider-friendly";

const TAGS = ["points"];

/** Service hours and points, the reward catalogue, and the rider-friendly community. */
export const pointsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/points/me",
    { schema: { tags: TAGS, summary: "The caller's hours, points, entries and activities; riders also their reports as 流动网格员", response: { 200: volunteerRecord } }, config: { policy: "authenticated" } },
    async (request) => volunteerRecordOf(db, signedIn(request).user),
  );

  app.get(
    "/points/accounts",
    { schema: { tags: TAGS, summary: "Balances of the volunteers in scope", querystring: accountListQuery, response: { 200: accountListReply } }, config: { policy: "points:correct" } },
    async (request) => ({ items: await listAccounts(db, signedIn(request).user, request.query) }),
  );

  app.get(
    "/points/accounts/:userId",
    { schema: { tags: TAGS, summary: "One volunteer's record", params: userParams, response: { 200: volunteerRecord } }, config: { policy: "points:correct" } },
    async (request) => volunteerRecordOf(db, await loadUserInScope(db, signedIn(request).user, request.params.userId)),
  );

  app.post(
    "/points/corrections",
    { schema: { tags: TAGS, summary: "Correct hours or points with a reason (audited)", body: correctionBody, response: { 200: correctionReply } }, config: { policy: "points:correct" } },
    async (request) => {
      return runWrite(deps, request, async (tx, ctx) => ({ value: await correctPoints(ctx, tx, request.body) }));
    },
  );

  app.get(
    "/rewards",
    { schema: { tags: TAGS, summary: "The reward catalogue offered by partner units, with stock", response: { 200: rewardListReply } }, config: { policy: "authenticated" } },
    async (request) => {
      const { user } = signedIn(request);
      return { items: await listRewards(db, user, can(user.role, "reward:manage")) };
    },
  );

  app.post(
    "/rewards",
    { schema: { tags: TAGS, summary: "Add a catalogue item", body: rewardBody, response: { 200: created } }, config: { policy: "reward:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createReward(ctx, tx, request.body) })),
  );

  app.patch(
    "/rewards/:id",
    { schema: { tags: TAGS, summary: "Restock, reprice or withdraw an item", params: idParams, body: rewardPatchBody, response: { 200: ok } }, config: { policy: "reward:manage" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: await updateReward(ctx, tx, request.params.id, request.body) }));
      return { ok: true as const };
    },
  );

  app.post(
    "/rewards/:id/redeem",
    {
      schema: { tags: TAGS, summary: "Spend points on an item (409 when out of stock or short of points; Idempotency-Key makes retries safe)", params: idParams, headers: idempotencyHeaders, response: { 200: redeemReply } },
      config: { policy: "authenticated" },
    },
    async (request) => {
      const ctx = signedIn(request);
      const key = request.headers[IDEMPOTENCY_HEADER] as string | undefined;
      const { value, replayed } = await once(db, { userId: ctx.user.id, key, route: `POST /rewards/${request.params.id}/redeem`, body: null }, (tx) => redeemReward(ctx, tx, request.params.id));
      return { ...value, replayed };
    },
  );

  app.get(
    "/riders/friendly",
    { schema: { tags: ["riders"], summary: "Rider stations (amenities, hours, location) and rider services with their providers", querystring: riderQuery, response: { 200: riderFriendlyReply } }, config: { policy: "authenticated" } },
    async (request) => riderFriendly(db, signedIn(request).user, request.query.everywhere === "true" ? "everywhere" : request.query.communityId),
  );

  app.post(
    "/riders/services",
    { schema: { tags: ["riders"], summary: "Add a rider service (meal discount, green channel, temporary parking)", body: riderServiceBody, response: { 200: created } }, config: { policy: "partner:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createRiderService(ctx, tx, request.body) })),
  );
};
