import { asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { meetings, resolutionOwners, resolutions, resolutionUpdates, topics } from "../../db/schema/deliberation";
import { users } from "../../db/schema/accounts";
import type { DbOrTx } from "../../db/client";
import type { ResolutionSummary } from "../../../contracts/deliberation";
import { underArea } from "../../platform/scope";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

export type ResolutionRow = typeof resolutions.$inferSelect;
export type OwnerRow = typeof resolutionOwners.$inferSelect;

/** Open and past its due date (Beijing calendar day). */
export const overdueSql = sql<boolean>`(${resolutions.status} = 'open' AND ${resolutions.dueOn} < CURRENT_DATE)`;

/** Resolutions with their topic, meeting and owners: open ones first, due soonest (overdue on top), then the others newest first. */
export async function selectResolutions(db: DbOrTx, where: SQL | undefined, limit = 500) {
  const rows = await db
    .select({
      r: resolutions,
      overdue: overdueSql,
      topicTitle: topics.title,
      topicStatus: topics.status,
      meetingTitle: meetings.title,
      meetingKind: meetings.kind,
      meetingStartsAt: meetings.startsAt,
    })
    .from(resolutions)
    .innerJoin(topics, eq(topics.id, resolutions.topicId))
    .innerJoin(meetings, eq(meetings.id, resolutions.meetingId))
    .where(where)
    .orderBy(
      sql`CASE WHEN ${resolutions.status} = 'open' THEN 0 ELSE 1 END`,
      sql`CASE WHEN ${resolutions.status} = 'open' THEN ${resolutions.dueOn} END ASC`,
      desc(resolutions.createdAt),
      desc(resolutions.id),
    )
    .limit(limit);
  const owners = rows.length ? await selectOwners(db, rows.map((x) => x.r.id)) : [];
  return rows.map((x) => ({ ...x, owners: owners.filter((o) => o.resolutionId === x.r.id) }));
}
export type ResolutionListRow = Awaited<ReturnType<typeof selectResolutions>>[number];

export function selectOwners(db: DbOrTx, resolutionIds: string[]) {
  return db.select().from(resolutionOwners).where(inArray(resolutionOwners.resolutionId, resolutionIds)).orderBy(asc(resolutionOwners.id));
}

export function selectUpdates(db: DbOrTx, resolutionId: string) {
  return db
    .select({ u: resolutionUpdates, authorName: users.displayName })
    .from(resolutionUpdates)
    .leftJoin(users, eq(users.id, resolutionUpdates.authorId))
    .where(eq(resolutionUpdates.resolutionId, resolutionId))
    .orderBy(asc(resolutionUpdates.at), asc(resolutionUpdates.id));
}

export function presentResolution(x: ResolutionListRow): ResolutionSummary {
  const r = x.r;
  return {
    id: r.id,
    topic: { id: r.topicId, title: x.topicTitle, status: x.topicStatus },
    meeting: { id: r.meetingId, title: x.meetingTitle, kind: x.meetingKind, startsAt: isoInstant(x.meetingStartsAt) },
    text: r.text,
    dueOn: r.dueOn,
    status: r.status,
    percent: r.percent,
    doneAt: isoInstantOrNull(r.doneAt),
    fiveParty: r.fiveParty,
    overdue: Boolean(x.overdue),
    version: r.version,
    owners: x.owners.map((o) => ({ id: o.id, userId: o.userId, partyKind: o.partyKind, name: o.name })),
    createdAt: isoInstant(r.createdAt),
  };
}

/** Resolutions of topics whose area lies under `areaPath`. */
export function resolutionsUnder(areaPath: string): SQL {
  return underArea(topics.areaId, areaPath);
}

