import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { deliberationMeasures, deliberationMeasuresQuery } from "../../../contracts/deliberation";
import { AppError } from "../../platform/errors";
import { signedIn } from "../../platform/http";
import { areaInScope, homeArea } from "../../platform/scope";
import { communityRoutes } from "./community-routes";
import { computeDeliberationMeasures } from "./measures";
import { meetingRoutes } from "./meeting-routes";
import { resolutionRoutes } from "./resolution-routes";
import { surveyRoutes } from "./survey-routes";
import { topicRoutes } from "./topic-routes";

/** 议事协商: topics, meetings, resolutions, opinion collection, the residents' view and the measures. */
export const deliberationRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(topicRoutes);
  await app.register(meetingRoutes);
  await app.register(resolutionRoutes);
  await app.register(surveyRoutes);
  await app.register(communityRoutes);

  const { db } = app.deps.database;
  app.get(
    "/deliberation/measures",
    {
      schema: { tags: ["deliberation"], summary: "Meetings by kind, topics settled, resolutions on time, problems settled by 五方联动, for an area and period", querystring: deliberationMeasuresQuery, response: { 200: deliberationMeasures } },
      config: { policy: "deliberation:read" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const q = request.query;
      if (q.from > q.to) throw new AppError("VALIDATION_FAILED", [{ path: "/from", message: "from is after to" }]);
      const area = q.areaId ? await areaInScope(db, user, q.areaId) : await homeArea(db, user);
      return { area: { id: area.id, name: area.name }, ...(await computeDeliberationMeasures(db, { areaPath: area.path, from: q.from, to: q.to })) };
    },
  );
};
