import { and, eq, inArray } from "drizzle-orm";
import type { ActivityBody } from "../../../contracts/partners";
import { activities, activityUnits, partnerUnits, teams } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath, targetCommunity } from "./community-scope";
import { newCheckinCode } from "./checkin-code";
import { occurrences } from "./recurrence";

/**
 * Creates a one-off activity, or a recurring series (周五志愿服务 every Friday, 河畔集市 monthly)
 * as one row per occurrence sharing a `series_id`, each with its own capacity, sign-ups and
 * check-in code.
 */
export async function createActivities(ctx: SignedInContext, tx: Tx, body: ActivityBody): Promise<{ seriesId: string | null; ids: string[] }> {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (endsAt <= startsAt) throw new AppError("VALIDATION_FAILED", [{ path: "/endsAt", message: "ends before it starts" }]);
  if (endsAt.getTime() - startsAt.getTime() > 7 * 24 * 3600_000) throw new AppError("VALIDATION_FAILED", [{ path: "/endsAt", message: "longer than a week" }]);
  const starts = body.repeat ? occurrences(startsAt, body.repeat) : [startsAt];
  const duration = endsAt.getTime() - startsAt.getTime();
  const unitIds = [...new Set(body.unitIds)];
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  if (body.teamId) {
    const [t] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.id, body.teamId), eq(teams.communityId, community.id))).limit(1);
    if (!t) throw new AppError("VALIDATION_FAILED", [{ path: "/teamId", message: "no such team in the community" }]);
  }
  if (unitIds.length) {
    const found = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(inArray(partnerUnits.id, unitIds), eq(partnerUnits.communityId, community.id)));
    if (found.length !== unitIds.length) throw new AppError("VALIDATION_FAILED", [{ path: "/unitIds", message: "unknown unit in this community" }]);
  }
  const seriesId = body.repeat ? uuidv7() : null;
  const rows = starts.map((s) => ({
    id: uuidv7(),
    communityId: community.id,
    kind: body.kind,
    title: body.title,
    description: body.description,
    seriesId,
    startsAt: s,
    endsAt: new Date(s.getTime() + duration),
    place: body.place,
    location: body.location ?? null,
    capacity: body.capacity,
    hours: body.hours,
    points: body.points,
    status: body.openSignup ? ("open" as const) : ("planned" as const),
    checkinCode: newCheckinCode(),
    teamId: body.teamId ?? null,
  }));
  await tx.insert(activities).values(rows);
  if (unitIds.length) await tx.insert(activityUnits).values(rows.flatMap((r) => unitIds.map((unitId) => ({ activityId: r.id, unitId }))));
  await writeAudit(tx, ctx, {
    action: "activity.create",
    targetType: "activity",
    targetId: seriesId ?? rows[0].id,
    areaPath: communityPath(community.id),
    after: { ...body, occurrences: rows.length },
  });
  return { seriesId, ids: rows.map((r) => r.id) };
}
