import { inArray, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { rolesOf } from "../../platform/roles";
import { areaInScope, pathWithin, subtreeAreaIds } from "../../platform/scope";

/**
 * Who may take patrol work in the caller's scope: active grid workers and community staff, grid
 * workers first. With an area, only those whose own area covers it (a grid's worker and the
 * community's staff), which is exactly whom a plan or task there may be given to.
 */
export async function listAssignees(db: DbOrTx, user: AuthUser, areaId?: string) {
  if (!user.areaPath) return { items: [] };
  const target = areaId ? await areaInScope(db, user, areaId) : null;
  const rows = rowsOf<{ id: string; name: string; role: string; area_id: string; area_name: string }>(
    await db.execute(sql`
      SELECT u.id, u.display_name AS name, u.role, a.id AS area_id, a.name AS area_name
      FROM users u JOIN areas a ON a.id = u.area_id
      WHERE u.status = 'active' AND ${inArray(sql`u.role`, rolesOf("patrolAssignees"))}
        AND u.area_id IN ${subtreeAreaIds(user)}
        ${target ? sql`AND ${pathWithin(sql`${target.path}::text`, sql`a.path`)}` : sql``}
      ORDER BY (${inArray(sql`u.role`, rolesOf("gridWorkers"))}) DESC, a.path, u.display_name, u.id
      LIMIT 500`),
  );
  return { items: rows.map((r) => ({ id: r.id, name: r.name, role: r.role, area: { id: r.area_id, name: r.area_name } })) };
}
