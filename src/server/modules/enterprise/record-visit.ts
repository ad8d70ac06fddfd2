import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "../../db/client";
import { campaignTargets, enterpriseNeeds, enterpriseVisits } from "../../db/schema/enterprise";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import type { visitBody } from "../../../contracts/enterprise";
import { loadEnterprise } from "./access";
import { loadCampaign } from "./campaigns";

/**
 * Records a visit to an enterprise (on the phone or the console) with what was found: notes,
 * problems and needs. The enterprise must be in the visitor's scope (a grid worker: their grid;
 * otherwise 404); a campaign visit must be to one of the campaign's targets, within its period.
 */
export async function recordVisit(ctx: SignedInContext, tx: Tx, placeId: string, body: z.infer<typeof visitBody>) {
  const place = await loadEnterprise(tx, ctx.user, placeId);
  if (body.campaignId) {
    const c = await loadCampaign(tx, ctx.user, body.campaignId);
    const [target] = await tx
      .select({ placeId: campaignTargets.placeId })
      .from(campaignTargets)
      .where(and(eq(campaignTargets.campaignId, c.id), eq(campaignTargets.placeId, place.id)))
      .limit(1);
    if (!target) throw new AppError("VALIDATION_FAILED", [{ path: "/campaignId", message: "the enterprise is not a target of this campaign" }]);
    if (body.visitedOn < String(c.startsOn) || body.visitedOn > String(c.endsOn)) {
      throw new AppError("VALIDATION_FAILED", [{ path: "/visitedOn", message: `the campaign runs from ${c.startsOn} to ${c.endsOn}` }]);
    }
  }
  const id = uuidv7();
  await tx.insert(enterpriseVisits).values({
    id,
    communityId: place.communityId,
    areaId: place.areaId,
    placeId: place.id,
    campaignId: body.campaignId ?? null,
    visitorId: ctx.user.id,
    visitedOn: body.visitedOn,
    notes: body.notes || null,
    problems: body.problems || null,
  });
  const needIds = body.needs.map(() => uuidv7());
  if (body.needs.length) {
    await tx.insert(enterpriseNeeds).values(
      body.needs.map((n, i) => ({
        id: needIds[i],
        communityId: place.communityId,
        areaId: place.areaId,
        placeId: place.id,
        visitId: id,
        kind: n.kind,
        description: n.description,
        raisedOn: body.visitedOn,
        createdBy: ctx.user.id,
      })),
    );
  }
  await writeAudit(tx, ctx, {
    action: "enterprise.visit",
    targetType: "place",
    targetId: place.id,
    areaPath: areaPathOf(place.areaId),
    after: { visitId: id, campaignId: body.campaignId ?? null, visitedOn: body.visitedOn, needs: body.needs.map((n) => n.kind) },
  });
  return { id, needIds };
}
