import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import type { patrolPlans } from "../db/schema/patrols";
import type { Frequency, TargetKind } from "../../contracts/patrols";
import type { SeedFamily } from "./patrol-templates";
import type { PatrolCommunity } from "./patrol-world";

/**
 * The differentiated lists (差异化巡查重点清单) of both communities, as the grid workers keep them:
 * 独居老人 weekly, other care households monthly, 重点人员 weekly, enterprises quarterly, food
 * businesses monthly in 怡心桥 (quarterly in 红康), billboards monthly (红康's quarterly in its 2024
 * survey), 怡心桥's fire-safety points
 * quarterly, and the 盘龙江 stretch weekly by 红康's river chief (the third grid's worker).
 */

export type PlanRow = typeof patrolPlans.$inferInsert & {
  id: string;
  communityId: string;
  areaId: string;
  assigneeId: string;
  frequency: Frequency;
  targetKind: TargetKind;
  startsOn: string;
  targetLabel: string;
  location: [number, number] | null;
  /** History only: the last day a plan that was later replaced made tasks. */
  endsOn?: string;
};

/** When each list started (the history is generated from there to the reference date). */
const STARTS: Record<string, string> = {
  weeklyCare: "2026-11-09",
  monthlyCare: "2026-11-01",
  quarterlyCare: "2026-10-01",
  keyPerson: "2026-09-07",
  enterprise: "2026-07-01",
  /**
   * 怡心桥's food-safety campaign (检查督导, programme of July 2023 – December 2024): after the
   * businesses were listed in the community's first two months, every food business was checked
   * monthly from September 2023 to December 2024 (1,000+ checks) …
   */
  foodYxqCampaign: "2023-09-01",
  foodYxqCampaignEnd: "2024-12-31",
  /** … and quarterly since. */
  foodYxq: "2025-01-01",
  foodHk: "2026-07-01",
  billboard: "2026-09-01",
  /** 红康's billboard safety survey (户外广告牌安全隐患排查) in its first year: each board once a quarter, April – December 2024. */
  billboardSurvey: "2024-04-01",
  billboardSurveyEnd: "2024-12-31",
  fire: "2023-07-01",
  river: "2023-07-03",
};

const FOOD_RETAIL = /便利店|超市|水果|生鲜|烟酒|茶庄|鲜花饼|烘焙|奶茶/;

function point(text: string | null): [number, number] | null {
  if (!text) return null;
  const m = text.match(/-?\d+(?:\.\d+)?/g);
  return m && m.length >= 2 ? [Number(m[0]), Number(m[1])] : null;
}

