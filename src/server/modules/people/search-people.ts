import { and, asc, eq, gt, like, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { households, persons } from "../../db/schema/places";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { areaInScope, inScope } from "../../platform/scope";
import { maskIdNumber, maskPhone } from "../../platform/personal-data";
import type { PersonItem } from "../../../contracts/people";
import { assertTagVisible, visibleTagsOf } from "../registry/tag-visibility";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => "\\" + c);

/**
 * How a search text is read: 4 digits is a phone or ID tail, 3 digits + X an ID tail, anything
 * else part of a name. All three go through the GIN-indexed `search_terms` (see migration 0004).
 */
function searchCondition(q: string): SQL | undefined {
  const text = q.trim();
  if (!text) return undefined;
  if (/^\d{4}$/.test(text)) return sql`${persons.searchTerms} && ARRAY[${"p:" + text}, ${"i:" + text}]::text[]`;
  if (/^\d{3}[xX]$/.test(text)) return sql`${persons.searchTerms} @> ARRAY[${"i:" + text.toUpperCase()}]::text[]`;
  if (text.length <= 6) return sql`${persons.searchTerms} @> ARRAY[${text}]::text[]`;
  return like(persons.name, `%${escapeLike(text)}%`);
}

/** Every space-separated part of the address text must occur in the household's address. */
function addressCondition(address: string | undefined): SQL | undefined {
  const parts = (address ?? "").split(/\s+/).filter(Boolean).slice(0, 5);
  if (parts.length === 0) return undefined;
  return and(...parts.map((p) => like(households.address, `%${escapeLike(p)}%`)));
}

function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split("-").map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}

/** Searches active residents within the caller's scope; keyset-paginated by id; personal fields masked. */
export async function searchPeople(
  deps: AppDeps,
  ctx: SignedInContext,
  input: { q?: string; address?: string; tag?: string; areaId?: string; cursor?: string; limit: number },
): Promise<{ items: PersonItem[]; nextCursor: string | null }> {
  const { db } = deps.database;
  if (input.tag) await assertTagVisible(db, ctx.user, input.tag);
  const within = input.areaId
    ? sql`${persons.areaId} IN (SELECT id FROM areas WHERE path LIKE ${(await areaInScope(db, ctx.user, input.areaId)).path + "%"})`
    : inScope(ctx.user, persons.areaId);
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
    .where(
      and(
        eq(persons.status, "active"),
        within,
        searchCondition(input.q ?? ""),
        addressCondition(input.address),
        input.tag ? sql`EXISTS (SELECT 1 FROM person_tags pt WHERE pt.person_id = ${persons.id} AND pt.tag_code = ${input.tag} AND pt.removed_at IS NULL)` : undefined,
        input.cursor ? gt(persons.id, input.cursor) : undefined,
      ),
    )
    .orderBy(asc(persons.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
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
    nextCursor: rows.length > input.limit ? page[page.length - 1].id : null,
  };
}
