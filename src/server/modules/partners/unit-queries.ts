import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { places } from "../../db/schema/places";
import { agreementItems, agreements, partnerUnits } from "../../db/schema/partners";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { communityVisible } from "./community-scope";

const community = alias(areas, "unit_community");

/** Units with their community and place names, and the agreement in force on `today`. */
export function selectUnits(db: DbOrTx, where: SQL | undefined, today: string) {
  return db
    .select({
      u: partnerUnits,
      communityName: community.name,
      placeName: places.name,
      current: sql<{ id: string; startsOn: string; endsOn: string; partTimeMember: string | null } | null>`(
        SELECT json_build_object('id', ag.id, 'startsOn', ag.starts_on, 'endsOn', ag.ends_on, 'partTimeMember', ag.part_time_member)
        FROM agreements ag WHERE ag.unit_id = "partner_units"."id" AND ag.starts_on <= ${today}::date AND ag.ends_on >= ${today}::date
        ORDER BY ag.starts_on DESC LIMIT 1)`,
    })
    .from(partnerUnits)
    .innerJoin(community, eq(community.id, partnerUnits.communityId))
    .leftJoin(places, eq(places.id, partnerUnits.placeId))
    .where(where)
    .orderBy(sql`${partnerUnits.bigCommittee} DESC`, asc(partnerUnits.name));
}
export type UnitRow = Awaited<ReturnType<typeof selectUnits>>[number];

/** A unit the user may see, or NOT_FOUND; `lock` takes the row lock that serialises agreement writes. */
export async function loadUnit(db: DbOrTx, user: AuthUser, id: string, lock = false) {
  const q = db.select().from(partnerUnits).where(and(eq(partnerUnits.id, id), communityVisible(user, partnerUnits.communityId))).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw notFound("partner unit");
  return row;
}

export async function selectAgreementsWithItems(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return { agreementRows: [], itemRows: [] };
  const agreementRows = await db.select().from(agreements).where(inArray(agreements.unitId, unitIds)).orderBy(sql`${agreements.startsOn} DESC`);
  const itemRows = agreementRows.length
    ? await db.select().from(agreementItems).where(inArray(agreementItems.agreementId, agreementRows.map((a) => a.id))).orderBy(asc(agreementItems.id))
    : [];
  return { agreementRows, itemRows };
}
