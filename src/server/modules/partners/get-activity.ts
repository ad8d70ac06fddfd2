import { asc, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { activityUnits, booths, partnerUnits, signups, teams } from "../../db/schema/partners";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { loadActivityRow } from "./activity-queries";
import { presentActivity, presentPhoto, splitOutputs } from "./present-activity";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

/** An activity with its units, booths, outputs and photos. */
export async function getActivity(db: DbOrTx, user: AuthUser, id: string) {
  const row = await loadActivityRow(db, user, id);
  const units = await db
    .select({ id: partnerUnits.id, name: partnerUnits.name })
    .from(activityUnits)
    .innerJoin(partnerUnits, eq(partnerUnits.id, activityUnits.unitId))
    .where(eq(activityUnits.activityId, id))
    .orderBy(asc(partnerUnits.name));
  const boothRows = await db
    .select({ b: booths, unitName: partnerUnits.name, teamName: teams.name })
    .from(booths)
    .leftJoin(partnerUnits, eq(partnerUnits.id, booths.unitId))
    .leftJoin(teams, eq(teams.id, booths.teamId))
    .where(eq(booths.activityId, id))
    .orderBy(asc(booths.name), asc(booths.id));
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(signups).where(sql`${signups.activityId} = ${id} AND ${signups.checkedInAt} IS NOT NULL`);
  const { outputs, photoIds } = splitOutputs(row.a.outputs as Record<string, unknown>);
  return {
    ...presentActivity(row),
    units,
    booths: boothRows.map((r) => ({
      id: r.b.id,
      name: r.b.name,
      unit: r.b.unitId && r.unitName ? { id: r.b.unitId, name: r.unitName } : null,
      team: r.b.teamId && r.teamName ? { id: r.b.teamId, name: r.teamName } : null,
    })),
    outputs,
    photos: photoIds.map(presentPhoto(id)),
    checkedIn: Number(n),
  };
}

/** Who signed up, in order: confirmed first, then the waiting list by position. */
export async function listSignups(db: DbOrTx, user: AuthUser, id: string) {
  await loadActivityRow(db, user, id);
  const rows = await db
    .select({ s: signups, name: users.displayName, role: users.role })
    .from(signups)
    .innerJoin(users, eq(users.id, signups.userId))
    .where(eq(signups.activityId, id))
    .orderBy(sql`CASE ${signups.status} WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END`, asc(signups.position), asc(signups.createdAt));
  return rows.map((r) => ({
    id: r.s.id,
    user: { id: r.s.userId, name: r.name },
    role: r.role,
    status: r.s.status,
    position: r.s.position,
    checkedInAt: isoInstantOrNull(r.s.checkedInAt),
    createdAt: isoInstant(r.s.createdAt),
  }));
}
