import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { idempotencyKeys } from "../db/schema/files";
import type { Db, Tx } from "../db/client";
import { AppError } from "./errors";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_RE = /^[A-Za-z0-9_\-:.]{8,100}$/;

function hashOf(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body ?? null)).digest("base64url");
}

/**
 * Runs a write at most once per (user, Idempotency-Key): the answer is stored in the same
 * transaction as the write, so a phone that retries after a lost answer gets the first answer
 * again, and a reused key with a different body is refused (409).
 */
export async function once<T>(
  db: Db,
  input: { userId: string; key: string | undefined; route: string; body: unknown },
  run: (tx: Tx) => Promise<T>,
): Promise<{ value: T; replayed: boolean }> {
  if (input.key === undefined) return { value: await db.transaction(run), replayed: false };
  if (!KEY_RE.test(input.key)) throw new AppError("VALIDATION_FAILED", [{ path: "/headers/idempotency-key", message: "8–100 characters of A–Z a–z 0–9 _ - : ." }]);
  const requestHash = hashOf(input.body);
  const lookup = async () => {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, input.userId), eq(idempotencyKeys.key, input.key!)))
      .limit(1);
    if (!row) return null;
    if (row.requestHash !== requestHash || row.route !== input.route) throw new AppError("IDEMPOTENCY_CONFLICT");
    return { value: JSON.parse(row.response) as T, replayed: true };
  };
  const earlier = await lookup();
  if (earlier) return earlier;
  try {
    const value = await db.transaction(async (tx) => {
      const v = await run(tx);
      await tx.insert(idempotencyKeys).values({
        userId: input.userId,
        key: input.key!,
        route: input.route,
        requestHash,
        statusCode: 200,
        response: JSON.stringify(v),
      });
      return v;
    });
    return { value, replayed: false };
  } catch (err) {
    // Two copies raced: the loser's transaction rolled back; answer with the winner's result.
    if ((err as { code?: string; cause?: { code?: string } }).code === "23505" || (err as { cause?: { code?: string } }).cause?.code === "23505") {
      const winner = await lookup();
      if (winner) return winner;
    }
    throw err;
  }
}
