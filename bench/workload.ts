import { uuidv7 } from "../src/server/platform/ids";
import { BENCH_PASSWORD, type BenchAccount, type BenchCommunity, type BenchMicrogrid } from "./generate";
import { HttpClient } from "./load";

/**
 * What the intake clients send: a realistic report in the reporter's own community (weighted
 * category, a description, a point inside one of its microgrids so that locating and routing run),
 * and, for the raw baseline, the same case, timeline and audit rows written directly.
 */

export interface WorkloadData {
  communities: BenchCommunity[];
  microgrids: BenchMicrogrid[];
  accounts: BenchAccount[];
}

const CATEGORIES: Array<[string, number]> = [
  ["dispute_neighbour", 10],
  ["dispute_family", 3],
  ["dispute_property", 9],
  ["noise", 12],
  ["fire_hazard", 7],
  ["public_safety", 8],
  ["billboard", 4],
  ["road", 10],
  ["sanitation", 17],
  ["river", 3],
  ["food_safety", 4],
  ["other", 11],
];
const TOTAL_WEIGHT = CATEGORIES.reduce((s, [, w]) => s + w, 0);
/** Categories the generated routing rules send straight to the community. */
export const SKIP_TO_COMMUNITY = new Set(["dispute_family", "food_safety"]);
const TEXTS = [
  "楼道里堆放了大量纸箱和旧家具，堵塞通道，存在消防隐患，请尽快处理。",
  "小区门口路灯不亮已经三天了，晚上出行很不方便。",
  "垃圾桶满溢，周边有异味，希望增加清运次数。",
  "晚上十点以后还有装修噪音，影响老人和孩子休息。",
  "人行道地砖松动，下雨天踩上去会溅水，老人容易摔倒。",
  "共享单车乱停乱放，占用盲道。",
];
const ROADS = ["人民西路", "西昌路", "北京路", "青年路", "翠湖南路", "东风西路"];

export interface IntakeBody {
  categoryCode: string;
  description: string;
  location: [number, number];
  address: string;
}

export interface Report {
  body: IntakeBody;
  microgrid: BenchMicrogrid;
}

/** One report in community `community` (null: any community), drawn with `rand`. */
export function makeReport(data: WorkloadData, community: number | null, rand: () => number, seq: number): Report {
  const mgs = community === null ? data.microgrids : data.microgrids.filter((m) => m.community === community);
  const mg = mgs[Math.floor(rand() * mgs.length)];
  let x = rand() * TOTAL_WEIGHT;
  let categoryCode = CATEGORIES[CATEGORIES.length - 1][0];
  for (const [code, w] of CATEGORIES) {
    if ((x -= w) < 0) {
      categoryCode = code;
      break;
    }
  }
  const { west, south, east, north } = mg.rect;
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const location: [number, number] = [r6(west + (0.05 + 0.9 * rand()) * (east - west)), r6(south + (0.05 + 0.9 * rand()) * (north - south))];
  return {
    microgrid: mg,
    body: {
      categoryCode,
      description: `${TEXTS[Math.floor(rand() * TEXTS.length)]}（编号${seq}）`,
      location,
      address: `${ROADS[Math.floor(rand() * ROADS.length)]}${1 + Math.floor(rand() * 300)}号`,
    },
  };
}

/** Accounts that report: grid workers first, then community staff, interleaved across communities. */
export function reporterAccounts(data: WorkloadData): BenchAccount[] {
  const workers = data.accounts.filter((a) => a.role === "grid_worker");
  const staff = data.accounts.filter((a) => a.role === "community_staff");
  const byCommunity = (list: BenchAccount[]) => {
    const out: BenchAccount[] = [];
    const groups = new Map<number, BenchAccount[]>();
    for (const a of list) groups.set(a.community ?? -1, [...(groups.get(a.community ?? -1) ?? []), a]);
    for (let i = 0; out.length < list.length; i++) for (const g of groups.values()) if (g[i]) out.push(g[i]);
    return out;
  };
  return [...byCommunity(workers), ...byCommunity(staff)];
}

export const RAW_CASE_SQL = `INSERT INTO cases (id, number, community_id, area_id, grid_id, category_code, description, location, address, channel,
  reporter_id, reporter_name, reporter_phone_enc, anonymous, mobile_reporter, status, level, max_level, handler_id,
  accept_due_at, accept_warn_at, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::point, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`;
export const RAW_EVENT_SQL = `INSERT INTO case_events (id, case_id, at, actor_id, actor_name, actor_role, action, to_status, level, data)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb)`;
export const RAW_AUDIT_SQL = `INSERT INTO audit_log (actor_id, actor_name, actor_role, action, target_type, target_id, area_path, ip, after)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb)`;

/** The three rows the product writes for a report, as parameters of the statements above. */
export function rawRows(data: WorkloadData, reporter: BenchAccount, report: Report, seq: number, ip: string) {
  const { body, microgrid } = report;
  const community = data.communities[microgrid.community];
  const worker = data.accounts.find((a) => a.role === "grid_worker" && a.areaId === microgrid.gridId);
  const level = SKIP_TO_COMMUNITY.has(body.categoryCode) || !worker ? "community" : "grid";
  const handlerId = level === "grid" ? worker!.id : null;
  const now = new Date();
  const id = uuidv7();
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
  const number = `${community.shortCode}-${day}-${String(seq).padStart(4, "0")}`;
  const areaPath = microgrid.path;
  const caseRow = [
    id, number, community.id, microgrid.id, microgrid.gridId, body.categoryCode, body.description, `(${body.location[0]},${body.location[1]})`, body.address, "grid_patrol",
    reporter.id, reporter.displayName, null, false, false, "reported", level, level, handlerId,
    new Date(now.getTime() + 2 * 3600_000), new Date(now.getTime() + 1.6 * 3600_000), now, now,
  ];
  const eventRow = [uuidv7(), id, now, reporter.id, reporter.displayName, reporter.role, "report", "reported", level, JSON.stringify({ channel: "grid_patrol", handlerId, staffEntered: false })];
  const auditRow = [
    reporter.id, reporter.displayName, reporter.role, "case.report", "case", id, areaPath, ip,
    JSON.stringify({ number, categoryCode: body.categoryCode, channel: "grid_patrol", level, handlerId, reporterPhone: null }),
  ];
  return { caseRow, eventRow, auditRow };
}

/** Client addresses as a reverse proxy reports them (X-Forwarded-For), from a pool of 4,096. */
export function clientAddress(n: number): string {
  const k = n % 4096;
  return `10.77.${k >> 8}.${k & 255}`;
}

/** A client signed in as a benchmark account through POST /api/auth/login, from a given address. */
export async function signIn(port: number, username: string, address: string): Promise<HttpClient> {
  const c = new HttpClient(port, { "x-forwarded-for": address, "accept-language": "zh-CN" });
  await c.ok("POST", "/api/auth/login", { username, password: BENCH_PASSWORD });
  if (!c.cookie) throw new Error(`no session cookie for ${username}`);
  return c;
}
