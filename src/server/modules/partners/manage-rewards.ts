import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { rewardBody, rewardPatchBody } from "../../../contracts/partners";
import { partnerUnits, rewards } from "../../db/schema/partners";
import type { DbOrTx, Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath, communityVisible, targetCommunity } from "./community-scope";

/** The reward catalogue of the communities the user sees; residents see only active items. */
export async function listRewards(db: DbOrTx, user: AuthUser, all: boolean) {
  const rows = await db
    .select({ r: rewards, unitName: partnerUnits.name })
    .from(rewards)
    .leftJoin(partnerUnits, eq(partnerUnits.id, rewards.unitId))
    .where(and(communityVisible(user, rewards.communityId), all ? undefined : eq(rewards.active, true)))
    .orderBy(asc(rewards.cost), asc(rewards.name));
  return rows.map(({ r, unitName }) => ({ id: r.id, name: r.name, cost: r.cost, stock: r.stock, active: r.active, unit: r.unitId && unitName ? { id: r.unitId, name: unitName } : null }));
}

/** A catalogue item offered by a partner unit (or the community itself), with its stock. */
export async function createReward(ctx: SignedInContext, tx: Tx, body: z.infer<typeof rewardBody>): Promise<{ id: string }> {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  if (body.unitId) {
    const [u] = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.id, body.unitId), eq(partnerUnits.communityId, community.id))).limit(1);
    if (!u) throw new AppError("VALIDATION_FAILED", [{ path: "/unitId", message: "unknown unit in this community" }]);
  }
  const id = uuidv7();
  await tx.insert(rewards).values({ id, communityId: community.id, unitId: body.unitId ?? null, name: body.name, cost: body.cost, stock: body.stock });
  await writeAudit(tx, ctx, { action: "reward.create", targetType: "reward", targetId: id, areaPath: communityPath(community.id), after: body });
  return { id };
}

/** Restocks, reprices or withdraws an item; the row lock keeps it consistent with redemptions. */
export async function updateReward(ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof rewardPatchBody>): Promise<void> {
  const [r] = await tx.select().from(rewards).where(and(eq(rewards.id, id), communityVisible(ctx.user, rewards.communityId))).limit(1).for("update");
  if (!r) throw notFound("reward");
  if (Object.values(body).every((v) => v === undefined)) return;
  await tx.update(rewards).set(body).where(eq(rewards.id, r.id));
  await writeAudit(tx, ctx, {
    action: "reward.update",
    targetType: "reward",
    targetId: r.id,
    areaPath: communityPath(r.communityId),
    before: Object.fromEntries(Object.keys(body).map((k) => [k, r[k as keyof typeof r]])),
    after: body,
  });
}
