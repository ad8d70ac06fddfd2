import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { activityUnitBody, boothBody, outputsBody } from "../../../contracts/partners";
import { activities, activityUnits, booths, partnerUnits, teams } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { claimPhotos } from "../../platform/uploads";
import { communityPath } from "./community-scope";
import { lockActivity } from "./activity-queries";
import { PHOTOS_KEY, splitOutputs } from "./present-activity";

/**
 * Records what an activity produced: people served, leaflets handed out, legal questions
 * answered … (merged into the outputs, key by key) and photos (the staff's own uploads).
 */
export async function recordOutputs(ctx: SignedInContext, tx: Tx, activityId: string, body: z.infer<typeof outputsBody>): Promise<void> {
  const a = await lockActivity(tx, ctx.user, activityId);
  const current = splitOutputs(a.outputs as Record<string, unknown>);
  // Photos already on this activity stay; new ones go through the one photo claim (own upload,
  // attached nowhere yet): a photo of a case never reappears on an activity residents can read.
  const photoIds = await claimPhotos(tx, ctx.user.id, [...new Set(body.photoIds)].filter((id) => !current.photoIds.includes(id)));
  const next = { ...current.outputs, ...body.outputs, [PHOTOS_KEY]: [...current.photoIds, ...photoIds] };
  await tx.update(activities).set({ outputs: next as unknown as Record<string, number> }).where(eq(activities.id, a.id));
  await writeAudit(tx, ctx, { action: "activity.outputs", targetType: "activity", targetId: a.id, areaPath: communityPath(a.communityId), before: current.outputs, after: { outputs: body.outputs, photoIds } });
}

/** A market booth, run by a partner unit or a team of the activity's community. */
export async function addBooth(ctx: SignedInContext, tx: Tx, activityId: string, body: z.infer<typeof boothBody>): Promise<{ id: string }> {
  if (Boolean(body.unitId) === Boolean(body.teamId)) throw new AppError("VALIDATION_FAILED", [{ path: "/unitId", message: "a booth belongs to a unit or a team" }]);
  const a = await lockActivity(tx, ctx.user, activityId);
  if (body.unitId) {
    const [u] = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.id, body.unitId), eq(partnerUnits.communityId, a.communityId))).limit(1);
    if (!u) throw new AppError("VALIDATION_FAILED", [{ path: "/unitId", message: "unknown unit in this community" }]);
  } else {
    const [t] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.id, body.teamId!), eq(teams.communityId, a.communityId))).limit(1);
    if (!t) throw new AppError("VALIDATION_FAILED", [{ path: "/teamId", message: "unknown team in this community" }]);
  }
  const id = uuidv7();
  await tx.insert(booths).values({ id, activityId: a.id, name: body.name, unitId: body.unitId ?? null, teamId: body.teamId ?? null });
  await writeAudit(tx, ctx, { action: "activity.booth_add", targetType: "activity", targetId: a.id, areaPath: communityPath(a.communityId), after: { boothId: id, ...body } });
  return { id };
}

/** A partner unit taking part in an activity (counted in its yearly record). */
export async function addActivityUnit(ctx: SignedInContext, tx: Tx, activityId: string, body: z.infer<typeof activityUnitBody>): Promise<void> {
  const a = await lockActivity(tx, ctx.user, activityId);
  const [u] = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.id, body.unitId), eq(partnerUnits.communityId, a.communityId))).limit(1);
  if (!u) throw new AppError("VALIDATION_FAILED", [{ path: "/unitId", message: "unknown unit in this community" }]);
  const added = await tx.insert(activityUnits).values({ activityId: a.id, unitId: u.id }).onConflictDoNothing().returning();
  if (added.length) await writeAudit(tx, ctx, { action: "activity.unit_add", targetType: "activity", targetId: a.id, areaPath: communityPath(a.communityId), after: body });
}
