import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { areaRule, CASE_ALIAS_COLUMNS, caseRule, communityRule } from "../../platform/access";
import { inScope } from "../../platform/scope";

/** How many items of a kind the inbox lists; the count covers them all. */
export const INBOX_ITEMS = 5;

/** A row of a kind's query: the first items, each carrying the kind's total. */
export type KindRow = { id: string; title: string; detail: string | null; due: Date | string | null; overdue: boolean; total: number };

/** One query per kind: the rows in urgency order, `count(*) OVER ()` giving the total before the LIMIT. */
async function firstOf(db: DbOrTx, query: SQL): Promise<{ count: number; rows: KindRow[] }> {
  const rows = rowsOf<KindRow>(await db.execute(sql`${query} LIMIT ${INBOX_ITEMS}`));
  return { count: rows[0] ? Number(rows[0].total) : 0, rows };
}

/**
 * Cases the caller reaches as staff: the case read rule (scope; department-bound roles only their
 * department's) limited to the scope, as the workflow's relations need it (`relationsOf` inScope).
 */
function staffCases(user: AuthUser): SQL {
  return sql`${caseRule(user, CASE_ALIAS_COLUMNS)} AND ${inScope(user, sql`c.area_id`)}`;
}

const levelIn = (levels: readonly string[]) => (levels.length ? sql`c.level IN (${sql.join(levels.map((l) => sql`${l}`), sql`, `)})` : sql`false`);

function caseQuery(user: AuthUser, condition: SQL, order: SQL): SQL {
  return sql`
    SELECT c.id, left(c.description, 60) AS title,
           c.number || ' · ' || cc.name || coalesce(' · ' || g.name, '') AS detail,
           CASE WHEN c.status = 'reported' THEN c.accept_due_at ELSE c.handle_due_at END AS due,
           (c.timer = 'red') AS overdue,
           count(*) OVER ()::int AS total
    FROM cases c
    JOIN case_categories cc ON cc.code = c.category_code
    LEFT JOIN areas g ON g.id = c.grid_id
    WHERE ${staffCases(user)} AND ${condition}
    ORDER BY ${order}`;
}

const URGENT_FIRST = sql`CASE c.timer WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, c.created_at, c.id`;

/** 待核查: handled cases to verify (or verified ones to close) at the levels the caller verifies. */
export function verifyCases(db: DbOrTx, user: AuthUser, levels: readonly string[]) {
  return firstOf(db, caseQuery(user, sql`c.status IN ('handled', 'verified') AND ${levelIn(levels)}`, sql`c.handled_at NULLS LAST, c.id`));
}

/** 延期待审批: open delay requests the caller may decide (verifier of the level, or supervisor). */
export function delayRequests(db: DbOrTx, user: AuthUser, levels: readonly string[], everyLevel: boolean) {
  return firstOf(
    db,
    caseQuery(user, sql`c.status IN ('dispatched', 'in_progress') AND c.delay_requested_hours IS NOT NULL AND ${everyLevel ? sql`true` : levelIn(levels)}`, URGENT_FIRST),
  );
}

/** 待受理/派遣: new or returned cases waiting at a level the caller owns. */
export function casesToDispatch(db: DbOrTx, user: AuthUser, levels: readonly string[]) {
  return firstOf(db, caseQuery(user, sql`c.status IN ('reported', 'accepted') AND ${levelIn(levels)}`, URGENT_FIRST));
}

/** Open cases past their time limit (red) or past the 80 % warning (yellow). */
export function casesByTimer(db: DbOrTx, user: AuthUser, timer: "red" | "yellow") {
  return firstOf(db, caseQuery(user, sql`c.status <> 'closed' AND c.timer = ${timer}`, sql`due NULLS LAST, c.id`));
}

/** Talent applications waiting for review, oldest first. */
export function pendingApplications(db: DbOrTx, user: AuthUser) {
  return firstOf(
    db,
    sql`
      SELECT a.id, a.name || ' · ' || a.category AS title, r.title AS detail, NULL::timestamptz AS due, false AS overdue,
             count(*) OVER ()::int AS total
      FROM talent_applications a
      JOIN recruitment_calls r ON r.id = a.call_id
      WHERE a.status = 'pending' AND ${communityRule(user, { communityId: sql`r.community_id` })}
      ORDER BY a.created_at, a.id`,
  );
}

/** 待补录: meetings whose time has passed, neither closed nor cancelled, without minutes. */
export function meetingsWithoutMinutes(db: DbOrTx, user: AuthUser, now: Date) {
  return firstOf(
    db,
    sql`
      SELECT m.id, m.title, m.place AS detail, m.ends_at AS due, true AS overdue, count(*) OVER ()::int AS total
      FROM meetings m
      WHERE ${needsMinutesSql(sql`m`, now)} AND ${areaRule(user, { areaId: sql`m.area_id` })}
      ORDER BY m.ends_at, m.id`,
  );
}

