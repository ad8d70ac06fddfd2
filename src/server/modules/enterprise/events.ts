import { sql } from "drizzle-orm";
import type { z } from "zod";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { businessEventPlaces, businessEvents, enterpriseNeeds } from "../../db/schema/enterprise";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { communityRule } from "../../platform/access";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import type { eventBody, eventItem, periodAreaQuery } from "../../../contracts/enterprise";
import { targetCommunity } from "../partners/community-scope";
import { enterpriseRule, visiblePlaces } from "./access";
import { drillPeriod, inAreaCommunities, inPeriod } from "../reports/drill-filter";

/** Records a business event (政银企座谈会 …) with its participating enterprises and the follow-up needs they raised. */
export async function recordEvent(ctx: SignedInContext, tx: Tx, body: z.infer<typeof eventBody>) {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  const found = await visiblePlaces(tx, ctx.user, body.placeIds, enterpriseRule(ctx.user));
  if (found.length !== new Set(body.placeIds).size || found.some((p) => p.communityId !== community.id)) throw notFound("enterprise");
  const byId = new Map(found.map((p) => [p.id, p]));
  body.needs.forEach((n, i) => {
    if (!byId.has(n.placeId)) throw new AppError("VALIDATION_FAILED", [{ path: `/needs/${i}/placeId`, message: "not a participant of the event" }]);
  });
  const id = uuidv7();
  await tx.insert(businessEvents).values({ id, communityId: community.id, kind: body.kind, title: body.title, heldOn: body.heldOn, venue: body.venue || null, notes: body.notes || null, createdBy: ctx.user.id });
  await tx.insert(businessEventPlaces).values(found.map((p) => ({ eventId: id, placeId: p.id })));
  if (body.needs.length) {
    await tx.insert(enterpriseNeeds).values(
      body.needs.map((n) => {
        const p = byId.get(n.placeId)!;
        return { id: uuidv7(), communityId: p.communityId, areaId: p.areaId, placeId: p.id, eventId: id, kind: n.kind, description: n.description, raisedOn: body.heldOn, createdBy: ctx.user.id };
      }),
    );
  }
  await writeAudit(tx, ctx, { action: "enterprise.event", targetType: "business_event", targetId: id, areaPath: areaPathOf(community.id), after: { kind: body.kind, title: body.title, heldOn: body.heldOn, participants: found.length, needs: body.needs.length } });
  return { id };
}

/** Business events, latest first; a drill-down narrows them to an area and a period. */
export async function listEvents(db: DbOrTx, user: AuthUser, q: z.infer<typeof periodAreaQuery> = {}): Promise<{ items: Array<z.infer<typeof eventItem>>; total: number }> {
  const period = drillPeriod(q);
  const area = await inAreaCommunities(db, user, sql`e.community_id`, q.areaId);
  const rows = rowsOf<{ id: string; kind: z.infer<typeof eventItem>["kind"]; title: string; held_on: string; venue: string | null; participants: number; needs: number }>(
    await db.execute(sql`
      SELECT e.id, e.kind, e.title, e.held_on::text, e.venue,
        (SELECT count(*)::int FROM business_event_places ep WHERE ep.event_id = e.id) AS participants,
        (SELECT count(*)::int FROM enterprise_needs n WHERE n.event_id = e.id) AS needs
      FROM business_events e WHERE ${communityRule(user, { communityId: sql`e.community_id` })} AND ${area} AND ${inPeriod(sql`e.held_on`, period)} ORDER BY e.held_on DESC, e.id LIMIT 200`),
  );
  return { items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, heldOn: r.held_on, venue: r.venue, participants: Number(r.participants), needs: Number(r.needs) })), total: rows.length };
}
