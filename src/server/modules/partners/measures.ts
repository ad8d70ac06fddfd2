import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { PartnerMeasures } from "../../../contracts/partners";
import { communitiesUnder } from "./community-scope";
import { dayAfter, dayStart } from "../../platform/clock";
import { ACTIVITY_KIND_NAMES, nameOf, RESOURCE_KIND_NAMES, UNIT_KIND_NAMES } from "./labels";

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The partner measures of the communities under an area for a period: units (now), agreements in
 * force in the period and signed in it, resources given, activities by kind with sign-ups,
 * check-ins and people served (the "served" output), volunteer hours and points from check-ins,
 * talents, calls and applications, and problems solved per team (assignments solved in the period).
 */
export async function computePartnerMeasures(
  db: DbOrTx,
  input: { area: { path: string; communityId: string | null; level: string }; from: string; to: string },
): Promise<Omit<PartnerMeasures, "area">> {
  const c = communitiesUnder(input.area);
  const start = dayStart(input.from);
  const end = dayAfter(input.to);
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q));

  const [units] = await one<Record<string, unknown>>(sql`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE big_committee)::int AS big
    FROM partner_units WHERE active AND community_id IN ${c}`);
  const unitKinds = await one<{ key: string; count: number }>(sql`
    SELECT kind AS key, count(*)::int AS count FROM partner_units WHERE active AND community_id IN ${c} GROUP BY kind ORDER BY count(*) DESC, kind`);
  const [agr] = await one<Record<string, unknown>>(sql`
    SELECT count(*) FILTER (WHERE starts_on <= ${input.to}::date AND ends_on >= ${input.from}::date)::int AS "inForce",
           count(*) FILTER (WHERE coalesce(signed_on, starts_on) BETWEEN ${input.from}::date AND ${input.to}::date)::int AS signed
    FROM agreements WHERE community_id IN ${c}`);
  const givings = await one<{ kind: string; count: number; quantity: number }>(sql`
    SELECT g.resource_kind AS kind, count(*)::int AS count, coalesce(sum(g.quantity), 0)::float8 AS quantity
    FROM resource_givings g JOIN partner_units u ON u.id = g.unit_id
    WHERE u.community_id IN ${c} AND g.given_on BETWEEN ${input.from}::date AND ${input.to}::date
    GROUP BY g.resource_kind ORDER BY count(*) DESC, g.resource_kind`);

  // Numeric outputs only (photo ids share the column).
  const outputSum = (key: string) => sql`coalesce(sum(CASE WHEN jsonb_typeof(a.outputs -> ${key}) = 'number' THEN (a.outputs ->> ${key})::numeric END), 0)::float8`;
  const acts = await one<{ key: string; count: number; signups: number; checkins: number; served: number; leaflets: number; legal: number }>(sql`
    SELECT a.kind AS key, count(*)::int AS count,
           coalesce(sum(s.signups), 0)::int AS signups, coalesce(sum(s.checkins), 0)::int AS checkins,
           ${outputSum("served")} AS served, ${outputSum("leaflets")} AS leaflets, ${outputSum("legalQuestions")} AS legal
    FROM activities a
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE x.status = 'confirmed') AS signups, count(*) FILTER (WHERE x.checked_in_at IS NOT NULL) AS checkins
      FROM signups x WHERE x.activity_id = a.id) s ON true
    WHERE a.community_id IN ${c} AND a.status <> 'cancelled' AND a.starts_at >= ${start} AND a.starts_at < ${end}
    GROUP BY a.kind ORDER BY count(*) DESC, a.kind`);
  const [hours] = await one<Record<string, unknown>>(sql`
    SELECT coalesce(sum(e.hours), 0)::float8 AS hours, coalesce(sum(e.points), 0)::int AS points, count(DISTINCT e.user_id)::int AS volunteers
    FROM point_entries e JOIN activities a ON a.id = e.ref_id
    WHERE e.kind = 'checkin' AND a.community_id IN ${c} AND a.starts_at >= ${start} AND a.starts_at < ${end}`);
  const [tal] = await one<Record<string, unknown>>(sql`
    SELECT count(*) FILTER (WHERE joined_on <= ${input.to}::date)::int AS total,
           count(*) FILTER (WHERE joined_on BETWEEN ${input.from}::date AND ${input.to}::date)::int AS joined
    FROM talents WHERE community_id IN ${c}`);
  const talentCats = await one<{ key: string; count: number }>(sql`
    SELECT category AS key, count(*)::int AS count FROM talents WHERE community_id IN ${c} AND joined_on <= ${input.to}::date
    GROUP BY category ORDER BY count(*) DESC, category`);
  const [calls] = await one<Record<string, unknown>>(sql`
    SELECT (SELECT count(*)::int FROM recruitment_calls r WHERE r.community_id IN ${c} AND r.opens_on <= ${input.to}::date AND r.closes_on >= ${input.from}::date) AS calls,
           (SELECT count(*)::int FROM talent_applications t JOIN recruitment_calls r ON r.id = t.call_id
             WHERE r.community_id IN ${c} AND t.created_at >= ${start} AND t.created_at < ${end}) AS applications`);
  const teamRows = await one<{ id: string; name: string; kind: string; members: number; solved: number; open: number }>(sql`
    SELECT t.id, t.name, t.kind,
           (SELECT count(*)::int FROM team_members m WHERE m.team_id = t.id) AS members,
           (SELECT count(*)::int FROM assignments s WHERE s.team_id = t.id AND s.status = 'solved' AND s.solved_at >= ${start} AND s.solved_at < ${end}) AS solved,
           (SELECT count(*)::int FROM assignments s WHERE s.team_id = t.id AND s.status = 'open') AS open
    FROM teams t WHERE t.community_id IN ${c} ORDER BY t.created_at, t.id`);
  const [solvedAll] = await one<Record<string, unknown>>(sql`
    SELECT count(*)::int AS n FROM assignments WHERE community_id IN ${c} AND status = 'solved' AND solved_at >= ${start} AND solved_at < ${end}`);
  const [rider] = await one<Record<string, unknown>>(sql`
    SELECT (SELECT count(*)::int FROM places p WHERE p.kind = 'rider_station' AND p.active AND p.community_id IN ${c}) AS stations,
           (SELECT count(*)::int FROM rider_services r WHERE r.community_id IN ${c}) AS services`);

  const kind = (k: string) => acts.find((a) => a.key === k);
  return {
    from: input.from,
    to: input.to,
    units: { total: num(units.total), bigCommittee: num(units.big), byKind: unitKinds.map((u) => ({ key: u.key, name: nameOf(UNIT_KIND_NAMES, u.key), count: num(u.count) })) },
    agreements: { inForce: num(agr.inForce), signed: num(agr.signed) },
    resourcesGiven: {
      total: givings.reduce((s, g) => s + num(g.count), 0),
      byKind: givings.map((g) => ({ kind: g.kind, name: nameOf(RESOURCE_KIND_NAMES, g.kind), count: num(g.count), quantity: num(g.quantity) })),
    },
    activities: {
      total: acts.reduce((s, a) => s + num(a.count), 0),
      byKind: acts.map((a) => ({ key: a.key, name: nameOf(ACTIVITY_KIND_NAMES, a.key), count: num(a.count), signups: num(a.signups), checkins: num(a.checkins), served: num(a.served) })),
      jointPartyDays: num(kind("party_day")?.count),
      antiFraudSessions: num(kind("anti_fraud")?.count),
      leaflets: acts.reduce((s, a) => s + num(a.leaflets), 0),
      legalQuestions: acts.reduce((s, a) => s + num(a.legal), 0),
    },
    peopleServed: acts.reduce((s, a) => s + num(a.served), 0),
    volunteerHours: Math.round(num(hours.hours) * 10) / 10,
    volunteers: num(hours.volunteers),
    pointsAwarded: num(hours.points),
    talents: { total: num(tal.total), joined: num(tal.joined), byCategory: talentCats.map((t) => ({ key: t.key, name: t.key, count: num(t.count) })) },
    calls: num(calls.calls),
    applications: num(calls.applications),
    teams: teamRows.map((t) => ({ id: t.id, name: t.name, kind: t.kind as PartnerMeasures["teams"][number]["kind"], members: num(t.members), solved: num(t.solved), open: num(t.open) })),
    problemsSolved: num(solvedAll.n),
    riderStations: num(rider.stations),
    riderServices: num(rider.services),
  };
}
