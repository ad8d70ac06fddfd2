import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { rectificationRechecks, rectifications } from "../../db/schema/enterprise";
import { places } from "../../db/schema/places";
import type { AppDeps } from "../../platform/deps";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { areaRule, findVisible } from "../../platform/access";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { localDay } from "../../platform/clock";
import { areaPathOf } from "../../platform/scope";
import type { NotificationInput } from "../../platform/notify";
import type { ProgrammeKind, RectificationItem, recheckBody, rectificationBody, rectificationListQuery } from "../../../contracts/enterprise";
import { reportToDepartment } from "../cases/refer-to-department";
import { displayAnswer } from "../patrols/answers";
import { CASE_CATEGORY_OF, DEPARTMENT_OF } from "./labels";
import { drillPeriod, inAreaCommunities, inPeriod } from "../reports/drill-filter";

type Row = typeof rectifications.$inferSelect;

function loadRectification(db: DbOrTx, user: AuthUser, id: string, lock = false): Promise<Row> {
  return findVisible<Row>(db, rectifications, rectifications.id, id, areaRule(user, { areaId: rectifications.areaId }), "rectification", { lock });
}

const KIND_OF_TARGET: Record<string, ProgrammeKind> = { food_business: "food", fire_point: "fire", billboard: "billboard" };

/**
 * Issues a 责令整改 notice for an item that failed in a check (a patrol submission at a food
 * business, fire point or billboard of the caller's scope): what was found, what must change and
 * by when (today or later). The notice belongs to the programme covering the place and the day of
 * the check, if any. One notice per failed item.
 */
