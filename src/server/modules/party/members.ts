import { and, eq, inArray, sql } from "drizzle-orm";
import { households, persons, places } from "../../db/schema/places";
import { partyAnchorHouseholds, partyAnchorLinks, partyGroupBuildings, partyMembers } from "../../db/schema/party";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import type { AppDeps } from "../../platform/deps";
import { areaRule, communityRule, findVisible } from "../../platform/access";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { maskName, type PersonalDataCipher } from "../../platform/personal-data";
import { areaPathOf } from "../../platform/scope";
import { localDay } from "../../platform/clock";
import type { HouseholdContacts, MemberBody, MemberItem, MemberPatchBody, UnmaskReply } from "../../../contracts/party";
import { invalid, loadMember, loadOrg, type MemberRow } from "./access";
import { TWO_NEW_PLACE_KINDS } from "./tree";

type Details = { workplace?: string | null; commitment?: string | null; fromOrg?: string | null };

/** What identifies a member beyond the register link, encrypted at rest. */
export function sealDetails(cipher: PersonalDataCipher, d: Details): string | null {
  const clean = { workplace: d.workplace ?? null, commitment: d.commitment ?? null, fromOrg: d.fromOrg ?? null };
  return clean.workplace || clean.commitment || clean.fromOrg ? cipher.encrypt(JSON.stringify(clean)) : null;
}

function openDetails(cipher: PersonalDataCipher, enc: string | null): Details {
  if (!enc) return {};
  try {
    return JSON.parse(cipher.decrypt(enc)) as Details;
  } catch {
    return {};
  }
}

const MEMBER_SELECT = sql`
  SELECT m.id, p.name, p.sex, m.kind, m.role, o.id AS org_id, o.name AS org_name, g.id AS group_id, g.name AS group_name,
    m.joined_on::text AS joined_on, m.transferred_on::text AS transferred_on, m.registered_on::text AS registered_on,
    pl.id AS place_id, pl.name AS place_name, h.address,
    (SELECT count(*)::int FROM party_anchor_links l WHERE l.member_id = m.id) AS anchor_links,
    EXISTS (SELECT 1 FROM party_anchor_households ah WHERE ah.member_id = m.id) AS is_anchor
  FROM party_members m
  JOIN persons p ON p.id = m.person_id
  JOIN party_orgs o ON o.id = m.org_id
  LEFT JOIN party_orgs g ON g.id = m.group_id
  LEFT JOIN places pl ON pl.id = m.place_id
  LEFT JOIN households h ON h.id = p.household_id`;

type MemberSqlRow = {
  id: string; name: string; sex: string; kind: MemberItem["kind"]; role: MemberItem["role"]; org_id: string; org_name: string;
  group_id: string | null; group_name: string | null; joined_on: string | null; transferred_on: string | null; registered_on: string | null;
  place_id: string | null; place_name: string | null; address: string | null; anchor_links: number; is_anchor: boolean;
};

/** A member for the wire: the name masked (张*), nothing that identifies beyond what party work needs. */
function present(r: MemberSqlRow): MemberItem {
  return {
    id: r.id,
    name: maskName(r.name),
    sex: r.sex,
    kind: r.kind,
    role: r.role,
    org: { id: r.org_id, name: r.org_name },
    group: r.group_id ? { id: r.group_id, name: r.group_name ?? "" } : null,
    joinedOn: r.joined_on,
    transferredOn: r.transferred_on,
    registeredOn: r.registered_on,
    place: r.place_id ? { id: r.place_id, name: r.place_name ?? "" } : null,
    // The street and building only: the room stays with the register.
    address: r.address ? r.address.replace(/\d+室$/, "") : null,
    anchor: r.is_anchor ? { households: Number(r.anchor_links) } : null,
  };
}

const LIST_LIMIT = 500;

/**
 * SQL: the member (alias m) was registered with the community by this day — the day the member's
 * kind dates its registration by (transferred in, registered for 双报到, or else put on the register).
 * The work report counts members at a period's end by it; a drill-down lists them by it.
 */