/** SQL: the meeting (alias) is past its end, still planned or open, and has no minutes (待补录). */
export function needsMinutesSql(m: SQL, now: Date): SQL {
  return sql`(${m}.status IN ('planned', 'open') AND ${m}.ends_at < ${now.toISOString()}::timestamptz AND coalesce(btrim(${m}.minutes), '') = '')`;
}

/** Open resolutions overdue or due within the week, the most overdue first. */
export function resolutionsDue(db: DbOrTx, user: AuthUser, today: string, horizon: string) {
  return firstOf(
    db,
    sql`
      SELECT r.id, r.text AS title, tp.title AS detail, r.due_on::text AS due, (r.due_on < ${today}::date) AS overdue, count(*) OVER ()::int AS total
      FROM resolutions r
      JOIN topics tp ON tp.id = r.topic_id
      WHERE r.status = 'open' AND r.due_on <= ${horizon}::date AND ${areaRule(user, { areaId: sql`tp.area_id` })}
      ORDER BY r.due_on, r.id`,
  );
}

/**
 * Grids whose patrols of the running periods (tasks whose period holds today) are behind: done is
 * below `target` of what should be done by today, each task counting the share of its period gone
 * by (a monthly visit is 50 % due on the 15th). The tasks are those `/api/patrols/coverage?day=`
 * counts, grouped by grid the same way.
 */
export function gridsBehind(db: DbOrTx, user: AuthUser, today: string, target: number) {
  return firstOf(
    db,
    sql`
      WITH t AS (
        SELECT g.id AS grid_id, t.status,
               least(1.0, (${today}::date - t.period_start + 1)::numeric / (t.period_end - t.period_start + 1)) AS share
        FROM patrol_tasks t
        JOIN areas a ON a.id = t.area_id
        JOIN areas g ON g.level = 'grid' AND g.id IN (a.id, a.parent_id)
        WHERE t.status <> 'cancelled' AND t.period_start <= ${today}::date AND t.period_end >= ${today}::date
          AND t.period_start >= (${today}::date - 92) AND ${inScope(user, sql`t.area_id`)}
      ), by_grid AS (
        SELECT grid_id, count(*)::int AS due, count(*) FILTER (WHERE status = 'done')::int AS done, sum(share) AS expected
        FROM t GROUP BY grid_id
      )
      SELECT b.grid_id AS id, g.name AS title,
             b.done || '/' || b.due || ' · ' || round(100.0 * b.done / nullif(b.expected, 0))::int || '%' AS detail,
             NULL::timestamptz AS due, true AS overdue, count(*) OVER ()::int AS total
      FROM by_grid b JOIN areas g ON g.id = b.grid_id
      WHERE b.done < ${target} * b.expected
      ORDER BY b.done / nullif(b.expected, 0), g.name`,
  );
}

/** This week's activities (Monday to Sunday), not cancelled, in time order. */
export function activitiesOfWeek(db: DbOrTx, user: AuthUser, monday: Date, nextMonday: Date) {
  return firstOf(
    db,
    sql`
      SELECT x.id, x.title, x.place AS detail, x.starts_at AS due, false AS overdue, count(*) OVER ()::int AS total
      FROM activities x
      WHERE x.status <> 'cancelled' AND x.starts_at >= ${monday.toISOString()}::timestamptz AND x.starts_at < ${nextMonday.toISOString()}::timestamptz
        AND ${communityRule(user, { communityId: sql`x.community_id` })}
      ORDER BY x.starts_at, x.id`,
  );
}

/** Cases reported and closed per Beijing day from `from` on (the week's trend); days without any are absent. */
export async function weekTrend(db: DbOrTx, user: AuthUser, from: Date) {
  const at = from.toISOString();
  return rowsOf<{ day: string; reported: number; closed: number }>(
    await db.execute(sql`
      SELECT e.day::text AS day, count(*) FILTER (WHERE e.kind = 'r')::int AS reported, count(*) FILTER (WHERE e.kind = 'c')::int AS closed
      FROM (
        SELECT 'r' AS kind, (c.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM cases c
        WHERE c.created_at >= ${at}::timestamptz AND ${staffCases(user)}
        UNION ALL
        SELECT 'c', (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date FROM cases c
        WHERE c.closed_at >= ${at}::timestamptz AND c.status = 'closed' AND ${staffCases(user)}
      ) e
      GROUP BY e.day`),
  );
}
