import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { checklistTemplates } from "../../db/schema/patrols";
import { rowsOf, type Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import { rolesOf } from "../../platform/roles";
import { areaInScope, areaWithin, inScope, underArea } from "../../platform/scope";
import type { BulkPlansBody, Frequency, TargetKind } from "../../../contracts/patrols";
import { assertTagVisible } from "../registry/tag-visibility";
import { DEFAULT_FREQUENCY, TARGET_TYPES_OF } from "./labels";
import { localDay } from "../../platform/clock";
import { assertAssignable } from "./plan-targets";
import { loadCurrentOfFamily, visibleTemplates, type TemplateRow } from "./template-queries";
import { generateTasks } from "./generate-tasks";
import { SQL_UUIDV7 } from "./sql-ids";

/** The kind of patrol a place kind usually gets. */
const KIND_OF_PLACE: Record<string, TargetKind> = {
  enterprise: "key_enterprise",
  shop: "food_business",
  billboard: "billboard",
  river_stretch: "river",
  commercial_centre: "fire_point",
  public_unit: "fire_point",
  rider_station: "fire_point",
};

/** The template to use: the one named, else the current one of the kind (the community's own before the global one). */
async function pickTemplate(tx: Tx, ctx: SignedInContext, communityId: string, familyId: string | undefined, kind: TargetKind): Promise<TemplateRow> {
  if (familyId) {
    const t = await loadCurrentOfFamily(tx, ctx.user, familyId);
    if (!t) throw notFound("template");
    if (t.communityId && t.communityId !== communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/templateFamilyId", message: "a template of another community" }]);
    return t;
  }
  const [t] = await tx
    .select()
    .from(checklistTemplates)
    .where(and(eq(checklistTemplates.targetKind, kind), eq(checklistTemplates.current, true), visibleTemplates(ctx.user), sql`(${checklistTemplates.communityId} IS NULL OR ${checklistTemplates.communityId} = ${communityId})`))
    .orderBy(sql`${checklistTemplates.communityId} IS NULL`, asc(checklistTemplates.createdAt))
    .limit(1);
  if (!t) throw new AppError("VALIDATION_FAILED", [{ path: "/templateFamilyId", message: `no ${kind} template; name one` }]);
  return t;
}

/** The grid worker of each target's grid (the deepest grid node, then by user name). */
const GRID_WORKER = sql`(SELECT u.id FROM users u JOIN areas ua ON ua.id = u.area_id
  WHERE ${areaWithin(sql`t.area_id`, sql`ua.path`)} AND ua.level IN ('grid', 'microgrid') AND ${inArray(sql`u.role`, rolesOf("gridWorkers"))} AND u.status = 'active'
  ORDER BY ua.depth DESC, u.username LIMIT 1)`;

/**
 * Puts every matching target of an area on the list at once: everyone with a care tag (their
 * household; the person for 重点人员), or every place of a kind. Targets already on the list with
 * the same template are skipped; each goes to its grid's worker unless an assignee is named.
 * Runs inside `runWrite`.
 */
export async function assignInBulk(tx: Tx, ctx: SignedInContext, body: BulkPlansBody) {
  const { user } = ctx;
  const area = await areaInScope(tx, user, body.areaId);
  if (!area.communityId || !["community", "grid", "microgrid"].includes(area.level)) {
    throw new AppError("VALIDATION_FAILED", [{ path: "/areaId", message: "a community, grid or microgrid" }]);
  }
  if (body.assigneeId) await assertAssignable(tx, body.assigneeId, area.id);
  const inArea = (col: string) => sql`${underArea(sql.raw(col), area.path)} AND ${inScope(user, sql.raw(col))}`;

  let kind: TargetKind;
  let frequency: Frequency;
  let targets: SQL;
  let targetType: "person" | "household" | "place";
  if (body.by === "tag") {
    const tag = await assertTagVisible(tx, user, body.tagCode);
    kind = tag.code === "key_person" ? "key_person" : "special_household";
    frequency = body.frequency ?? tag.visitFrequency ?? DEFAULT_FREQUENCY[kind];
    targetType = kind === "key_person" ? "person" : "household";
    targets =
      targetType === "person"
        ? sql`SELECT p.id AS target_id, p.community_id, p.area_id, p.name || coalesce('（' || h.address || '）', '') AS label, b.location
            FROM person_tags pt JOIN persons p ON p.id = pt.person_id
            LEFT JOIN households h ON h.id = p.household_id LEFT JOIN buildings b ON b.id = h.building_id
            WHERE pt.tag_code = ${tag.code} AND pt.removed_at IS NULL AND p.status = 'active' AND ${inArea("p.area_id")}`
        : sql`SELECT DISTINCT ON (h.id) h.id AS target_id, h.community_id, h.area_id, h.address || ' ' || p.name AS label, b.location
            FROM person_tags pt JOIN persons p ON p.id = pt.person_id
            JOIN households h ON h.id = p.household_id JOIN buildings b ON b.id = h.building_id
            WHERE pt.tag_code = ${tag.code} AND pt.removed_at IS NULL AND p.status = 'active' AND h.status = 'active' AND ${inArea("h.area_id")}
            ORDER BY h.id, p.birth_date, p.id`;
  } else {
    kind = body.targetKind ?? KIND_OF_PLACE[body.placeKind];
    frequency = body.frequency ?? DEFAULT_FREQUENCY[kind];
    targetType = "place";
    const category = body.category ? sql` AND (pl.attrs->>'category' = ${body.category} OR pl.attrs->>'industry' = ${body.category})` : sql``;
    targets = sql`SELECT pl.id AS target_id, pl.community_id, pl.area_id, pl.name AS label, pl.location
      FROM places pl WHERE pl.kind = ${body.placeKind} AND pl.active AND ${inArea("pl.area_id")}${category}`;
  }
  const template = await pickTemplate(tx, ctx, area.communityId, body.templateFamilyId, kind);
  if (!TARGET_TYPES_OF[template.targetKind].includes(targetType)) {
    throw new AppError("VALIDATION_FAILED", [{ path: "/templateFamilyId", message: `a ${template.targetKind} checklist does not visit a ${targetType}` }]);
  }
  const column = sql.raw(targetType === "person" ? "person_id" : targetType === "household" ? "household_id" : "place_id");
  const startsOn = body.startsOn ?? localDay();
  const assignee = body.assigneeId ? sql`${body.assigneeId}::uuid` : GRID_WORKER;
  const rows = rowsOf<{ id: string | null; created: number; total: number }>(
    await tx.execute(sql`
      WITH targets AS (${targets}),
      fresh AS (
        SELECT t.*, ${assignee} AS assignee_id FROM targets t
        WHERE NOT EXISTS (SELECT 1 FROM patrol_plans x WHERE x.template_family_id = ${template.familyId} AND x.${column} = t.target_id AND x.active)
      ),
      made AS (
        INSERT INTO patrol_plans (id, community_id, area_id, template_family_id, target_kind, ${column}, target_label, location, frequency, assignee_id, active, starts_on)
        SELECT ${SQL_UUIDV7}, community_id, area_id, ${template.familyId}, ${template.targetKind}, target_id, label, location, ${frequency}, assignee_id, true, ${startsOn}::date
        FROM fresh WHERE assignee_id IS NOT NULL
        RETURNING id
      )
      SELECT made.id, (SELECT count(*)::int FROM made) AS created, (SELECT count(*)::int FROM targets) AS total
      FROM (SELECT 1) one LEFT JOIN made ON true`),
  );
  const ids = rows.map((r) => r.id).filter((id): id is string => !!id);
  const total = rows[0]?.total ?? 0;
  const today = localDay();
  await generateTasks(tx, { from: today, until: startsOn > today ? startsOn : today, planIds: ids });
  await writeAudit(tx, ctx, {
    action: "patrol.plan_bulk",
    targetType: "patrol_plan",
    areaPath: area.path,
    after: { ...body, templateFamilyId: template.familyId, frequency, created: ids.length, skipped: total - ids.length },
  });
  return { created: ids.length, skipped: total - ids.length, byFrequency: { [frequency]: ids.length } };
}
