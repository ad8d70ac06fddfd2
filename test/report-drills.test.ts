import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createTestApp, type Client, type TestApp } from "./support/app";
import { CONSOLE_PATHS, isConsolePath } from "../src/web/console/console-paths";

/**
 * Every figure of the work report leads somewhere real: its drill-down route is a page of the console
 * router (the same path list console-app.tsx routes), and where the figure counts records the list
 * the drill-down opens, asked through the API with the drill's own filters, holds exactly that many.
 * On the demo data: 红康 for December 2023 – December 2024 (members, visits, needs), 怡心桥 for
 * July 2023 – December 2024 (its food and fire checks ended in 责令整改 notices).
 */

type Drill = { route: string; query: Record<string, string> };
type Figure = { key: string; value: number | null; drill: Drill | null };
type Report = { client: Client; from: string; to: string; figures: Figure[] };

let t: TestApp;
let hk: Report;
let yxq: Report;

async function report(username: string, from: string, to: string): Promise<Report> {
  const client = await as(t, username);
  const res = await client.get(`/api/reports/work?from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  return { client, from, to, figures: (res.json().sections as Array<{ figures: Figure[] }>).flatMap((s) => s.figures) };
}

beforeAll(async () => {
  t = await createTestApp();
  hk = await report("hk_secretary", "2023-12-01", "2024-12-31");
  yxq = await report("yxq_secretary", "2023-07-01", "2024-12-31");
}, 300_000);
afterAll(() => t.close());

const url = (path: string, q: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
  return `${path}?${search}`;
};

/**
 * The API list a drill-down's page shows, asked with the drill's filters as the page passes them
 * (src/web/features/*: the panels read `dated`, `kind`, `status`… from the address); null where the
 * page shows no list of the figure's own records (the organisation tree, the figures tab, …).
 */
function listOf(d: Drill): string | null {
  const q = d.query;
  const period = { from: q.from, to: q.to };
  switch (`${d.route}?${q.tab ?? ""}`) {
    case "/party?members":
      return url("/api/party/members", { communityId: q.areaId, kind: q.kind, asOf: q.roll ? q.to : undefined, onRoll: q.roll && !q.kind ? "true" : undefined });
    case "/party?two-new":
      return q.dated === "founded" ? url("/api/party/two-new", { communityId: q.areaId, ...period }) : null;
    case "/party?projects":
      return q.dated === "completed" ? url("/api/party/projects", { communityId: q.areaId, ...period }) : null;
    case "/enterprises?list":
      return q.dated === "visited" ? url("/api/enterprises", { areaId: q.areaId, ...period, limit: "200" }) : null;
    case "/enterprises?needs":
      return url("/api/enterprise-needs", { areaId: q.areaId, ...period, dated: q.dated, status: q.status, outcome: q.outcome, limit: "200" });
    case "/enterprises?cultivation":
      return q.dated === "briefed"
        ? url("/api/enterprise-briefings", { areaId: q.areaId, ...period })
        : url("/api/cultivations", { areaId: q.areaId, ...period, dated: q.dated, stage: q.stage });
    case "/enterprises?events":
      return url("/api/business-events", { areaId: q.areaId, ...period });
    case "/talent?talents":
      return q.dated ? url("/api/talent/talents", { areaId: q.areaId, ...period, dated: q.dated, limit: "500" }) : null;
    case "/deliberation/topics?":
      return url("/api/topics", { areaId: q.areaId, ...period, status: q.status, settledBy: q.settledBy, limit: "200" });
    case "/deliberation/resolutions?":
      return url("/api/resolutions", { areaId: q.areaId, ...period, status: q.status, fiveParty: q.fiveParty, limit: "500" });
    case "/deliberation/meetings?":
      return url("/api/meetings", { areaId: q.areaId, ...period, kind: q.kind, status: q.status, limit: "200" });
    case "/inspections?notices":
      return url("/api/rectifications", { areaId: q.areaId, ...period, dated: q.dated, status: q.status, recheck: q.recheck, limit: "200" });
    default:
      return null;
  }
}

/**
 * Figures that count the very records their list shows (the list's total must be the figure). The
 * others drill to a list that is not a one-to-one count: 走访次数 counts visits where the list shows
 * the enterprises; 复查合格/不合格 count re-checks where the list shows the notices re-checked;
 * 参加服务的双报到党员 lists every registered in-service member; shares and averages are no counts.
 */
const COUNTED = [
  "party.members",
  "party.members_transferred_in",
  "party.members_in_service",
  "party.members_floating",
  "party.members_two_new",
  "party.joint_meetings",
  "party.two_new_founded",
  "party.projects_completed",
  "enterprise.enterprises_visited",
  "enterprise.needs_raised",
  "enterprise.needs_matched",
  "enterprise.needs_referred",
  "enterprise.needs_settled",
  "enterprise.ruku_declared",
  "enterprise.ruku_accepted",
  "enterprise.policy_briefings",
  "enterprise.business_events",
  "inspections.rectifications_issued",
  "inspections.rectifications_escalated",
  "deliberation.meetings",
  "deliberation.residents_council",
  "deliberation.council_topics_settled",
  "deliberation.topics_settled",
  "deliberation.five_party_settled",
  "partners.talents",
  "partners.talents_joined",
];

describe("the console's paths", () => {
  it("match the router's patterns, ids included, and nothing else", () => {
    expect(isConsolePath("/party")).toBe(true);
    expect(isConsolePath("/cases/0190a3c4-0000-7000-8000-000000000001")).toBe(true);
    expect(isConsolePath("/deliberation/meetings")).toBe(true);
    expect(isConsolePath("/deliberation/topics/0190a3c4-0000-7000-8000-000000000001")).toBe(true);
    expect(isConsolePath("/party/members")).toBe(false);
    expect(isConsolePath("/party/two-new")).toBe(false);
    expect(isConsolePath("/deliberation/nothing")).toBe(false);
    expect(isConsolePath("/cases/1/2")).toBe(false);
    expect(CONSOLE_PATHS.enterprise).toBe("/enterprises/:id");
  });
});

describe("the work report's drill-downs", () => {
  it("lead every figure of the party, enterprise and inspection sections somewhere, and every drill-down to a console page", () => {
    for (const r of [hk, yxq]) {
      expect(r.figures.length).toBeGreaterThan(50);
      const nowhere = r.figures.filter((f) => f.drill && !isConsolePath(f.drill.route)).map((f) => `${f.key} → ${f.drill!.route}`);
      expect(nowhere).toEqual([]);
      const undrilled = r.figures.filter((f) => !f.drill && /^(party|enterprise|inspections)\./.test(f.key)).map((f) => f.key);
      expect(undrilled).toEqual([]);
      // Every drill-down carries the report's area and period, for the page to narrow its list.
      for (const f of r.figures.filter((x) => x.drill)) expect(f.drill!.query, f.key).toMatchObject({ from: r.from, to: r.to, areaId: expect.any(String) });
    }
  });

  it("open lists that answer (200) for every figure with a list of its own", async () => {
    let lists = 0;
    for (const r of [hk, yxq]) {
      for (const f of r.figures) {
        const path = f.drill && listOf(f.drill);
        if (!path) continue;
        const res = await r.client.get(path);
        expect(res.statusCode, `${f.key}: ${path} ${res.body}`).toBe(200);
        lists++;
      }
    }
    expect(lists).toBeGreaterThan(2 * COUNTED.length);
  });

  it("hold as many records as the figure counts", async () => {
    const mismatches: string[] = [];
    for (const r of [hk, yxq]) {
      const byKey = new Map(r.figures.map((f) => [f.key, f]));
      for (const key of COUNTED) {
        const f = byKey.get(key);
        expect(f, key).toBeDefined();
        const path = listOf(f!.drill!);
        expect(path, `${key} drills to a list`).not.toBeNull();
        const res = await r.client.get(path!);
        expect(res.statusCode, res.body).toBe(200);
        const total = res.json().total as number;
        if (total !== f!.value) mismatches.push(`${key}: figure ${f!.value}, list ${total} (${path})`);
      }
    }
    expect(mismatches).toEqual([]);
    // Not an empty success: the demo has members, visits, needs and notices behind these figures.
    const value = (r: Report, key: string) => r.figures.find((f) => f.key === key)!.value;
    expect(value(hk, "party.members_transferred_in")).toBeGreaterThan(0);
    expect(value(hk, "enterprise.enterprises_visited")).toBeGreaterThan(0);
    expect(value(yxq, "inspections.rectifications_issued")).toBeGreaterThan(0);
    expect(value(hk, "deliberation.council_topics_settled")).toBeGreaterThan(0);
    expect(value(hk, "deliberation.five_party_settled")).toBeGreaterThan(0);
    expect(value(hk, "partners.talents_joined")).toBeGreaterThan(0);
    expect(value(hk, "partners.talents")).toBeGreaterThanOrEqual(value(hk, "partners.talents_joined")!);
  });

  it("narrow a list to the period: the same list without it holds more (or as many) records", async () => {
    const secretary = hk.client;
    const f = hk.figures.find((x) => x.key === "enterprise.needs_raised")!;
    const narrowed = (await secretary.get(listOf(f.drill!)!)).json().total as number;
    const whole = (await secretary.get("/api/enterprise-needs?limit=200")).json().total as number;
    expect(whole).toBeGreaterThanOrEqual(narrowed);
    const lastYear = (await secretary.get(url("/api/enterprise-needs", { ...f.drill!.query, tab: undefined, from: "2020-01-01", to: "2020-12-31", limit: "200" }))).json();
    expect(lastYear.total).toBe(0);
  });

  it("keep to the caller's scope: another community's area is not found", async () => {
    const yxqArea = yxq.figures.find((f) => f.drill)!.drill!.query.areaId;
    for (const path of ["/api/enterprise-needs", "/api/rectifications", "/api/cultivations", "/api/business-events", "/api/enterprise-briefings", "/api/enterprises"]) {
      expect((await hk.client.get(`${path}?areaId=${yxqArea}`)).statusCode, path).toBe(404);
      expect((await yxq.client.get(`${path}?areaId=${yxqArea}`)).statusCode, path).toBe(200);
    }
  });

  it("refuse half a period and a period that ends before it starts", async () => {
    const secretary = hk.client;
    expect((await secretary.get("/api/rectifications?from=2024-01-01")).statusCode).toBe(400);
    expect((await secretary.get("/api/party/projects?from=2024-02-01&to=2024-01-01")).statusCode).toBe(400);
  });
});
