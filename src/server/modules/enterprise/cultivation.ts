import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { briefingPlaces, cultivations, enterpriseBriefings } from "../../db/schema/enterprise";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { areaRule, communityRule, findVisible } from "../../platform/access";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import { CULTIVATION_DOCUMENTS, type CultivationStage, type advanceBody, type briefingBody, type cultivationBody, type cultivationItem, type cultivationListQuery, type documentsBody, type periodAreaQuery } from "../../../contracts/enterprise";
import { targetCommunity } from "../partners/community-scope";
import { enterpriseRule, loadEnterprise, visiblePlaces } from "./access";
import { drillPeriod, inAreaCommunities, inPeriod } from "../reports/drill-filter";

type Row = typeof cultivations.$inferSelect;

/**
 * The 入库 pipeline as data: which stage each step leads from, and the day column it stamps.
 * Declaring needs every document of the checklist gathered.
 */
const STEPS: Record<"coached" | "documents" | "declared" | "accepted" | "rejected", { from: CultivationStage[]; stamp: keyof Row }> = {
  coached: { from: ["candidate"], stamp: "coachedOn" },
  documents: { from: ["coached"], stamp: "documentsOn" },
  declared: { from: ["documents"], stamp: "declaredOn" },
  accepted: { from: ["declared"], stamp: "decidedOn" },
  rejected: { from: ["declared"], stamp: "decidedOn" },
};

/** The day each earlier stage was reached: a step may not be dated before the one it follows. */
const PREVIOUS_DAY: Record<keyof typeof STEPS, keyof Row> = { coached: "candidateOn", documents: "coachedOn", declared: "documentsOn", accepted: "declaredOn", rejected: "declaredOn" };

function loadCultivation(db: DbOrTx, user: AuthUser, placeId: string, lock = false): Promise<Row> {
  return findVisible<Row>(db, cultivations, cultivations.placeId, placeId, areaRule(user, { areaId: cultivations.areaId }), "cultivation", { lock });
}

/** The pipelines of the user's scope: the furthest along first. */
/** The 入库 pipelines, furthest along first; a drill-down narrows them to a stage, an area and a period of declaring (or deciding). */
export async function listCultivations(db: DbOrTx, user: AuthUser, q: z.infer<typeof cultivationListQuery> = {}): Promise<{ items: Array<z.infer<typeof cultivationItem>>; total: number }> {
  const period = drillPeriod(q);
  const area = await inAreaCommunities(db, user, sql`c.community_id`, q.areaId);
  const rows = rowsOf<{ place_id: string; name: string; stage: CultivationStage; thresholds: string; documents: Record<string, boolean>; candidate_on: string; coached_on: string | null; documents_on: string | null; declared_on: string | null; decided_on: string | null; briefings: number }>(
    await db.execute(sql`
      SELECT c.place_id, p.name, c.stage, c.thresholds, c.documents, c.candidate_on::text, c.coached_on::text, c.documents_on::text, c.declared_on::text, c.decided_on::text,
        (SELECT count(*)::int FROM briefing_places bp WHERE bp.place_id = c.place_id) AS briefings
      FROM cultivations c JOIN places p ON p.id = c.place_id
      WHERE ${areaRule(user, { areaId: sql`c.area_id` })} AND ${area} ${q.stage ? sql`AND c.stage = ${q.stage}` : sql``}
        AND ${inPeriod(q.dated === "decided" ? sql`c.decided_on` : sql`c.declared_on`, period)}
      ORDER BY array_position(ARRAY['accepted', 'declared', 'documents', 'coached', 'candidate', 'rejected'], c.stage), p.name LIMIT 500`),
  );
  return {
    items: rows.map((r) => ({
      placeId: r.place_id,
      name: r.name,
      stage: r.stage,
      thresholds: r.thresholds,
      documents: r.documents ?? {},
      candidateOn: r.candidate_on,
      coachedOn: r.coached_on,
      documentsOn: r.documents_on,
      declaredOn: r.declared_on,
      decidedOn: r.decided_on,
      briefings: Number(r.briefings),
    })),
    total: rows.length,
  };
}

/** Puts an enterprise on the 入库 pipeline as a candidate, with the thresholds it is near. */
export async function addCandidate(ctx: SignedInContext, tx: Tx, body: z.infer<typeof cultivationBody>) {
  const place = await loadEnterprise(tx, ctx.user, body.placeId);
  const [dup] = await tx.select({ id: cultivations.placeId }).from(cultivations).where(eq(cultivations.placeId, place.id)).limit(1);
  if (dup) throw new AppError("CONFLICT", { reason: "already_in_pipeline" });
  await tx.insert(cultivations).values({
    placeId: place.id,
    communityId: place.communityId,
    areaId: place.areaId,
    thresholds: body.thresholds,
    candidateOn: body.candidateOn,
    documents: Object.fromEntries(CULTIVATION_DOCUMENTS.map((d) => [d, false])),
  });
  await writeAudit(tx, ctx, { action: "enterprise.cultivation.add", targetType: "place", targetId: place.id, areaPath: areaPathOf(place.areaId), after: { thresholds: body.thresholds, candidateOn: body.candidateOn } });
  return { id: place.id };
}

