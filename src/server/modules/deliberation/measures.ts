import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import { MEETING_KIND_VALUES, TOPIC_SOURCE_VALUES, type DeliberationMeasures } from "../../../contracts/deliberation";
import { MEETING_KIND_NAMES } from "./labels";
import { dayAfter, dayStart } from "../../platform/clock";
import { underArea } from "../../platform/scope";

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The measures of deliberation for an area subtree and a period (Beijing days, inclusive):
 * meetings held by kind with their sign-ins; topics raised (by source) and settled; resolutions
 * decided in the period and how they stand today (done on time, late, open, overdue); problems
 * settled by 五方联动 (five-party resolutions done in the period); a monthly series.
 * A topic settled is counted under the kind of the meeting whose resolution settled it.
 */
export async function computeDeliberationMeasures(db: DbOrTx, input: { areaPath: string; from: string; to: string }): Promise<Omit<DeliberationMeasures, "area">> {
  const start = dayStart(input.from);
  const end = dayAfter(input.to);
  const under = (col: string) => underArea(sql.raw(col), input.areaPath);

  const meetingRows = rowsOf<{ kind: string; meetings: number; attendees: number }>(
    await db.execute(sql`
      SELECT m.kind, count(*)::int AS meetings, coalesce(sum((SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = m.id)), 0)::int AS attendees
      FROM meetings m
      WHERE ${under("m.area_id")} AND m.status <> 'cancelled' AND m.starts_at >= ${start} AND m.starts_at < ${end}
      GROUP BY m.kind`),
  );
  // The resolution that settled a topic: its last one done.
  const settledRows = rowsOf<{ kind: string; topics: number; five: number }>(
    await db.execute(sql`
      SELECT m.kind, count(DISTINCT t.id)::int AS topics, count(DISTINCT t.id) FILTER (WHERE r.five_party)::int AS five
      FROM topics t
      JOIN LATERAL (SELECT r.* FROM resolutions r WHERE r.topic_id = t.id AND r.status = 'done' ORDER BY r.done_at DESC LIMIT 1) r ON true
      JOIN meetings m ON m.id = r.meeting_id
      WHERE ${under("t.area_id")} AND t.status = 'settled' AND t.settled_at >= ${start} AND t.settled_at < ${end}
      GROUP BY m.kind`),
  );
  const fiveRows = rowsOf<{ kind: string; n: number }>(
    await db.execute(sql`
      SELECT m.kind, count(*)::int AS n
      FROM resolutions r JOIN topics t ON t.id = r.topic_id JOIN meetings m ON m.id = r.meeting_id
      WHERE ${under("t.area_id")} AND r.status = 'done' AND r.five_party AND r.done_at >= ${start} AND r.done_at < ${end}
      GROUP BY m.kind`),
  );
  const topicRows = rowsOf<{ source: string; n: number }>(
    await db.execute(sql`
      SELECT t.source, count(*)::int AS n FROM topics t
      WHERE ${under("t.area_id")} AND t.created_at >= ${start} AND t.created_at < ${end}
      GROUP BY t.source`),
  );
  const [settled] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM topics t WHERE ${under("t.area_id")} AND t.status = 'settled' AND t.settled_at >= ${start} AND t.settled_at < ${end}`),
  );
  const [res] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      SELECT count(*)::int AS decided,
        count(*) FILTER (WHERE r.status = 'done' AND (r.done_at AT TIME ZONE 'Asia/Shanghai')::date <= r.due_on)::int AS "doneOnTime",
        count(*) FILTER (WHERE r.status = 'done' AND (r.done_at AT TIME ZONE 'Asia/Shanghai')::date > r.due_on)::int AS "doneLate",
        count(*) FILTER (WHERE r.status = 'open' AND r.due_on >= CURRENT_DATE)::int AS open,
        count(*) FILTER (WHERE r.status = 'open' AND r.due_on < CURRENT_DATE)::int AS overdue,
        count(*) FILTER (WHERE r.status = 'cancelled')::int AS cancelled
      FROM resolutions r JOIN topics t ON t.id = r.topic_id
      WHERE ${under("t.area_id")} AND r.created_at >= ${start} AND r.created_at < ${end}`),
  );
  const monthly = rowsOf<{ month: string; meetings: number; settled: number; done: number }>(
    await db.execute(sql`
      WITH x AS (
        SELECT to_char(m.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, 1 AS meetings, 0 AS settled, 0 AS done
        FROM meetings m WHERE ${under("m.area_id")} AND m.status <> 'cancelled' AND m.starts_at >= ${start} AND m.starts_at < ${end}
        UNION ALL
        SELECT to_char(t.settled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 0, 1, 0
        FROM topics t WHERE ${under("t.area_id")} AND t.status = 'settled' AND t.settled_at >= ${start} AND t.settled_at < ${end}
        UNION ALL
        SELECT to_char(r.done_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 0, 0, 1
        FROM resolutions r JOIN topics t ON t.id = r.topic_id
        WHERE ${under("t.area_id")} AND r.status = 'done' AND r.done_at >= ${start} AND r.done_at < ${end}
      )
      SELECT month, sum(meetings)::int AS meetings, sum(settled)::int AS settled, sum(done)::int AS done FROM x GROUP BY month ORDER BY month`),
  );

  const byKind = MEETING_KIND_VALUES.map((kind) => ({
    kind,
    name: MEETING_KIND_NAMES[kind],
    meetings: num(meetingRows.find((r) => r.kind === kind)?.meetings),
    attendees: num(meetingRows.find((r) => r.kind === kind)?.attendees),
    topicsSettled: num(settledRows.find((r) => r.kind === kind)?.topics),
    fivePartyDone: num(fiveRows.find((r) => r.kind === kind)?.n),
  }));
  const done = num(res.doneOnTime) + num(res.doneLate);
  return {
    from: input.from,
    to: input.to,
    meetings: byKind.reduce((s, k) => s + k.meetings, 0),
    attendees: byKind.reduce((s, k) => s + k.attendees, 0),
    byKind,
    topicsCreated: topicRows.reduce((s, r) => s + num(r.n), 0),
    topicsBySource: TOPIC_SOURCE_VALUES.map((source) => ({ source, count: num(topicRows.find((r) => r.source === source)?.n) })),
    topicsSettled: num(settled.n),
    resolutions: {
      decided: num(res.decided),
      doneOnTime: num(res.doneOnTime),
      doneLate: num(res.doneLate),
      open: num(res.open),
      overdue: num(res.overdue),
      cancelled: num(res.cancelled),
    },
    onTimeRate: done > 0 ? num(res.doneOnTime) / done : null,
    fivePartySettled: fiveRows.reduce((s, r) => s + num(r.n), 0),
    monthly: monthly.map((m) => ({ month: m.month, meetings: num(m.meetings), topicsSettled: num(m.settled), resolutionsDone: num(m.done) })),
  };
}
