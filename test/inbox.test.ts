import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/**
 * The 待办 inbox: every kind's count equals a plain SQL count of the same condition on the demo data,
 * for the secretary and the staff of 红康; nothing of 怡心桥 appears; grid workers get a narrower
 * inbox (their grid's cases, no reviews or minutes); meetings past their time without minutes are 待补录.
 */
let t: TestApp;
let secretary: Client;
let staff: Client;
let grid1: Client;
let yxqStaff: Client;

type Group = { kind: string; count: number; items: Array<{ id: string; title: string; link: string; overdue: boolean; due: string | null }>; link: string };
type Inbox = { groups: Group[]; badges: { cases: number; deliberation: number; talent: number; patrols: number }; week: Array<{ day: string; reported: number; closed: number }> };

const H = 3600_000;
const localDay = (ms = 0) => new Date(Date.now() + ms + 8 * H).toISOString().slice(0, 10);

async function q<T>(text: string): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(sql.raw(text)));
}
async function n(text: string): Promise<number> {
  return Number((await q<{ n: number }>(text))[0].n);
}
async function inboxOf(c: Client): Promise<Inbox> {
  const res = await c.get("/api/inbox");
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const group = (i: Inbox, kind: string) => i.groups.find((g) => g.kind === kind);

/** The plain-SQL subtree of a user's area. */
async function scopeOf(username: string) {
  const [u] = await q<{ path: string; community_id: string }>(
    `SELECT a.path, coalesce(a.community_id, a.id) AS community_id FROM users u JOIN areas a ON a.id = u.area_id WHERE u.username = '${username}'`,
  );
  return { subtree: `(SELECT id FROM areas WHERE path LIKE '${u.path}%')`, communityId: u.community_id };
}

/** Plain SQL of each kind's condition for a community secretary or staff member. */
async function expectedCounts(username: string) {
  const s = await scopeOf(username);
  const now = new Date().toISOString();
  const today = localDay();
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = new Date(Date.parse(`${today}T00:00:00Z`) - weekday * 86400_000 - 8 * H).toISOString();
  const nextMonday = new Date(Date.parse(monday) + 7 * 86400_000).toISOString();
  const due7 = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86400_000).toISOString().slice(0, 10);
  const cases = `FROM cases WHERE area_id IN ${s.subtree}`;
  // coverage: grids whose done tasks of the running periods are below 80 % of the share of those periods gone by
  const tasks = await q<{ grid: string; status: string; ps: string; pe: string }>(`
    SELECT g.id AS grid, t.status, t.period_start::text AS ps, t.period_end::text AS pe
    FROM patrol_tasks t JOIN areas a ON a.id = t.area_id JOIN areas g ON g.level = 'grid' AND g.id IN (a.id, a.parent_id)
    WHERE t.status <> 'cancelled' AND t.period_start <= '${today}' AND t.period_end >= '${today}'
      AND t.period_start >= '${today}'::date - 92 AND t.area_id IN ${s.subtree}`);
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86400_000;
  const grids = new Map<string, { done: number; expected: number }>();
  for (const x of tasks) {
    const g = grids.get(x.grid) ?? { done: 0, expected: 0 };
    g.done += x.status === "done" ? 1 : 0;
    g.expected += Math.min(1, (day(today) - day(x.ps) + 1) / (day(x.pe) - day(x.ps) + 1));
    grids.set(x.grid, g);
  }
  return {
    verify: await n(`SELECT count(*)::int AS n ${cases} AND status IN ('handled', 'verified')`),
    delay: await n(`SELECT count(*)::int AS n ${cases} AND status IN ('dispatched', 'in_progress') AND delay_requested_hours IS NOT NULL`),
    dispatch: await n(`SELECT count(*)::int AS n ${cases} AND status IN ('reported', 'accepted') AND level = 'community'`),
    overdue: await n(`SELECT count(*)::int AS n ${cases} AND status <> 'closed' AND timer = 'red'`),
    dueSoon: await n(`SELECT count(*)::int AS n ${cases} AND status <> 'closed' AND timer = 'yellow'`),
    applications: await n(
      `SELECT count(*)::int AS n FROM talent_applications a JOIN recruitment_calls r ON r.id = a.call_id WHERE a.status = 'pending' AND r.community_id = '${s.communityId}'`,
    ),
    minutes: await n(
      `SELECT count(*)::int AS n FROM meetings WHERE area_id IN ${s.subtree} AND status IN ('planned', 'open') AND ends_at < '${now}' AND coalesce(btrim(minutes), '') = ''`,
    ),
    resolutions: await n(
      `SELECT count(*)::int AS n FROM resolutions r JOIN topics tp ON tp.id = r.topic_id WHERE r.status = 'open' AND r.due_on <= '${due7}' AND tp.area_id IN ${s.subtree}`,
    ),
    coverage: [...grids.values()].filter((g) => g.done < 0.8 * g.expected).length,
    activities: await n(
      `SELECT count(*)::int AS n FROM activities WHERE community_id = '${s.communityId}' AND status <> 'cancelled' AND starts_at >= '${monday}' AND starts_at < '${nextMonday}'`,
    ),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  [secretary, staff, grid1, yxqStaff] = await Promise.all(["hk_secretary", "hk_staff", "hk_grid1", "yxq_staff"].map((u) => as(t, u)));
});
afterAll(() => t.close());

