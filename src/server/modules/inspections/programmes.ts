import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { inspectionProgrammes, programmePlaces } from "../../db/schema/enterprise";
import { patrolPlans } from "../../db/schema/patrols";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { areaRule, communityRule, findVisible } from "../../platform/access";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { localDay } from "../../platform/clock";
import { areaPathOf } from "../../platform/scope";
import type { programmeBody, programmeDetail, programmeItem } from "../../../contracts/enterprise";
import { targetCommunity } from "../partners/community-scope";
import { createPlan } from "../patrols/create-plan";
import { placeRule, visiblePlaces } from "../enterprise/access";
import { TARGET_KIND_OF } from "./labels";

type ProgrammeRow = typeof inspectionProgrammes.$inferSelect;
type Item = z.infer<typeof programmeItem>;

export function loadProgramme(db: DbOrTx, user: AuthUser, id: string): Promise<ProgrammeRow> {
  return findVisible<ProgrammeRow>(db, inspectionProgrammes, inspectionProgrammes.id, id, communityRule(user, { communityId: inspectionProgrammes.communityId }), "programme");
}

/**
 * SQL over the checks of programmes (alias `s` submission, `pr` programme, `pp` its place): the
 * patrol submissions of the places' plans of the programme's target kind, filled within its period.
 */
export const PROGRAMME_CHECKS = sql`inspection_programmes pr
  JOIN programme_places pp ON pp.programme_id = pr.id
  JOIN patrol_plans pl ON pl.place_id = pp.place_id AND pl.target_kind = CASE pr.kind WHEN 'food' THEN 'food_business' WHEN 'fire' THEN 'fire_point' ELSE 'billboard' END
  JOIN patrol_tasks k ON k.plan_id = pl.id
  JOIN patrol_submissions s ON s.task_id = k.id AND s.outcome = 'visited'
    AND (s.filled_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN pr.starts_on AND pr.ends_on`;

type Stats = { id: string; places: number; checks: number; passed: number; rider_checks: number; open: number };

