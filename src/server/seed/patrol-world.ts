import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import { COMMUNITIES, type CommunitySpec } from "./communities";
import type { Rect } from "./geometry";

/** What the patrol seed finds in the database: the two communities, their grids and grid workers. */
export type PatrolCommunity = {
  key: "hk" | "yxq";
  id: string;
  name: string;
  spec: CommunitySpec;
  grids: Array<{ id: string; name: string; workerId: string; workerName: string; rect: Rect }>;
  microgrids: Array<{ id: string; gridId: string; rect: Rect }>;
  staffId: string;
};

function rectOf(boundary: string): Rect {
  const n = (boundary.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const xs = n.filter((_, i) => i % 2 === 0);
  const ys = n.filter((_, i) => i % 2 === 1);
  return { west: Math.min(...xs), east: Math.max(...xs), south: Math.min(...ys), north: Math.max(...ys) };
}

export async function loadPatrolWorld(tx: Tx): Promise<PatrolCommunity[]> {
  const areas = rowsOf<{ id: string; parent_id: string; level: string; name: string; community_id: string; boundary: string }>(
    await tx.execute(sql`SELECT id, parent_id, level, name, community_id, boundary::text AS boundary FROM areas WHERE level IN ('community', 'grid', 'microgrid') ORDER BY code`),
  );
  const users = rowsOf<{ id: string; username: string; display_name: string; area_id: string }>(
    await tx.execute(sql`SELECT id, username, display_name, area_id FROM users WHERE role IN ('grid_worker', 'community_staff') AND status = 'active' ORDER BY username`),
  );
  const out: PatrolCommunity[] = [];
  for (const spec of COMMUNITIES) {
    const c = areas.find((a) => a.level === "community" && a.name === spec.name);
    if (!c) throw new Error(`patrol seed: no community ${spec.name}`);
    const grids = areas
      .filter((a) => a.level === "grid" && a.parent_id === c.id)
      .map((g) => {
        const w = users.find((u) => u.area_id === g.id && u.username.startsWith(`${spec.key}_grid`));
        if (!w) throw new Error(`patrol seed: no grid worker for ${g.name}`);
        return { id: g.id, name: g.name, workerId: w.id, workerName: w.display_name, rect: rectOf(g.boundary) };
      });
    const microgrids = areas.filter((a) => a.level === "microgrid" && a.community_id === c.id).map((m) => ({ id: m.id, gridId: m.parent_id, rect: rectOf(m.boundary) }));
    const staff = users.find((u) => u.username === `${spec.key}_staff`);
    if (!staff) throw new Error(`patrol seed: no ${spec.key}_staff`);
    out.push({ key: spec.key, id: c.id, name: c.name, spec, grids, microgrids, staffId: staff.id });
  }
  return out;
}

/** The microgrid a point falls in (the nearest one's centre when it lies on no microgrid). */
export function microgridAt(c: PatrolCommunity, p: [number, number]) {
  const inside = c.microgrids.find((m) => p[0] >= m.rect.west && p[0] < m.rect.east && p[1] >= m.rect.south && p[1] < m.rect.north);
  if (inside) return inside;
  const d = (m: PatrolCommunity["microgrids"][number]) => ((m.rect.west + m.rect.east) / 2 - p[0]) ** 2 + ((m.rect.south + m.rect.north) / 2 - p[1]) ** 2;
  return [...c.microgrids].sort((a, b) => d(a) - d(b))[0];
}
