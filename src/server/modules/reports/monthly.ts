import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { monthlyReports } from "../../db/schema/reports";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { localDay } from "../../platform/clock";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { isoInstantOrNull } from "../../platform/instants";
import { writeAudit } from "../../platform/audit";
import { can } from "../../platform/policy";
import { areaInScope } from "../../platform/scope";
import type { MonthlyReport, ReportCharts, ReportSectionBody } from "../../../contracts/reports";
import { chartsOf, communitiesOfArea, figuresOf, layOut, reportArea } from "./work-report";

/** First and last day of a month YYYY-MM. */
export function monthDays(ym: string): { from: string; to: string } {
  const [y, m] = ym.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${ym}-01`, to: `${ym}-${String(last).padStart(2, "0")}` };
}
export function monthBefore(ym: string): string {
  const [y, m] = ym.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The figures shown side by side in the street's view of the month. */
export const HEADLINE_KEYS = [
  "cases.reported",
  "cases.resolved",
  "cases.share_grid",
  "cases.disputes_resolved",
  "cases.public_safety_fixed",
  "cases.open",
  "patrols.visits",
  "patrols.coverage",
  "deliberation.meetings",
  "deliberation.topics_settled",
  "partners.activities",
];

type Content = { sections: ReportSectionBody[]; charts: ReportCharts };

/** A community's month as the live data stand now, with the month before beside each figure. */
export async function liveMonth(db: DbOrTx, communityId: string, ym: string): Promise<Content> {
  const cur = monthDays(ym);
  const prev = monthDays(monthBefore(ym));
  const scope = { communityIds: [communityId], ...cur };
  // The trend covers the twelve months up to this one; levels and categories this month.
  const trendFrom = monthDays(Array.from({ length: 11 }).reduce<string>((m) => monthBefore(m), ym)).from;
  const [current, before, charts, trend] = await Promise.all([
    figuresOf(db, scope),
    figuresOf(db, { communityIds: [communityId], ...prev }),
    chartsOf(db, scope),
    chartsOf(db, { communityIds: [communityId], from: trendFrom, to: cur.to }),
  ]);
  return { sections: layOut(current, before, { areaId: communityId, ...cur }), charts: { ...charts, monthly: trend.monthly } };
}

type Row = typeof monthlyReports.$inferSelect;

async function rowOf(db: DbOrTx, communityId: string, ym: string): Promise<Row | undefined> {
  const [row] = await db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.communityId, communityId), eq(monthlyReports.month, `${ym}-01`)))
    .limit(1);
  return row;
}

/** Stores (or refreshes) the produced report of a month; a submitted one is left as it is. */
export async function produceMonth(db: DbOrTx, communityId: string, ym: string, now = new Date()): Promise<void> {
  const content = await liveMonth(db, communityId, ym);
  await db.execute(sql`
    INSERT INTO monthly_reports (id, community_id, month, status, sections, charts, produced_at)
    VALUES (${uuidv7()}, ${communityId}, ${`${ym}-01`}::date, 'produced', ${JSON.stringify(content.sections)}::jsonb, ${JSON.stringify(content.charts)}::jsonb, ${now})
    ON CONFLICT (community_id, month) DO UPDATE SET sections = excluded.sections, charts = excluded.charts, produced_at = excluded.produced_at,
      version = monthly_reports.version + 1
    WHERE monthly_reports.status = 'produced'`);
}

/**
 * The scheduled job: on the 1st of a month (and on any later day that finds it missing) the month
 * before is produced for every community that has no report of it yet. A plain function, so that
 * the scheduler runs it once across the processes.
 */
export async function produceMonthlyReports(db: DbOrTx, now = new Date()): Promise<{ month: string; produced: number }> {
  const ym = monthBefore(localDay(now).slice(0, 7));
  const missing = rowsOf<{ id: string }>(
    await db.execute(sql`
      SELECT a.id FROM areas a
      WHERE a.level = 'community' AND NOT EXISTS (SELECT 1 FROM monthly_reports r WHERE r.community_id = a.id AND r.month = ${`${ym}-01`}::date)
      ORDER BY a.path`),
  );
  for (const c of missing) await produceMonth(db, c.id, ym, now);
  return { month: ym, produced: missing.length };
}

/** A community of the caller's scope, or 404. */
async function communityInScope(db: DbOrTx, user: AuthUser, communityId: string) {
  const area = await areaInScope(db, user, communityId);
  if (area.level !== "community") throw notFound("area");
  return area;
}

/** A month is produced on demand or submitted once it has begun (Beijing time); a street may ask for it before it ends. */
function checkBegun(ym: string, now: Date) {
  if (monthDays(ym).from > localDay(now)) throw new AppError("VALIDATION_FAILED", [{ path: "/month", message: "the month has not begun" }]);
}

const valuesOf = (sections: ReportSectionBody[]) => new Map(sections.flatMap((s) => s.figures.map((f) => [f.key, f] as const)));

/** A community's month: the snapshot once submitted (with where live data now differ), else the live figures. */
export async function getMonthly(db: DbOrTx, user: AuthUser, communityId: string, ym: string): Promise<MonthlyReport> {
  const area = await communityInScope(db, user, communityId);
  const [row, live] = await Promise.all([rowOf(db, communityId, ym), liveMonth(db, communityId, ym)]);
  const submitted = row?.status === "submitted";
  const shown: Content = submitted ? { sections: row.sections as ReportSectionBody[], charts: row.charts as ReportCharts } : live;
  const differences = [];
  if (submitted) {
    const now = valuesOf(live.sections);
    for (const [key, f] of valuesOf(shown.sections)) {
      const l = now.get(key);
      if (l && l.value !== f.value) differences.push({ key, label: f.label, snapshot: f.value, live: l.value });
    }
  }
  return {
    community: { id: area.id, name: area.name },
    month: ym,
    status: row?.status ?? "none",
    producedAt: isoInstantOrNull(row?.producedAt ?? null),
    submittedAt: isoInstantOrNull(row?.submittedAt ?? null),
    submittedBy: row?.submittedByName ?? null,
    sections: shown.sections,
    charts: shown.charts,
    differences,
    canSubmit: !submitted && can(user.role, "report:submit") && monthDays(ym).from <= localDay(),
  };
}

/** Produces a month on demand (a submitted month stays as it is). */
export async function produceOnDemand(ctx: SignedInContext, tx: Tx, communityId: string, ym: string, now = new Date()) {
  await communityInScope(tx, ctx.user, communityId);
  checkBegun(ym, now);
  const row = await rowOf(tx, communityId, ym);
  if (row?.status === "submitted") throw new AppError("CONFLICT", { reason: "already submitted" });
  await produceMonth(tx, communityId, ym, now);
  return { ok: true as const };
}

/** Submits a month: its figures are taken now and never change afterwards. */
export async function submitMonthly(ctx: SignedInContext, tx: Tx, communityId: string, ym: string, now = new Date()) {
  const area = await communityInScope(tx, ctx.user, communityId);
  checkBegun(ym, now);
  // One submitter at a time per community and month.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`monthly:${communityId}:${ym}`}))`);
  const row = await rowOf(tx, communityId, ym);
  if (row?.status === "submitted") throw new AppError("CONFLICT", { reason: "already submitted" });
  const content = await liveMonth(tx, communityId, ym);
  const values = {
    status: "submitted" as const,
    sections: content.sections,
    charts: content.charts,
    producedAt: now,
    submittedAt: now,
    submittedBy: ctx.user.id,
    submittedByName: ctx.user.displayName,
  };
  if (row) await tx.update(monthlyReports).set({ ...values, version: row.version + 1 }).where(and(eq(monthlyReports.id, row.id), eq(monthlyReports.status, "produced")));
  else await tx.insert(monthlyReports).values({ id: uuidv7(), communityId, month: `${ym}-01`, ...values });
  await writeAudit(tx, ctx, { action: "report.monthly.submit", targetType: "monthly_report", targetId: row?.id ?? null, areaPath: area.path, after: { month: ym } });
  return { ok: true as const };
}