export const registeredBy = (day: string) => sql`(CASE m.kind
    WHEN 'transferred_in' THEN m.transferred_on IS NULL OR m.transferred_on <= ${day}::date
    WHEN 'in_service' THEN m.registered_on IS NULL OR m.registered_on <= ${day}::date
    ELSE coalesce(m.registered_on, (m.created_at AT TIME ZONE 'Asia/Shanghai')::date) <= ${day}::date END)`;

/** Members, secretaries and leaders first; by branch, kind, registration by a day, or on the community's roll only. */
export async function listMembers(db: DbOrTx, user: AuthUser, q: { communityId?: string; orgId?: string; kind?: MemberItem["kind"]; asOf?: string; onRoll?: "true" | "false" }) {
  const where = sql`${communityRule(user, { communityId: sql`m.community_id` })}
    ${q.communityId ? sql`AND m.community_id = ${q.communityId}` : sql``}
    ${q.orgId ? sql`AND (m.org_id = ${q.orgId} OR m.group_id = ${q.orgId})` : sql``}
    ${q.kind ? sql`AND m.kind = ${q.kind}` : sql``}
    ${q.asOf ? sql`AND ${registeredBy(q.asOf)}` : sql``}
    ${q.onRoll === "true" ? sql`AND m.kind <> 'in_service'` : sql``}`;
  const [rows, [{ n }]] = await Promise.all([
    db.execute(sql`${MEMBER_SELECT} WHERE ${where} ORDER BY CASE m.role WHEN 'secretary' THEN 0 WHEN 'building_leader' THEN 1 WHEN 'anchor_household' THEN 2 ELSE 3 END, o.name, m.id LIMIT ${LIST_LIMIT}`),
    db.execute(sql`SELECT count(*)::int AS n FROM party_members m WHERE ${where}`).then((r) => rowsOf<{ n: number }>(r)),
  ]);
  return { items: rowsOf<MemberSqlRow>(rows).map(present), total: Number(n) };
}

export async function getMember(db: DbOrTx, user: AuthUser, id: string): Promise<MemberItem> {
  const m = await loadMember(db, user, id);
  const [row] = rowsOf<MemberSqlRow>(await db.execute(sql`${MEMBER_SELECT} WHERE m.id = ${m.id}`));
  return present(row);
}

async function checkGroup(tx: DbOrTx, branchId: string, groupId: string | null | undefined, personHouseholdId: string | null) {
  if (!groupId) return null;
  const group = await loadOrgPlain(tx, groupId);
  if (!group || group.kind !== "group" || group.parentId !== branchId) throw invalid("/groupId", "a party group of the member's branch");
  if (personHouseholdId) {
    const [inGroup] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`SELECT EXISTS (SELECT 1 FROM households h JOIN party_group_buildings gb ON gb.building_id = h.building_id WHERE h.id = ${personHouseholdId} AND gb.org_id = ${groupId}) AS ok`),
    );
    if (!inGroup?.ok) throw invalid("/groupId", "the member does not live in the group's buildings");
  }
  return group;
}

async function loadOrgPlain(tx: DbOrTx, id: string) {
  const rows = rowsOf<{ id: string; kind: string; parent_id: string | null }>(await tx.execute(sql`SELECT id, kind, parent_id FROM party_orgs WHERE id = ${id}`));
  return rows[0] ? { id: rows[0].id, kind: rows[0].kind, parentId: rows[0].parent_id } : null;
}

