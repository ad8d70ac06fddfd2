import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { inboxCountsReply, inboxReply } from "../../../contracts/inbox";
import { signedIn } from "../../platform/http";
import { readInbox, readInboxCounts } from "./read-inbox";

const TAGS = ["inbox"];

/** The 待办 inbox of the console home, and its numbers for the navigation's badges. */
export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    "/inbox",
    { schema: { tags: TAGS, summary: "What needs the caller today: counts and the first items of each kind, with the week's trend", response: { 200: inboxReply } }, config: { policy: "inbox:read" } },
    async (request) => readInbox(db, signedIn(request).user),
  );

  app.get(
    "/inbox/counts",
    { schema: { tags: TAGS, summary: "The inbox's numbers for the navigation's badges", response: { 200: inboxCountsReply } }, config: { policy: "inbox:read" } },
    async (request) => readInboxCounts(db, signedIn(request).user),
  );
};