/** The street's view of a month: every community of the area, submitted or not, side by side. */
export async function listMonthly(db: DbOrTx, user: AuthUser, q: { areaId?: string; month: string }) {
  const area = await reportArea(db, user, q.areaId);
  const communities = await communitiesOfArea(db, area);
  const rows = await Promise.all(
    communities.map(async (c) => {
      const row = await rowOf(db, c.id, q.month);
      const sections = row ? (row.sections as ReportSectionBody[]) : (await liveMonth(db, c.id, q.month)).sections;
      const v = valuesOf(sections);
      return {
        community: c,
        status: row?.status ?? ("none" as const),
        submittedAt: isoInstantOrNull(row?.submittedAt ?? null),
        submittedBy: row?.submittedByName ?? null,
        figures: Object.fromEntries(HEADLINE_KEYS.map((k) => [k, v.get(k)?.value ?? null])),
        labels: v,
      };
    }),
  );
  const first = rows[0]?.labels;
  return {
    month: q.month,
    area: { id: area.id, name: area.name },
    columns: HEADLINE_KEYS.filter((k) => first?.has(k)).map((k) => ({ key: k, label: first!.get(k)!.label, unit: first!.get(k)!.unit })),
    items: rows.map(({ labels: _labels, ...r }) => r).sort((a, b) => Number(b.status === "submitted") - Number(a.status === "submitted") || a.community.name.localeCompare(b.community.name, "zh-CN")),
    total: rows.length,
    submitted: rows.filter((r) => r.status === "submitted").length,
  };
}
