import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { meetingTopics, resolutionOwners, resolutions, topics } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import type { ResolutionBody } from "../../../contracts/deliberation";
import { localDay } from "../../platform/clock";
import { partyOfRole } from "../../platform/roles";
import { areaAlongPath } from "../../platform/scope";
import { assertMeetingWritable, loadMeetingInScope, loadTopicInScope, pathOf } from "./access";
import { partiesPresent } from "./meeting-queries";
import { nextMeetingStatus, nextTopicStatus } from "./workflow";

/**
 * The meeting's resolution (决议) on one topic of its agenda: what will be done, by whom (users or
 * named parties), by when. It is a 五方联动 resolution when all five parties signed in. The topic
 * becomes decided; owners with an account are told.
 */
export async function recordResolution(ctx: SignedInContext, tx: Tx, meetingId: string, body: ResolutionBody): Promise<{ value: { id: string; fiveParty: boolean }; notify: NotificationInput[] }> {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  assertMeetingWritable(m);
  nextMeetingStatus("record", m.status);
  const [onAgenda] = await tx
    .select({ seq: meetingTopics.seq })
    .from(meetingTopics)
    .where(and(eq(meetingTopics.meetingId, m.id), eq(meetingTopics.topicId, body.topicId)))
    .limit(1);
  if (!onAgenda) throw new AppError("VALIDATION_FAILED", [{ path: "/topicId", message: "not on the agenda of this meeting" }]);
  const t = await loadTopicInScope(tx, ctx, body.topicId, true);
  const to = nextTopicStatus("decide", t.status);
  const [dup] = await tx
    .select({ id: resolutions.id })
    .from(resolutions)
    .where(and(eq(resolutions.meetingId, m.id), eq(resolutions.topicId, t.id)))
    .limit(1);
  if (dup) throw new AppError("CONFLICT", { reason: "already_resolved", resolutionId: dup.id });
  if (body.dueOn < localDay(m.startsAt)) throw new AppError("VALIDATION_FAILED", [{ path: "/dueOn", message: "before the meeting" }]);

  const communityPath = await pathOf(tx, m.communityId);
  const owners: Array<typeof resolutionOwners.$inferInsert> = [];
  const id = uuidv7();
  for (const [i, o] of body.owners.entries()) {
    if (o.userId) {
      // Someone of the community, or of the street or departments above it.
      const [u] = await tx
        .select({ id: users.id, name: users.displayName, role: users.role })
        .from(users)
        .where(and(eq(users.id, o.userId), eq(users.status, "active"), areaAlongPath(users.areaId, communityPath)))
        .limit(1);
      if (!u) throw new AppError("VALIDATION_FAILED", [{ path: `/owners/${i}/userId`, message: "not a user of this community" }]);
      if (owners.some((x) => x.userId === u.id)) continue;
      owners.push({ id: uuidv7(), resolutionId: id, userId: u.id, partyKind: o.partyKind ?? partyOfRole(u.role), name: o.name ?? u.name });
    } else {
      owners.push({ id: uuidv7(), resolutionId: id, userId: null, partyKind: o.partyKind!, name: o.name! });
    }
  }
  const present = await partiesPresent(tx, m.id);
  await tx.insert(resolutions).values({ id, communityId: m.communityId, topicId: t.id, meetingId: m.id, text: body.text, dueOn: body.dueOn, status: "open", fiveParty: present.fiveParty });
  await tx.insert(resolutionOwners).values(owners);
  await tx
    .update(topics)
    .set({ status: to, fiveParty: t.fiveParty || present.fiveParty })
    .where(eq(topics.id, t.id));
  await writeAudit(tx, ctx, {
    action: "resolution.create",
    targetType: "resolution",
    targetId: id,
    areaPath: t.path,
    after: { meetingId: m.id, topicId: t.id, text: body.text, dueOn: body.dueOn, fiveParty: present.fiveParty, owners: owners.map((o) => `${o.partyKind}:${o.name}`) },
  });
  const notify: NotificationInput[] = owners
    .filter((o) => o.userId)
    .map((o) => ({ userId: o.userId!, kind: `resolution.assigned:${id}`, title: `议事决议待落实：${t.title.slice(0, 30)}`, body: `${body.text.slice(0, 80)}（${body.dueOn}前完成）`, link: `resolution:${id}` }));
  return { value: { id, fiveParty: present.fiveParty }, notify };
}