describe("the 待办 inbox", () => {
  it("counts each kind as a plain SQL count of the same condition, for the secretary and the staff", async () => {
    for (const [username, c] of [["hk_secretary", secretary], ["hk_staff", staff]] as const) {
      const inbox = await inboxOf(c);
      const expected = await expectedCounts(username);
      const got = Object.fromEntries(inbox.groups.map((g) => [g.kind, g.count]));
      console.log(`inbox of ${username}:`, JSON.stringify(got));
      expect(got).toEqual(expected);
      for (const g of inbox.groups) expect(g.items.length).toBe(Math.min(5, g.count));
      expect(inbox.badges).toEqual({
        cases: expected.verify + expected.delay + expected.dispatch,
        deliberation: expected.minutes + expected.resolutions,
        talent: expected.applications,
        patrols: expected.coverage,
      });
      const counts = (await c.get("/api/inbox/counts")).json();
      expect(counts.badges).toEqual(inbox.badges);
      // the week runs Monday to today
      expect(inbox.week.at(-1)!.day).toBe(localDay());
      expect(inbox.week.length).toBeLessThanOrEqual(7);
    }
    // the demo gives the secretary something to do
    const inbox = await inboxOf(secretary);
    expect(inbox.groups.reduce((s, g) => s + g.count, 0)).toBeGreaterThan(0);
  });

  it("never shows 怡心桥's items to 红康, nor 红康's to 怡心桥", async () => {
    const [hk] = await q<{ id: string }>(`SELECT id FROM areas WHERE level = 'community' AND name LIKE '红康%'`);
    const hkInbox = await inboxOf(secretary);
    const yxInbox = await inboxOf(yxqStaff);
    const communityOf = async (kind: string, id: string) => {
      const table: Record<string, string> = {
        verify: `SELECT community_id AS c FROM cases WHERE id = '${id}'`,
        delay: `SELECT community_id AS c FROM cases WHERE id = '${id}'`,
        dispatch: `SELECT community_id AS c FROM cases WHERE id = '${id}'`,
        overdue: `SELECT community_id AS c FROM cases WHERE id = '${id}'`,
        dueSoon: `SELECT community_id AS c FROM cases WHERE id = '${id}'`,
        applications: `SELECT r.community_id AS c FROM talent_applications a JOIN recruitment_calls r ON r.id = a.call_id WHERE a.id = '${id}'`,
        minutes: `SELECT community_id AS c FROM meetings WHERE id = '${id}'`,
        resolutions: `SELECT community_id AS c FROM resolutions WHERE id = '${id}'`,
        coverage: `SELECT community_id AS c FROM areas WHERE id = '${id}'`,
        activities: `SELECT community_id AS c FROM activities WHERE id = '${id}'`,
      };
      return (await q<{ c: string }>(table[kind]))[0]?.c;
    };
    let seen = 0;
    for (const g of hkInbox.groups) for (const i of g.items) {
      expect(await communityOf(g.kind, i.id)).toBe(hk.id);
      seen++;
    }
    let seenYxq = 0;
    for (const g of yxInbox.groups) for (const i of g.items) {
      expect(await communityOf(g.kind, i.id)).not.toBe(hk.id);
      seenYxq++;
    }
    expect(seen).toBeGreaterThan(0);
    expect(seenYxq).toBeGreaterThan(0);
    const hkIds = new Set(hkInbox.groups.flatMap((g) => g.items.map((i) => i.id)));
    expect(yxInbox.groups.flatMap((g) => g.items).some((i) => hkIds.has(i.id))).toBe(false);
  });

  it("gives a grid worker a narrower inbox: the cases of their grid, no reviews nor minutes; residents get 403", async () => {
    const inbox = await inboxOf(grid1);
    const kinds = inbox.groups.map((g) => g.kind);
    expect(kinds).not.toContain("applications");
    expect(kinds).not.toContain("minutes");
    expect(kinds).toContain("dispatch");
    const s = await scopeOf("hk_grid1");
    expect(group(inbox, "dispatch")!.count).toBe(await n(`SELECT count(*)::int AS n FROM cases WHERE area_id IN ${s.subtree} AND status IN ('reported', 'accepted') AND level = 'grid'`));
    expect(group(inbox, "verify")!.count).toBe(0);
    const resident = await phoneClient(t, "13900000001");
    expect((await resident.get("/api/inbox")).statusCode).toBe(403);
    expect((await new Client(t.app).get("/api/inbox")).statusCode).toBe(401);
  });

  it("shows a meeting past its time without minutes as 待补录 until its minutes are written", async () => {
    const tree = (await staff.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; name: string }>;
    const hk = tree.find((a) => a.level === "community")!;
    const created = await staff.post("/api/meetings", {
      kind: "bench",
      title: "测试补录板凳会",
      startsAt: new Date(Date.now() + 2 * H).toISOString(),
      endsAt: new Date(Date.now() + 3 * H).toISOString(),
      place: "3栋楼下",
      areaId: hk.id,
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as string;
    const before = group(await inboxOf(secretary), "minutes")!.count;
    // its time passes
    await t.database.db.execute(sql`UPDATE meetings SET starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours' WHERE id = ${id}`);
    const inbox = await inboxOf(secretary);
    expect(group(inbox, "minutes")!.count).toBe(before + 1);
    const detail = (await staff.get(`/api/meetings/${id}`)).json();
    expect(detail).toMatchObject({ status: "planned", needsMinutes: true });
    const listed = (await staff.get("/api/meetings?limit=200")).json().items.find((m: { id: string }) => m.id === id);
    expect(listed.needsMinutes).toBe(true);
    // a planned meeting is no partner unit's record, closed with minutes it is held
    const closed = await staff.post(`/api/meetings/${id}/close`, { minutes: "补录：各方同意。" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await staff.get(`/api/meetings/${id}`)).json().needsMinutes).toBe(false);
    expect(group(await inboxOf(secretary), "minutes")!.count).toBe(before);
  });

  it("answers fast on the demo data (timing printed, not asserted)", async () => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      await secretary.get("/api/inbox");
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`GET /api/inbox as hk_secretary: p50 ${times[7].toFixed(1)} ms, max ${times[14].toFixed(1)} ms`);
  });
});