export async function issueRectification(ctx: SignedInContext, tx: Tx, body: z.infer<typeof rectificationBody>) {
  const today = localDay();
  if (body.deadline < today) throw new AppError("VALIDATION_FAILED", [{ path: "/deadline", message: "the deadline is in the past" }]);
  const [check] = rowsOf<{ id: string; community_id: string; area_id: string; place_id: string | null; target_kind: string; template_id: string; failures: string[]; answers: Record<string, unknown>; filled_on: string }>(
    await tx.execute(sql`
      SELECT s.id, s.community_id, s.area_id, pl.place_id, pl.target_kind, k.template_id, s.failures, s.answers,
             to_char(s.filled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS filled_on
      FROM patrol_submissions s JOIN patrol_tasks k ON k.id = s.task_id JOIN patrol_plans pl ON pl.id = k.plan_id
      WHERE s.id = ${body.submissionId} AND ${areaRule(ctx.user, { areaId: sql`s.area_id` })}`),
  );
  if (!check) throw notFound("check");
  const kind = KIND_OF_TARGET[check.target_kind];
  if (!kind || !check.place_id) throw new AppError("VALIDATION_FAILED", [{ path: "/submissionId", message: "not a food, fire or billboard check of a place" }]);
  if (!(check.failures ?? []).includes(body.itemId)) throw new AppError("VALIDATION_FAILED", [{ path: "/itemId", message: "the item did not fail in this check" }]);
  const [item] = rowsOf<{ label: string; type: "yes_no" | "choice" | "number" | "text" | "photo" }>(
    await tx.execute(sql`SELECT label, type FROM checklist_items WHERE id = ${body.itemId} AND template_id = ${check.template_id}`),
  );
  if (!item) throw notFound("item");
  const [programme] = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT pr.id FROM inspection_programmes pr JOIN programme_places pp ON pp.programme_id = pr.id
      WHERE pp.place_id = ${check.place_id} AND pr.kind = ${kind} AND ${check.filled_on}::date BETWEEN pr.starts_on AND pr.ends_on ORDER BY pr.starts_on DESC LIMIT 1`),
  );
  const year = today.slice(0, 4);
  const [{ n }] = rowsOf<{ n: number }>(
    await tx.execute(sql`SELECT count(*)::int AS n FROM rectifications WHERE community_id = ${check.community_id} AND number LIKE ${`整改〔${year}〕%`}`),
  );
  const number = `整改〔${year}〕第${String(Number(n) + 1).padStart(4, "0")}号`;
  const id = uuidv7();
  const finding = `${item.label}：${displayAnswer(item, check.answers?.[body.itemId])}`;
  await tx.insert(rectifications).values({
    id,
    communityId: check.community_id,
    areaId: check.area_id,
    placeId: check.place_id,
    programmeId: programme?.id ?? null,
    submissionId: check.id,
    itemId: body.itemId,
    number,
    kind,
    finding,
    requiredChange: body.requiredChange,
    issuedOn: today,
    deadline: body.deadline,
    issuedBy: ctx.user.id,
  });
  await writeAudit(tx, ctx, { action: "inspection.rectification.issue", targetType: "rectification", targetId: id, areaPath: areaPathOf(check.area_id), after: { number, placeId: check.place_id, finding, deadline: body.deadline } });
  return { id };
}

/**
 * Records a 复查. Passed: the notice is closed. Failed on or after the deadline: it is escalated as a
 * case to the competent department (市场监管所, 消防队, 城管), the place as the case's subject.
 * Failed before the deadline: recorded, the notice stays open. A re-check dated before the notice
 * was issued is refused, and so is one of a notice already closed or escalated.
 */
export async function recheck(deps: AppDeps, ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof recheckBody>): Promise<{ value: { id: string; status: Row["status"]; caseId: string | null }; notify: NotificationInput[] }> {
  const r = await loadRectification(tx, ctx.user, id, true);
  if (r.status !== "issued") throw new AppError("INVALID_TRANSITION", { status: r.status });
  if (body.checkedOn < String(r.issuedOn)) throw new AppError("VALIDATION_FAILED", [{ path: "/checkedOn", message: `before the notice was issued (${r.issuedOn})` }]);
  await tx.insert(rectificationRechecks).values({ id: uuidv7(), rectificationId: r.id, checkedOn: body.checkedOn, passed: body.passed, notes: body.notes || null, companions: body.companions, checkedBy: ctx.user.id });
  let status: Row["status"] = "issued";
  let caseId: string | null = null;
  let notify: NotificationInput[] = [];
  if (body.passed) {
    status = "closed";
    await tx.update(rectifications).set({ status, closedOn: body.checkedOn }).where(and(eq(rectifications.id, r.id), eq(rectifications.status, "issued")));
  } else if (body.checkedOn >= String(r.deadline)) {
    const [place] = await tx.select().from(places).where(eq(places.id, r.placeId)).limit(1);
    const department = DEPARTMENT_OF[r.kind];
    const kase = await reportToDepartment(
      deps,
      ctx,
      tx,
      {
        categoryCode: CASE_CATEGORY_OF[r.kind],
        description: `【逾期未整改】${place.name}：${r.finding}；${r.number}要求${r.requiredChange}，整改期限${r.deadline}，${body.checkedOn}复查仍不合格${body.notes ? `（${body.notes}）` : ""}`.slice(0, 2000),
        location: place.location ? (place.location as [number, number]) : undefined,
        address: place.address.slice(0, 200),
        photoIds: [],
        anonymous: false,
      },
      department,
      `${r.number}复查不合格，移交${department}`,
    );
    status = "escalated";
    caseId = kase.id;
    notify = kase.notify;
    await tx.update(rectifications).set({ status, caseId, closedOn: body.checkedOn }).where(and(eq(rectifications.id, r.id), eq(rectifications.status, "issued")));
  }
  await writeAudit(tx, ctx, { action: "inspection.rectification.recheck", targetType: "rectification", targetId: r.id, areaPath: areaPathOf(r.areaId), before: { status: r.status }, after: { status, passed: body.passed, checkedOn: body.checkedOn, caseId, companions: body.companions.length } });
  return { value: { id: r.id, status, caseId }, notify };
}

/** Notices of the caller's scope, open ones first (nearest deadline first), with their re-checks. */
export async function listRectifications(db: DbOrTx, user: AuthUser, q: z.infer<typeof rectificationListQuery> & { id?: string }): Promise<{ items: RectificationItem[]; total: number }> {
  // A drill-down from the report: notices of the area's communities issued (closed, re-checked) in the period.
  const period = drillPeriod(q);
  const dated =
    q.dated === "closed" ? inPeriod(sql`r.closed_on`, period)
    : q.dated === "rechecked" ? (period ? sql`EXISTS (SELECT 1 FROM rectification_rechecks x WHERE x.rectification_id = r.id AND ${inPeriod(sql`x.checked_on`, period)}
        ${q.recheck ? sql`AND x.passed = ${q.recheck === "passed"}` : sql``})` : sql`true`)
    : inPeriod(sql`r.issued_on`, period);
  const where = sql`${areaRule(user, { areaId: sql`r.area_id` })}
    ${q.status ? sql`AND r.status = ${q.status}` : sql``} ${q.programmeId ? sql`AND r.programme_id = ${q.programmeId}` : sql``} ${q.id ? sql`AND r.id = ${q.id}` : sql``}
    AND ${await inAreaCommunities(db, user, sql`r.community_id`, q.areaId)} AND ${dated}`;
  const rows = rowsOf<{ id: string; number: string; kind: ProgrammeKind; community: string; place_id: string; place_name: string; address: string; finding: string; required_change: string; issued_on: string; deadline: string; issued_by: string; status: Row["status"]; closed_on: string | null; case_id: string | null; case_number: string | null; rechecks: RectificationItem["rechecks"] | null }>(
    await db.execute(sql`
      SELECT r.id, r.number, r.kind, a.name AS community, r.place_id, p.name AS place_name, p.address, r.finding, r.required_change, r.issued_on::text, r.deadline::text,
        u.display_name AS issued_by, r.status, r.closed_on::text, r.case_id, c.number AS case_number,
        (SELECT json_agg(json_build_object('checkedOn', x.checked_on, 'passed', x.passed, 'notes', x.notes, 'companions', x.companions, 'checkedBy', xu.display_name) ORDER BY x.checked_on, x.created_at)
           FROM rectification_rechecks x JOIN users xu ON xu.id = x.checked_by WHERE x.rectification_id = r.id) AS rechecks
      FROM rectifications r JOIN places p ON p.id = r.place_id JOIN areas a ON a.id = r.community_id JOIN users u ON u.id = r.issued_by LEFT JOIN cases c ON c.id = r.case_id
      WHERE ${where} ORDER BY (r.status <> 'issued'), CASE WHEN r.status = 'issued' THEN r.deadline END, r.issued_on DESC, r.id LIMIT ${q.limit}`),
  );
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM rectifications r WHERE ${where}`));
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      community: r.community,
      place: { id: r.place_id, name: r.place_name, address: r.address },
      finding: r.finding,
      requiredChange: r.required_change,
      issuedOn: r.issued_on,
      deadline: r.deadline,
      issuedBy: r.issued_by,
      status: r.status,
      closedOn: r.closed_on,
      caseId: r.case_id,
      caseNumber: r.case_number,
      department: DEPARTMENT_OF[r.kind] ?? "",
      rechecks: (r.rechecks ?? []).map((x) => ({ ...x, checkedOn: String(x.checkedOn).slice(0, 10), companions: x.companions ?? [] })),
    })),
    total: Number(n),
  };
}

export async function getRectification(db: DbOrTx, user: AuthUser, id: string): Promise<RectificationItem> {
  const { items } = await listRectifications(db, user, { id, limit: 1 });
  if (!items[0]) throw notFound("rectification");
  return items[0];
}
