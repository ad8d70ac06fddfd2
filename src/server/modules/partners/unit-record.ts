import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { UnitRecord } from "../../../contracts/partners";
import { agreements, resourceGivings } from "../../db/schema/partners";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { dayAfter, dayStart } from "../../platform/clock";
import { nameOf, RESOURCE_KIND_NAMES } from "./labels";
import { loadUnit } from "./unit-queries";
import { isoInstant } from "../../platform/instants";

/**
 * A unit's yearly record for its annual review: the agreements in force in the year, the meetings
 * it took part in (joint meetings list it as a party, by id or by name; held ones only — closed, or
 * open with minutes — never a planned meeting or one 待补录), the resources it actually
 * gave, and the activities it joined (as a participating unit or running a market booth).
 */
export async function unitRecord(db: DbOrTx, user: AuthUser, unitId: string, year: number): Promise<UnitRecord> {
  const unit = await loadUnit(db, user, unitId);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const start = dayStart(first);
  const end = dayAfter(last);

  const periods = await db
    .select({ id: agreements.id, startsOn: agreements.startsOn, endsOn: agreements.endsOn, partTimeMember: agreements.partTimeMember })
    .from(agreements)
    .where(and(eq(agreements.unitId, unit.id), lte(agreements.startsOn, last), gte(agreements.endsOn, first)))
    .orderBy(asc(agreements.startsOn));

  const meetings = rowsOf<{ id: string; title: string; kind: string; startsAt: Date | string }>(
    await db.execute(sql`
      SELECT m.id, m.title, m.kind, m.starts_at AS "startsAt"
      FROM meetings m
      WHERE (m.status = 'closed' OR (m.status = 'open' AND coalesce(btrim(m.minutes), '') <> '')) AND m.starts_at >= ${start} AND m.starts_at < ${end}
        AND EXISTS (SELECT 1 FROM meeting_parties p WHERE p.meeting_id = m.id AND p.party_kind = 'partner_unit'
                    AND (p.partner_unit_id = ${unit.id} OR p.name = ${unit.name}))
      ORDER BY m.starts_at`),
  );

  const givings = await db
    .select()
    .from(resourceGivings)
    .where(and(eq(resourceGivings.unitId, unit.id), gte(resourceGivings.givenOn, first), lte(resourceGivings.givenOn, last)))
    .orderBy(asc(resourceGivings.givenOn), asc(resourceGivings.id));
  const byKind = new Map<string, { kind: string; name: string; count: number; quantity: number }>();
  for (const g of givings) {
    const k = byKind.get(g.resourceKind) ?? { kind: g.resourceKind, name: nameOf(RESOURCE_KIND_NAMES, g.resourceKind), count: 0, quantity: 0 };
    k.count++;
    k.quantity += g.quantity ?? 0;
    byKind.set(g.resourceKind, k);
  }

  const joined = rowsOf<{ id: string; title: string; kind: string; startsAt: Date | string; role: "unit" | "booth" }>(
    await db.execute(sql`
      SELECT a.id, a.title, a.kind, a.starts_at AS "startsAt",
             CASE WHEN EXISTS (SELECT 1 FROM activity_units au WHERE au.activity_id = a.id AND au.unit_id = ${unit.id}) THEN 'unit' ELSE 'booth' END AS role
      FROM activities a
      WHERE a.status <> 'cancelled' AND a.starts_at >= ${start} AND a.starts_at < ${end}
        AND (EXISTS (SELECT 1 FROM activity_units au WHERE au.activity_id = a.id AND au.unit_id = ${unit.id})
          OR EXISTS (SELECT 1 FROM booths b WHERE b.activity_id = a.id AND b.unit_id = ${unit.id}))
      ORDER BY a.starts_at`),
  );
  const at = (v: Date | string) => isoInstant(v);

  return {
    unit: { id: unit.id, name: unit.name },
    year,
    agreements: periods,
    meetings: { count: meetings.length, items: meetings.map((m) => ({ id: m.id, title: m.title, kind: m.kind, startsAt: at(m.startsAt) })) },
    resources: {
      count: givings.length,
      byKind: [...byKind.values()].sort((a, b) => b.count - a.count),
      items: givings.map((g) => ({
        id: g.id,
        givenOn: g.givenOn,
        resourceKind: g.resourceKind,
        kindName: nameOf(RESOURCE_KIND_NAMES, g.resourceKind),
        description: g.description,
        quantity: g.quantity,
        unit: g.unit,
      })),
    },
    activities: { count: joined.length, items: joined.map((a) => ({ id: a.id, title: a.title, kind: a.kind as UnitRecord["activities"]["items"][number]["kind"], startsAt: at(a.startsAt), role: a.role })) },
  };
}