async function statsOf(db: DbOrTx, user: AuthUser, ids: string[]): Promise<Map<string, Stats>> {
  if (!ids.length) return new Map();
  const list = sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `);
  const visible = areaRule(user, { areaId: sql`s.area_id` });
  const rows = rowsOf<Stats>(
    await db.execute(sql`
      SELECT p.id,
        (SELECT count(*)::int FROM programme_places x WHERE x.programme_id = p.id) AS places,
        coalesce(c.checks, 0) AS checks, coalesce(c.passed, 0) AS passed, coalesce(c.rider_checks, 0) AS rider_checks,
        (SELECT count(*)::int FROM rectifications r WHERE r.programme_id = p.id AND r.status = 'issued' AND ${areaRule(user, { areaId: sql`r.area_id` })}) AS open
      FROM inspection_programmes p
      LEFT JOIN (
        SELECT pr.id, count(*)::int AS checks, count(*) FILTER (WHERE jsonb_array_length(s.failures) = 0)::int AS passed,
               count(*) FILTER (WHERE jsonb_array_length(s.companions) > 0)::int AS rider_checks
        FROM ${PROGRAMME_CHECKS} WHERE pr.id IN (${list}) AND ${visible} GROUP BY pr.id
      ) c ON c.id = p.id
      WHERE p.id IN (${list})`),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function present(p: ProgrammeRow, s: Stats | undefined): Item {
  const checks = Number(s?.checks ?? 0);
  const passed = Number(s?.passed ?? 0);
  return {
    id: p.id,
    communityId: p.communityId,
    kind: p.kind,
    name: p.name,
    startsOn: String(p.startsOn),
    endsOn: String(p.endsOn),
    places: Number(s?.places ?? 0),
    checks,
    passed,
    passRate: checks > 0 ? Math.round((passed / checks) * 1000) / 10 : null,
    riderChecks: Number(s?.rider_checks ?? 0),
    rectificationsOpen: Number(s?.open ?? 0),
  };
}

export async function listProgrammes(db: DbOrTx, user: AuthUser) {
  const rows = await db
    .select()
    .from(inspectionProgrammes)
    .where(communityRule(user, { communityId: inspectionProgrammes.communityId }))
    .orderBy(sql`${inspectionProgrammes.endsOn} DESC`, inspectionProgrammes.name)
    .limit(200);
  const stats = await statsOf(db, user, rows.map((r) => r.id));
  return { items: rows.map((r) => present(r, stats.get(r.id))), total: rows.length };
}

/** A programme with its failed checks (newest first) and the 责令整改 notice of each failed item, if issued. */
export async function getProgramme(db: DbOrTx, user: AuthUser, id: string): Promise<z.infer<typeof programmeDetail>> {
  const p = await loadProgramme(db, user, id);
  const stats = await statsOf(db, user, [p.id]);
  const failed = rowsOf<{ submission_id: string; place_id: string; place_name: string; filled_at: string; companions: string[]; items: Array<{ itemId: string; label: string; rectificationId: string | null }> }>(
    await db.execute(sql`
      SELECT s.id AS submission_id, pp.place_id, pl2.name AS place_name, to_char(s.filled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS filled_at, s.companions,
        (SELECT json_agg(json_build_object('itemId', ci.id, 'label', ci.label, 'rectificationId', r.id) ORDER BY ci.seq)
           FROM checklist_items ci LEFT JOIN rectifications r ON r.submission_id = s.id AND r.item_id = ci.id
           WHERE ci.template_id = k.template_id AND s.failures @> jsonb_build_array(ci.id::text)) AS items
      FROM ${PROGRAMME_CHECKS} JOIN places pl2 ON pl2.id = pp.place_id
      WHERE pr.id = ${p.id} AND jsonb_array_length(s.failures) > 0 AND ${areaRule(user, { areaId: sql`s.area_id` })}
      ORDER BY s.filled_at DESC LIMIT 200`),
  );
  return {
    ...present(p, stats.get(p.id)),
    failed: failed.map((f) => ({ submissionId: f.submission_id, place: { id: f.place_id, name: f.place_name }, filledAt: f.filled_at, companions: f.companions ?? [], items: f.items ?? [] })),
  };
}

/**
 * Creates an inspection programme over places of the community. Its checklist is the patrol
 * checklist of its kind: a place without an active plan of that kind gets one (assigned to its
 * grid worker, monthly), so its checks appear on the worker's phone like every patrol.
 */
export async function createProgramme(ctx: SignedInContext, tx: Tx, body: z.infer<typeof programmeBody>) {
  if (body.endsOn < body.startsOn) throw new AppError("VALIDATION_FAILED", [{ path: "/endsOn", message: "ends before it starts" }]);
  if (body.placeIds.length === 0) throw new AppError("VALIDATION_FAILED", [{ path: "/placeIds", message: "a programme covers at least one place" }]);
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  const found = await visiblePlaces(tx, ctx.user, body.placeIds, placeRule(ctx.user));
  if (found.length !== new Set(body.placeIds).size || found.some((p) => p.communityId !== community.id)) throw notFound("place");
  const targetKind = TARGET_KIND_OF[body.kind];
  const [family] = rowsOf<{ family_id: string }>(
    await tx.execute(sql`SELECT family_id FROM checklist_templates WHERE target_kind = ${targetKind} AND current
      AND (community_id IS NULL OR community_id = ${community.id}) ORDER BY community_id NULLS LAST LIMIT 1`),
  );
  if (!family) throw new AppError("VALIDATION_FAILED", [{ path: "/kind", message: "no checklist of this kind" }]);
  const id = uuidv7();
  await tx.insert(inspectionProgrammes).values({ id, communityId: community.id, kind: body.kind, name: body.name, startsOn: body.startsOn, endsOn: body.endsOn, createdBy: ctx.user.id });
  await tx.insert(programmePlaces).values(found.map((p) => ({ programmeId: id, placeId: p.id })));
  const today = localDay();
  let planned = 0;
  if (body.endsOn >= today) {
    for (const p of found) {
      const [has] = await tx.select({ id: patrolPlans.id }).from(patrolPlans).where(and(eq(patrolPlans.placeId, p.id), eq(patrolPlans.targetKind, targetKind), eq(patrolPlans.active, true))).limit(1);
      if (has) continue;
      await createPlan(tx, ctx, { templateFamilyId: family.family_id, target: { type: "place", placeId: p.id }, frequency: "monthly", startsOn: body.startsOn > today ? body.startsOn : today });
      planned++;
    }
  }
  await writeAudit(tx, ctx, { action: "inspection.programme.create", targetType: "inspection_programme", targetId: id, areaPath: areaPathOf(community.id), after: { kind: body.kind, name: body.name, places: found.length, planned } });
  return { id };
}
