import { createHash } from "node:crypto";
import { rectCenter, rectPolygon, splitRect, type Rect } from "../src/server/seed/geometry";
import type { LngLat } from "../src/server/db/schema/types";

/**
 * The benchmark data set: one street (街道) of N communities × 3 grids × 2 microgrids, one grid worker
 * per grid and one community_staff per community, a street officer, and a number of cases spread
 * evenly over the communities and over two calendar years (2024 and 2025, Beijing time), with their
 * timelines (case_events), audit rows and assignment notifications.
 *
 * Everything is deterministic: ids are hashes of fixed keys and every "random" choice of a case is a
 * hash of its ordinal (`hashint8extended`). Areas and accounts are a few dozen literal rows; cases and
 * everything derived from them are set-based `INSERT … SELECT … FROM generate_series`, so a million
 * cases load in minutes on either engine.
 */

export interface DatasetSpec {
  communities: number;
  cases: number;
}

/** Data period: two full years; the "community-year" of the dashboards is the second one. */
export const PERIOD = { from: "2024-01-01", to: "2025-12-31", days: 731 } as const;
export const MEASURE_YEAR = { from: "2025-01-01", to: "2025-12-31" } as const;
export const BENCH_PASSWORD = "Bench-2025-linli";

const COMMUNITY_NAMES: Array<[string, string]> = [
  ["春晖社区", "CHH"],
  ["和平社区", "HP"],
  ["文化巷社区", "WHX"],
  ["锦华社区", "JH"],
  ["北辰社区", "BC"],
  ["青云社区", "QY"],
  ["丽苑社区", "LY"],
  ["金碧社区", "JB"],
  ["翠湖社区", "CUH"],
  ["新村社区", "XC"],
  ["东风社区", "DF"],
  ["西坝社区", "XB"],
];
const GRID_NAMES = ["第一网格", "第二网格", "第三网格"];
const STREET_RECT: Rect = { west: 102.7, south: 25.05, east: 102.75, north: 25.08 };

export interface BenchAccount {
  id: string;
  username: string;
  role: "street_officer" | "community_staff" | "grid_worker";
  displayName: string;
  areaId: string;
  community: number | null;
}

export interface BenchMicrogrid {
  id: string;
  gridId: string;
  community: number;
  /** Area path (scope key) of the microgrid. */
  path: string;
  rect: Rect;
}

export interface BenchCommunity {
  id: string;
  name: string;
  shortCode: string;
  rect: Rect;
}

export interface Dataset {
  streetId: string;
  communities: BenchCommunity[];
  microgrids: BenchMicrogrid[];
  accounts: BenchAccount[];
  /** SQL in order; each entry is one step (a statement, or a few in one simple-protocol string). */
  statements: Array<{ label: string; sql: string; parallel?: boolean }>;
}

/** A stable UUID from a key (md5, shaped as a version-4 UUID). */
export function stableId(key: string): string {
  const h = createHash("md5").update(`linli-bench:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const q = (s: string | null) => (s === null ? "NULL" : `'${s.replace(/'/g, "''")}'`);
const polygonLit = (r: Rect) => q(`(${rectPolygon(r).map(([x, y]) => `(${x},${y})`).join(",")})`);
const pointLit = (p: LngLat) => q(`(${p[0]},${p[1]})`);

/** `['a','a','b']`-style array literal with each value repeated by its weight. */
function weighted(items: Record<string, number>): string {
  const out: string[] = [];
  for (const [k, w] of Object.entries(items)) for (let i = 0; i < w; i++) out.push(q(k));
  return `ARRAY[${out.join(",")}]::text[]`;
}
const textArray = (items: string[]) => `ARRAY[${items.map(q).join(",")}]::text[]`;

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗".split("");
const GIVEN = ["秀英", "建国", "丽华", "志强", "桂兰", "海燕", "明", "婷", "伟", "芳", "军", "静", "磊", "敏", "勇", "艳", "杰", "娟", "涛", "霞"];
const ROADS = ["人民西路", "西昌路", "北京路", "青年路", "翠湖南路", "东风西路", "武成路", "文林街", "钱局街", "龙翔街"];

