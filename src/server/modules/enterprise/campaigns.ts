import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { campaignTargets, visitCampaigns } from "../../db/schema/enterprise";
import { places } from "../../db/schema/places";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { areaRule, communityRule, findVisible } from "../../platform/access";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { rolesOf } from "../../platform/roles";
import { areaInScope, areaPathOf, areaWithin, underArea } from "../../platform/scope";
import type { assignBody, campaignBody, campaignDetail, campaignItem, targetItem, targetQuery } from "../../../contracts/enterprise";
import { assertAssignable } from "../patrols/plan-targets";
import { targetCommunity } from "../partners/community-scope";
import { ENTERPRISE_KINDS, enterpriseRule, visiblePlaces } from "./access";

type CampaignRow = typeof visitCampaigns.$inferSelect;
type Item = z.infer<typeof campaignItem>;
const share = (visited: number, targeted: number) => (targeted > 0 ? Math.round((visited / targeted) * 1000) / 10 : null);

/** A campaign of a community the user sees (404 otherwise). */
export function loadCampaign(db: DbOrTx, user: AuthUser, id: string): Promise<CampaignRow> {
  return findVisible<CampaignRow>(db, visitCampaigns, visitCampaigns.id, id, communityRule(user, { communityId: visitCampaigns.communityId }), "campaign");
}

/** SQL: the grid worker who covers a place's area (the deepest grid node's worker, by username). */
const gridWorkerOfPlace = (areaId: ReturnType<typeof sql>) => sql`(SELECT u.id FROM users u JOIN areas ua ON ua.id = u.area_id
  WHERE ${inArray(sql`u.role`, rolesOf("gridWorkers"))} AND u.status = 'active' AND ua.level IN ('grid', 'microgrid')
    AND ${areaWithin(areaId, sql`ua.path`)} ORDER BY ua.depth DESC, u.username LIMIT 1)`;

/**
 * Creates a campaign over a set of enterprises: the places given, or every active enterprise and
 * shop (of the kinds given) of the community or of an area under it; each target is assigned to
 * the grid worker of its grid (the creator when the grid has none). A campaign of no place is refused.
 */
export async function createCampaign(ctx: SignedInContext, tx: Tx, body: z.infer<typeof campaignBody>) {
  const { user } = ctx;
  if (body.endsOn < body.startsOn) throw new AppError("VALIDATION_FAILED", [{ path: "/endsOn", message: "ends before it starts" }]);
  const community = await targetCommunity(tx, user, body.communityId);
  let targets: Array<{ id: string; areaId: string }>;
  if (body.placeIds) {
    const found = await visiblePlaces(tx, user, body.placeIds, enterpriseRule(user));
    if (found.length !== new Set(body.placeIds).size || found.some((p) => p.communityId !== community.id)) throw notFound("enterprise");
    targets = found.map((p) => ({ id: p.id, areaId: p.areaId }));
  } else {
    const area = body.areaId ? await areaInScope(tx, user, body.areaId) : null;
    const rows = await tx
      .select({ id: places.id, areaId: places.areaId })
      .from(places)
      .where(
        and(
          enterpriseRule(user),
          eq(places.communityId, community.id),
          eq(places.active, true),
          inArray(places.kind, body.kinds?.length ? body.kinds : [...ENTERPRISE_KINDS]),
          area ? underArea(places.areaId, area.path) : undefined,
        ),
      );
    targets = rows;
  }
  if (targets.length === 0) throw new AppError("VALIDATION_FAILED", [{ path: "/placeIds", message: "a campaign targets at least one enterprise" }]);
  const id = uuidv7();
  await tx.insert(visitCampaigns).values({ id, communityId: community.id, name: body.name, startsOn: body.startsOn, endsOn: body.endsOn, createdBy: user.id });
  for (let i = 0; i < targets.length; i += 500) {
    const chunk = targets.slice(i, i + 500);
    await tx.execute(sql`
      INSERT INTO campaign_targets (campaign_id, place_id, area_id, assignee_id)
      SELECT ${id}::uuid, v.pid, v.aid, coalesce(${gridWorkerOfPlace(sql`v.aid`)}, ${user.id}::uuid)
      FROM (VALUES ${sql.join(chunk.map((t) => sql`(${t.id}::uuid, ${t.areaId}::uuid)`), sql`, `)}) AS v(pid, aid)`);
  }
  await writeAudit(tx, ctx, { action: "enterprise.campaign.create", targetType: "visit_campaign", targetId: id, areaPath: areaPathOf(community.id), after: { name: body.name, targets: targets.length } });
  return { id };
}

