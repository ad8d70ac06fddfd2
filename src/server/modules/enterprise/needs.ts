import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { enterpriseNeeds } from "../../db/schema/enterprise";
import { places } from "../../db/schema/places";
import type { AppDeps } from "../../platform/deps";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { areaRule, communityRule, findVisible } from "../../platform/access";
import { AppError, notFound } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import { localDay } from "../../platform/clock";
import { areaPathOf } from "../../platform/scope";
import type { NotificationInput } from "../../platform/notify";
import type { matchNeedBody, needItem, needListQuery, referNeedBody, settleNeedBody } from "../../../contracts/enterprise";
import { reportToDepartment } from "../cases/refer-to-department";
import { matchUnits } from "../partners/match-units";
import { NEED_KIND_NAMES, REFERRAL_OF_NEED, RESOURCE_OF_NEED } from "./labels";
import { drillPeriod, inAreaCommunities, inPeriod } from "../reports/drill-filter";

type NeedRow = typeof enterpriseNeeds.$inferSelect;
type Item = z.infer<typeof needItem>;

/** A need of an enterprise in the user's scope (404 otherwise). */
export function loadNeed(db: DbOrTx, user: AuthUser, id: string, opts: { lock?: boolean } = {}): Promise<NeedRow> {
  return findVisible<NeedRow>(db, enterpriseNeeds, enterpriseNeeds.id, id, areaRule(user, { areaId: enterpriseNeeds.areaId }), "need", opts);
}

