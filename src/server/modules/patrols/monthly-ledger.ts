import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { checklistItems } from "../../db/schema/patrols";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { restrictedSubjectRule } from "../../platform/access";
import { dayAfter, dayStart, localDay } from "../../platform/clock";
import { areaInScope, homeArea, inScope, underArea, type AreaRow } from "../../platform/scope";
import type { MonthlyLedger, MonthlyLedgerQuery } from "../../../contracts/patrols";
import { STATUS_NAMES } from "../cases/labels";
import { displayAnswer } from "./answers";
import { LEDGER_TITLES } from "./labels";
import { addDays, monthLabel, monthRange } from "./periods";

type VisitRow = {
  id: string;
  filled_at: string | Date;
  answers: Record<string, unknown>;
  failures: string[];
  companions: string[];
  notes: string | null;
  track_meters: number | null;
  track_seconds: number | null;
  inspector: string;
  target_label: string;
  address: string | null;
  template_id: string;
  grid_id: string | null;
  grid_name: string | null;
  photos: number;
  cases: Array<{ number: string; status: string }> | null;
};

/** The community of an area (itself, or the community above a grid); the street and above have none. */
async function communityOf(db: DbOrTx, area: AreaRow): Promise<AreaRow> {
  if (area.level === "community") return area;
  if (!area.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/areaId", message: "choose a community or a grid" }]);
  const [c] = await db.select().from(areas).where(eq(areas.id, area.communityId)).limit(1);
  if (!c) throw notFound("area");
  return c;
}

const GRID_OF_TASK = sql.raw(`LEFT JOIN areas g ON g.level = 'grid' AND g.id IN (a.id, a.parent_id)`);

/**
 * The monthly ledger of one kind of work for a community (or one grid): every visit filled in the
 * month, one table per grid, with what was checked, what was found and which case it became, plus
 * the month's due and missed tasks. The xlsx is rendered from this (ledger-xlsx.ts).
 */
export async function buildMonthlyLedger(db: DbOrTx, user: AuthUser, q: MonthlyLedgerQuery): Promise<MonthlyLedger> {
  const area = q.areaId ? await areaInScope(db, user, q.areaId) : await homeArea(db, user);
  const community = await communityOf(db, area);
  const range = monthRange(q.month);
  const from = dayStart(range.start);
  const to = dayAfter(range.end);
  const today = localDay();
  // The chosen area within the user's scope; a 重点人员 line only for those allowed to see it or the
  // task's assignee (the totals count what the ledger shows, so they agree with its lines).
  const scope = sql`${underArea(sql`t.area_id`, area.path)} AND ${inScope(user, sql`t.area_id`)}
    AND ${restrictedSubjectRule(user, { personId: sql`p.person_id`, targetKind: sql`p.target_kind`, assigneeId: sql`t.assignee_id` })}`;

  const visits = rowsOf<VisitRow>(
    await db.execute(sql`
      SELECT s.id, s.filled_at, s.answers, s.failures, s.companions, s.notes, s.track_meters, s.track_seconds,
             u.display_name AS inspector, p.target_label,
             coalesce((SELECT x.address FROM places x WHERE x.id = p.place_id), (SELECT x.address FROM households x WHERE x.id = p.household_id),
                      (SELECT h.address FROM persons x JOIN households h ON h.id = x.household_id WHERE x.id = p.person_id)) AS address,
             t.template_id, g.id AS grid_id, g.name AS grid_name,
             (SELECT count(*)::int FROM patrol_photos ph WHERE ph.submission_id = s.id) AS photos,
             (SELECT json_agg(json_build_object('number', c.number, 'status', c.status) ORDER BY c.number)
                FROM case_links l JOIN cases c ON c.id = l.case_id WHERE l.kind = 'patrol_submission' AND l.ref_id = s.id) AS cases
      FROM patrol_submissions s
      JOIN patrol_tasks t ON t.id = s.task_id
      JOIN patrol_plans p ON p.id = t.plan_id
      JOIN users u ON u.id = s.submitted_by
      JOIN areas a ON a.id = t.area_id
      ${GRID_OF_TASK}
      WHERE s.community_id = ${community.id} AND p.target_kind = ${q.targetKind}
        AND s.filled_at >= ${from} AND s.filled_at < ${to} AND ${scope}
      ORDER BY s.filled_at, s.id`),
  );
  // Periods last at most 92 days, so a task due in the month started at most 92 days before it (index on community, period_start).
  const due = rowsOf<{ grid_id: string | null; due: number; missed: number }>(
    await db.execute(sql`
      SELECT g.id AS grid_id, count(*)::int AS due,
             count(*) FILTER (WHERE t.status = 'missed' OR (t.status = 'open' AND t.period_end < ${today}::date))::int AS missed
      FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id JOIN areas a ON a.id = t.area_id ${GRID_OF_TASK}
      WHERE t.community_id = ${community.id} AND p.target_kind = ${q.targetKind} AND t.status <> 'cancelled'
        AND t.period_start >= ${addDays(range.start, -92)}::date AND t.period_end BETWEEN ${range.start}::date AND ${range.end}::date AND ${scope}
      GROUP BY g.id`),
  );

  const templateIds = [...new Set(visits.map((v) => v.template_id))];
  const items = templateIds.length ? await db.select().from(checklistItems).where(inArray(checklistItems.templateId, templateIds)).orderBy(asc(checklistItems.seq)) : [];
  const itemsOf = new Map<string, typeof items>();
  for (const i of items) itemsOf.set(i.templateId, [...(itemsOf.get(i.templateId) ?? []), i]);

  // One sheet per grid of the chosen area, in code order, even when nothing was done there.
  const grids =
    area.level === "grid"
      ? [area]
      : area.level === "microgrid"
        ? await db.select().from(areas).where(eq(areas.id, area.parentId!))
        : await db.select().from(areas).where(and(eq(areas.level, "grid"), underArea(areas.id, area.path))).orderBy(asc(areas.code));
  const sheetOf = new Map<string | null, MonthlyLedger["sheets"][number]>();
  const empty = () => ({ due: 0, visits: 0, findings: 0, cases: 0, missed: 0 });
  for (const g of grids) sheetOf.set(g.id, { grid: { id: g.id, name: g.name }, name: g.name, rows: [], totals: empty() });
  const sheet = (gridId: string | null) => {
    let s = sheetOf.get(gridId);
    if (!s) {
      s = { grid: null, name: "社区直管", rows: [], totals: empty() };
      sheetOf.set(gridId, s);
    }
    return s;
  };

  for (const v of visits) {
    const s = sheet(v.grid_id);
    const its = itemsOf.get(v.template_id) ?? [];
    const results = its.map((i) => `${i.label}：${displayAnswer(i, v.answers[i.id])}`);
    if (v.track_meters) results.push(`巡河里程${(Number(v.track_meters) / 1000).toFixed(2)}公里，用时${Math.round((v.track_seconds ?? 0) / 60)}分钟`);
    const failed = its.filter((i) => v.failures.includes(i.id)).map((i) => `${i.label}：${displayAnswer(i, v.answers[i.id])}`);
    if (v.notes) failed.push(`备注：${v.notes}`);
    const cases = v.cases ?? [];
    const handling = cases.length
      ? cases.map((c) => `${c.number}（${STATUS_NAMES[c.status as keyof typeof STATUS_NAMES] ?? c.status}）`).join("\n")
      : v.failures.length
        ? "未转事件"
        : "无问题";
    s.rows.push({
      seq: s.rows.length + 1,
      date: localDay(new Date(v.filled_at)),
      target: v.target_label,
      address: v.address ?? "",
      grid: v.grid_name ?? "社区直管",
      inspector: v.companions.length ? `${v.inspector}（同行：${v.companions.join("、")}）` : v.inspector,
      results: results.join("；"),
      findings: v.failures.length || v.notes ? failed.join("；") : "无",
      handling,
      photoCount: v.photos,
    });
    s.totals.visits++;
    s.totals.findings += v.failures.length;
    s.totals.cases += cases.length;
  }
  for (const d of due) {
    const s = sheet(d.grid_id);
    s.totals.due += d.due;
    s.totals.missed += d.missed;
  }
  const sheets = [...sheetOf.values()];
  const totals = sheets.reduce((t, s) => {
    for (const k of Object.keys(t) as Array<keyof typeof t>) t[k] += s.totals[k];
    return t;
  }, empty());
  return {
    title: `${community.name} ${monthLabel(q.month)} ${LEDGER_TITLES[q.targetKind]}`,
    community: { id: community.id, name: community.name },
    month: q.month,
    targetKind: q.targetKind,
    sheets,
    totals,
  };
}
