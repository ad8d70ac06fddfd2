import { eq, sql } from "drizzle-orm";
import { persons } from "../../db/schema/places";
import { partyMembers, partyServices } from "../../db/schema/party";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { isoInstant } from "../../platform/instants";
import { localDay } from "../../platform/clock";
import { areaPathOf } from "../../platform/scope";
import type { MyParty } from "../../../contracts/party";
import { sealDetails } from "./members";
import type { PersonalDataCipher } from "../../platform/personal-data";

/** Degrees within which a case counts as at a building (about 40 m). */
const AT_BUILDING_DEGREES = 0.0004;

async function ownMember(db: DbOrTx, user: AuthUser) {
  if (!user.personId) return null;
  const [m] = await db.select().from(partyMembers).where(eq(partyMembers.personId, user.personId)).limit(1);
  return m ?? null;
}

/**
 * The phone's party page: the caller's own membership (branch, secretary, group), the households
 * their 中心户 looks after, the branch's and committee's activities, their services, and, for a
 * 楼栋长, the open cases at their buildings (number, category and status only; sensitive categories left out).
 */
export async function myParty(db: DbOrTx, user: AuthUser): Promise<MyParty> {
  const m = await ownMember(db, user);
  const empty: MyParty = { member: null, anchorHouseholds: [], activities: [], services: [], buildings: [] };
  if (!m) return empty;
  const [head] = rowsOf<{ branch_id: string; branch_name: string; secretary: string | null; group_id: string | null; group_name: string | null; activity_hours: number; recorded_hours: number }>(
    await db.execute(sql`SELECT b.id AS branch_id, b.name AS branch_name, sp.name AS secretary, g.id AS group_id, g.name AS group_name,
        (SELECT coalesce(sum(a.hours), 0)::float FROM signups s JOIN activities a ON a.id = s.activity_id WHERE s.user_id = ${user.id} AND s.status = 'confirmed' AND s.checked_in_at IS NOT NULL) AS activity_hours,
        (SELECT coalesce(sum(ps.hours), 0)::float FROM party_services ps WHERE ps.member_id = ${m.id}) AS recorded_hours
      FROM party_orgs b LEFT JOIN party_members sm ON sm.id = b.leader_member_id LEFT JOIN persons sp ON sp.id = sm.person_id
      LEFT JOIN party_orgs g ON g.id = ${m.groupId}::uuid
      WHERE b.id = ${m.orgId}`),
  );
  const anchors = rowsOf<{ id: string; address: string }>(
    await db.execute(sql`SELECT h.id, h.address FROM party_anchor_links l JOIN households h ON h.id = l.household_id WHERE l.member_id = ${m.id} ORDER BY h.address`),
  );
  const acts = rowsOf<{ id: string; title: string; starts_at: Date; place: string; organiser: MyParty["activities"][number]["organiser"] }>(
    await db.execute(sql`SELECT a.id, a.title, a.starts_at, a.place, po.organiser FROM party_activity_organisers po JOIN activities a ON a.id = po.activity_id
      WHERE po.community_id = ${m.communityId} AND a.status <> 'cancelled' AND (po.org_id = ${m.orgId} OR po.organiser = 'committee')
        AND a.starts_at >= now() - interval '60 days'
      ORDER BY a.starts_at LIMIT 20`),
  );
  const services = await db.select().from(partyServices).where(eq(partyServices.memberId, m.id)).orderBy(sql`${partyServices.day} DESC`).limit(20);
  const buildings = rowsOf<{ id: string; name: string; cases: Array<{ id: string; number: string; category: string; status: string }> | null }>(
    await db.execute(sql`SELECT b.id, c.name || b.name AS name,
        (SELECT json_agg(json_build_object('id', k.id, 'number', k.number, 'category', cc.name, 'status', k.status) ORDER BY k.created_at DESC)
          FROM cases k JOIN case_categories cc ON cc.code = k.category_code
          WHERE k.community_id = b.community_id AND k.status <> 'closed' AND NOT cc.sensitive AND k.location IS NOT NULL AND b.location IS NOT NULL
            AND k.location <-> b.location < ${AT_BUILDING_DEGREES}) AS cases
      FROM party_orgs g JOIN party_group_buildings gb ON gb.org_id = g.id JOIN buildings b ON b.id = gb.building_id JOIN compounds c ON c.id = b.compound_id
      WHERE g.leader_member_id = ${m.id} ORDER BY c.name, b.name`),
  );
  return {
    member: head
      ? {
          id: m.id,
          kind: m.kind,
          role: m.role,
          branch: { id: head.branch_id, name: head.branch_name },
          secretary: head.secretary,
          group: head.group_id ? { id: head.group_id, name: head.group_name ?? "" } : null,
          serviceHours: Math.round((Number(head.activity_hours) + Number(head.recorded_hours)) * 10) / 10,
        }
      : null,
    anchorHouseholds: anchors,
    activities: acts.map((a) => ({ id: a.id, title: a.title, startsAt: isoInstant(a.starts_at), place: a.place, organiser: a.organiser })),
    services: services.map((s) => ({ id: s.id, day: s.day, hours: s.hours, description: s.description })),
    buildings: buildings.map((b) => ({ id: b.id, name: b.name, openCases: b.cases ?? [] })),
  };
}

