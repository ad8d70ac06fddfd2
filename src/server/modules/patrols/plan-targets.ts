import { inArray, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { rolesOf } from "../../platform/roles";
import { restrictedSubjectRule } from "../../platform/access";
import { areaWithin, subtreeAreaIds } from "../../platform/scope";
import type { Frequency, PlanTarget } from "../../../contracts/patrols";

export type ResolvedTarget = {
  type: "person" | "household" | "place";
  id: string;
  communityId: string;
  areaId: string;
  label: string;
  location: [number, number] | null;
  /** The highest visit frequency of the care tags of the person or household, if any. */
  tagFrequency: Frequency | null;
};

/** The most frequent of a set of visit frequencies (weekly before monthly before quarterly). */
export const FREQUENCY_RANK = sql.raw(`CASE d.visit_frequency WHEN 'weekly' THEN 1 WHEN 'monthly' THEN 2 WHEN 'quarterly' THEN 3 END`);

function pointOf(v: unknown): [number, number] | null {
  if (!v) return null;
  if (typeof v === "object" && v !== null && "x" in v) return [(v as unknown as { x: number }).x, (v as unknown as { y: number }).y];
  const m = String(v).match(/-?\d+(?:\.\d+)?/g);
  return m && m.length >= 2 ? [Number(m[0]), Number(m[1])] : null;
}

/**
 * Loads the target of a plan inside the user's scope (404 outside it), with its label and place. A
 * person with a restricted tag (重点人员) is 404 to a role without `person:restricted`.
 */
export async function resolveTarget(db: DbOrTx, user: AuthUser, target: PlanTarget): Promise<ResolvedTarget> {
  const scope = subtreeAreaIds(user);
  const tagFreq = (personFilter: ReturnType<typeof sql>) => sql`(SELECT d.visit_frequency FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code
    JOIN persons tp ON tp.id = pt.person_id
    WHERE pt.removed_at IS NULL AND d.visit_frequency IS NOT NULL AND tp.status = 'active' AND ${personFilter}
    ORDER BY ${FREQUENCY_RANK} LIMIT 1)`;
  let query;
  if (target.type === "person") {
    query = sql`SELECT p.id, p.community_id, p.area_id, p.name || CASE WHEN h.address IS NULL THEN '' ELSE '（' || h.address || '）' END AS label,
        b.location::text AS location, ${tagFreq(sql`tp.id = p.id`)} AS tag_frequency
      FROM persons p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN buildings b ON b.id = h.building_id
      WHERE p.id = ${target.personId} AND p.status = 'active' AND p.area_id IN ${scope} AND ${restrictedSubjectRule(user, { personId: sql`p.id` })}`;
  } else if (target.type === "household") {
    query = sql`SELECT h.id, h.community_id, h.area_id,
        h.address || coalesce(' ' || (SELECT m.name FROM persons m WHERE m.household_id = h.id AND m.status = 'active' ORDER BY (m.relation = 'head') DESC, m.birth_date LIMIT 1), '') AS label,
        b.location::text AS location, ${tagFreq(sql`tp.household_id = h.id`)} AS tag_frequency
      FROM households h JOIN buildings b ON b.id = h.building_id
      WHERE h.id = ${target.householdId} AND h.status = 'active' AND h.area_id IN ${scope}`;
  } else {
    query = sql`SELECT p.id, p.community_id, p.area_id, p.name AS label, p.location::text AS location, NULL AS tag_frequency
      FROM places p WHERE p.id = ${target.placeId} AND p.active AND p.area_id IN ${scope}`;
  }
  const [row] = rowsOf<{ id: string; community_id: string; area_id: string; label: string; location: unknown; tag_frequency: Frequency | null }>(await db.execute(query));
  if (!row) throw notFound(target.type);
  return {
    type: target.type,
    id: row.id,
    communityId: row.community_id,
    areaId: row.area_id,
    label: row.label,
    location: pointOf(row.location),
    tagFrequency: row.tag_frequency,
  };
}

/** The grid worker of the grid an area lies in (the deepest one, then by user name), or null. */
export async function gridWorkerOf(db: DbOrTx, areaId: string): Promise<string | null> {
  const [row] = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT u.id FROM users u JOIN areas ua ON ua.id = u.area_id
      WHERE ${areaWithin(sql`${areaId}::uuid`, sql`ua.path`)} AND ua.level IN ('grid', 'microgrid')
        AND ${inArray(sql`u.role`, rolesOf("gridWorkers"))} AND u.status = 'active'
      ORDER BY ua.depth DESC, u.username LIMIT 1`),
  );
  return row?.id ?? null;
}

/**
 * Checks that a user can be given patrols of an area: an active grid worker or community staff
 * member whose own scope holds the area (a grid worker only sees their grid).
 */
export async function assertAssignable(db: DbOrTx, assigneeId: string, areaId: string, path = "/assigneeId"): Promise<void> {
  const [row] = rowsOf<{ ok: boolean }>(
    await db.execute(sql`
      SELECT EXISTS (
        SELECT 1 FROM users u JOIN areas ua ON ua.id = u.area_id
        WHERE u.id = ${assigneeId} AND u.status = 'active' AND ${inArray(sql`u.role`, rolesOf("patrolAssignees"))}
          AND ${areaWithin(sql`${areaId}::uuid`, sql`ua.path`)}
      ) AS ok`),
  );
  if (!row?.ok) throw new AppError("VALIDATION_FAILED", [{ path, message: "not a grid worker or staff member who covers this target" }]);
}
