import { and, eq, sql } from "drizzle-orm";
import { places } from "../../db/schema/places";
import { partyOrgs, twoNewOrgs } from "../../db/schema/party";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { areaRule, communityRule, findVisible } from "../../platform/access";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import type { FoundBody, TwoNewItem } from "../../../contracts/party";
import { targetCommunity } from "../partners/community-scope";
import { committeeOf, invalid, loadOrg } from "./access";
import { TWO_NEW_PLACE_KINDS } from "./tree";
import { drillPeriod } from "../reports/drill-filter";

/**
 * 两新 organisations: the survey (摸排) of a registry place's employees and party members, the
 * instructor (指导), then its own branch (成立党组织) or a joint branch (联合党支部). Kept in
 * `two_new_orgs` keyed by the place, so the register's own columns stay the register's.
 */

/** SQL over `two_new_orgs t`: should have a party organisation (3+ members can form a branch; 50+ employees need the work covered). */
export const SHOULD_COVER = sql`(t.party_members >= 3 OR t.employees >= 50)`;
/** SQL over `two_new_orgs t`: covered by a party organisation or an instructor. */
export const COVERED = sql`(t.party_org_id IS NOT NULL OR t.instructor_name IS NOT NULL)`;
/** The same, as it stood at the end of a day. */
export const COVERED_BY = (day: string) =>
  sql`((t.party_org_id IS NOT NULL AND (t.founded_on IS NULL OR t.founded_on <= ${day}::date)) OR (t.instructor_name IS NOT NULL AND (t.guided_on IS NULL OR t.guided_on <= ${day}::date)))`;

/**
 * A community's 两新 organisations and its coverage; with a period, only those that founded their
 * party organisation in it (as the report's 新建两新组织党组织 counts them), the coverage staying the community's.
 */
export async function listTwoNew(db: DbOrTx, user: AuthUser, q: { communityId?: string; from?: string; to?: string }) {
  const period = drillPeriod(q);
  const community = await targetCommunity(db, user, q.communityId);
  const rows = rowsOf<{
    place_id: string; place_name: string; kind: string; employees: number; party_members: number; stage: TwoNewItem["stage"]; surveyed_on: string;
    instructor_name: string | null; guided_on: string | null; org_id: string | null; org_name: string | null; founded_on: string | null; should: boolean; covered: boolean;
  }>(
    await db.execute(sql`
      SELECT t.place_id, p.name AS place_name, p.kind, t.employees, t.party_members, t.stage, t.surveyed_on::text AS surveyed_on, t.instructor_name,
        t.guided_on::text AS guided_on, o.id AS org_id, o.name AS org_name, t.founded_on::text AS founded_on, ${SHOULD_COVER} AS should, ${COVERED} AS covered
      FROM two_new_orgs t JOIN places p ON p.id = t.place_id LEFT JOIN party_orgs o ON o.id = t.party_org_id
      WHERE t.community_id = ${community.id}
      ORDER BY (${SHOULD_COVER} AND NOT ${COVERED}) DESC, t.employees DESC, p.name`),
  );
  const items: TwoNewItem[] = rows.map((r) => ({
    place: { id: r.place_id, name: r.place_name },
    kind: r.kind,
    employees: Number(r.employees),
    partyMembers: Number(r.party_members),
    stage: r.stage,
    surveyedOn: r.surveyed_on,
    instructorName: r.instructor_name,
    guidedOn: r.guided_on,
    partyOrg: r.org_id ? { id: r.org_id, name: r.org_name ?? "" } : null,
    foundedOn: r.founded_on,
    shouldCover: r.should,
    covered: r.covered,
  }));
  const should = items.filter((i) => i.shouldCover);
  const coverage = should.length ? Math.round((should.filter((i) => i.covered).length / should.length) * 1000) / 10 : null;
  const shown = period ? items.filter((i) => i.surveyedOn <= period.to && !!i.foundedOn && i.foundedOn >= period.from && i.foundedOn <= period.to) : items;
  return { items: shown, total: shown.length, coverage };
}