/**
 * 双报到: an in-service member registers with the community they live in. The branch is the one
 * covering their home grid. A person already on the roll gets 409.
 */
export async function registerInService(tx: Tx, ctx: SignedInContext, cipher: PersonalDataCipher, body: { workplace: string; commitment: string }) {
  if (!ctx.user.personId) throw new AppError("CONFLICT", { reason: "not_in_register" });
  const [p] = await tx.select().from(persons).where(eq(persons.id, ctx.user.personId)).for("update");
  if (!p || p.status !== "active") throw new AppError("CONFLICT", { reason: "not_in_register" });
  const [existing] = await tx.select({ id: partyMembers.id }).from(partyMembers).where(eq(partyMembers.personId, p.id)).limit(1);
  if (existing) throw new AppError("CONFLICT", { reason: "already_member", memberId: existing.id });
  const [branch] = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT o.id FROM party_orgs o JOIN party_org_grids g ON g.org_id = o.id
      WHERE o.kind = 'branch' AND o.community_id = ${p.communityId}
        AND g.area_id = (SELECT CASE WHEN a.level = 'microgrid' THEN a.parent_id ELSE a.id END FROM areas a WHERE a.id = ${p.areaId})
      ORDER BY o.created_at, o.id LIMIT 1`),
  );
  if (!branch) throw new AppError("CONFLICT", { reason: "no_branch_for_grid" });
  const id = uuidv7();
  await tx.insert(partyMembers).values({
    id,
    communityId: p.communityId,
    personId: p.id,
    orgId: branch.id,
    transferredIn: false,
    kind: "in_service",
    registeredOn: localDay(),
    detailsEnc: sealDetails(cipher, body),
  });
  await writeAudit(tx, ctx, { action: "party.member_register", targetType: "party_member", targetId: id, areaPath: areaPathOf(p.areaId), after: { kind: "in_service", orgId: branch.id } });
  return { id };
}

/** A service the member did on their own (visiting a household, tidying a stairwell). */
export async function recordService(tx: Tx, ctx: SignedInContext, body: { day: string; hours: number; description: string }) {
  const m = await ownMember(tx, ctx.user);
  if (!m) throw new AppError("FORBIDDEN", { reason: "not_a_member" });
  const id = uuidv7();
  await tx.insert(partyServices).values({ id, communityId: m.communityId, memberId: m.id, day: body.day, hours: body.hours, description: body.description });
  await writeAudit(tx, ctx, { action: "party.service_record", targetType: "party_member", targetId: m.id, areaPath: areaPathOf(m.communityId), after: body });
  return { id };
}
