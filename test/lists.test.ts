import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/**
 * Lists people can trust: each list answers its total (exact, or the cap with `totalCapped`), pages
 * never lose or repeat a row, and the lists of work sort what matters first (overdue, then due soonest).
 */
let t: TestApp;
let staff: Client;
let grid1: Client;
let resident: Client;

const H = 3600_000;
const localDay = (ms = 0) => new Date(Date.now() + ms + 8 * H).toISOString().slice(0, 10);

async function q<T>(text: string): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(sql.raw(text)));
}
async function n(text: string): Promise<number> {
  return Number((await q<{ n: number }>(text))[0].n);
}
async function json<T>(c: Client, url: string): Promise<T> {
  const res = await c.get(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as T;
}
/** Every page of a cursor list, in order. */
async function allPages<T extends { id: string }>(c: Client, url: string): Promise<{ items: T[]; total: number; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let total = -1;
  let pages = 0;
  do {
    const page: { items: T[]; nextCursor: string | null; total: number } = await json(c, `${url}${url.includes("?") ? "&" : "?"}${cursor ? `cursor=${cursor}` : ""}`);
    items.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 200);
  return { items, total, pages };
}

type CaseRow = { id: string; status: string; timer: string; categoryCode: string; acceptDueAt: string | null; handleDueAt: string | null; createdAt: string };

beforeAll(async () => {
  t = await createTestApp();
  [staff, grid1] = await Promise.all(["hk_staff", "hk_grid1"].map((u) => as(t, u)));
  resident = await phoneClient(t, "13900000001");
});
afterAll(() => t.close());

describe("the case list", () => {
  it("answers the total of the filter and pages through every case once, overdue first, then due soonest, closed last", async () => {
    // One open case made overdue, one due tomorrow, one due in a week: their order must follow the deadlines.
    const report = async (d: string) => (await resident.post("/api/cases", { categoryCode: "billboard", description: d, location: [102.7235, 25.0468] })).json().id as string;
    const [late, soon, later] = [await report("广告牌松动 已超期"), await report("广告牌松动 明天到期"), await report("广告牌松动 下周到期")];
    await t.database.db.execute(sql`UPDATE cases SET timer = 'red', accept_due_at = now() - interval '2 days', handle_due_at = now() - interval '1 day' WHERE id = ${late}`);
    await t.database.db.execute(sql`UPDATE cases SET timer = 'normal', accept_due_at = now() + interval '1 day', handle_due_at = now() + interval '1 day' WHERE id = ${soon}`);
    await t.database.db.execute(sql`UPDATE cases SET timer = 'normal', accept_due_at = now() + interval '7 days', handle_due_at = now() + interval '7 days' WHERE id = ${later}`);

    const list = await allPages<CaseRow>(staff, "/api/cases?limit=40");
    expect(list.pages).toBeGreaterThan(2);
    const expected = await n(`SELECT count(*)::int AS n FROM cases WHERE area_id IN (SELECT id FROM areas WHERE path LIKE (SELECT a.path FROM users u JOIN areas a ON a.id = u.area_id WHERE u.username = 'hk_staff') || '%')`);
    expect(list.total).toBe(Math.min(expected, 1000));
    expect(list.items.length).toBe(expected);
    expect(new Set(list.items.map((c) => c.id)).size).toBe(list.items.length);

    // The order: rank (open overdue, other open, closed), then the deadline that runs, soonest first.
    const rank = (c: CaseRow) => (c.status === "closed" ? 2 : c.timer === "red" ? 0 : 1);
    const due = (c: CaseRow) => {
      const d = (c.status === "reported" ? c.acceptDueAt : null) ?? c.handleDueAt ?? c.acceptDueAt;
      return d ? Date.parse(d) : Number.MAX_SAFE_INTEGER;
    };
    for (let i = 1; i < list.items.length; i++) {
      const [a, b] = [list.items[i - 1], list.items[i]];
      expect(rank(a), `${a.id} before ${b.id}`).toBeLessThanOrEqual(rank(b));
      if (rank(a) === rank(b) && rank(a) < 2) expect(due(a), `${a.id} before ${b.id}`).toBeLessThanOrEqual(due(b));
      if (rank(a) === 2 && rank(b) === 2) expect(Date.parse(a.createdAt)).toBeGreaterThanOrEqual(Date.parse(b.createdAt));
    }
    const at = (id: string) => list.items.findIndex((c) => c.id === id);
    expect(at(late)).toBeGreaterThanOrEqual(0);
    expect(at(late)).toBeLessThan(at(soon));
    expect(at(soon)).toBeLessThan(at(later));

    // "newest" keeps the time reported; the totals agree whatever the order.
    const newest = await json<{ items: CaseRow[]; total: number }>(staff, "/api/cases?sort=newest&limit=3");
    expect(newest.total).toBe(list.total);
    expect(newest.items[0].id).toBe(later);
  });

  it("counts the filtered list and the worker's queue", async () => {
    const overdue = await json<{ items: CaseRow[]; total: number; totalCapped: boolean }>(staff, "/api/cases?overdue=true&limit=1");
    expect(overdue.totalCapped).toBe(false);
    expect(overdue.total).toBeGreaterThanOrEqual(1);
    expect(overdue.items).toHaveLength(1);
    // One of the area's grid cases now handled by another worker, and first in the queue's order: the
    // worker's page must merge it in from the area part.
    await t.database.db.execute(sql`UPDATE cases SET handler_id = (SELECT id FROM users WHERE username = 'hk_grid2'), timer = 'red', status = 'reported',
      created_at = now() - interval '400 days' WHERE id = (SELECT c.id FROM cases c JOIN users u ON u.id = c.handler_id
      WHERE u.username = 'hk_grid1' AND c.level = 'grid' AND c.status <> 'closed' ORDER BY c.created_at DESC LIMIT 1)`);
    const queue = await json<{ items: CaseRow[]; total: number }>(grid1, "/api/cases?scope=queue&limit=1");
    expect(queue.total).toBeGreaterThanOrEqual(queue.items.length);
    const whole = await json<{ items: CaseRow[]; total: number }>(grid1, "/api/cases?scope=queue&limit=200");
    expect(whole.items.length).toBe(Math.min(200, whole.total));
    // The queue is the worker's open cases and the open grid-level cases of their areas, nothing else,
    // each once, in the queue's order; a short page is the head of it (the worker's own cases and their
    // areas' grid cases handled by others, merged).
    const ordered = await q<{ id: string }>(`SELECT c.id FROM cases c, users u JOIN areas a ON a.id = u.area_id WHERE u.username = 'hk_grid1'
      AND c.status <> 'closed' AND (c.handler_id = u.id OR (c.level = 'grid' AND c.area_id IN (SELECT id FROM areas WHERE path LIKE a.path || '%')))
      ORDER BY CASE c.timer WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, CASE c.status WHEN 'reported' THEN 0 WHEN 'dispatched' THEN 1 ELSE 2 END, c.created_at, c.id`);
    expect(ordered.length).toBeGreaterThan(0);
    expect(whole.total).toBe(Math.min(ordered.length, 1000));
    expect(whole.items.every((c) => c.status !== "closed")).toBe(true);
    expect(whole.items.map((c) => c.id)).toEqual(ordered.slice(0, 200).map((r) => r.id));
    const head = await json<{ items: CaseRow[] }>(grid1, "/api/cases?scope=queue&limit=3");
    expect(head.items.map((c) => c.id)).toEqual(ordered.slice(0, 3).map((r) => r.id));
    // A filter on a column the queue's indexes do not carry narrows both parts the same way.
    const category = whole.items[0].categoryCode;
    const narrowed = await json<{ items: CaseRow[]; total: number }>(grid1, `/api/cases?scope=queue&limit=200&categoryCode=${category}`);
    expect(narrowed.items.length).toBeGreaterThan(0);
    expect(narrowed.items.every((c) => c.categoryCode === category)).toBe(true);
    expect(narrowed.total).toBe(narrowed.items.length);
  });

  it("refuses a cursor of the other order instead of answering a wrong page", async () => {
    const first = await json<{ nextCursor: string | null }>(staff, "/api/cases?sort=newest&limit=2");
    expect(first.nextCursor).not.toBeNull();
    // An old-style cursor read by the urgent order is no cursor: the first page again, never a 500.
    const res = await staff.get(`/api/cases?limit=2&cursor=${first.nextCursor}`);
    expect(res.statusCode).toBe(200);
  });
});

describe("capped totals", () => {
  it("counts up to 1,000 and says when there are more", async () => {
    const [u] = await q<{ id: string }>(`SELECT id FROM users WHERE username = 'hk_grid1'`);
    await t.database.db.execute(sql`INSERT INTO notifications (id, user_id, kind, title)
      SELECT gen_random_uuid(), ${u.id}, 'test', 'n' || g FROM generate_series(1, 1005) g`);
    const r = await json<{ items: unknown[]; total: number; totalCapped: boolean }>(grid1, "/api/notifications");
    expect(r.items).toHaveLength(50);
    expect(r).toMatchObject({ total: 1000, totalCapped: true });
    await t.database.db.execute(sql`DELETE FROM notifications WHERE kind = 'test'`);
    const after = await json<{ items: unknown[]; total: number; totalCapped: boolean }>(grid1, "/api/notifications");
    expect(after.totalCapped).toBe(false);
    expect(after.total).toBe(await n(`SELECT count(*)::int AS n FROM notifications WHERE user_id = '${u.id}'`));
  });
});

describe("the patrol board", () => {
  it("opens on today's and overdue tasks, the most overdue first, with their total", async () => {
    const today = localDay();
    const board = await allPages<{ id: string; status: string; periodEnd: string; overdue: boolean }>(staff, "/api/patrols/tasks?status=current&limit=200");
    const expected = await n(`SELECT count(*)::int AS n FROM patrol_tasks t
      WHERE t.status = 'open' AND coalesce(t.planned_on, t.period_start) <= '${today}'
        AND t.area_id IN (SELECT id FROM areas WHERE path LIKE (SELECT a.path FROM users u JOIN areas a ON a.id = u.area_id WHERE u.username = 'hk_staff') || '%')`);
    expect(expected).toBeGreaterThan(0);
    // The SQL counts the scope's tasks; the board leaves out the 重点人员 the caller may not see.
    expect(board.total).toBeGreaterThan(0);
    expect(board.total).toBeLessThanOrEqual(expected);
    expect(board.items.length).toBe(board.total);
    expect(board.items.every((x) => x.status === "open")).toBe(true);
    for (let i = 1; i < board.items.length; i++) expect(board.items[i - 1].periodEnd <= board.items[i].periodEnd).toBe(true);
    // Nothing of next week: every task of the board is due by today.
    const next = await n(`SELECT count(*)::int AS n FROM patrol_tasks WHERE id IN (${board.items.map((x) => `'${x.id}'`).join(",")}) AND coalesce(planned_on, period_start) > '${today}'`);
    expect(next).toBe(0);
  });
});

describe("the phone's care list", () => {
  it("pages with offset: every person once, and the total on each page", async () => {
    const whole = await json<{ items: Array<{ id: string }>; total: number }>(grid1, "/api/registry/care-people?limit=200");
    expect(whole.total).toBeGreaterThan(3);
    const seen: string[] = [];
    for (let offset = 0; offset < Math.min(whole.total, 200); offset += 3) {
      const page = await json<{ items: Array<{ id: string }>; total: number }>(grid1, `/api/registry/care-people?limit=3&offset=${offset}`);
      expect(page.total).toBe(whole.total);
      seen.push(...page.items.map((p) => p.id));
    }
    expect(seen.slice(0, whole.items.length)).toEqual(whole.items.map((p) => p.id));
    const past = await json<{ items: unknown[]; total: number }>(grid1, `/api/registry/care-people?limit=3&offset=${whole.total + 10}`);
    expect(past).toEqual({ items: [], total: whole.total });
    expect((await grid1.get("/api/registry/care-people?offset=-1")).statusCode).toBe(400);
  });
});

describe("the resident's topic list", () => {
  it("filters by state and by words, with the total of the filter", async () => {
    const all = await json<{ items: Array<{ id: string; title: string; status: string }>; total: number }>(resident, "/api/community/topics?limit=100");
    expect(all.items.length).toBe(Math.min(100, all.total));
    expect(all.total).toBeGreaterThan(1);
    const title = all.items[0].title;
    const word = [...title].slice(0, 2).join("");
    const found = await json<{ items: Array<{ title: string; description: string }>; total: number }>(resident, `/api/community/topics?q=${encodeURIComponent(word)}`);
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.total).toBe(found.items.length);
    expect(found.items.every((x) => x.title.includes(word) || x.description.includes(word))).toBe(true);
    const none = await json<{ items: unknown[]; total: number }>(resident, `/api/community/topics?q=${encodeURIComponent("没有这样的议题词")}`);
    expect(none).toMatchObject({ items: [], total: 0 });
    const status = all.items[0].status;
    const byStatus = await json<{ items: Array<{ status: string }>; total: number }>(resident, `/api/community/topics?status=${status}`);
    expect(byStatus.items.length).toBeGreaterThan(0);
    expect(byStatus.items.every((x) => x.status === status)).toBe(true);
    expect(byStatus.total).toBeGreaterThanOrEqual(all.items.filter((x) => x.status === status).length);
    expect(byStatus.total).toBeLessThanOrEqual(all.total);
  });

  it("matches the words on what the resident reads: a masked name finds nothing", async () => {
    // A topic naming a registered person of the community: the name is masked in the resident's view.
    const [person] = await q<{ name: string }>(`SELECT p.name FROM persons p JOIN areas a ON a.id = p.area_id JOIN areas c ON c.id = a.community_id
      WHERE p.status = 'active' AND c.name LIKE '红康%' AND char_length(p.name) >= 3 ORDER BY p.id LIMIT 1`);
    expect(person).toBeDefined();
    const created = await staff.post("/api/topics", { title: `关于${person.name}家门口占道的协商`, description: "楼道堆物影响通行", areaId: await homeAreaOf("hk_staff") });
    expect(created.statusCode, created.body).toBe(200);
    const byName = await json<{ items: Array<{ title: string }>; total: number }>(resident, `/api/community/topics?q=${encodeURIComponent(person.name)}`);
    expect(byName).toMatchObject({ items: [], total: 0 });
    const byWords = await json<{ items: Array<{ title: string }>; total: number }>(resident, `/api/community/topics?q=${encodeURIComponent("门口占道")}`);
    expect(byWords.items.length).toBe(1);
    expect(byWords.items[0].title).not.toContain(person.name);
  });
});

