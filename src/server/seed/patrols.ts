import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import { places } from "../db/schema/places";
import { caseLinks, checklistItems, checklistTemplates, patrolPlans, patrolSubmissions, patrolTasks } from "../db/schema/patrols";
import { insertJson } from "./patrol-insert";
import { buildPatrolPlaces, riverPath } from "./patrol-places";
import { buildPlans } from "./patrol-plans";
import { buildTasks, materialise, REF_DAY, SEED_DAILY_CAP } from "./patrol-history";
import { visits } from "../db/schema/registry";
import { capDays } from "../modules/patrols/schedule";
import { linkHistoryCases } from "./patrol-links";
import { buildTemplates } from "./patrol-templates";
import { loadPatrolWorld, microgridAt } from "./patrol-world";
import { seedPersonTags } from "./tags";
import { Rng, seededUuidFactory } from "./random";

/**
 * Patrols and ledgers of the demo: the global checklist templates, the billboards and the 盘龙江
 * stretch, both communities' differentiated lists, and their history up to the day of the seed —
 * 170+ billboard inspections, the river chief's weekly walks with GPS tracks, 60+ fire-safety
 * checks at 怡心桥 from July 2023 to December 2024 of which riders joined 14, 1,000+ food-safety
 * checks there, and findings tied to the grid workers' cases already in the history. The current
 * period's tasks are partly open, so a grid worker's phone list is not empty.
 */
export async function seedPatrols(tx: Tx, rng: Rng): Promise<Record<string, number>> {
  const newId = seededUuidFactory(rng.fork("ids"), Date.UTC(2023, 5, 20));
  // The care tags decide who is visited; the registry seed sets them (once) if it has not yet.
  const [{ n: tagged }] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM person_tags`));
  if (tagged === 0) await seedPersonTags(tx);

  const world = await loadPatrolWorld(tx);
  const { templates, items, families } = buildTemplates(newId);
  await insertJson(tx, checklistTemplates, templates);
  await insertJson(tx, checklistItems, items);
  const newPlaces = buildPatrolPlaces(rng.fork("places"), world, newId, microgridAt);
  await insertJson(tx, places, newPlaces);

  const plans = await buildPlans(tx, world, families, newId);
  await insertJson(tx, patrolPlans, plans);

  const tasks = buildTasks(rng.fork("tasks"), plans, families, newId);
  const linked = await linkHistoryCases(tx, rng.fork("links"), tasks);
  await addRiders(tx, rng.fork("riders"), world.find((c) => c.key === "yxq")!.id, tasks);
  const hk = world.find((c) => c.key === "hk")!;
  const { taskRows, subRows, links } = materialise(rng.fork("answers"), tasks, newId, riverPath(hk));
  // One visit is one record: a checklist at a person or household is that home's care visit too.
  const planOf = new Map(tasks.map((t) => [t.id, t.plan]));
  const visitRows: Array<typeof visits.$inferInsert> = [];
  for (const s of subRows) {
    const plan = planOf.get(s.taskId)!;
    if (!plan.householdId && !plan.personId) continue;
    const id = newId();
    s.visitId = id;
    visitRows.push({
      id,
      communityId: s.communityId,
      areaId: s.areaId,
      householdId: plan.householdId ?? null,
      personId: plan.personId ?? null,
      visitorId: s.submittedBy,
      visitedAt: s.filledAt,
      notes: s.notes ?? "入户走访，情况正常",
      location: s.location ?? null,
      createdAt: s.receivedAt,
      taskId: s.taskId,
      outcome: "visited",
    });
  }
  await insertJson(tx, patrolTasks, taskRows);
  await insertJson(tx, patrolSubmissions, subRows);
  await insertJson(tx, visits, visitRows);
  // What the workers did not finish before today rolls forward, at most a day's work per day.
  const rolled = await capDays(tx, REF_DAY, SEED_DAILY_CAP);
  await insertJson(
    tx,
    caseLinks,
    links.map((l) => ({ caseId: l.caseId, kind: "patrol_submission" as const, refId: l.submissionId })),
  );
  for (let i = 0; i < links.length; i += 500) {
    const chunk = links.slice(i, i + 500);
    await tx.execute(sql`
      UPDATE case_events e SET data = coalesce(e.data, '{}'::jsonb) || jsonb_build_object('source', 'patrol', 'patrolSubmissionId', v.sid, 'patrolTaskId', v.tid, 'patrolItemId', v.iid)
      FROM (VALUES ${sql.join(chunk.map((l) => sql`(${l.caseId}::uuid, ${l.submissionId}, ${l.taskId}, ${l.itemId})`), sql`, `)}) AS v(cid, sid, tid, iid)
      WHERE e.case_id = v.cid AND e.action = 'report'`);
  }
  const kindOf = new Map(tasks.map((t) => [t.id, t.plan.targetKind]));
  const count = (kind: string) => subRows.filter((s) => kindOf.get(s.taskId) === kind).length;
  return {
    "patrols.templates": templates.length,
    "patrols.plans": plans.length,
    "patrols.tasks": taskRows.length,
    "patrols.submissions": subRows.length,
    "patrols.caseLinks": linked,
    "patrols.billboards": newPlaces.filter((p) => p.kind === "billboard").length,
    "patrols.openTasks": taskRows.filter((t) => t.status === "open").length,
    "patrols.visits": visitRows.length,
    "patrols.rolledForward": rolled,
    "patrols.river": count("river"),
    "patrols.billboardChecks": count("billboard"),
    "patrols.foodChecks": count("food_business"),
    "patrols.fireChecks": count("fire_point"),
    [`patrols.referenceDay.${REF_DAY}`]: 1,
  };
}

/** Riders (新就业群体) of 怡心桥 who joined 14 of its fire-safety checks from July 2023 to December 2024. */
async function addRiders(tx: Tx, rng: Rng, communityId: string, tasks: ReturnType<typeof buildTasks>) {
  const riders = rowsOf<{ name: string; platform: string | null }>(
    await tx.execute(sql`
      SELECT p.name, pt.attrs->>'platform' AS platform FROM person_tags pt JOIN persons p ON p.id = pt.person_id
      WHERE pt.tag_code = 'new_employment' AND pt.removed_at IS NULL AND p.community_id = ${communityId} ORDER BY p.id LIMIT 12`),
  );
  if (!riders.length) return;
  const checks = tasks.filter(
    (t) =>
      t.plan.targetKind === "fire_point" &&
      t.plan.communityId === communityId &&
      t.status === "done" &&
      t.period.start >= "2023-07-01" &&
      t.period.end <= "2024-12-31" &&
      // Checked inside the campaign (a late check of December's list falls in January).
      t.filledAt !== null &&
      t.filledAt < Date.parse("2025-01-01T00:00:00+08:00"),
  );
  for (const t of rng.shuffle([...checks]).slice(0, 14)) {
    const n = rng.int(1, 3);
    t.companions = rng.shuffle([...riders]).slice(0, n).map((r) => `${r.name}（${r.platform ?? "外卖"}骑手）`);
  }
}
