import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams, publicMeetingsReply, publicQuestionnairesReply, publicTopic, publicTopicsQuery, publicTopicsReply } from "../../../contracts/deliberation";
import { signedIn } from "../../platform/http";
import { communityQuestionnaires, communityTopic, communityTopics, upcomingMeetings } from "./community-view";

const TAGS = ["deliberation"];

/** What residents see on the phone: their community's upcoming meetings, topics, resolutions and open questionnaires. */
export const communityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    "/community/meetings",
    { schema: { tags: TAGS, summary: "Upcoming public meetings of the caller's community", response: { 200: publicMeetingsReply } }, config: { policy: "authenticated" } },
    async (request) => ({ items: await upcomingMeetings(db, signedIn(request)) }),
  );

  app.get(
    "/community/topics",
    { schema: { tags: TAGS, summary: "Topics of the caller's community with resolutions and progress (nothing personal)", querystring: publicTopicsQuery, response: { 200: publicTopicsReply } }, config: { policy: "authenticated" } },
    async (request) => communityTopics(db, signedIn(request), request.query),
  );

  app.get(
    "/community/topics/:id",
    { schema: { tags: TAGS, summary: "One topic of the caller's community", params: idParams, response: { 200: publicTopic } }, config: { policy: "authenticated" } },
    async (request) => communityTopic(db, signedIn(request), request.params.id),
  );

  app.get(
    "/community/questionnaires",
    { schema: { tags: TAGS, summary: "Open questionnaires for the caller, and whether they answered", response: { 200: publicQuestionnairesReply } }, config: { policy: "authenticated" } },
    async (request) => ({ items: await communityQuestionnaires(db, signedIn(request)) }),
  );
};
