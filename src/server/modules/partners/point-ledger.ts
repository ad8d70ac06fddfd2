import { eq } from "drizzle-orm";
import { pointAccounts, pointEntries } from "../../db/schema/partners";
import type { DbOrTx, Tx } from "../../db/client";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";

export type PointKind = (typeof pointEntries.$inferInsert)["kind"];

/**
 * Locks a user's balance row (`FOR UPDATE`), creating it first if needed. Every change of hours or
 * points goes through here, so two spends of the same balance are serialised and see each other.
 * Lock order everywhere: the activity or reward row first, then the balance.
 */
export async function lockAccount(tx: Tx, userId: string) {
  await tx.insert(pointAccounts).values({ userId }).onConflictDoNothing();
  const [row] = await tx.select().from(pointAccounts).where(eq(pointAccounts.userId, userId)).for("update");
  return row;
}

/** Applies a change to a locked balance and records it with its reason; a balance never goes below 0. */
export async function postEntry(
  tx: Tx,
  input: { userId: string; hours: number; points: number; kind: PointKind; refId?: string | null; reason?: string | null; createdBy?: string | null },
): Promise<{ entryId: string; balance: { hours: number; points: number } }> {
  const account = await lockAccount(tx, input.userId);
  const hours = Math.round((account.hours + input.hours) * 100) / 100;
  const points = account.points + input.points;
  if (points < 0 || hours < 0) throw new AppError("CONFLICT", { reason: "insufficient_balance", balance: { hours: account.hours, points: account.points } });
  await tx.update(pointAccounts).set({ hours, points, updatedAt: new Date() }).where(eq(pointAccounts.userId, input.userId));
  const entryId = uuidv7();
  await tx.insert(pointEntries).values({
    id: entryId,
    userId: input.userId,
    hours: input.hours,
    points: input.points,
    kind: input.kind,
    refId: input.refId ?? null,
    reason: input.reason ?? null,
    createdBy: input.createdBy ?? null,
  });
  return { entryId, balance: { hours, points } };
}

export async function balanceOf(db: DbOrTx, userId: string) {
  const [row] = await db.select({ hours: pointAccounts.hours, points: pointAccounts.points }).from(pointAccounts).where(eq(pointAccounts.userId, userId));
  return row ?? { hours: 0, points: 0 };
}