/** Ticks documents of the checklist (while coached or gathering documents). */
export async function updateDocuments(ctx: SignedInContext, tx: Tx, placeId: string, body: z.infer<typeof documentsBody>) {
  const row = await loadCultivation(tx, ctx.user, placeId, true);
  if (!["coached", "documents"].includes(row.stage)) throw new AppError("INVALID_TRANSITION", { stage: row.stage });
  const documents = { ...row.documents, ...body.documents };
  await tx.update(cultivations).set({ documents, updatedAt: new Date() }).where(eq(cultivations.placeId, row.placeId));
  await writeAudit(tx, ctx, { action: "enterprise.cultivation.documents", targetType: "place", targetId: row.placeId, areaPath: areaPathOf(row.areaId), before: row.documents, after: documents });
  return { id: row.placeId };
}

/** Moves a pipeline one step (the table above), stamping the day; declaring needs every document. */
export async function advanceCultivation(ctx: SignedInContext, tx: Tx, placeId: string, body: z.infer<typeof advanceBody>) {
  const row = await loadCultivation(tx, ctx.user, placeId, true);
  const step = STEPS[body.to];
  if (!step.from.includes(row.stage)) throw new AppError("INVALID_TRANSITION", { stage: row.stage, to: body.to });
  const previous = row[PREVIOUS_DAY[body.to]] as string | null;
  if (previous && body.on < String(previous)) throw new AppError("VALIDATION_FAILED", [{ path: "/on", message: `before the previous stage (${previous})` }]);
  const documents = { ...row.documents, ...(body.documents ?? {}) };
  if (body.to === "declared" && CULTIVATION_DOCUMENTS.some((d) => !documents[d])) {
    throw new AppError("VALIDATION_FAILED", [{ path: "/documents", message: "every document of the checklist must be gathered before declaring" }]);
  }
  const set: Partial<Row> = { stage: body.to, documents, updatedAt: new Date(), [step.stamp]: body.on };
  if (body.to === "accepted" || body.to === "rejected") set.decisionNote = body.note || null;
  await tx.update(cultivations).set(set).where(and(eq(cultivations.placeId, row.placeId), eq(cultivations.stage, row.stage)));
  await writeAudit(tx, ctx, { action: "enterprise.cultivation.advance", targetType: "place", targetId: row.placeId, areaPath: areaPathOf(row.areaId), before: { stage: row.stage }, after: { stage: body.to, on: body.on } });
  return { id: row.placeId };
}

/**
 * Records a door-to-door policy briefing (上门宣讲) covering one or several enterprises; the
 * candidates among them become coached on that day.
 */
export async function recordBriefing(ctx: SignedInContext, tx: Tx, body: z.infer<typeof briefingBody>) {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  const found = await visiblePlaces(tx, ctx.user, body.placeIds, enterpriseRule(ctx.user));
  if (found.length !== new Set(body.placeIds).size || found.some((p) => p.communityId !== community.id)) throw notFound("enterprise");
  const id = uuidv7();
  await tx.insert(enterpriseBriefings).values({ id, communityId: community.id, heldOn: body.heldOn, topic: body.topic, createdBy: ctx.user.id });
  await tx.insert(briefingPlaces).values(found.map((p) => ({ briefingId: id, placeId: p.id })));
  await tx
    .update(cultivations)
    .set({ stage: "coached", coachedOn: body.heldOn, updatedAt: new Date() })
    .where(and(inArray(cultivations.placeId, found.map((p) => p.id)), eq(cultivations.stage, "candidate"), sql`${cultivations.candidateOn} <= ${body.heldOn}`));
  await writeAudit(tx, ctx, { action: "enterprise.briefing", targetType: "enterprise_briefing", targetId: id, areaPath: areaPathOf(community.id), after: { heldOn: body.heldOn, topic: body.topic, places: found.length } });
  return { id };
}

/** Policy briefings, latest first; a drill-down narrows them to an area and a period. */
export async function listBriefings(db: DbOrTx, user: AuthUser, q: z.infer<typeof periodAreaQuery> = {}) {
  const period = drillPeriod(q);
  const area = await inAreaCommunities(db, user, sql`b.community_id`, q.areaId);
  const rows = rowsOf<{ id: string; held_on: string; topic: string; places: Array<{ id: string; name: string }> | null }>(
    await db.execute(sql`
      SELECT b.id, b.held_on::text, b.topic,
        (SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.name) FROM briefing_places bp JOIN places p ON p.id = bp.place_id
          WHERE bp.briefing_id = b.id AND ${areaRule(user, { areaId: sql`p.area_id` })}) AS places
      FROM enterprise_briefings b WHERE ${communityRule(user, { communityId: sql`b.community_id` })} AND ${area} AND ${inPeriod(sql`b.held_on`, period)} ORDER BY b.held_on DESC, b.id LIMIT 200`),
  );
  return { items: rows.map((r) => ({ id: r.id, heldOn: r.held_on, topic: r.topic, places: r.places ?? [] })), total: rows.length };
}