/** Registers a member of a branch. A person is a member of one branch only (409 otherwise). */
export async function createMember(tx: Tx, ctx: SignedInContext, cipher: PersonalDataCipher, body: MemberBody): Promise<{ id: string }> {
  const org = await loadOrg(tx, ctx.user, body.orgId, true);
  if (org.kind !== "branch") throw invalid("/orgId", "members belong to a branch");
  const [person] = await tx.select().from(persons).where(and(eq(persons.id, body.personId), eq(persons.communityId, org.communityId), eq(persons.status, "active"))).limit(1);
  if (!person) throw invalid("/personId", "not a resident of the branch's community");
  const [existing] = await tx.select({ id: partyMembers.id, orgId: partyMembers.orgId }).from(partyMembers).where(eq(partyMembers.personId, person.id)).for("update");
  if (existing) throw new AppError("CONFLICT", { reason: "already_member", memberId: existing.id });
  await checkGroup(tx, org.id, body.groupId, person.householdId);
  let placeId: string | null = null;
  if (body.placeId) {
    const [place] = await tx.select().from(places).where(and(eq(places.id, body.placeId), eq(places.communityId, org.communityId))).limit(1);
    if (!place || !(TWO_NEW_PLACE_KINDS as readonly string[]).includes(place.kind)) throw invalid("/placeId", "not a 两新 organisation of this community");
    placeId = place.id;
  }
  const id = uuidv7();
  await tx.insert(partyMembers).values({
    id,
    communityId: org.communityId,
    personId: person.id,
    orgId: org.id,
    groupId: body.groupId ?? null,
    joinedOn: body.joinedOn ?? null,
    transferredIn: body.kind === "transferred_in",
    kind: body.kind,
    transferredOn: body.transferredOn ?? null,
    registeredOn: body.kind === "transferred_in" ? null : localDay(),
    placeId,
    detailsEnc: sealDetails(cipher, body),
    role: body.role ?? "member",
  });
  await writeAudit(tx, ctx, {
    action: "party.member_create",
    targetType: "party_member",
    targetId: id,
    areaPath: areaPathOf(org.communityId),
    // No name, workplace or commitment in the audit row: the member id says who.
    after: { orgId: org.id, groupId: body.groupId ?? null, kind: body.kind, role: body.role ?? "member", transferredOn: body.transferredOn ?? null },
  });
  return { id };
}

export async function updateMember(tx: Tx, ctx: SignedInContext, id: string, body: MemberPatchBody): Promise<{ id: string }> {
  const m = await loadMember(tx, ctx.user, id, true);
  const orgId = body.orgId ?? m.orgId;
  if (body.orgId && body.orgId !== m.orgId) {
    const org = await loadOrg(tx, ctx.user, body.orgId);
    if (org.kind !== "branch" || org.communityId !== m.communityId) throw invalid("/orgId", "a branch of the member's community");
  }
  const groupId = body.groupId !== undefined ? body.groupId : body.orgId && body.orgId !== m.orgId ? null : m.groupId;
  const [person] = await tx.select({ householdId: persons.householdId }).from(persons).where(eq(persons.id, m.personId));
  await checkGroup(tx, orgId, groupId, person?.householdId ?? null);
  await tx.update(partyMembers).set({ orgId, groupId, role: body.role ?? m.role }).where(eq(partyMembers.id, id));
  await writeAudit(tx, ctx, { action: "party.member_update", targetType: "party_member", targetId: id, areaPath: areaPathOf(m.communityId), before: { orgId: m.orgId, groupId: m.groupId, role: m.role }, after: { orgId, groupId, role: body.role ?? m.role } });
  return { id };
}

/** The member's name, phone and sealed details, for a stated reason; audited. */
export async function unmaskMember(deps: AppDeps, ctx: SignedInContext, id: string, reason: string): Promise<UnmaskReply> {
  return deps.database.db.transaction(async (tx) => {
    const m = await loadMember(tx, ctx.user, id);
    const [p] = await tx.select().from(persons).where(eq(persons.id, m.personId));
    await writeAudit(tx, ctx, { action: "party.member_unmask", targetType: "party_member", targetId: m.id, areaPath: areaPathOf(m.communityId), reason });
    const d = openDetails(deps.cipher, m.detailsEnc);
    return {
      name: p.name,
      phone: p.phoneEnc ? deps.cipher.decrypt(p.phoneEnc) : null,
      workplace: d.workplace ?? null,
      commitment: d.commitment ?? null,
      fromOrg: d.fromOrg ?? null,
    };
  });
}