const DESCRIPTIONS: Record<string, string[]> = {
  dispute_neighbour: ["楼上楼下因漏水问题发生争执，需要社区协调", "邻居在楼道堆放杂物引发矛盾", "相邻住户因停车位归属发生纠纷"],
  dispute_family: ["家庭成员因赡养问题发生争吵，请求调解", "夫妻矛盾激化，邻居反映多次争吵"],
  dispute_property: ["物业费收缴争议，业主与物业公司协商未果", "小区电梯长期故障物业未及时维修", "物业擅自占用公共绿地设置停车位"],
  noise: ["夜间装修噪音扰民，影响居民休息", "广场舞音响音量过大", "临街商铺高音喇叭招揽顾客"],
  fire_hazard: ["楼道内电动自行车违规充电", "消防通道被车辆堵塞", "小区消防栓无水压"],
  public_safety: ["人行道井盖松动存在安全隐患", "老旧围墙出现裂缝有倒塌风险", "路灯损坏夜间照明不足"],
  billboard: ["户外广告牌松动有坠落风险", "商铺违规设置落地广告"],
  road: ["人行道地砖破损", "道路坑洼积水影响通行", "盲道被占用"],
  sanitation: ["垃圾清运不及时，垃圾桶满溢", "背街小巷卫生死角", "建筑垃圾随意倾倒"],
  river: ["河道漂浮垃圾较多", "河道有异味疑似排污"],
  food_safety: ["流动摊贩售卖无证食品", "餐馆后厨卫生条件差"],
  police_sensitive: ["可疑人员在小区附近徘徊", "出租屋人员流动频繁需核查"],
  other: ["居民咨询政策办理事项", "公共设施需要维护"],
};

/**
 * Builds the rows and statements of the data set. `passwordHash` is one argon2 hash of
 * {@link BENCH_PASSWORD}, shared by all accounts.
 */
