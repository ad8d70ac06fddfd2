import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import type { LngLat } from "../db/schema/types";
import { COMMUNITIES } from "./communities";
import { DEPARTMENTS, HK_PARTNER_UNITS, PROPERTY_COMPANIES } from "./deliberation-texts";

/**
 * What the deliberation demo builds on, found by querying the demo data: each community's grids,
 * compounds and buildings, its staff and demo accounts, residents' names (for the representatives
 * at the table) and the resolved cases a topic can gather.
 */

export type DemoUser = { id: string; name: string; role: string };
export type CaseRef = { id: string; number: string; category: string; areaId: string; gridId: string | null; address: string | null; location: LngLat | null; createdAt: number; closedAt: number; used: boolean };
export type CompoundRef = { id: string; name: string; areaId: string; gridId: string; location: LngLat | null; buildings: Array<{ id: string; name: string }>; company: string };
export type GridRef = { id: string; name: string; microgrids: string[]; worker: DemoUser };
export type CommunityCtx = {
  key: "hk" | "yxq";
  id: string;
  name: string;
  short: string;
  committee: string;
  center: LngLat | null;
  grids: GridRef[];
  compounds: CompoundRef[];
  secretary: DemoUser;
  staff: DemoUser;
  branch: DemoUser;
  partner: DemoUser;
  volunteer: DemoUser;
  resident: DemoUser | null;
  rider: DemoUser | null;
  street: DemoUser | null;
  units: string[];
  departments: string[];
  people: string[];
  cases: CaseRef[];
};

const point = (v: unknown): LngLat | null => {
  if (!v) return null;
  if (typeof v === "object" && "x" in (v as object)) return [(v as { x: number }).x, (v as { y: number }).y];
  const m = String(v).match(/-?\d+(\.\d+)?/g);
  return m && m.length >= 2 ? [Number(m[0]), Number(m[1])] : null;
};

export async function loadContext(tx: Tx): Promise<CommunityCtx[]> {
  const out: CommunityCtx[] = [];
  for (const spec of COMMUNITIES) {
    const [community] = rowsOf<{ id: string; name: string; center: unknown; parent_id: string }>(
      await tx.execute(sql`SELECT id, name, center, parent_id FROM areas WHERE level = 'community' AND name = ${spec.name}`),
    );
    if (!community) throw new Error(`No community ${spec.name} in the demo data`);
    const users = rowsOf<{ id: string; username: string | null; display_name: string; role: string; phone_tail: string | null; area_id: string }>(
      await tx.execute(sql`SELECT u.id, u.username, u.display_name, u.role, u.phone_tail, u.area_id FROM users u JOIN areas a ON a.id = u.area_id
        WHERE a.community_id = ${community.id} OR a.id = ${community.parent_id} ORDER BY u.username NULLS LAST, u.id`),
    );
    const user = (username: string): DemoUser => {
      const u = users.find((x) => x.username === username);
      if (!u) throw new Error(`No demo account ${username}`);
      return { id: u.id, name: u.display_name, role: u.role };
    };
    const byPhone = (phone: string) => {
      const u = users.find((x) => x.username === null && x.phone_tail === phone.slice(-4));
      return u ? { id: u.id, name: u.display_name, role: u.role } : null;
    };
    const streetUser = users.find((x) => x.role === "street_officer");
    const gridRows = rowsOf<{ id: string; name: string }>(await tx.execute(sql`SELECT id, name FROM areas WHERE parent_id = ${community.id} AND level = 'grid' ORDER BY code`));
    const micro = rowsOf<{ id: string; parent_id: string }>(await tx.execute(sql`SELECT id, parent_id FROM areas WHERE community_id = ${community.id} AND level = 'microgrid' ORDER BY code`));
    const grids = gridRows.map((g, i) => ({ id: g.id, name: g.name, microgrids: micro.filter((m) => m.parent_id === g.id).map((m) => m.id), worker: user(`${spec.key}_grid${i + 1}`) }));
    const compoundRows = rowsOf<{ id: string; name: string; area_id: string; location: unknown }>(
      await tx.execute(sql`SELECT id, name, area_id, location FROM compounds WHERE community_id = ${community.id} ORDER BY name`),
    );
    const buildingRows = rowsOf<{ id: string; name: string; compound_id: string }>(
      await tx.execute(sql`SELECT b.id, b.name, b.compound_id FROM buildings b WHERE b.community_id = ${community.id} ORDER BY b.compound_id, length(b.name), b.name`),
    );
    const compounds = compoundRows.map((c, i) => ({
      id: c.id,
      name: c.name,
      areaId: c.area_id,
      gridId: grids.find((g) => g.microgrids.includes(c.area_id))?.id ?? grids[0].id,
      location: point(c.location),
      buildings: buildingRows.filter((b) => b.compound_id === c.id).map((b) => ({ id: b.id, name: b.name })),
      company: PROPERTY_COMPANIES[(i + (spec.key === "yxq" ? 3 : 0)) % PROPERTY_COMPANIES.length],
    }));
    const people = rowsOf<{ name: string }>(
      await tx.execute(sql`SELECT DISTINCT name FROM (SELECT name FROM persons WHERE community_id = ${community.id} AND status = 'active' AND birth_date < '1990-01-01' ORDER BY id LIMIT 900) p ORDER BY name`),
    ).map((p) => p.name);
    const cases = rowsOf<{ id: string; number: string; category_code: string; area_id: string; grid_id: string | null; address: string | null; location: unknown; created_at: Date | string; closed_at: Date | string }>(
      await tx.execute(sql`SELECT c.id, c.number, c.category_code, c.area_id, c.grid_id, c.address, c.location, c.created_at, c.closed_at
        FROM cases c JOIN case_categories k ON k.code = c.category_code
        WHERE c.community_id = ${community.id} AND c.closure_kind = 'resolved' AND NOT k.sensitive AND c.closed_at - c.created_at > interval '2 days' AND c.area_id IS NOT NULL
        ORDER BY c.created_at, c.id`),
    ).map((c) => ({
      id: c.id,
      number: c.number,
      category: c.category_code,
      areaId: c.area_id,
      gridId: c.grid_id,
      address: c.address,
      location: point(c.location),
      createdAt: new Date(c.created_at).getTime(),
      closedAt: new Date(c.closed_at).getTime(),
      used: false,
    }));
    out.push({
      key: spec.key,
      id: community.id,
      name: spec.name,
      short: spec.name.replace(/社区$/, ""),
      committee: spec.committee,
      center: point(community.center),
      grids,
      compounds,
      secretary: user(`${spec.key}_secretary`),
      staff: user(`${spec.key}_staff`),
      branch: user(`${spec.key}_branch`),
      partner: user(`${spec.key}_partner`),
      volunteer: user(`${spec.key}_volunteer`),
      resident: byPhone(spec.residentPhone),
      rider: byPhone(spec.riderPhone),
      street: streetUser ? { id: streetUser.id, name: streetUser.display_name, role: streetUser.role } : null,
      units: spec.key === "hk" ? HK_PARTNER_UNITS : spec.publicUnits.map((u) => u.name),
      departments: DEPARTMENTS[spec.key],
      people,
      cases,
    });
  }
  return out;
}
