import { sql } from "drizzle-orm";
import type { z } from "zod";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import type { enterpriseItem, enterpriseListQuery } from "../../../contracts/enterprise";
import { drillPeriod, inAreaCommunities, inPeriod } from "../reports/drill-filter";
import { enterpriseAliasRule } from "./access";

type Item = z.infer<typeof enterpriseItem>;
type Query = z.infer<typeof enterpriseListQuery>;

export type EnterpriseRowSql = {
  id: string;
  name: string;
  kind: string;
  credit_code: string | null;
  address: string;
  grid: string | null;
  industry: string | null;
  size_band: Item["sizeBand"];
  key_enterprise: boolean | null;
  complex_name: string | null;
  stage: Item["cultivationStage"];
  last_visit_on: string | null;
  open_needs: number;
};

/** The columns of an enterprise row over `places p` (profile, grid, cultivation stage, last visit, open needs). */
export const ENTERPRISE_COLUMNS = sql`p.id, p.name, p.kind, p.credit_code, p.address,
  (SELECT g.name FROM areas m JOIN areas g ON g.id = CASE WHEN m.level = 'microgrid' THEN m.parent_id ELSE m.id END WHERE m.id = p.area_id) AS grid,
  coalesce(ep.industry, p.attrs->>'industry', p.attrs->>'category') AS industry, ep.size_band, ep.key_enterprise, ep.complex_name, cu.stage,
  (SELECT max(v.visited_on)::text FROM enterprise_visits v WHERE v.place_id = p.id) AS last_visit_on,
  (SELECT count(*)::int FROM enterprise_needs n WHERE n.place_id = p.id AND n.status IN ('open', 'matched', 'referred')) AS open_needs`;

export function presentEnterprise(r: EnterpriseRowSql): Item {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    creditCode: r.credit_code,
    address: r.address,
    grid: r.grid,
    industry: r.industry,
    sizeBand: r.size_band ?? null,
    keyEnterprise: !!r.key_enterprise,
    complexName: r.complex_name,
    cultivationStage: r.stage ?? null,
    lastVisitOn: r.last_visit_on,
    openNeeds: Number(r.open_needs ?? 0),
  };
}

/**
 * The enterprises and shops of the caller's scope: key enterprises first, then those in 入库
 * cultivation, then by name; filtered by name or credit code, kind, key flag or cultivation stage.
 */
export async function listEnterprises(db: DbOrTx, user: AuthUser, q: Query): Promise<{ items: Item[]; total: number }> {
  // A drill-down from 走访企业商户: the enterprises with a visit in the period, recorded in the area's communities.
  const period = drillPeriod(q);
  const visitArea = await inAreaCommunities(db, user, sql`v.community_id`, q.areaId);
  const where = sql`${enterpriseAliasRule(user)} AND p.active
    ${period ? sql`AND EXISTS (SELECT 1 FROM enterprise_visits v WHERE v.place_id = p.id AND ${inPeriod(sql`v.visited_on`, period)} AND ${visitArea})` : q.areaId ? sql`AND ${await inAreaCommunities(db, user, sql`p.community_id`, q.areaId)}` : sql``}
    ${q.q ? sql`AND (p.name LIKE ${"%" + q.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"} OR p.credit_code = ${q.q.toUpperCase()})` : sql``}
    ${q.kind ? sql`AND p.kind = ${q.kind}` : sql``}
    ${q.key === "true" ? sql`AND ep.key_enterprise` : q.key === "false" ? sql`AND NOT coalesce(ep.key_enterprise, false)` : sql``}
    ${q.stage ? sql`AND cu.stage = ${q.stage}` : sql``}`;
  const from = sql`places p LEFT JOIN enterprise_profiles ep ON ep.place_id = p.id LEFT JOIN cultivations cu ON cu.place_id = p.id`;
  const [rows, [{ n }]] = await Promise.all([
    db.execute(sql`SELECT ${ENTERPRISE_COLUMNS} FROM ${from} WHERE ${where}
      ORDER BY coalesce(ep.key_enterprise, false) DESC, (cu.stage IS NOT NULL) DESC, p.kind, p.name, p.id LIMIT ${q.limit}`),
    db.execute(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`).then((r) => rowsOf<{ n: number }>(r)),
  ]);
  return { items: rowsOf<EnterpriseRowSql>(rows).map(presentEnterprise), total: Number(n) };
}
