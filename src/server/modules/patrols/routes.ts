import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { templateRoutes } from "./template-routes";
import { planRoutes } from "./plan-routes";
import { taskRoutes } from "./task-routes";
import { ledgerRoutes } from "./ledger-routes";

/** Patrols and ledgers (巡查与台账): templates, plans, tasks and submissions, ledgers. */
export const patrolsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(templateRoutes);
  await app.register(planRoutes);
  await app.register(taskRoutes);
  await app.register(ledgerRoutes);
};
