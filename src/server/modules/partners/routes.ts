import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { unitRoutes } from "./unit-routes";
import { talentRoutes } from "./talent-routes";
import { activityRoutes } from "./activity-routes";
import { pointsRoutes } from "./points-routes";

/** Community partners (社区合伙人): units and agreements, the talent pool, activities, points and rewards, riders. */
export const partnersRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(unitRoutes);
  await app.register(talentRoutes);
  await app.register(activityRoutes);
  await app.register(pointsRoutes);
};
