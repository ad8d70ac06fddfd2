import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export const deliberationRoutes: FastifyPluginAsyncZod = async () => {};
