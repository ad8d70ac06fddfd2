import { sql } from "drizzle-orm";
import { rowsOf, type Database, type DbOrTx } from "../../db/client";
import { Coalescer } from "../../db/coalesce";
import { executeHot } from "../../db/prepared";
import { rolesOf } from "../../platform/roles";
import { containsPoint } from "../areas/queries";

/**
 * The two statements of a report's hot path, written for a group of reports at once: the areas at
 * the reported points, and the write (the day's numbers, the cases, their first timeline entries,
 * photos, audit rows and notifications). Reports outside a transaction (no photos, no
 * Idempotency-Key) are grouped by a `Coalescer` per database: while one group is on its way, the
 * next gathers. A report inside a transaction runs the same statements as a group of one.
 */

/** One report, resolved and ready to write (every value the statement does not compute itself). */
export type ReportRow = {
  id: string;
  /** Taken beforehand (PostgreSQL inside a transaction: outside it, see case-numbers.ts); else null and the statement takes it. */
  number: string | null;
  prefix: string;
  day: string;
  communityId: string;
  areaId: string | null;
  gridId: string | null;
  categoryCode: string;
  categoryName: string;
  description: string;
  lng: number | null;
  lat: number | null;
  address: string | null;
  channel: string;
  reporterId: string | null;
  reporterName: string | null;
  reporterPhoneEnc: string | null;
  anonymous: boolean;
  mobileReporter: boolean;
  level: string;
  handlerId: string | null;
  acceptDueAt: string;
  acceptWarnAt: string;
  imposedDueAt: string | null;
  at: string;
  eventId: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  eventData: Record<string, unknown>;
  ip: string | null;
  /** The audit row's `after`, masked; the statement adds the number. */
  auditAfter: Record<string, unknown>;
  noteBody: string;
  /** One notification per recipient. */
  notes: Array<{ id: string; userId: string }>;
  photos: string[];
};

// jsonb_to_recordset matches keys by name: the row travels with snake_case keys.
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function reportsJson(rows: ReportRow[]): string {
  return JSON.stringify(rows.map((r, i) => Object.fromEntries([["i", i], ...Object.entries(r).map(([k, v]) => [snake(k), v])])));
}

const writeStatement = (json: string) => sql`
  WITH x AS (
    SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(
      i int, id uuid, number text, prefix text, day text, community_id uuid, area_id uuid, grid_id uuid,
      category_code text, category_name text, description text, lng float8, lat float8, address text, channel text,
      reporter_id uuid, reporter_name text, reporter_phone_enc text, anonymous boolean, mobile_reporter boolean,
      level text, handler_id uuid, accept_due_at timestamptz, accept_warn_at timestamptz, imposed_due_at timestamptz,
      at timestamptz, event_id uuid, actor_id uuid, actor_name text, actor_role text, event_data jsonb,
      ip text, audit_after jsonb, note_body text, notes jsonb, photos jsonb)
  ),
  -- The day's numbers: one counter update per community and day for the whole group, in a fixed
  -- order (two groups never wait on each other's rows crosswise); the row is locked until this
  -- statement commits, so groups of one community take turns and never share a number.
  k AS (
    INSERT INTO case_number_counters AS k (prefix, day, last)
    SELECT prefix, day, count(*)::int FROM x WHERE number IS NULL GROUP BY prefix, day ORDER BY prefix, day
    ON CONFLICT (prefix, day) DO UPDATE SET last = k.last + excluded.last
    RETURNING prefix, day, last
  ),
  s AS (
    SELECT x.i, k.last - count(*) OVER (PARTITION BY x.prefix, x.day) + row_number() OVER (PARTITION BY x.prefix, x.day ORDER BY x.i) AS seq
    FROM x JOIN k ON k.prefix = x.prefix AND k.day = x.day WHERE x.number IS NULL
  ),
  n AS (
    SELECT x.*, coalesce(x.number, x.prefix || '-' || x.day || '-' || lpad(s.seq::text, greatest(4, length(s.seq::text)), '0')) AS no
    FROM x LEFT JOIN s ON s.i = x.i
  ),
  c AS (
    INSERT INTO cases (id, number, community_id, area_id, grid_id, category_code, description, location, address, channel,
      reporter_id, reporter_name, reporter_phone_enc, anonymous, mobile_reporter, status, level, max_level, handler_id,
      accept_due_at, accept_warn_at, imposed_due_at, created_at, updated_at)
    SELECT id, no, community_id, area_id, grid_id, category_code, description, CASE WHEN lng IS NULL THEN NULL ELSE point(lng, lat) END, address, channel,
      reporter_id, reporter_name, reporter_phone_enc, anonymous, mobile_reporter, 'reported', level, level, handler_id,
      accept_due_at, accept_warn_at, imposed_due_at, at, at
    FROM n
  ),
  e AS (
    INSERT INTO case_events (id, case_id, at, actor_id, actor_name, actor_role, action, to_status, level, data)
    SELECT event_id, id, at, actor_id, actor_name, actor_role, 'report', 'reported', level, event_data FROM x
  ),
  p AS (
    INSERT INTO case_photos (case_id, file_id, stage)
    SELECT x.id, f.value::uuid, 'report' FROM x, jsonb_array_elements_text(x.photos) AS f(value)
  ),
  a AS (
    INSERT INTO audit_log (actor_id, actor_name, actor_role, action, target_type, target_id, area_path, ip, after)
    SELECT actor_id, actor_name, actor_role, 'case.report', 'case', id::text, (SELECT ar.path FROM areas ar WHERE ar.id = n.area_id), ip,
      audit_after || jsonb_build_object('number', no)
    FROM n
  ),
  m AS (
    INSERT INTO notifications (id, user_id, kind, title, body, link, created_at)
    SELECT (r.value->>'id')::uuid, (r.value->>'userId')::uuid, 'case.assigned', '新事件 ' || no || '：' || category_name, note_body, 'case:' || id, at
    FROM n, jsonb_array_elements(n.notes) AS r(value)
  )
  SELECT i, no AS number FROM n ORDER BY i`;

