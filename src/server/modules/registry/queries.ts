import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { buildings, compounds, households, persons } from "../../db/schema/places";
import { personTags, residenceEvents, tagDefinitions, visitPhotos, visits } from "../../db/schema/registry";
import { users } from "../../db/schema/accounts";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { restrictedSubjectRule } from "../../platform/access";
import { underArea } from "../../platform/scope";
import type { TagView } from "./present-person";
import { isoInstant } from "../../platform/instants";

/** Compounds of a subtree with their building, household and resident counts. */
export async function selectCompounds(db: DbOrTx, rootPath: string) {
  return rowsOf<{ id: string; name: string; kind: string; address: string; gridName: string | null; buildings: number; households: number; residents: number }>(
    await db.execute(sql`
      SELECT c.id, c.name, c.kind, c.address, g.name AS "gridName",
        (SELECT count(*) FROM buildings b WHERE b.compound_id = c.id)::int AS buildings,
        (SELECT count(*) FROM households h JOIN buildings b ON b.id = h.building_id WHERE b.compound_id = c.id AND h.status = 'active')::int AS households,
        (SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id JOIN buildings b ON b.id = h.building_id
           WHERE b.compound_id = c.id AND p.status = 'active')::int AS residents
      FROM compounds c JOIN areas m ON m.id = c.area_id LEFT JOIN areas g ON g.id = m.parent_id
      WHERE ${underArea(sql`c.area_id`, rootPath)}
      ORDER BY c.name`),
  );
}

/** Buildings of a compound, with counts and how many residents carry a care tag. */
export async function selectBuildings(db: DbOrTx, compoundId: string) {
  return rowsOf<{ id: string; name: string; floors: number; units: number; households: number; residents: number; careResidents: number }>(
    await db.execute(sql`
      SELECT b.id, b.name, b.floors, b.units,
        (SELECT count(*) FROM households h WHERE h.building_id = b.id AND h.status = 'active')::int AS households,
        (SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id WHERE h.building_id = b.id AND p.status = 'active')::int AS residents,
        (SELECT count(DISTINCT p.id) FROM persons p JOIN households h ON h.id = p.household_id
           JOIN person_tags pt ON pt.person_id = p.id AND pt.removed_at IS NULL
           JOIN tag_definitions d ON d.code = pt.tag_code AND d.kind = 'care'
           WHERE h.building_id = b.id AND p.status = 'active')::int AS "careResidents"
      FROM buildings b WHERE b.compound_id = ${compoundId}
      ORDER BY length(b.name), b.name`),
  );
}

export async function selectHouseholds(db: DbOrTx, buildingId: string, includeArchived: boolean) {
  return rowsOf<{ id: string; unitNo: number; roomNo: string; address: string; status: string; movedInOn: string | null; head: string | null; members: number; tags: string[] }>(
    await db.execute(sql`
      SELECT h.id, h.unit_no AS "unitNo", h.room_no AS "roomNo", h.address, h.status, h.moved_in_on::text AS "movedInOn",
        (SELECT p.name FROM persons p WHERE p.household_id = h.id AND p.relation = 'head' AND p.status = 'active' LIMIT 1) AS head,
        (SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.status = 'active')::int AS members,
        ARRAY(SELECT DISTINCT d.name FROM persons p JOIN person_tags pt ON pt.person_id = p.id AND pt.removed_at IS NULL
              JOIN tag_definitions d ON d.code = pt.tag_code AND d.kind = 'care' AND NOT d.restricted
              WHERE p.household_id = h.id AND p.status = 'active') AS tags
      FROM households h WHERE h.building_id = ${buildingId} ${includeArchived ? sql`` : sql`AND h.status = 'active'`}
      ORDER BY h.unit_no, length(h.room_no), h.room_no`),
  );
}

/** Active tags of some people, restricted ones only when allowed. */
export async function selectTags(db: DbOrTx, personIds: string[], withRestricted: boolean): Promise<Map<string, TagView[]>> {
  const out = new Map<string, TagView[]>();
  if (personIds.length === 0) return out;
  const setter = alias(users, "setter");
  const rows = await db
    .select({ personId: personTags.personId, code: personTags.tagCode, name: tagDefinitions.name, attrs: personTags.attrs, setAt: personTags.setAt, setBy: setter.displayName })
    .from(personTags)
    .innerJoin(tagDefinitions, eq(tagDefinitions.code, personTags.tagCode))
    .leftJoin(setter, eq(setter.id, personTags.setBy))
    .where(and(inArray(personTags.personId, personIds), isNull(personTags.removedAt), withRestricted ? undefined : eq(tagDefinitions.restricted, false)))
    .orderBy(asc(tagDefinitions.sortOrder));
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ code: r.code, name: r.name, attrs: r.attrs, setAt: isoInstant(r.setAt), setBy: r.setBy });
    out.set(r.personId, list);
  }
  return out;
}