/** The needs of the user's scope: open ones first, then newest. */
export async function listNeeds(db: DbOrTx, user: AuthUser, q: z.infer<typeof needListQuery>): Promise<{ items: Item[]; total: number }> {
  // A drill-down from the report: needs raised (or settled) in the period in the area's communities, matched or referred.
  const period = drillPeriod(q);
  const where = sql`${areaRule(user, { areaId: sql`n.area_id` })}
    ${q.status ? sql`AND n.status = ${q.status}` : sql``} ${q.kind ? sql`AND n.kind = ${q.kind}` : sql``} ${q.placeId ? sql`AND n.place_id = ${q.placeId}` : sql``}
    AND ${await inAreaCommunities(db, user, sql`n.community_id`, q.areaId)}
    AND ${inPeriod(q.dated === "settled" ? sql`n.settled_on` : sql`n.raised_on`, period)}
    ${q.outcome === "matched" ? sql`AND n.matched_item_id IS NOT NULL` : q.outcome === "referred" ? sql`AND n.case_id IS NOT NULL` : sql``}`;
  const rows = rowsOf<{ id: string; place_id: string; place_name: string; kind: Item["kind"]; description: string; status: Item["status"]; raised_on: string; unit_id: string | null; unit_name: string | null; item_id: string | null; offer: string | null; case_id: string | null; case_number: string | null; settled_on: string | null; settlement: string | null }>(
    await db.execute(sql`
      SELECT n.id, n.place_id, p.name AS place_name, n.kind, n.description, n.status, n.raised_on::text, n.matched_unit_id AS unit_id, u.name AS unit_name,
             n.matched_item_id AS item_id, i.description AS offer, n.case_id, c.number AS case_number, n.settled_on::text, n.settlement
      FROM enterprise_needs n JOIN places p ON p.id = n.place_id
      LEFT JOIN partner_units u ON u.id = n.matched_unit_id LEFT JOIN agreement_items i ON i.id = n.matched_item_id LEFT JOIN cases c ON c.id = n.case_id
      WHERE ${where} ORDER BY (n.status = 'settled'), n.raised_on DESC, n.id DESC LIMIT ${q.limit}`),
  );
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM enterprise_needs n WHERE ${where}`));
  return {
    items: rows.map((r) => ({
      id: r.id,
      place: { id: r.place_id, name: r.place_name },
      kind: r.kind,
      description: r.description,
      status: r.status,
      raisedOn: r.raised_on,
      matched: r.unit_id && r.item_id ? { unitId: r.unit_id, unitName: r.unit_name ?? "", itemId: r.item_id, offer: r.offer ?? "" } : null,
      caseId: r.case_id,
      caseNumber: r.case_number,
      settledOn: r.settled_on,
      settlement: r.settlement,
    })),
    total: Number(n),
  };
}

/** The partner offers that answer a need (the partners' matching, by the need's words and resource kind). */
export async function needMatches(db: DbOrTx, user: AuthUser, id: string) {
  const need = await loadNeed(db, user, id);
  const resourceKind = RESOURCE_OF_NEED[need.kind];
  const byKind = await matchUnits(db, user, { communityId: need.communityId, q: need.description.slice(0, 200), resourceKind });
  if (byKind.items.length || !resourceKind) return byKind;
  return matchUnits(db, user, { communityId: need.communityId, q: need.description.slice(0, 200) });
}

function assertOpen(need: NeedRow) {
  if (need.status !== "open") throw new AppError("INVALID_TRANSITION", { status: need.status });
}

/** Matches an open need to an offer of a partner unit's agreement in force in the need's community. */
export async function matchNeed(ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof matchNeedBody>) {
  const need = await loadNeed(tx, ctx.user, id, { lock: true });
  assertOpen(need);
  const today = localDay();
  const [offer] = rowsOf<{ unit_id: string; unit_name: string; description: string }>(
    await tx.execute(sql`
      SELECT u.id AS unit_id, u.name AS unit_name, i.description FROM agreement_items i JOIN agreements a ON a.id = i.agreement_id JOIN partner_units u ON u.id = a.unit_id
      WHERE i.id = ${body.itemId} AND i.list = 'offer' AND a.starts_on <= ${today} AND a.ends_on >= ${today} AND u.active
        AND u.community_id = ${need.communityId} AND ${communityRule(ctx.user, { communityId: sql`u.community_id` })}`),
  );
  if (!offer) throw notFound("offer");
  await tx.update(enterpriseNeeds).set({ status: "matched", matchedUnitId: offer.unit_id, matchedItemId: body.itemId }).where(eq(enterpriseNeeds.id, need.id));
  await writeAudit(tx, ctx, { action: "enterprise.need.match", targetType: "enterprise_need", targetId: need.id, areaPath: areaPathOf(need.areaId), before: { status: need.status }, after: { status: "matched", unitId: offer.unit_id, itemId: body.itemId } });
  return { id: need.id };
}

/**
 * Turns an open need into a case at the department that can settle it (given, or by the need's
 * kind), with the enterprise as its subject: its name, address and place in the case.
 */
export async function referNeed(deps: AppDeps, ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof referNeedBody>): Promise<{ value: { id: string; caseId: string }; notify: NotificationInput[] }> {
  const need = await loadNeed(tx, ctx.user, id, { lock: true });
  assertOpen(need);
  const [place] = await tx.select().from(places).where(and(eq(places.id, need.placeId))).limit(1);
  const route = REFERRAL_OF_NEED[need.kind];
  const department = body.department ?? route.department;
  const location = place.location ? (place.location as [number, number]) : undefined;
  const kase = await reportToDepartment(
    deps,
    ctx,
    tx,
    {
      categoryCode: body.categoryCode ?? route.category,
      description: `【企业诉求】${place.name}（${place.creditCode ?? "无信用代码"}）${NEED_KIND_NAMES[need.kind]}：${need.description}${body.note ? `；${body.note}` : ""}`.slice(0, 2000),
      location,
      address: place.address.slice(0, 200),
      photoIds: [],
      anonymous: false,
    },
    department,
    `企业诉求转${department}办理`,
  );
  await tx.update(enterpriseNeeds).set({ status: "referred", caseId: kase.id }).where(eq(enterpriseNeeds.id, need.id));
  await writeAudit(tx, ctx, { action: "enterprise.need.refer", targetType: "enterprise_need", targetId: need.id, areaPath: areaPathOf(need.areaId), before: { status: need.status }, after: { status: "referred", caseId: kase.id, department } });
  return { value: { id: need.id, caseId: kase.id }, notify: kase.notify };
}

/** Marks a need settled (from open, matched or referred) with what was done. */
export async function settleNeed(ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof settleNeedBody>) {
  const need = await loadNeed(tx, ctx.user, id, { lock: true });
  if (need.status === "settled") throw new AppError("INVALID_TRANSITION", { status: need.status });
  const on = body.settledOn ?? localDay();
  if (on < String(need.raisedOn)) throw new AppError("VALIDATION_FAILED", [{ path: "/settledOn", message: "before the need was raised" }]);
  await tx.update(enterpriseNeeds).set({ status: "settled", settledOn: on, settlement: body.settlement }).where(eq(enterpriseNeeds.id, need.id));
  await writeAudit(tx, ctx, { action: "enterprise.need.settle", targetType: "enterprise_need", targetId: need.id, areaPath: areaPathOf(need.areaId), before: { status: need.status }, after: { status: "settled", settledOn: on } });
  return { id: need.id };
}
