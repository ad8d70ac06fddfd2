import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { streetCompareQuery, streetCompareReply, streetQueueQuery, streetQueueReply } from "../../../contracts/street";
import { signedIn } from "../../platform/http";
import { compareCommunities } from "./compare-communities";
import { streetQueue } from "./street-queue";

const TAGS = ["street"];

/** The street officer's view: the communities of the caller's scope side by side, and the street-level queue. */
export const streetRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    "/street/compare",
    {
      schema: { tags: TAGS, summary: "The communities of the caller's scope side by side for a period (this month by default)", querystring: streetCompareQuery, response: { 200: streetCompareReply } },
      config: { policy: "street:compare" },
    },
    async (request) => compareCommunities(db, signedIn(request).user, request.query),
  );

  app.get(
    "/street/queue",
    {
      schema: { tags: TAGS, summary: "Open cases escalated to the street or handed to departments: overdue first, then the soonest due", querystring: streetQueueQuery, response: { 200: streetQueueReply } },
      config: { policy: "street:compare" },
    },
    async (request) => streetQueue(db, signedIn(request).user, request.query.limit),
  );
};
