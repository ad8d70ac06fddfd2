import { and, asc, eq, gt, inArray, like, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { households, persons } from "../../db/schema/places";
import type { AppDeps } from "../../platform/deps";
import { countCapped } from "../../db/count-capped";
import type { SignedInContext } from "../../platform/context";
import { areaInScope } from "../../platform/scope";
import { maskIdNumber, maskPhone } from "../../platform/personal-data";
import type { PersonItem } from "../../../contracts/people";
import { assertTagVisible, visibleTagsOf } from "../registry/tag-visibility";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => "\\" + c);
const terms = (...t: string[]) => sql`ARRAY[${sql.join(t.map((x) => sql`${x}`), sql`, `)}]::text[]`;

/**
 * The search condition on `search_terms` (kept by a trigger, GIN-indexed; see migrations 0004 and
 * 0006). The scope is a term too ("a:" + the area searched in), so one index lookup answers both
 * "matches the text" and "lies in the caller's subtree". 4 digits: phone or ID tail; 3 digits + X:
 * ID tail; up to 6 characters: part of a name; longer: a name pattern within the scope.
 */
function searchCondition(q: string, scopeAreaId: string): SQL {
  const area = `a:${scopeAreaId}`;
  const text = q.trim();
  if (/^\d{4}$/.test(text)) return sql`${persons.searchTerms} && ${terms(`p:${text}`, `i:${text}`)} AND ${persons.searchTerms} @> ${terms(area)}`;
  if (/^\d{3}[xX]$/.test(text)) return sql`${persons.searchTerms} @> ${terms(`i:${text.toUpperCase()}`, area)}`;
  if (text && text.length <= 6) return sql`${persons.searchTerms} @> ${terms(text, area)}`;
  if (text) return sql`${persons.searchTerms} @> ${terms(area)} AND ${like(persons.name, `%${escapeLike(text)}%`)}`;
  return sql`${persons.searchTerms} @> ${terms(area)}`;
}

/** Every space-separated part of the address text must occur in the household's address. */
function addressCondition(address: string | undefined): SQL | undefined {
  const parts = (address ?? "").split(/\s+/).filter(Boolean).slice(0, 5);
  if (parts.length === 0) return undefined;
  return sql`EXISTS (SELECT 1 FROM households h WHERE h.id = ${persons.householdId} AND ${and(...parts.map((p) => sql`h.address LIKE ${`%${escapeLike(p)}%`}`))})`;
}

function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split("-").map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}

/**
 * Searches active residents within the caller's scope; keyset-paginated by id; personal fields
 * masked. The page of ids is found first, then only those rows are joined to their household,
 * areas and tags.
 */
export async function searchPeople(
  deps: AppDeps,
  ctx: SignedInContext,
  input: { q?: string; address?: string; tag?: string; areaId?: string; cursor?: string; limit: number },
): Promise<{ items: PersonItem[]; nextCursor: string | null; total: number; totalCapped: boolean }> {
  const { db } = deps.database;
  if (input.tag) await assertTagVisible(db, ctx.user, input.tag);
  const scopeAreaId = input.areaId ? (await areaInScope(db, ctx.user, input.areaId)).id : ctx.user.areaId;
  if (!scopeAreaId || !ctx.user.areaPath) return { items: [], nextCursor: null, total: 0, totalCapped: false };

  const where = and(
    eq(persons.status, "active"),
    searchCondition(input.q ?? "", scopeAreaId),
    addressCondition(input.address),
    input.tag ? sql`EXISTS (SELECT 1 FROM person_tags pt WHERE pt.person_id = ${persons.id} AND pt.tag_code = ${input.tag} AND pt.removed_at IS NULL)` : undefined,
  );
  const page = await db
    .select({ id: persons.id })
    .from(persons)
    .where(and(where, input.cursor ? gt(persons.id, input.cursor) : undefined))
    .orderBy(asc(persons.id))
    .limit(input.limit + 1);
  const total = await countCapped(db, db.select({ one: sql`1` }).from(persons).where(where));
  const ids = page.slice(0, input.limit).map((r) => r.id);
  if (ids.length === 0) return { items: [], nextCursor: null, ...total };

  const community = alias(areas, "community");
  const micro = alias(areas, "micro");
  const grid = alias(areas, "grid");
  const rows = await db
    .select({
      id: persons.id,
      name: persons.name,
      sex: persons.sex,
      birthDate: persons.birthDate,
      phoneEnc: persons.phoneEnc,
      idNumberEnc: persons.idNumberEnc,
      residence: persons.residence,
      address: households.address,
      communityName: community.name,
      microLevel: micro.level,
      microName: micro.name,
      gridName: grid.name,
      householdId: persons.householdId,
      tags: visibleTagsOf(ctx.user, persons.id),
    })
    .from(persons)
    .leftJoin(households, eq(households.id, persons.householdId))
    .innerJoin(community, eq(community.id, persons.communityId))
    .innerJoin(micro, eq(micro.id, persons.areaId))
    .leftJoin(grid, eq(grid.id, micro.parentId))
    .where(inArray(persons.id, ids))
    .orderBy(asc(persons.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      sex: r.sex,
      age: ageOn(r.birthDate),
      phone: r.phoneEnc ? maskPhone(deps.cipher.decrypt(r.phoneEnc)) : null,
      idNumber: maskIdNumber(deps.cipher.decrypt(r.idNumberEnc)) ?? "",
      address: r.address,
      communityName: r.communityName,
      gridName: r.microLevel === "microgrid" ? r.gridName : r.microLevel === "grid" ? r.microName : null,
      residence: r.residence,
      householdId: r.householdId,
      tags: r.tags ?? [],
    })),
    nextCursor: page.length > input.limit ? ids[ids.length - 1] : null,
    ...total,
  };
}