export function buildDataset(spec: DatasetSpec, passwordHash: string): Dataset {
  const C = spec.communities;
  const N = spec.cases;
  const areaRows: string[] = [];
  const addArea = (id: string, parent: { id: string; path: string; depth: number } | null, level: string, name: string, code: string, rect: Rect, communityId: string | null, shortCode: string | null) => {
    const path = `${parent?.path ?? "/"}${id}/`;
    const depth = parent ? parent.depth + 1 : 0;
    areaRows.push(
      `(${q(id)}, ${q(parent?.id ?? null)}, ${q(level)}, ${q(name)}, ${q(code)}, ${q(path)}, ${depth}, ${q(communityId)}, ${polygonLit(rect)}, ${pointLit(rectCenter(rect))}, ${q(shortCode)})`,
    );
    return { id, path, depth };
  };

  const city = addArea(stableId("city"), null, "city", "春城市", "BENCH-530100", { west: 102.5, south: 24.85, east: 102.9, north: 25.25 }, null, null);
  const district = addArea(stableId("district"), city, "district", "春城区", "BENCH-530102", { west: 102.6, south: 25.0, east: 102.8, north: 25.2 }, null, null);
  const street = addArea(stableId("street"), district, "street", "翠湖街道", "BENCH-530102001", STREET_RECT, null, null);

  const cols = Math.min(C, 5);
  const rows = Math.ceil(C / cols);
  const communityRects = splitRect(STREET_RECT, cols, rows).slice(0, C);
  const communities: BenchCommunity[] = [];
  const microgrids: BenchMicrogrid[] = [];
  const accounts: BenchAccount[] = [];
  const mgRows: string[] = [];
  const personName = (k: number) => SURNAMES[k % SURNAMES.length] + GIVEN[(k * 7) % GIVEN.length];

  accounts.push({ id: stableId("user:street"), username: "bench_street", role: "street_officer", displayName: personName(0), areaId: street.id, community: null });

  communityRects.forEach((rect, c) => {
    const [baseName, baseCode] = COMMUNITY_NAMES[c % COMMUNITY_NAMES.length];
    // More communities than names: each gets its own name and number prefix.
    const [name, shortCode] = C > COMMUNITY_NAMES.length ? [`${baseName}${c + 1}`, `${baseCode}${c}`] : [baseName, baseCode];
    const cid = stableId(`community:${c}`);
    const code = `BENCH-C${String(c + 1).padStart(2, "0")}`;
    const community = addArea(cid, street, "community", name, code, rect, cid, shortCode);
    communities.push({ id: cid, name, shortCode, rect });
    const staff: BenchAccount = {
      id: stableId(`user:c${c}:staff`),
      username: `bench_c${String(c + 1).padStart(2, "0")}_staff`,
      role: "community_staff",
      displayName: personName(c * 4 + 1),
      areaId: cid,
      community: c,
    };
    accounts.push(staff);
    splitRect(rect, 3, 1).forEach((gridRect, g) => {
      const gid = stableId(`grid:${c}:${g}`);
      const grid = addArea(gid, community, "grid", GRID_NAMES[g], `${code}${String(g + 1).padStart(2, "0")}`, gridRect, cid, null);
      const worker: BenchAccount = {
        id: stableId(`user:c${c}:grid${g}`),
        username: `bench_c${String(c + 1).padStart(2, "0")}_grid${g + 1}`,
        role: "grid_worker",
        displayName: personName(c * 4 + 2 + g),
        areaId: gid,
        community: c,
      };
      accounts.push(worker);
      splitRect(gridRect, 1, 2).forEach((mgRect, k) => {
        const mid = stableId(`microgrid:${c}:${g}:${k}`);
        const mgPath = addArea(mid, grid, "microgrid", `${GRID_NAMES[g]}${k + 1}号微网格`, `${code}${String(g + 1).padStart(2, "0")}${String(k + 1).padStart(2, "0")}`, mgRect, cid, null);
        microgrids.push({ id: mid, gridId: gid, community: c, path: mgPath.path, rect: mgRect });
        mgRows.push(
          `(${microgrids.length - 1}, ${c}, ${q(cid)}, ${q(gid)}, ${q(mid)}, ${q(mgPath.path)}, ${mgRect.west}, ${mgRect.south}, ${mgRect.east}, ${mgRect.north}, ${q(shortCode)}, ` +
            `${q(worker.id)}, ${q(worker.displayName)}, ${q(staff.id)}, ${q(staff.displayName)})`,
        );
      });
    });
  });
  const M = microgrids.length;
  const streetOfficer = accounts[0];

  const userRows = accounts.map((a) => `(${q(a.id)}, ${q(a.username)}, ${q(passwordHash)}, ${q(a.displayName)}, ${q(a.role)}, ${q(a.areaId)}, now() - interval '800 days')`);
  const textRows = Object.entries(DESCRIPTIONS).map(([cat, texts]) => `(${q(cat)}, ${textArray(texts)})`);

  const start = `timestamptz '${PERIOD.from} 00:00:00+08'`;
  const end = `timestamptz '${PERIOD.to} 00:00:00+08' + interval '1 day'`;
  const H = (expr: string) => `((${expr}) * interval '1 hour')`;

  // Consecutive steps marked `parallel` are independent and may run at the same time on separate connections.
  const statements: Dataset["statements"] = [
    {
      label: "areas",
      sql: `INSERT INTO areas (id, parent_id, level, name, code, path, depth, community_id, boundary, center, short_code) VALUES\n${areaRows.join(",\n")}`,
    },
    {
      label: "accounts",
      sql: `INSERT INTO users (id, username, password_hash, display_name, role, area_id, created_at) VALUES\n${userRows.join(",\n")}`,
    },
    {
      // Skip rules: family disputes and food safety go straight to the community.
      label: "routing rules",
      sql: `INSERT INTO case_routing_rules (id, community_id, category_code, level)
        SELECT md5('rule' || a.id || k.code)::uuid, a.id, k.code, 'community' FROM areas a
        CROSS JOIN (VALUES ('dispute_family'), ('food_safety')) AS k(code)
        WHERE a.level = 'community' AND a.code LIKE 'BENCH-%'`,
    },
    {
      label: "helpers",
      sql: `CREATE TABLE bench_mg (k int PRIMARY KEY, ck int, community_id uuid, grid_id uuid, microgrid_id uuid, path text,
          west float8, south float8, east float8, north float8, short_code text,
          worker_id uuid, worker_name text, staff_id uuid, staff_name text);
        INSERT INTO bench_mg VALUES\n${mgRows.join(",\n")};
        CREATE TABLE bench_text (category_code text PRIMARY KEY, texts text[]);
        INSERT INTO bench_text VALUES ${textRows.join(", ")};
        CREATE FUNCTION bench_u(i bigint, k int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS 'SELECT (hashint8extended(i, k) & 2147483647)::float8 / 2147483648.0';
        CREATE FUNCTION bench_pick(a text[], u float8) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS 'SELECT a[1 + floor(u * array_length(a, 1))::int]';
        CREATE FUNCTION bench_v7(t timestamptz, h text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $f$SELECT (lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid$f$`,
    },
    {
      // Secondary indexes are built once after the bulk load instead of being maintained row by row.
      label: "drop indexes",
      sql: `CREATE TABLE bench_idx AS SELECT indexname, indexdef FROM pg_indexes i
          WHERE schemaname = 'public' AND tablename IN ('cases', 'case_events', 'audit_log', 'notifications')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
        DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexname FROM bench_idx LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP; END $$`,
    },
    {
      label: "cases",
      sql: `INSERT INTO cases (id, number, community_id, area_id, grid_id, category_code, description, location, address, channel,
          reporter_id, reporter_name, anonymous, mobile_reporter, status, level, max_level, handler_id, department,
          closure_kind, closure_note, referred_to, accept_due_at, accept_warn_at, handle_due_at, handle_warn_at, timer, was_overdue, urge_count,
          accepted_at, dispatched_at, handled_at, verified_at, closed_at, result_text, rating, rated_at, version, created_at, updated_at)
        WITH g AS MATERIALIZED (
          SELECT i, m.*,
            ${start} + floor(x) * interval '1 day' + ${H("7 + 15 * (x - floor(x))")} AS created_at,
            bench_u(i, 3) AS u_open, bench_u(i, 4) AS u_status, bench_u(i, 5) AS u_closure, bench_u(i, 6) AS u_level,
            bench_u(i, 7) AS u_channel, bench_u(i, 8) AS u_cat, bench_u(i, 9) AS u_text, bench_u(i, 10) AS ux, bench_u(i, 11) AS uy,
            bench_u(i, 12) AS u1, bench_u(i, 13) AS u2, bench_u(i, 14) AS u3, bench_u(i, 15) AS u4, bench_u(i, 16) AS u5, bench_u(i, 17) AS u6
          FROM (SELECT i, ((i - 1) + bench_u(i, 1)) * ${PERIOD.days}.0 / ${N} AS x, floor(bench_u(i, 2) * ${M})::int AS mk FROM generate_series(1, ${N}) AS s(i)) s
          JOIN bench_mg m ON m.k = s.mk
        ), a AS MATERIALIZED (
          SELECT g.*,
            CASE WHEN g.created_at > ${end} - interval '30 days' THEN g.u_open < 0.45 ELSE g.u_open < 0.02 END AS is_open,
            bench_pick(${weighted({ grid: 68, community: 24, street: 6, department: 2 })}, g.u_level) AS lvl,
            bench_pick(${weighted({ resident_app: 35, grid_patrol: 30, rider_app: 8, phone: 10, hotline_12345: 12, partner_unit: 3, meeting: 2 })}, g.u_channel) AS channel,
            bench_pick(${weighted({ dispute_neighbour: 10, dispute_family: 3, dispute_property: 9, noise: 12, fire_hazard: 7, public_safety: 8, billboard: 4, road: 10, sanitation: 17, river: 3, food_safety: 4, police_sensitive: 2, other: 11 })}, g.u_cat) AS cat
          FROM g
        ), b AS MATERIALIZED (
          SELECT a.*,
            CASE WHEN NOT a.is_open THEN 'closed'
                 WHEN a.lvl = 'grid' THEN bench_pick(${weighted({ reported: 15, in_progress: 70, handled: 10, verified: 5 })}, a.u_status)
                 ELSE bench_pick(${weighted({ reported: 15, accepted: 10, dispatched: 20, in_progress: 40, handled: 10, verified: 5 })}, a.u_status) END AS status,
            CASE WHEN a.is_open THEN NULL ELSE bench_pick(${weighted({ resolved: 84, unable: 3, not_responsible: 5, duplicate: 3, withdrawn: 3, rejected: 2 })}, a.u_closure) END AS closure,
            CASE a.lvl WHEN 'grid' THEN 2 WHEN 'community' THEN 4 ELSE 7 END AS accept_h,
            CASE a.lvl WHEN 'grid' THEN 60 WHEN 'community' THEN 100 ELSE 200 END AS handle_h,
            CASE a.lvl WHEN 'grid' THEN 1 WHEN 'community' THEN 1.6 WHEN 'street' THEN 3 ELSE 4 END AS slow
          FROM a
        ), c AS MATERIALIZED (
          SELECT b.*,
            CASE WHEN (b.is_open AND b.status <> 'reported') OR b.closure IN ('resolved', 'unable', 'not_responsible', 'duplicate')
              THEN b.created_at + ${H("0.1 + 6 * b.u1 * b.u1")} END AS accepted_at
          FROM b
        ), d AS MATERIALIZED (
          SELECT c.*,
            CASE WHEN c.lvl <> 'grid' AND (c.status IN ('dispatched', 'in_progress', 'handled', 'verified') OR c.closure IN ('resolved', 'unable'))
              THEN c.accepted_at + ${H("0.2 + 2 * c.u2")} END AS dispatched_at,
            CASE WHEN c.status IN ('handled', 'verified') OR c.closure IN ('resolved', 'unable')
              THEN c.accepted_at + ${H("(1 + 100 * c.u3 * c.u3) * c.slow")} END AS handled_at
          FROM c
        ), e AS MATERIALIZED (
          SELECT d.*,
            CASE WHEN d.status = 'verified' OR d.closure IN ('resolved', 'unable') THEN d.handled_at + ${H("0.5 + 20 * d.u4")} END AS verified_at
          FROM d
        ), f AS MATERIALIZED (
          SELECT e.*,
            CASE e.closure
              WHEN 'resolved' THEN e.verified_at + ${H("4 * e.u5")}
              WHEN 'unable' THEN e.verified_at + ${H("4 * e.u5")}
              WHEN 'not_responsible' THEN e.accepted_at + ${H("1 + 23 * e.u5")}
              WHEN 'duplicate' THEN e.accepted_at + ${H("0.5 * e.u5")}
              WHEN 'rejected' THEN e.created_at + ${H("0.2 + 3 * e.u5")}
              WHEN 'withdrawn' THEN e.created_at + ${H("1 + 47 * e.u5")}
            END AS closed_at,
            e.created_at + ${H("e.accept_h * 2")} AS accept_due_at,
            e.created_at + ${H("e.accept_h * 1.6")} AS accept_warn_at,
            e.accepted_at + ${H("e.handle_h")} AS handle_due_at,
            e.accepted_at + ${H("e.handle_h * 0.8")} AS handle_warn_at
          FROM e
        ), h AS MATERIALIZED (
          SELECT f.*,
            coalesce(f.accepted_at > f.accept_due_at, false) OR coalesce(coalesce(f.handled_at, f.closed_at, ${end}) > f.handle_due_at, false) AS overdue,
            CASE WHEN f.closure = 'resolved' AND f.u6 < 0.6 THEN bench_pick(${weighted({ satisfied: 85, basic: 10, unsatisfied: 5 })}, f.u6 / 0.6) END AS rating,
            to_char(f.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') AS day
          FROM f
        )
        SELECT bench_v7(h.created_at, md5('case' || h.i)),
          h.short_code || '-' || h.day || '-' || lpad((row_number() OVER (PARTITION BY h.ck, h.day ORDER BY h.i))::text, 4, '0'),
          h.community_id, h.microgrid_id, h.grid_id, h.cat,
          t.texts[1 + floor(h.u_text * array_length(t.texts, 1))::int],
          point(round((h.west + (0.05 + 0.9 * h.ux) * (h.east - h.west))::numeric, 6)::float8, round((h.south + (0.05 + 0.9 * h.uy) * (h.north - h.south))::numeric, 6)::float8),
          bench_pick(${textArray(ROADS)}, h.ux) || (1 + floor(h.uy * 300))::int || '号',
          h.channel,
          CASE WHEN h.channel = 'grid_patrol' THEN h.worker_id END,
          CASE WHEN h.channel = 'grid_patrol' THEN h.worker_name
               ELSE bench_pick(${textArray(SURNAMES)}, h.u2) || bench_pick(${textArray(GIVEN)}, h.u3) END,
          h.channel = 'resident_app' AND h.u4 < 0.05,
          h.channel = 'rider_app',
          h.status, h.lvl, h.lvl,
          CASE h.lvl WHEN 'grid' THEN h.worker_id WHEN 'community' THEN h.staff_id WHEN 'street' THEN ${q(streetOfficer.id)}::uuid END,
          CASE WHEN h.lvl = 'department' THEN bench_pick(${textArray(["派出所", "消防队", "城管执法中队", "市场监管所"])}, h.u5) END,
          h.closure,
          CASE h.closure WHEN 'unable' THEN '涉及历史遗留问题，暂无法解决，已向居民解释' WHEN 'rejected' THEN '不属于受理范围' END,
          CASE WHEN h.closure = 'not_responsible' THEN '12345热线' END,
          h.accept_due_at, h.accept_warn_at, h.handle_due_at, h.handle_warn_at,
          CASE WHEN NOT h.is_open THEN 'normal'
               WHEN coalesce(h.handle_due_at, h.accept_due_at) < ${end} THEN 'red'
               WHEN coalesce(h.handle_warn_at, h.accept_warn_at) < ${end} THEN 'yellow' ELSE 'normal' END,
          h.overdue,
          CASE WHEN h.overdue AND h.u6 < 0.3 THEN 1 ELSE 0 END,
          h.accepted_at, h.dispatched_at, h.handled_at, h.verified_at, h.closed_at,
          CASE WHEN h.handled_at IS NOT NULL THEN '已到现场处置，问题已整改，拍照留档' END,
          h.rating,
          CASE WHEN h.rating IS NOT NULL THEN h.closed_at + ${H("48 * h.u1")} END,
          1 + (h.accepted_at IS NOT NULL)::int + (h.dispatched_at IS NOT NULL)::int * 2 + (h.handled_at IS NOT NULL)::int
            + (h.verified_at IS NOT NULL)::int + (h.closed_at IS NOT NULL)::int,
          h.created_at,
          greatest(h.created_at, h.accepted_at, h.dispatched_at, h.handled_at, h.verified_at, h.closed_at)
        FROM h JOIN bench_text t ON t.category_code = h.cat`,
    },
    {
      label: "case events",
      parallel: true,
      sql: `INSERT INTO case_events (id, case_id, at, actor_id, actor_name, actor_role, action, from_status, to_status, level, note, data, visible_to_reporter)
        SELECT bench_v7(e.at, md5(c.id::text || e.action)), c.id, e.at,
          CASE e.who WHEN 'reporter' THEN c.reporter_id WHEN 'staff' THEN m.staff_id ELSE coalesce(c.handler_id, m.staff_id) END,
          CASE e.who WHEN 'reporter' THEN c.reporter_name WHEN 'staff' THEN m.staff_name ELSE CASE WHEN c.handler_id = m.worker_id THEN m.worker_name ELSE m.staff_name END END,
          CASE e.who WHEN 'reporter' THEN CASE WHEN c.channel = 'grid_patrol' THEN 'grid_worker' WHEN c.channel = 'rider_app' THEN 'rider' ELSE 'resident' END
                     WHEN 'staff' THEN 'community_staff' ELSE CASE c.level WHEN 'grid' THEN 'grid_worker' WHEN 'street' THEN 'street_officer' WHEN 'department' THEN 'department_officer' ELSE 'community_staff' END END,
          e.action, e.from_status, e.to_status, c.level, e.note,
          CASE WHEN e.action = 'report' THEN jsonb_build_object('channel', c.channel, 'handlerId', c.handler_id, 'staffEntered', c.channel IN ('phone', 'hotline_12345', 'partner_unit', 'meeting')) END,
          e.visible
        FROM cases c
        JOIN bench_mg m ON m.microgrid_id = c.area_id
        CROSS JOIN LATERAL (VALUES
          ('report', c.created_at, NULL, 'reported', 'reporter', NULL, true),
          (CASE WHEN c.level = 'grid' THEN 'take' ELSE 'accept' END, c.accepted_at, 'reported', CASE WHEN c.level = 'grid' THEN 'in_progress' ELSE 'accepted' END, 'handler', NULL, true),
          ('dispatch', c.dispatched_at, 'accepted', 'dispatched', 'staff', NULL, true),
          ('start', c.dispatched_at + interval '10 minutes', 'dispatched', 'in_progress', 'handler', NULL, true),
          ('handle', c.handled_at, 'in_progress', 'handled', 'handler', c.result_text, true),
          ('verify', c.verified_at, 'handled', 'verified', 'staff', NULL, true),
          (CASE c.closure_kind WHEN 'rejected' THEN 'reject' WHEN 'withdrawn' THEN 'withdraw' WHEN 'duplicate' THEN 'merge' ELSE 'close' END,
            c.closed_at, CASE WHEN c.verified_at IS NOT NULL THEN 'verified' WHEN c.accepted_at IS NOT NULL THEN 'accepted' ELSE 'reported' END, 'closed',
            CASE WHEN c.closure_kind = 'withdrawn' THEN 'reporter' ELSE 'staff' END, c.closure_note, true),
          ('rate', c.rated_at, NULL, NULL, 'reporter', NULL, true)
        ) AS e(action, at, from_status, to_status, who, note, visible)
        WHERE e.at IS NOT NULL AND (e.action <> 'start' OR c.status NOT IN ('dispatched'))`,
    },
    {
      label: "audit log",
      parallel: true,
      sql: `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, target_type, target_id, area_path, ip, after)
        SELECT c.created_at, c.reporter_id, c.reporter_name, CASE WHEN c.channel = 'grid_patrol' THEN 'grid_worker' ELSE 'resident' END,
          'case.report', 'case', c.id::text, m.path, '10.0.0.1',
          jsonb_build_object('number', c.number, 'categoryCode', c.category_code, 'channel', c.channel, 'level', c.max_level, 'handlerId', c.handler_id, 'reporterPhone', NULL)
        FROM cases c JOIN bench_mg m ON m.microgrid_id = c.area_id
        ORDER BY c.created_at`,
    },
    {
      label: "notifications",
      parallel: true,
      sql: `INSERT INTO notifications (id, user_id, kind, title, body, link, read_at, created_at)
        SELECT bench_v7(c.created_at, md5(c.id::text || 'n')), coalesce(c.handler_id, m.staff_id), 'case.assigned',
          '新事件 ' || c.number || '：' || k.name, left(c.description, 80), 'case:' || c.id, c.accepted_at, c.created_at
        FROM cases c JOIN bench_mg m ON m.microgrid_id = c.area_id JOIN case_categories k ON k.code = c.category_code`,
    },
    {
      label: "build indexes",
      sql: `DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexdef FROM bench_idx LOOP EXECUTE r.indexdef; END LOOP; END $$`,
    },
    {
      label: "drop helpers",
      sql: `DROP TABLE bench_idx; DROP TABLE bench_mg; DROP TABLE bench_text; DROP FUNCTION bench_u(bigint, int); DROP FUNCTION bench_pick(text[], float8); DROP FUNCTION bench_v7(timestamptz, text)`,
    },
  ];

  return { streetId: street.id, communities, microgrids, accounts, statements };
}
