import { and, eq, inArray } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { meetingParties, meetings } from "../../db/schema/deliberation";
import { partnerUnits } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { CreateMeetingBody, PartyKind } from "../../../contracts/deliberation";
import { rolesOf } from "../../platform/roles";
import { areaAlongPath } from "../../platform/scope";
import { areaForNew, pathOf, type MeetingRow } from "./access";
import { scheduleTopics } from "./schedule-topics";

const MAX_HOURS = 72;

/** Checks partner units named as parties belong to the meeting's community. */
export async function insertParties(tx: Tx, meeting: Pick<MeetingRow, "id" | "communityId">, parties: Array<{ partyKind: PartyKind; name: string; partnerUnitId?: string }>) {
  if (parties.length === 0) return;
  const unitIds = [...new Set(parties.map((p) => p.partnerUnitId).filter((x): x is string => !!x))];
  if (unitIds.length) {
    const known = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(inArray(partnerUnits.id, unitIds), eq(partnerUnits.communityId, meeting.communityId)));
    if (known.length !== unitIds.length) throw new AppError("VALIDATION_FAILED", [{ path: "/parties", message: "unknown partner unit" }]);
  }
  await tx.insert(meetingParties).values(parties.map((p) => ({ id: uuidv7(), meetingId: meeting.id, partyKind: p.partyKind, name: p.name, partnerUnitId: p.partnerUnitId ?? null })));
}

/**
 * Plans a meeting of one of the kinds (居民议事会, 板凳议事会 at a bench outside a building …): when,
 * where, who convenes it, which parties are invited by role, and the topics on its agenda.
 */
export async function createMeeting(ctx: SignedInContext, tx: Tx, body: CreateMeetingBody): Promise<{ id: string }> {
  const area = await areaForNew(tx, ctx, body.areaId);
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (endsAt <= startsAt) throw new AppError("VALIDATION_FAILED", [{ path: "/endsAt", message: "must be after the start" }]);
  if (endsAt.getTime() - startsAt.getTime() > MAX_HOURS * 3600_000) throw new AppError("VALIDATION_FAILED", [{ path: "/endsAt", message: `at most ${MAX_HOURS} hours long` }]);
  let convenerId = ctx.user.id;
  if (body.convenerId && body.convenerId !== ctx.user.id) {
    // Staff of the community, or of the street above it.
    const [c] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, body.convenerId), eq(users.status, "active"), inArray(users.role, rolesOf("conveners")), areaAlongPath(users.areaId, await pathOf(tx, area.communityId))))
      .limit(1);
    if (!c) throw new AppError("VALIDATION_FAILED", [{ path: "/convenerId", message: "not a staff member of this community" }]);
    convenerId = c.id;
  }
  const id = uuidv7();
  const row = {
    id,
    communityId: area.communityId,
    areaId: area.id,
    kind: body.kind,
    title: body.title,
    startsAt,
    endsAt,
    place: body.place,
    location: body.location ?? null,
    convenerId,
    status: "planned" as const,
    isPublic: body.isPublic,
  };
  await tx.insert(meetings).values(row);
  await insertParties(tx, row, body.parties);
  const scheduled = await scheduleTopics(ctx, tx, { ...row, minutes: null, checkinCode: null, createdAt: new Date() }, body.topicIds);
  await writeAudit(tx, ctx, {
    action: "meeting.create",
    targetType: "meeting",
    targetId: id,
    areaPath: area.path,
    after: { kind: body.kind, title: body.title, startsAt: body.startsAt, endsAt: body.endsAt, place: body.place, parties: body.parties.map((p) => `${p.partyKind}:${p.name}`), topics: scheduled },
  });
  return { id };
}
