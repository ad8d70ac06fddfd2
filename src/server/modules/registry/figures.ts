import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { FigureSource } from "../reports/figure-source";
import { communitiesOf, figureMaker, UNITS } from "../reports/figure-kit";
import { pathUnder } from "../../platform/scope";

const fig = figureMaker("registry");

/** 基本情况: the community as it stands now — compounds, public units, households, residents, grids. */
export const registryFigures: FigureSource = {
  section: "registry",
  async figures(db, scope) {
    const communities = await communitiesOf(db, scope);
    const counts = await Promise.all(
      communities.map(async (c) => {
        const [r] = rowsOf<Record<string, number>>(
          await db.execute(sql`
            SELECT
              (SELECT count(*) FROM compounds WHERE community_id = ${c.id}::uuid)::int AS compounds,
              (SELECT count(*) FROM places WHERE kind = 'public_unit' AND community_id = ${c.id}::uuid)::int AS "publicUnits",
              (SELECT count(*) FROM households WHERE status = 'active' AND community_id = ${c.id}::uuid)::int AS households,
              (SELECT count(*) FROM persons WHERE status = 'active' AND community_id = ${c.id}::uuid)::int AS persons,
              (SELECT count(*) FROM areas a WHERE a.level = 'grid' AND ${pathUnder(sql`a.path`, c.path)})::int AS grids,
              (SELECT count(*) FROM areas a WHERE a.level = 'microgrid' AND ${pathUnder(sql`a.path`, c.path)})::int AS microgrids`),
        );
        return r;
      }),
    );
    const sum = (k: string) => counts.reduce((s, r) => s + Number(r[k] ?? 0), 0);
    const buildings = { route: "/registry", query: { tab: "buildings" } };
    return [
      fig("compounds", sum("compounds"), {
        label: { zh: "居民小区（楼院）", en: "Residential compounds" },
        definition: { zh: "现有居民小区、楼院个数。", en: "Residential compounds now." },
        unit: UNITS.items,
      }, buildings),
      fig("public_units", sum("publicUnits"), {
        label: { zh: "公共户单位", en: "Public units" },
        definition: { zh: "现有公共户单位个数。", en: "Public units now." },
        unit: UNITS.items,
      }, { route: "/registry", query: { tab: "places" } }),
      fig("households", sum("households"), {
        label: { zh: "常住户数", en: "Households" },
        definition: { zh: "现有在册常住户数。", en: "Registered active households now." },
        unit: UNITS.households,
      }, buildings),
      fig("residents", sum("persons"), {
        label: { zh: "常住人口", en: "Residents" },
        definition: { zh: "现有在册常住人口数。", en: "Registered active residents now." },
        unit: UNITS.people,
      }, buildings),
      fig("grids", sum("grids"), {
        label: { zh: "四级网格", en: "Level-4 grids" },
        definition: { zh: "现有四级网格个数。", en: "Level-4 grids now." },
        unit: UNITS.items,
      }, { route: "/areas", query: {} }),
      fig("microgrids", sum("microgrids"), {
        label: { zh: "五级网格", en: "Level-5 grids" },
        definition: { zh: "现有五级网格个数。", en: "Level-5 grids now." },
        unit: UNITS.items,
      }, { route: "/areas", query: {} }),
    ];
  },
};
