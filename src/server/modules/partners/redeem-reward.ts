import { and, eq, sql } from "drizzle-orm";
import { redemptions, rewards } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath, communityVisible } from "./community-scope";
import { postEntry } from "./point-ledger";

/**
 * Spends points on a catalogue item, all in the caller's transaction: the reward row is locked
 * (`FOR UPDATE`) and its stock checked, then the balance row is locked and checked, then stock,
 * balance, redemption and entry are written together. Two concurrent redemptions of one balance
 * are serialised on the balance lock, so exactly one succeeds; the other, like an empty stock or
 * too few points, answers 409 and leaves nothing behind.
 */
export async function redeemReward(ctx: SignedInContext, tx: Tx, rewardId: string) {
  const [r] = await tx.select().from(rewards).where(and(eq(rewards.id, rewardId), communityVisible(ctx.user, rewards.communityId))).limit(1).for("update");
  if (!r || !r.active) throw notFound("reward");
  if (r.stock <= 0) throw new AppError("CONFLICT", { reason: "out_of_stock" });
  const { balance } = await postEntry(tx, { userId: ctx.user.id, hours: 0, points: -r.cost, kind: "redemption", refId: r.id, reason: r.name }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "CONFLICT") throw new AppError("CONFLICT", { reason: "insufficient_points", cost: r.cost });
    throw err;
  });
  const [after] = await tx.update(rewards).set({ stock: sql`${rewards.stock} - 1` }).where(eq(rewards.id, r.id)).returning({ stock: rewards.stock });
  const redemptionId = uuidv7();
  await tx.insert(redemptions).values({ id: redemptionId, rewardId: r.id, userId: ctx.user.id, cost: r.cost });
  await writeAudit(tx, ctx, { action: "reward.redeem", targetType: "reward", targetId: r.id, areaPath: communityPath(r.communityId), after: { redemptionId, cost: r.cost, balance, stock: after.stock } });
  return { redemptionId, balance, stock: after.stock };
}
