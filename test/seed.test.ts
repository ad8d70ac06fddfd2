import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";
import { parseIdNumber, PHONE_RE } from "../src/server/platform/personal-data";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function one<T = Record<string, number>>(query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await t.database.db.execute(query))[0];
}

async function countsOf(community: string) {
  const raw = await one<Record<string, string | number>>(sql`
    WITH c AS (SELECT id, path FROM areas WHERE level = 'community' AND name = ${community}),
         sub AS (SELECT a.id, a.level FROM areas a, c WHERE a.path LIKE c.path || '%')
    SELECT
      (SELECT count(*) FROM sub WHERE level = 'grid')::int AS grids,
      (SELECT count(*) FROM sub WHERE level = 'microgrid')::int AS microgrids,
      (SELECT count(*) FROM compounds WHERE community_id = (SELECT id FROM c))::int AS compounds,
      (SELECT count(*) FROM households WHERE status = 'active' AND community_id = (SELECT id FROM c))::int AS households,
      (SELECT count(*) FROM persons WHERE status = 'active' AND community_id = (SELECT id FROM c))::int AS persons,
      (SELECT count(*) FROM places WHERE kind = 'public_unit' AND community_id = (SELECT id FROM c))::int AS "publicUnits",
      (SELECT count(*) FROM places WHERE kind = 'commercial_centre' AND community_id = (SELECT id FROM c))::int AS "commercialCentres",
      (SELECT count(*) FROM places WHERE kind = 'rider_station' AND community_id = (SELECT id FROM c))::int AS "riderStations",
      (SELECT count(*) FROM party_orgs WHERE kind = 'committee' AND community_id = (SELECT id FROM c))::int AS committees,
      (SELECT count(*) FROM party_orgs WHERE kind = 'branch' AND community_id = (SELECT id FROM c))::int AS branches,
      (SELECT count(*) FROM party_members WHERE kind <> 'in_service' AND community_id = (SELECT id FROM c))::int AS "partyMembers"`);
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}

describe("demo data reproduces the seed articles", () => {
  it("builds 昆明市 > 五华区 > 红云街道 > 红康社区 with the article's figures", async () => {
    const chain = await one<{ chain: string }>(sql`
      SELECT string_agg(p.name, ' > ' ORDER BY p.depth) AS chain
      FROM areas c JOIN areas p ON c.path LIKE p.path || '%'
      WHERE c.name = '红康社区'`);
    expect(chain.chain).toBe("昆明市 > 五华区 > 红云街道 > 红康社区");
    expect(await countsOf("红康社区")).toMatchObject({
      compounds: 5,
      publicUnits: 3,
      grids: 3,
      microgrids: 6,
      households: 9676,
      persons: 20563,
      committees: 1,
      branches: 10,
      partyMembers: 429,
    });
  });

  it("builds 昆明市 > 西山区 > (street) > 怡心桥社区 with the article's figures", async () => {
    const chain = await one<{ chain: string }>(sql`
      SELECT string_agg(p.name, ' > ' ORDER BY p.depth) AS chain
      FROM areas c JOIN areas p ON c.path LIKE p.path || '%'
      WHERE c.name = '怡心桥社区'`);
    expect(chain.chain).toMatch(/^昆明市 > 西山区 > .+街道 > 怡心桥社区$/);
    expect(await countsOf("怡心桥社区")).toMatchObject({ compounds: 13, publicUnits: 9, commercialCentres: 2, grids: 6, riderStations: 8 });
  });

  it("gives every person a valid, unique synthetic ID number agreeing with birth date and sex, and valid phones", async () => {
    const rows = rowsOf<{ id_number_enc: string; phone_enc: string | null; birth_date: string; sex: string }>(
      await t.database.db.execute(sql`SELECT id_number_enc, phone_enc, birth_date::text AS birth_date, sex FROM persons ORDER BY random() LIMIT 2000`),
    );
    expect(rows.length).toBe(2000);
    for (const r of rows) {
      const id = t.deps.cipher.decrypt(r.id_number_enc);
      const parsed = parseIdNumber(id);
      expect(parsed, id).not.toBeNull();
      expect(parsed!.birthDate).toBe(r.birth_date);
      expect(parsed!.sex).toBe(r.sex);
      if (r.phone_enc) expect(t.deps.cipher.decrypt(r.phone_enc)).toMatch(PHONE_RE);
    }
    const dup = await one(sql`SELECT count(*)::int AS n FROM (SELECT id_number_hash FROM persons GROUP BY 1 HAVING count(*) > 1) d`);
    expect(Number(dup.n)).toBe(0);
  });

  it("places every compound and place inside the microgrid it belongs to, and grids inside their community", async () => {
    const outside = await one(sql`
      SELECT (SELECT count(*) FROM places p JOIN areas a ON a.id = p.area_id WHERE NOT (a.boundary @> p.location))::int
           + (SELECT count(*) FROM compounds p JOIN areas a ON a.id = p.area_id WHERE NOT (a.boundary @> p.location))::int AS n`);
    expect(Number(outside.n)).toBe(0);
    const micro = await one(sql`SELECT count(*)::int AS n FROM places p JOIN areas a ON a.id = p.area_id WHERE a.level <> 'microgrid'`);
    expect(Number(micro.n)).toBe(0);
  });

  it("has one account per role per community", async () => {
    const rows = rowsOf<{ name: string; role: string }>(
      await t.database.db.execute(sql`
        SELECT c.name, u.role FROM users u JOIN areas a ON a.id = u.area_id JOIN areas c ON c.id = a.community_id
        GROUP BY 1, 2`),
    );
    const roles = ["community_secretary", "community_staff", "grid_worker", "branch_secretary", "partner_contact", "volunteer", "resident", "rider"];
    for (const community of ["红康社区", "怡心桥社区"]) {
      const have = rows.filter((r) => r.name === community).map((r) => r.role);
      for (const role of roles) expect(have, `${community} ${role}`).toContain(role);
    }
  });
});