/**
 * Makes a member's household a 党员中心户 looking after the given households. The member must be in
 * a party group and live in its buildings; the households must lie in the same group's buildings.
 */
export async function setAnchor(tx: Tx, ctx: SignedInContext, id: string, householdIds: string[]): Promise<{ id: string }> {
  const m: MemberRow = await loadMember(tx, ctx.user, id, true);
  if (!m.groupId) throw invalid("/householdIds", "a 中心户 is a member of a party group");
  const [person] = await tx.select({ householdId: persons.householdId }).from(persons).where(eq(persons.id, m.personId));
  if (!person?.householdId) throw invalid("/householdIds", "the member has no household");
  const ids = [...new Set(householdIds)].filter((h) => h !== person.householdId);
  if (ids.length === 0) throw invalid("/householdIds", "name the neighbouring households");
  const groupBuildings = (await tx.select({ id: partyGroupBuildings.buildingId }).from(partyGroupBuildings).where(eq(partyGroupBuildings.orgId, m.groupId))).map((b) => b.id);
  const inGroup = groupBuildings.length
    ? await tx
        .select({ id: households.id })
        .from(households)
        .where(and(inArray(households.id, [...ids, person.householdId]), inArray(households.buildingId, groupBuildings), eq(households.status, "active")))
    : [];
  const ok = new Set(inGroup.map((h) => h.id));
  if (!ok.has(person.householdId)) throw invalid("/householdIds", "the member does not live in the group's buildings");
  const bad = ids.filter((h) => !ok.has(h));
  if (bad.length) throw invalid("/householdIds", "a household outside the member's building group", { householdIds: bad });
  await tx.delete(partyAnchorLinks).where(eq(partyAnchorLinks.memberId, m.id));
  await tx.insert(partyAnchorHouseholds).values({ memberId: m.id, communityId: m.communityId, householdId: person.householdId }).onConflictDoUpdate({ target: partyAnchorHouseholds.memberId, set: { householdId: person.householdId } });
  await tx.insert(partyAnchorLinks).values(ids.map((householdId) => ({ memberId: m.id, householdId })));
  if (m.role === "member") await tx.update(partyMembers).set({ role: "anchor_household" }).where(eq(partyMembers.id, m.id));
  await writeAudit(tx, ctx, { action: "party.anchor_set", targetType: "party_member", targetId: m.id, areaPath: areaPathOf(m.communityId), after: { householdIds: ids } });
  return { id: m.id };
}

/** The 楼栋长 of the household's building and the 中心户 looking after it. */
export async function householdContacts(db: DbOrTx, user: AuthUser, householdId: string): Promise<HouseholdContacts> {
  const h = await findVisible<typeof households.$inferSelect>(db, households, households.id, householdId, areaRule(user, { areaId: households.areaId }), "household");
  const [leader] = rowsOf<{ name: string; grp: string }>(
    await db.execute(sql`SELECT p.name, g.name AS grp FROM party_group_buildings gb JOIN party_orgs g ON g.id = gb.org_id
      JOIN party_members m ON m.id = g.leader_member_id JOIN persons p ON p.id = m.person_id WHERE gb.building_id = ${h.buildingId} LIMIT 1`),
  );
  const [anchor] = rowsOf<{ name: string; address: string }>(
    await db.execute(sql`SELECT p.name, oh.address FROM party_anchor_links l JOIN party_anchor_households ah ON ah.member_id = l.member_id
      JOIN party_members m ON m.id = ah.member_id JOIN persons p ON p.id = m.person_id JOIN households oh ON oh.id = ah.household_id
      WHERE l.household_id = ${h.id} OR ah.household_id = ${h.id} LIMIT 1`),
  );
  return { buildingLeader: leader ? { name: leader.name, group: leader.grp } : null, anchor: anchor ? { name: anchor.name, address: anchor.address } : null };
}