async function homeAreaOf(username: string): Promise<string> {
  const [u] = await q<{ area_id: string }>(`SELECT area_id FROM users WHERE username = '${username}'`);
  return u.area_id;
}

describe("totals on the other lists", () => {
  it("topics, meetings, resolutions, people, audit, activities and partner units answer their totals", async () => {
    const secretary = await as(t, "hk_secretary");
    for (const url of ["/api/topics?limit=2", "/api/meetings?limit=2", "/api/resolutions?limit=2", "/api/people?limit=2", "/api/activities?limit=2", "/api/partners/units", "/api/audit?limit=2"]) {
      const r = await json<{ items: unknown[]; total: number; totalCapped: boolean }>(secretary, url);
      expect(typeof r.total, url).toBe("number");
      expect(typeof r.totalCapped, url).toBe("boolean");
      expect(r.total, url).toBeGreaterThanOrEqual(r.items.length);
    }
    const topics = await allPages<{ id: string }>(secretary, "/api/topics?limit=5");
    expect(topics.items.length).toBe(topics.total);
    const meetings = await allPages<{ id: string }>(secretary, "/api/meetings?limit=5");
    expect(meetings.items.length).toBe(meetings.total);
  });

  it("resolutions: open ones first, the most overdue on top, due soonest next", async () => {
    const secretary = await as(t, "hk_secretary");
    const r = await json<{ items: Array<{ status: string; dueOn: string }>; total: number }>(secretary, "/api/resolutions?limit=500");
    expect(r.total).toBe(r.items.length);
    const open = r.items.filter((x) => x.status === "open");
    expect(open.length).toBeGreaterThan(1);
    expect(r.items.slice(0, open.length).every((x) => x.status === "open")).toBe(true);
    for (let i = 1; i < open.length; i++) expect(open[i - 1].dueOn <= open[i].dueOn).toBe(true);
  });
});
