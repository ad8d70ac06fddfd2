import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { openPostgres, type Database } from "../src/server/db/client";
import { runScheduled } from "../src/server/platform/schedule";
import { openTestDatabase } from "./support/app";
import { eventually, HttpSession, ServerProc, urlOf, wait } from "./support/processes";

/**
 * Several server processes on one PostgreSQL (`npm start` runs one per core): notifications cross
 * processes over LISTEN/NOTIFY, the scheduled jobs run once across them and survive the leader being
 * killed, an intake burst survives a killed worker. Real processes on the test database; PostgreSQL
 * only (CI's second run), skipped on PGlite, which is one process by design.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

describe.skipIf(!onPostgres)("several server processes on one PostgreSQL", () => {
  let database: Database & { pool: import("pg").Pool };
  let url: string;
  const procs: ServerProc[] = [];
  let a: ServerProc;
  let b: ServerProc;

  beforeAll(async () => {
    database = (await openTestDatabase()) as typeof database;
    url = urlOf(database.pool);
    [a, b] = await Promise.all([ServerProc.start({ DATABASE_URL: url, TIMER_SWEEP_SECONDS: "1" }), ServerProc.start({ DATABASE_URL: url, TIMER_SWEEP_SECONDS: "1" })]);
    procs.push(a, b);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill("SIGTERM")));
    await database?.close();
  });

  const rows = async <T>(text: string, values: unknown[] = []) => (await database.pool.query(text, values)).rows as T[];

  it("pushes a notification written on one process to an SSE stream open on the other", async () => {
    const worker = await HttpSession.login(a.base, "hk_grid1");
    const staff = await HttpSession.login(b.base, "hk_staff");
    const me = (await worker.json("GET", "/api/auth/me")).user;
    const tree = (await staff.json("GET", "/api/areas/tree")).items as Array<{ id: string; level: string; center: [number, number]; parentId: string }>;
    const micro = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!;
    const stream = await worker.stream();
    try {
      const created = await staff.json("POST", "/api/cases", { categoryCode: "sanitation", description: "跨进程通知：楼道堆放杂物", location: micro.center });
      await eventually(async () => stream.received.some((n) => n.title.includes(created.number)), 10_000, "notification on the other process");
    } finally {
      stream.close();
    }
  });

  it("runs the timer sweep on one process at a time, and on the other after the leader is killed", async () => {
    const runner = async () => (await rows<{ ran_by: string; runs: number }>("SELECT ran_by, runs FROM job_runs WHERE name = 'case-timer-sweep'"))[0];
    await eventually(async () => Boolean(await runner()), 15_000, "a first sweep");
    const leaderPid = Number((await runner()).ran_by.split(":").pop());
    const leader = procs.find((p) => p.pid === leaderPid)!;
    const other = procs.find((p) => p.pid !== leaderPid)!;
    expect(leader).toBeTruthy();
    await leader.kill("SIGKILL");
    // An open case now overdue: only a sweep run by the surviving process can mark it red.
    const [open] = await rows<{ id: string }>("SELECT id FROM cases WHERE status = 'reported' AND timer <> 'red' ORDER BY created_at LIMIT 1");
    expect(open).toBeTruthy();
    await database.pool.query("UPDATE cases SET accept_due_at = now() - interval '1 hour', accept_warn_at = now() - interval '2 hours' WHERE id = $1", [open.id]);
    await eventually(async () => (await rows<{ timer: string }>("SELECT timer FROM cases WHERE id = $1", [open.id]))[0].timer === "red", 15_000, "sweep after the leader died");
    expect((await runner()).ran_by).toBe(`${(await runner()).ran_by.split(":")[0]}:${other.pid}`);
    expect(other.exited).toBeNull();
    // Start a second process again for the next test.
    const c = await ServerProc.start({ DATABASE_URL: url, TIMER_SWEEP_SECONDS: "1" });
    procs.push(c);
    [a, b] = [other, c];
  }, 60_000);

  it("a worker killed in the middle of an intake burst loses no acknowledged case and creates no duplicate", async () => {
    const onA = await HttpSession.login(a.base, "hk_staff");
    const onB = new HttpSession(b.base);
    onB.cookie = onA.cookie;
    const marker = `burst-${randomBytes(4).toString("hex")}`;
    const keys = Array.from({ length: 60 }, (_, i) => `${marker}-${i}`);
    const acked = new Map<string, string>();
    let next = 0;
    const send = async () => {
      for (;;) {
        const i = next++;
        if (i >= keys.length) return;
        try {
          const res = await onA.send("POST", "/api/cases", { categoryCode: "noise", description: `${marker} ${i}` }, { "idempotency-key": keys[i] });
          if (res.status === 200) acked.set(keys[i], ((await res.json()) as { id: string }).id);
        } catch {
          /* the process died under this request */
        }
        if (acked.size === 15) void a.kill("SIGKILL");
      }
    };
    await Promise.all(Array.from({ length: 6 }, send));
    expect(a.exited).not.toBeNull();
    expect(acked.size).toBeGreaterThanOrEqual(15);
    expect(acked.size).toBeLessThan(keys.length);
    // Every acknowledged case is stored.
    const stored = await rows<{ id: string; description: string }>("SELECT id, description FROM cases WHERE description LIKE $1", [`${marker} %`]);
    for (const id of acked.values()) expect(stored.map((s) => s.id)).toContain(id);
    // The phone retries everything it has no answer for, with the same keys, on the other process.
    for (const key of keys) {
      const i = keys.indexOf(key);
      const res = await onB.send("POST", "/api/cases", { categoryCode: "noise", description: `${marker} ${i}` }, { "idempotency-key": key });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { id: string; replayed: boolean };
      if (acked.has(key)) expect(body).toMatchObject({ id: acked.get(key), replayed: true });
    }
    const after = await rows<{ description: string; n: number }>("SELECT description, count(*)::int AS n FROM cases WHERE description LIKE $1 GROUP BY description", [`${marker} %`]);
    expect(after).toHaveLength(keys.length);
    expect(after.every((r) => r.n === 1)).toBe(true);
    const numbers = await rows<{ n: number; d: number }>("SELECT count(*)::int AS n, count(DISTINCT number)::int AS d FROM cases");
    expect(numbers[0].d).toBe(numbers[0].n);
  }, 90_000);

  it("holds a rate limit across processes", async () => {
    // The one-time code request allows 10 a minute from one address, whichever process answers.
    const one = new HttpSession(b.base);
    procs.push(await ServerProc.start({ DATABASE_URL: url }));
    const survivors = procs.filter((p) => !p.exited);
    expect(survivors.length).toBeGreaterThanOrEqual(2);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      one.base = survivors[i % 2].base;
      statuses.push((await one.send("POST", "/api/auth/otp/request", { phone: `1390000${String(1000 + i)}` })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);

    // Requests arriving together are counted together, and still one by one: of 40 code checks sent
    // at once to both processes (30 a minute allowed), exactly 30 pass the limit.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const s = new HttpSession(survivors[i % 2].base);
        return s.send("POST", "/api/auth/otp/verify", { phone: `1390000${String(2000 + i)}`, code: "000000" }).then((r) => r.status);
      }),
    );
    expect(burst.filter((st) => st === 429)).toHaveLength(10);
    expect(burst.filter((st) => st !== 429)).toHaveLength(30);
  }, 60_000);

  it("never runs a job in two places at once, and once per interval", async () => {
    const second = await openPostgres(url, 2);
    try {
      let running = 0;
      let most = 0;
      let ran = 0;
      const job = async () => {
        running++;
        most = Math.max(most, running);
        ran++;
        await wait(300);
        running--;
      };
      const name = `test-job-${randomBytes(3).toString("hex")}`;
      const results = await Promise.all([runScheduled(database, name, 60_000, job), runScheduled(second, name, 60_000, job), runScheduled(database, name, 60_000, job)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(most).toBe(1);
      // Within the interval another tick is skipped; the job did run once.
      expect(await runScheduled(second, name, 60_000, job)).toBe(false);
      expect(ran).toBe(1);
    } finally {
      await second.close();
    }
  });
});
