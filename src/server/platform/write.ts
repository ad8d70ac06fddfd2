import type { FastifyRequest } from "fastify";
import type { Tx } from "../db/client";
import type { AppDeps } from "./deps";
import type { SignedInContext } from "./context";
import { AppError } from "./errors";
import { signedIn } from "./http";
import { IDEMPOTENCY_HEADER, once } from "./idempotency";
import type { NotificationInput, NotificationRow } from "./notify";

export type WriteResult<T> = { value: T; notify?: NotificationInput[] };

/** A unique-index violation (two writers raced past the use case's own check). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * The one write path of every module: runs one write use case in one transaction (at most once per
 * Idempotency-Key, so a phone that retries gets the first answer), stores its notifications in the
 * same transaction and pushes them after commit. A unique index that catches a race the use case's
 * check missed answers 409; a failed write leaves nothing behind.
 */
export async function runWrite<T>(
  deps: AppDeps,
  request: FastifyRequest,
  fn: (tx: Tx, ctx: SignedInContext) => Promise<WriteResult<T>>,
  options: { oneStatement?: boolean } = {},
): Promise<T> {
  const ctx = signedIn(request);
  const key = request.headers[IDEMPOTENCY_HEADER] as string | undefined;
  const input = { userId: ctx.user.id, key, route: `${request.method} ${request.url}`, body: request.body ?? null };
  // A use case whose writes are one SQL statement (atomic by itself, its reads before it) and that
  // asks for no notifications to be stored runs without BEGIN and COMMIT: two round trips fewer on
  // the hot path of reporting. With an Idempotency-Key the key's row must commit with it: a transaction.
  if (options.oneStatement && key === undefined) {
    return commitThenPush(deps, (body) => body(deps.database.db as unknown as Tx), async (tx) => {
      const r = await fn(tx, ctx);
      if (r.notify?.length) throw new Error("a one-statement write cannot store notifications afterwards");
      return r;
    }, () => false);
  }
  return commitThenPush(
    deps,
    async (body) => (await once(deps.database.db, input, body)).value,
    (tx) => fn(tx, ctx),
    (n) => n.userId !== ctx.user.id,
  );
}

/** The same write path for use cases that are not tied to one request (CLI, timers). */
export async function runSystemWrite<T>(deps: AppDeps, fn: (tx: Tx) => Promise<WriteResult<T>>): Promise<T> {
  return commitThenPush(deps, (body) => deps.database.db.transaction(body), fn, () => true);
}

/** Runs `fn` in the transaction `transact` opens, stores the notifications it keeps there, pushes them after commit. */
async function commitThenPush<T>(
  deps: AppDeps,
  transact: (body: (tx: Tx) => Promise<T>) => Promise<T>,
  fn: (tx: Tx) => Promise<WriteResult<T>>,
  keep: (n: NotificationInput) => boolean,
): Promise<T> {
  let pushed: NotificationRow[] = [];
  try {
    const value = await transact(async (tx) => {
      const r = await fn(tx);
      pushed = await deps.notifications.add(tx, (r.notify ?? []).filter(keep));
      return r.value;
    });
    deps.notifications.publish(pushed);
    return value;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", { reason: "duplicate" });
    throw err;
  }
}