type CoverageRow = { id: string; targeted: number; visited: number; raised: number; settled: number };

/** Targets and visited targets of campaigns, with the needs their visits raised and settled. */
async function coverageOf(db: DbOrTx, ids: string[]): Promise<Map<string, CoverageRow>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<CoverageRow>(
    await db.execute(sql`
      SELECT c.id,
        (SELECT count(*)::int FROM campaign_targets t WHERE t.campaign_id = c.id) AS targeted,
        (SELECT count(*)::int FROM campaign_targets t WHERE t.campaign_id = c.id AND EXISTS (SELECT 1 FROM enterprise_visits v WHERE v.campaign_id = c.id AND v.place_id = t.place_id)) AS visited,
        (SELECT count(*)::int FROM enterprise_needs n JOIN enterprise_visits v ON v.id = n.visit_id WHERE v.campaign_id = c.id) AS raised,
        (SELECT count(*)::int FROM enterprise_needs n JOIN enterprise_visits v ON v.id = n.visit_id WHERE v.campaign_id = c.id AND n.status = 'settled') AS settled
      FROM visit_campaigns c WHERE c.id IN (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function present(c: CampaignRow, cov: CoverageRow | undefined): Item {
  const targeted = Number(cov?.targeted ?? 0);
  const visited = Number(cov?.visited ?? 0);
  return {
    id: c.id,
    communityId: c.communityId,
    name: c.name,
    startsOn: String(c.startsOn),
    endsOn: String(c.endsOn),
    coverage: { targeted, visited, share: share(visited, targeted) },
    needsRaised: Number(cov?.raised ?? 0),
    needsSettled: Number(cov?.settled ?? 0),
  };
}

/** The campaigns of the user's communities, running and latest first. */
export async function listCampaigns(db: DbOrTx, user: AuthUser) {
  const rows = await db
    .select()
    .from(visitCampaigns)
    .where(communityRule(user, { communityId: visitCampaigns.communityId }))
    .orderBy(sql`${visitCampaigns.endsOn} DESC`, sql`${visitCampaigns.createdAt} DESC`)
    .limit(200);
  const cov = await coverageOf(db, rows.map((r) => r.id));
  return { items: rows.map((r) => present(r, cov.get(r.id))), total: rows.length };
}

/** One campaign with its coverage by grid and by worker (visited ÷ targeted), over the targets the user sees. */
export async function getCampaign(db: DbOrTx, user: AuthUser, id: string): Promise<z.infer<typeof campaignDetail>> {
  const c = await loadCampaign(db, user, id);
  const cov = await coverageOf(db, [c.id]);
  const visible = areaRule(user, { areaId: sql`t.area_id` });
  const visited = sql`EXISTS (SELECT 1 FROM enterprise_visits v WHERE v.campaign_id = t.campaign_id AND v.place_id = t.place_id)`;
  const byGrid = rowsOf<{ id: string; name: string; targeted: number; visited: number }>(
    await db.execute(sql`
      SELECT g.id, g.name, count(*)::int AS targeted, count(*) FILTER (WHERE ${visited})::int AS visited
      FROM campaign_targets t JOIN areas m ON m.id = t.area_id JOIN areas g ON g.id = CASE WHEN m.level = 'microgrid' THEN m.parent_id ELSE m.id END
      WHERE t.campaign_id = ${c.id} AND ${visible} GROUP BY g.id, g.name ORDER BY g.name`),
  );
  const byWorker = rowsOf<{ id: string; name: string; targeted: number; visited: number }>(
    await db.execute(sql`
      SELECT u.id, u.display_name AS name, count(*)::int AS targeted, count(*) FILTER (WHERE ${visited})::int AS visited
      FROM campaign_targets t JOIN users u ON u.id = t.assignee_id
      WHERE t.campaign_id = ${c.id} AND ${visible} GROUP BY u.id, u.display_name ORDER BY u.display_name`),
  );
  const withShare = (r: { id: string; name: string; targeted: number; visited: number }) => ({ ...r, share: share(r.visited, r.targeted) });
  return { ...present(c, cov.get(c.id)), byGrid: byGrid.map(withShare), byWorker: byWorker.map(withShare) };
}

/** The targets of a campaign the user sees (a grid worker: their grid's; `mine`: assigned to them), not yet visited first. */
export async function listTargets(db: DbOrTx, user: AuthUser, id: string, q: z.infer<typeof targetQuery>): Promise<{ items: Array<z.infer<typeof targetItem>>; total: number }> {
  const c = await loadCampaign(db, user, id);
  const where = sql`t.campaign_id = ${c.id} AND ${areaRule(user, { areaId: sql`t.area_id` })}
    ${q.mine === "true" ? sql`AND t.assignee_id = ${user.id}` : sql``}
    ${q.visited === "true" ? sql`AND lv.on IS NOT NULL` : q.visited === "false" ? sql`AND lv.on IS NULL` : sql``}`;
  const from = sql`campaign_targets t JOIN places p ON p.id = t.place_id JOIN users u ON u.id = t.assignee_id
    LEFT JOIN LATERAL (SELECT max(v.visited_on)::text AS on FROM enterprise_visits v WHERE v.campaign_id = t.campaign_id AND v.place_id = t.place_id) lv ON true`;
  const rows = rowsOf<{ place_id: string; name: string; kind: string; address: string; grid: string | null; assignee_id: string; assignee_name: string; visited_on: string | null }>(
    await db.execute(sql`
      SELECT t.place_id, p.name, p.kind, p.address, u.id AS assignee_id, u.display_name AS assignee_name, lv.on AS visited_on,
        (SELECT g.name FROM areas m JOIN areas g ON g.id = CASE WHEN m.level = 'microgrid' THEN m.parent_id ELSE m.id END WHERE m.id = t.area_id) AS grid
      FROM ${from} WHERE ${where} ORDER BY (lv.on IS NOT NULL), p.name, p.id LIMIT ${q.limit}`),
  );
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`));
  return {
    items: rows.map((r) => ({ placeId: r.place_id, name: r.name, kind: r.kind, address: r.address, grid: r.grid, assignee: { id: r.assignee_id, name: r.assignee_name }, visitedOn: r.visited_on })),
    total: Number(n),
  };
}

/** Gives targets of a campaign to another grid worker or staff member who covers their areas. */
export async function assignTargets(ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof assignBody>) {
  const c = await loadCampaign(tx, ctx.user, id);
  const rows = await tx
    .select({ placeId: campaignTargets.placeId, areaId: campaignTargets.areaId })
    .from(campaignTargets)
    .where(and(eq(campaignTargets.campaignId, c.id), inArray(campaignTargets.placeId, [...new Set(body.placeIds)]), areaRule(ctx.user, { areaId: campaignTargets.areaId })));
  if (rows.length !== new Set(body.placeIds).size) throw notFound("target");
  for (const areaId of new Set(rows.map((r) => r.areaId))) await assertAssignable(tx, body.assigneeId, areaId);
  await tx
    .update(campaignTargets)
    .set({ assigneeId: body.assigneeId })
    .where(and(eq(campaignTargets.campaignId, c.id), inArray(campaignTargets.placeId, rows.map((r) => r.placeId))));
  await writeAudit(tx, ctx, { action: "enterprise.campaign.assign", targetType: "visit_campaign", targetId: c.id, areaPath: areaPathOf(c.communityId), after: { assigneeId: body.assigneeId, places: rows.length } });
  return { assigned: rows.length };
}