export async function buildPlans(tx: Tx, communities: PatrolCommunity[], families: Map<TargetKind, SeedFamily>, newId: () => string): Promise<PlanRow[]> {
  const byCommunity = new Map(communities.map((c) => [c.id, c]));
  const gridOfMicro = new Map(communities.flatMap((c) => c.microgrids.map((m) => [m.id, m.gridId] as const)));
  const workerOfGrid = new Map(communities.flatMap((c) => c.grids.map((g) => [g.id, g.workerId] as const)));
  const workerOf = (areaId: string) => workerOfGrid.get(gridOfMicro.get(areaId) ?? areaId) ?? null;
  const plans: PlanRow[] = [];
  const add = (
    kind: TargetKind,
    t: { communityId: string; areaId: string; label: string; location: [number, number] | null },
    target: Partial<PlanRow>,
    frequency: Frequency,
    startsOn: string,
    assigneeId?: string,
    endsOn?: string,
  ) => {
    const assignee = assigneeId ?? workerOf(t.areaId);
    if (!assignee || !byCommunity.has(t.communityId)) return;
    plans.push({
      id: newId(),
      communityId: t.communityId,
      areaId: t.areaId,
      templateFamilyId: families.get(kind)!.familyId,
      targetKind: kind,
      personId: null,
      householdId: null,
      placeId: null,
      ...target,
      targetLabel: t.label,
      location: t.location,
      frequency,
      assigneeId: assignee,
      active: !endsOn,
      startsOn,
      endsOn,
      createdAt: new Date(`${startsOn}T09:00:00+08:00`),
    });
  };

  // Households with care tags, by how much attention they need (a worker's day stays about 20 visits):
  // weekly when someone lives alone and is disabled or on 低保 (独居困难), monthly for 高龄独居
  // (80 or over, alone), disabled, 低保 and left-behind children, quarterly for the others living
  // alone (65–79) and 高龄 living with family.
  const households = rowsOf<{ id: string; community_id: string; area_id: string; label: string; location: string | null; weekly: boolean; monthly: boolean }>(
    await tx.execute(sql`
      SELECT h.id, h.community_id, h.area_id,
             h.address || ' ' || (array_agg(p.name ORDER BY (pt.tag_code = 'elderly_alone') DESC, p.birth_date, p.id))[1] AS label,
             b.location::text AS location,
             bool_or(pt.tag_code = 'elderly_alone' AND EXISTS (
               SELECT 1 FROM person_tags q WHERE q.person_id = p.id AND q.removed_at IS NULL AND q.tag_code IN ('disabled', 'low_income'))) AS weekly,
             bool_or(pt.tag_code IN ('disabled', 'low_income', 'left_behind_child') OR (pt.tag_code = 'elderly_alone' AND EXISTS (
               SELECT 1 FROM person_tags q WHERE q.person_id = p.id AND q.removed_at IS NULL AND q.tag_code = 'elderly_80'))) AS monthly
      FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code
      JOIN persons p ON p.id = pt.person_id JOIN households h ON h.id = p.household_id JOIN buildings b ON b.id = h.building_id
      WHERE pt.removed_at IS NULL AND d.kind = 'care' AND d.visit_frequency IS NOT NULL AND p.status = 'active' AND h.status = 'active'
      GROUP BY h.id, b.id ORDER BY h.id`),
  );
  for (const h of households) {
    add("special_household", { communityId: h.community_id, areaId: h.area_id, label: h.label, location: point(h.location) }, { householdId: h.id }, h.weekly ? "weekly" : h.monthly ? "monthly" : "quarterly", h.weekly ? STARTS.weeklyCare : h.monthly ? STARTS.monthlyCare : STARTS.quarterlyCare);
  }

  const keyPersons = rowsOf<{ id: string; community_id: string; area_id: string; label: string; location: string | null }>(
    await tx.execute(sql`
      SELECT p.id, p.community_id, p.area_id, p.name || coalesce('（' || h.address || '）', '') AS label, b.location::text AS location
      FROM person_tags pt JOIN persons p ON p.id = pt.person_id
      LEFT JOIN households h ON h.id = p.household_id LEFT JOIN buildings b ON b.id = h.building_id
      WHERE pt.tag_code = 'key_person' AND pt.removed_at IS NULL AND p.status = 'active' ORDER BY p.id`),
  );
  for (const p of keyPersons) add("key_person", { communityId: p.community_id, areaId: p.area_id, label: p.label, location: point(p.location) }, { personId: p.id }, "weekly", STARTS.keyPerson);

  const places = rowsOf<{ id: string; community_id: string; area_id: string; kind: string; name: string; location: string | null; category: string | null; industry: string | null }>(
    await tx.execute(sql`
      SELECT id, community_id, area_id, kind, name, location::text AS location, attrs->>'category' AS category, attrs->>'industry' AS industry
      FROM places WHERE active ORDER BY id`),
  );
  const yxq = communities.find((c) => c.key === "yxq")!;
  const hk = communities.find((c) => c.key === "hk")!;
  for (const p of places) {
    const t = { communityId: p.community_id, areaId: p.area_id, label: p.name, location: point(p.location) };
    const isYxq = p.community_id === yxq.id;
    if (p.kind === "enterprise") add("key_enterprise", t, { placeId: p.id }, "quarterly", STARTS.enterprise);
    const food =
      (p.kind === "shop" && (p.category === "catering" || p.category === "pharmacy" || (p.category === "retail" && (isYxq || FOOD_RETAIL.test(p.name))))) ||
      (p.kind === "enterprise" && (p.industry === "catering" || p.industry === "hotel"));
    if (food && isYxq) {
      add("food_business", t, { placeId: p.id }, "monthly", STARTS.foodYxqCampaign, undefined, STARTS.foodYxqCampaignEnd);
      add("food_business", t, { placeId: p.id }, "quarterly", STARTS.foodYxq);
    } else if (food) add("food_business", t, { placeId: p.id }, "quarterly", STARTS.foodHk);
    if (p.kind === "billboard" && p.community_id === hk.id) add("billboard", t, { placeId: p.id }, "quarterly", STARTS.billboardSurvey, undefined, STARTS.billboardSurveyEnd);
    if (p.kind === "billboard") add("billboard", t, { placeId: p.id }, "monthly", STARTS.billboard);
    if (isYxq && (p.kind === "commercial_centre" || p.kind === "rider_station" || (p.kind === "public_unit" && p.category === "hospital"))) {
      add("fire_point", t, { placeId: p.id }, "quarterly", STARTS.fire);
    }
    if (p.kind === "river_stretch" && p.community_id === hk.id) {
      // 红康's community-level river chief is the worker of the grid along the river.
      const chief = hk.grids[hk.grids.length - 1].workerId;
      add("river", t, { placeId: p.id }, "weekly", STARTS.river, chief);
    }
  }
  return plans;
}
