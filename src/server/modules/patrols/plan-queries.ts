import { and, desc, eq, ilike, lt, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { patrolPlans } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { patrolRule } from "../../platform/access";
import { underArea } from "../../platform/scope";
import type { PlanListQuery, PlanSummary } from "../../../contracts/patrols";
import { isoInstant } from "../../platform/instants";

const community = sql<string>`(SELECT name FROM areas WHERE id = ${patrolPlans.communityId})`;
const gridOf = sql<{ id: string; name: string } | null>`(SELECT json_build_object('id', g.id, 'name', g.name) FROM areas g
  WHERE g.level = 'grid' AND g.id IN (${areas.id}, ${areas.parentId}) LIMIT 1)`;
const templateName = sql<string>`(SELECT t.name FROM checklist_templates t WHERE t.family_id = ${patrolPlans.templateFamilyId} ORDER BY t.current DESC, t.version DESC LIMIT 1)`;

function planColumns() {
  return {
    plan: patrolPlans,
    communityName: community,
    areaName: areas.name,
    grid: gridOf,
    templateName,
    assigneeName: users.displayName,
  };
}

export type PlanRow = {
  plan: typeof patrolPlans.$inferSelect;
  communityName: string;
  areaName: string;
  grid: { id: string; name: string } | null;
  templateName: string;
  assigneeName: string;
};

function basePlans(db: DbOrTx) {
  return db
    .select(planColumns())
    .from(patrolPlans)
    .innerJoin(areas, eq(areas.id, patrolPlans.areaId))
    .innerJoin(users, eq(users.id, patrolPlans.assigneeId));
}

export function presentPlan(r: PlanRow): PlanSummary {
  const p = r.plan;
  const target = p.personId
    ? { type: "person" as const, id: p.personId }
    : p.householdId
      ? { type: "household" as const, id: p.householdId }
      : { type: "place" as const, id: p.placeId! };
  return {
    id: p.id,
    community: { id: p.communityId, name: r.communityName },
    area: { id: p.areaId, name: r.areaName },
    grid: r.grid,
    templateFamilyId: p.templateFamilyId,
    templateName: r.templateName ?? "",
    targetKind: p.targetKind,
    target,
    targetLabel: p.targetLabel,
    location: p.location ?? null,
    frequency: p.frequency,
    assignee: { id: p.assigneeId, name: r.assigneeName },
    active: p.active,
    startsOn: p.startsOn,
    createdAt: isoInstant(p.createdAt),
  };
}

/** Plans the user may see: their scope, without 重点人员 targets unless allowed or assigned (`patrolRule`). */
export function planVisible(user: AuthUser): SQL {
  return patrolRule(user, { areaId: patrolPlans.areaId, targetKind: patrolPlans.targetKind, personId: patrolPlans.personId, assigneeId: patrolPlans.assigneeId });
}

/** A plan the user may see (`planVisible`), or null (answered as 404). */
export async function loadPlan(db: DbOrTx, user: AuthUser, id: string): Promise<PlanRow | null> {
  const [row] = await basePlans(db)
    .where(and(eq(patrolPlans.id, id), planVisible(user)))
    .limit(1);
  return (row as PlanRow | undefined) ?? null;
}

/** A page of plans the user may see (and below `areaPath` when given), newest first. */
export async function selectPlanPage(db: DbOrTx, user: AuthUser, q: PlanListQuery, areaPath: string | null) {
  const filters: Array<SQL | undefined> = [
    planVisible(user),
    areaPath ? underArea(patrolPlans.areaId, areaPath) : undefined,
    q.targetKind ? eq(patrolPlans.targetKind, q.targetKind) : undefined,
    q.assigneeId ? eq(patrolPlans.assigneeId, q.assigneeId) : undefined,
    q.frequency ? eq(patrolPlans.frequency, q.frequency) : undefined,
    q.active === "all" ? undefined : eq(patrolPlans.active, q.active === "true"),
    q.q ? ilike(patrolPlans.targetLabel, `%${q.q.replace(/[\\%_]/g, (c) => "\\" + c)}%`) : undefined,
  ];
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(patrolPlans)
    .where(and(...filters));
  const rows = (await basePlans(db)
    .where(and(...filters, q.cursor ? lt(patrolPlans.id, q.cursor) : undefined))
    .orderBy(desc(patrolPlans.id))
    .limit(q.limit + 1)) as PlanRow[];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { rows: page, nextCursor: more ? page[page.length - 1].plan.id : null, total };
}
