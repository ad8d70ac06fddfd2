import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idempotencyHeaders } from "../../../contracts/common";
import { myCommunityReply, noticeBody, noticeCreated, noticeListQuery, noticeListReply, noticeParams, noticePatchBody } from "../../../contracts/notices";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { createNotice, listNotices, updateNotice, withdrawNotice } from "./manage-notices";
import { myCommunity } from "./my-community";

const TAGS = ["notices"];

/** Community notices (公告) and the resident's contacts in their community. */
export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/notices",
    {
      schema: { tags: TAGS, summary: "Notices of the caller's communities, pinned first then newest (writers may ask for withdrawn and expired ones too)", querystring: noticeListQuery, response: { 200: noticeListReply } },
      config: { policy: "authenticated" },
    },
    async (request) => listNotices(db, signedIn(request).user, request.query),
  );

  app.post(
    "/notices",
    { schema: { tags: TAGS, summary: "Publish a notice to a community", headers: idempotencyHeaders, body: noticeBody, response: { 200: noticeCreated } }, config: { policy: "notice:write" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createNotice(ctx, tx, request.body) })),
  );

  app.patch(
    "/notices/:id",
    { schema: { tags: TAGS, summary: "Edit a notice", params: noticeParams, body: noticePatchBody, response: { 200: noticeCreated } }, config: { policy: "notice:write" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await updateNotice(ctx, tx, request.params.id, request.body) })),
  );

  app.post(
    "/notices/:id/withdraw",
    { schema: { tags: TAGS, summary: "Withdraw a notice (kept, no longer shown to residents)", params: noticeParams, response: { 200: noticeCreated } }, config: { policy: "notice:write" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await withdrawNotice(ctx, tx, request.params.id) })),
  );

  app.get(
    "/my-community",
    { schema: { tags: TAGS, summary: "The caller's grid, its grid workers and the public service phone of the grid or community", response: { 200: myCommunityReply } }, config: { policy: "authenticated" } },
    async (request) => myCommunity(db, signedIn(request).user),
  );
};
