import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sql } from "drizzle-orm";
import { errorBody } from "../../../contracts/common";
import { AppError } from "../../platform/errors";
import type { Db } from "../../db/client";

/** How long the readiness probe waits for `SELECT 1`. */
export const READY_TIMEOUT_MS = 2_000;

/** Whether the database answers `SELECT 1` within `timeoutMs`. */
export async function databaseAnswers(db: Db, timeoutMs = READY_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = db.execute(sql`SELECT 1`).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes for a load balancer or orchestrator: `live` says the process serves HTTP (restart it when
 * this fails), `ready` says it can reach its database (send it traffic when this is 200).
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.deps;

  app.get(
    "/health/live",
    {
      schema: { tags: ["health"], summary: "Liveness: the process answers HTTP", response: { 200: z.object({ status: z.literal("live") }) } },
      config: { policy: "public", sessionless: true },
    },
    async () => ({ status: "live" as const }),
  );

  app.get(
    "/health/ready",
    {
      schema: {
        tags: ["health"],
        summary: "Readiness: the database answers SELECT 1 within 2 s (else 503 DATABASE_UNAVAILABLE)",
        response: { 200: z.object({ status: z.literal("ready") }), 503: errorBody },
      },
      config: { policy: "public", sessionless: true },
    },
    async () => {
      if (!(await databaseAnswers(database.db))) throw new AppError("DATABASE_UNAVAILABLE");
      return { status: "ready" as const };
    },
  );
};
