import type { FastifyRequest } from "fastify";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { signedIn } from "../../platform/http";
import { IDEMPOTENCY_HEADER, once } from "../../platform/idempotency";
import type { NotificationInput, NotificationRow } from "../../platform/notify";
import { isUniqueViolation } from "./access";

export type WriteResult<T> = { value: T; notify?: NotificationInput[] };

/**
 * Runs one write use case in one transaction (at most once per Idempotency-Key, so a phone that
 * retries gets the first answer), stores its notifications in the same transaction and pushes
 * them after commit. A unique index that catches a race the use case's check missed answers 409.
 */
export async function runWrite<T>(
  deps: AppDeps,
  request: FastifyRequest,
  fn: (tx: Tx, ctx: SignedInContext) => Promise<WriteResult<T>>,
): Promise<T> {
  const ctx = signedIn(request);
  const key = request.headers[IDEMPOTENCY_HEADER] as string | undefined;
  let pushed: NotificationRow[] = [];
  try {
    const { value } = await once(deps.database.db, { userId: ctx.user.id, key, route: `${request.method} ${request.url}`, body: request.body ?? null }, async (tx) => {
      const r = await fn(tx, ctx);
      pushed = await deps.notifications.add(tx, (r.notify ?? []).filter((n) => n.userId !== ctx.user.id));
      return r.value;
    });
    deps.notifications.publish(pushed);
    return value;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", { reason: "duplicate" });
    throw err;
  }
}