export function selectHouseholdRow(db: DbOrTx, id: string) {
  return db
    .select({ h: households, path: areas.path })
    .from(households)
    .innerJoin(areas, eq(areas.id, households.areaId))
    .where(eq(households.id, id))
    .limit(1);
}

export function selectMembers(db: DbOrTx, householdId: string, includeGone: boolean) {
  return db
    .select()
    .from(persons)
    .where(and(eq(persons.householdId, householdId), includeGone ? undefined : eq(persons.status, "active")))
    .orderBy(sql`CASE ${persons.relation} WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 ELSE 2 END`, asc(persons.birthDate));
}

export async function selectHistory(db: DbOrTx, householdId: string) {
  return db
    .select({ kind: residenceEvents.kind, on: residenceEvents.on, personName: persons.name, note: residenceEvents.note, at: residenceEvents.at })
    .from(residenceEvents)
    .leftJoin(persons, eq(persons.id, residenceEvents.personId))
    .where(eq(residenceEvents.householdId, householdId))
    .orderBy(desc(residenceEvents.at));
}

/**
 * The visits to a household or person, newest first. A visit to a person with a restricted tag
 * (重点人员) — its notes and photos — is shown only to roles with `person:restricted` and to the
 * visitor who recorded it.
 */
export async function selectVisits(db: DbOrTx, user: AuthUser, by: { householdId?: string; personId?: string }) {
  const rows = await db
    .select({ id: visits.id, visitedAt: visits.visitedAt, visitor: users.displayName, notes: visits.notes })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.visitorId))
    .where(and(by.householdId ? eq(visits.householdId, by.householdId) : eq(visits.personId, by.personId!), restrictedSubjectRule(user, { personId: visits.personId, assigneeId: visits.visitorId })))
    .orderBy(desc(visits.visitedAt))
    .limit(50);
  const photos = rows.length
    ? await db.select().from(visitPhotos).where(inArray(visitPhotos.visitId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({
    id: r.id,
    visitedAt: isoInstant(r.visitedAt),
    visitor: r.visitor,
    notes: r.notes,
    photos: photos.filter((p) => p.visitId === r.id).map((p) => ({ id: p.fileId, url: `/api/files/${p.fileId}`, thumbUrl: `/api/files/${p.fileId}/thumb` })),
  }));
}

export { compounds, buildings };

export type CarePersonRow = {
  id: string;
  name: string;
  sex: "M" | "F";
  birthDate: string;
  householdId: string | null;
  address: string | null;
  tags: Array<{ code: string; name: string }>;
  rank: number | null;
  lastVisitAt: Date | string | null;
  due: boolean;
  total: number;
};

/**
 * Active residents of a subtree carrying a care tag (one tag, or any), with their last visit (to
 * them or their household) and whether a visit is due by the tag's rhythm; due ones first.
 */
export async function selectCarePeople(db: DbOrTx, rootPath: string, opts: { tag?: string; withRestricted: boolean; offset?: number; limit: number }) {
  const tagFilter = opts.tag ? sql`AND d.code = ${opts.tag}` : sql``;
  const restricted = opts.withRestricted ? sql`` : sql`AND NOT d.restricted`;
  return rowsOf<CarePersonRow>(
    await db.execute(sql`
      WITH cared AS (
        SELECT p.id, p.name, p.sex, p.birth_date::text AS "birthDate", p.household_id AS "householdId",
          json_agg(json_build_object('code', d.code, 'name', d.name) ORDER BY d.sort_order) AS tags,
          min(CASE d.visit_frequency WHEN 'weekly' THEN 1 WHEN 'monthly' THEN 2 WHEN 'quarterly' THEN 3 END) AS rank
        FROM persons p
        JOIN person_tags pt ON pt.person_id = p.id AND pt.removed_at IS NULL
        JOIN tag_definitions d ON d.code = pt.tag_code AND d.kind = 'care' ${restricted} ${tagFilter}
        WHERE p.status = 'active' AND ${underArea(sql`p.area_id`, rootPath)}
        GROUP BY p.id
      ), seen AS (
        SELECT c.*, h.address,
          (SELECT max(v.visited_at) FROM visits v WHERE v.outcome <> 'not_home' AND (v.person_id = c.id OR (c."householdId" IS NOT NULL AND v.household_id = c."householdId"))) AS "lastVisitAt"
        FROM cared c LEFT JOIN households h ON h.id = c."householdId"
      )
      SELECT s.*,
        (s."lastVisitAt" IS NULL OR s."lastVisitAt" < now() - CASE s.rank WHEN 1 THEN interval '7 days' WHEN 2 THEN interval '1 month' ELSE interval '3 months' END) AS due,
        (count(*) OVER ())::int AS total
      FROM seen s
      ORDER BY due DESC, s."lastVisitAt" ASC NULLS FIRST, s.rank ASC NULLS LAST, s.address, s.name, s.id
      LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}`),
  );
}