/** The place must be a 两新 organisation in the caller's scope (404 otherwise). */
async function loadPlace(tx: DbOrTx, user: AuthUser, placeId: string) {
  const place = await findVisible<typeof places.$inferSelect>(tx, places, places.id, placeId, and(areaRule(user, { areaId: places.areaId }), communityRule(user, { communityId: places.communityId }))!, "place");
  if (!(TWO_NEW_PLACE_KINDS as readonly string[]).includes(place.kind)) throw invalid("/placeId", "not a 两新 organisation (enterprise, shop or commercial centre)");
  return place;
}

async function loadRecord(tx: DbOrTx, placeId: string) {
  const [row] = await tx.select().from(twoNewOrgs).where(eq(twoNewOrgs.placeId, placeId)).for("update");
  if (!row) throw new AppError("CONFLICT", { reason: "not_surveyed" });
  return row;
}

/** 摸排: records (or updates) the survey of a place. */
export async function survey(tx: Tx, ctx: SignedInContext, placeId: string, body: { employees: number; partyMembers: number; surveyedOn: string }) {
  const place = await loadPlace(tx, ctx.user, placeId);
  await tx
    .insert(twoNewOrgs)
    .values({ placeId: place.id, communityId: place.communityId, employees: body.employees, partyMembers: body.partyMembers, surveyedOn: body.surveyedOn })
    .onConflictDoUpdate({ target: twoNewOrgs.placeId, set: { employees: body.employees, partyMembers: body.partyMembers, surveyedOn: body.surveyedOn, updatedAt: new Date() } });
  await writeAudit(tx, ctx, { action: "party.two_new_survey", targetType: "place", targetId: place.id, areaPath: areaPathOf(place.areaId), after: body });
  return { id: place.id };
}

/** 指导: a 党建指导员 is assigned. */
export async function guide(tx: Tx, ctx: SignedInContext, placeId: string, body: { instructorName: string; guidedOn: string }) {
  const place = await loadPlace(tx, ctx.user, placeId);
  const rec = await loadRecord(tx, place.id);
  if (body.guidedOn < rec.surveyedOn) throw invalid("/guidedOn", "before the survey");
  await tx
    .update(twoNewOrgs)
    .set({ instructorName: body.instructorName, guidedOn: body.guidedOn, stage: rec.stage === "surveyed" ? "guided" : rec.stage, updatedAt: new Date() })
    .where(eq(twoNewOrgs.placeId, place.id));
  await writeAudit(tx, ctx, { action: "party.two_new_guide", targetType: "place", targetId: place.id, areaPath: areaPathOf(place.areaId), before: { stage: rec.stage }, after: body });
  return { id: place.id };
}

/** 成立党组织: its own branch under the community committee, or membership of a joint branch. */
export async function found(tx: Tx, ctx: SignedInContext, placeId: string, body: FoundBody) {
  const place = await loadPlace(tx, ctx.user, placeId);
  const rec = await loadRecord(tx, place.id);
  if (rec.partyOrgId) throw new AppError("CONFLICT", { reason: "already_founded" });
  if (body.foundedOn < rec.surveyedOn) throw invalid("/foundedOn", "before the survey");
  let orgId: string;
  let stage: "founded" | "joint";
  if ("jointOrgId" in body) {
    const joint = await loadOrg(tx, ctx.user, body.jointOrgId);
    if (joint.kind !== "branch" || !joint.joint || joint.communityId !== place.communityId) throw invalid("/jointOrgId", "a joint branch (联合党支部) of this community");
    orgId = joint.id;
    stage = "joint";
  } else {
    const committee = await committeeOf(tx, place.communityId);
    orgId = uuidv7();
    await tx.insert(partyOrgs).values({ id: orgId, communityId: place.communityId, areaId: place.areaId, parentId: committee.id, kind: "branch", name: body.branchName, placeId: place.id, foundedOn: body.foundedOn });
    stage = "founded";
  }
  await tx.update(twoNewOrgs).set({ partyOrgId: orgId, foundedOn: body.foundedOn, stage, updatedAt: new Date() }).where(eq(twoNewOrgs.placeId, place.id));
  await writeAudit(tx, ctx, { action: "party.two_new_found", targetType: "place", targetId: place.id, areaPath: areaPathOf(place.areaId), before: { stage: rec.stage }, after: { ...body, orgId, stage } });
  return { id: orgId };
}

