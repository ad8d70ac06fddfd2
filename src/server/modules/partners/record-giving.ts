import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { givingBody } from "../../../contracts/partners";
import { activities, agreementItems, agreements, resourceGivings } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath } from "./community-scope";
import { loadUnit } from "./unit-queries";

/** Records a resource a unit actually gave (venue lent, money, staff-days …) for its yearly record. */
export async function recordGiving(ctx: SignedInContext, tx: Tx, unitId: string, body: z.infer<typeof givingBody>): Promise<{ id: string }> {
  const unit = await loadUnit(tx, ctx.user, unitId);
  if (body.itemId) {
    const [item] = await tx
      .select({ id: agreementItems.id })
      .from(agreementItems)
      .innerJoin(agreements, eq(agreements.id, agreementItems.agreementId))
      .where(and(eq(agreementItems.id, body.itemId), eq(agreements.unitId, unit.id)))
      .limit(1);
    if (!item) throw new AppError("VALIDATION_FAILED", [{ path: "/itemId", message: "not an item of this unit's agreements" }]);
  }
  if (body.activityId) {
    const [a] = await tx.select({ id: activities.id }).from(activities).where(and(eq(activities.id, body.activityId), eq(activities.communityId, unit.communityId))).limit(1);
    if (!a) throw new AppError("VALIDATION_FAILED", [{ path: "/activityId", message: "no such activity in the unit's community" }]);
  }
  const id = uuidv7();
  await tx.insert(resourceGivings).values({
    id,
    unitId: unit.id,
    itemId: body.itemId ?? null,
    activityId: body.activityId ?? null,
    givenOn: body.givenOn,
    resourceKind: body.resourceKind,
    description: body.description,
    quantity: body.quantity ?? null,
    unit: body.unit ?? null,
    recordedBy: ctx.user.id,
  });
  await writeAudit(tx, ctx, { action: "partner_unit.giving", targetType: "partner_unit", targetId: unit.id, areaPath: communityPath(unit.communityId), after: { givingId: id, ...body } });
  return { id };
}