/** Writes a group of reports in one statement; answers each report's number, in order. */
export async function writeReports(database: Database, executor: DbOrTx, rows: ReportRow[]): Promise<string[]> {
  const written = rowsOf<{ i: number; number: string }>(await executeHot(database, executor, writeStatement(reportsJson(rows))));
  const byIndex = new Map(written.map((w) => [Number(w.i), w.number]));
  return rows.map((_, i) => {
    const n = byIndex.get(i);
    if (n === undefined) throw new Error("a report of the group was not written");
    return n;
  });
}

export type AreaHit = { id: string; level: string; worker: string | null };

/**
 * The community, grid and microgrid at each point (smallest last) and, beside each grid, the worker a
 * report there goes to by default (the first active grid worker of the grid or its microgrids, by
 * username).
 */
export async function areasAtPoints(database: Database, executor: DbOrTx, points: Array<[number, number]>): Promise<AreaHit[][]> {
  const result = await executeHot(database, executor, sql`
    SELECT p.i, a.id, a.level, CASE WHEN a.level = 'grid' THEN (
        SELECT u.id FROM users u WHERE u.role IN ${rolesOf("gridWorkers")} AND u.status = 'active'
          AND u.area_id IN (SELECT g.id FROM areas g WHERE g.id = a.id OR g.parent_id = a.id)
        ORDER BY u.username LIMIT 1) END AS worker
    FROM jsonb_to_recordset(${JSON.stringify(points.map(([lng, lat], i) => ({ i, lng, lat })))}::jsonb) AS p(i int, lng float8, lat float8)
    JOIN areas a ON ${containsPoint(sql`a.boundary`, [sql`p.lng`, sql`p.lat`])} AND a.level IN ('community', 'grid', 'microgrid')
    ORDER BY p.i, a.depth`);
  const out: AreaHit[][] = points.map(() => []);
  for (const r of rowsOf<AreaHit & { i: number }>(result)) out[Number(r.i)].push({ id: r.id, level: r.level, worker: r.worker });
  return out;
}

type Groups = { write: Coalescer<ReportRow, string>; areas: Coalescer<[number, number], AreaHit[]> };
const groups = new WeakMap<Database, Groups>();

/** The coalescers of a database (reports outside a transaction): made on first use. */
export function reportGroups(database: Database): Groups {
  let g = groups.get(database);
  if (!g) {
    // Two groups in flight each: one is written while the next gathers, and the pool keeps
    // connections for everything else.
    g = {
      write: new Coalescer((rows) => writeReports(database, database.db, rows), { maxGroup: 64, maxInFlight: 2 }),
      areas: new Coalescer((points) => areasAtPoints(database, database.db, points), { maxGroup: 64, maxInFlight: 2 }),
    };
    groups.set(database, g);
  }
  return g;
}
