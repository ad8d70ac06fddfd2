import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { FastifyInstance, InjectOptions } from "fastify";
import { Client, createTestApp, DEMO_PASSWORD, type TestApp } from "./support/app";
import { users, sessions, loginThrottle } from "../src/server/db/schema/accounts";
import { auditLog } from "../src/server/db/schema/audit";
import { nameKey } from "../src/server/modules/auth/throttle";

/** A client on another machine: each test that counts failures uses its own address. */
class ClientAt extends Client {
  constructor(
    app: FastifyInstance,
    private readonly address: string,
  ) {
    super(app);
  }
  override request(opts: InjectOptions) {
    return super.request({ ...opts, remoteAddress: this.address });
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("password sign-in", () => {
  it("signs a staff member in with an httpOnly SameSite cookie and answers /me", async () => {
    const c = new Client(t.app);
    const res = await c.post("/api/auth/login", { username: "hk_staff", password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/linli_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await c.get("/api/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: "hk_staff", role: "community_staff", area: { name: "红康社区", level: "community" } });
    expect(me.json().user.permissions).toContain("person:read");
  });

  it("answers a wrong password and an unknown user alike, and writes an audit row for the failure", async () => {
    const c = new Client(t.app);
    const wrong = await c.post("/api/auth/login", { username: "hk_secretary", password: "nope-123456" });
    const unknown = await c.post("/api/auth/login", { username: "no_such_user", password: "nope-123456" });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ code: "INVALID_CREDENTIALS", message: "用户名或密码错误" });
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "auth.login_failed"));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("locks the account after 5 failures, even for the right password, and unlocks after the lock time", async () => {
    const c = new Client(t.app);
    for (let i = 0; i < 4; i++) {
      expect((await c.post("/api/auth/login", { username: "hk_volunteer", password: "wrong-pass-1" })).statusCode).toBe(401);
    }
    const fifth = await c.post("/api/auth/login", { username: "hk_volunteer", password: "wrong-pass-1" });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe("ACCOUNT_LOCKED");
    expect(fifth.json().message).toContain("15");
    const right = await c.post("/api/auth/login", { username: "hk_volunteer", password: DEMO_PASSWORD });
    expect(right.statusCode).toBe(423);
    // the lock expires: move it into the past
    await t.database.db
      .update(loginThrottle)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(loginThrottle.key, nameKey(t.deps, "hk_volunteer")));
    expect((await c.post("/api/auth/login", { username: "hk_volunteer", password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it("rejects a forged cookie and an idle-expired session", async () => {
    const forged = new Client(t.app);
    forged.cookie = "linli_sid=forged-token-forged-token-forged-token";
    expect((await forged.get("/api/auth/me")).statusCode).toBe(401);

    const c = await new Client(t.app).login("hk_grid1");
    expect((await c.get("/api/auth/me")).statusCode).toBe(200);
    const [u] = await t.database.db.select().from(users).where(eq(users.username, "hk_grid1"));
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.userId, u.id));
    const res = await c.get("/api/auth/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("UNAUTHENTICATED");
  });

  it("signs out", async () => {
    const c = await new Client(t.app).login("hk_grid2");
    const token = c.cookie;
    expect((await c.post("/api/auth/logout")).statusCode).toBe(200);
    const again = new Client(t.app);
    again.cookie = token;
    expect((await again.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("changes a password after checking the current one, and ends the other sessions", async () => {
    const other = await new Client(t.app).login("hk_branch");
    const c = await new Client(t.app).login("hk_branch");
    const bad = await c.post("/api/auth/password", { currentPassword: "wrong-pass-1", newPassword: "NewPass2026" });
    expect(bad.statusCode).toBe(401);
    const weak = await c.post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "abcdefgh" });
    expect(weak.statusCode).toBe(400);
    const okRes = await c.post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "NewPass2026" });
    expect(okRes.statusCode).toBe(200);
    expect((await c.get("/api/auth/me")).statusCode).toBe(200);
    expect((await other.get("/api/auth/me")).statusCode).toBe(401);
    expect((await new Client(t.app).post("/api/auth/login", { username: "hk_branch", password: DEMO_PASSWORD })).statusCode).toBe(401);
    await new Client(t.app).login("hk_branch", "NewPass2026");
  });
});

describe("sign-in lockout, enumeration and throttling", () => {
  const failuresOf = async (userId: string) =>
    (
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, userId), inArray(auditLog.action, ["auth.login_failed", "auth.locked"])))
    ).length;

  it("holds the lockout when 11 wrong passwords and the right one race after some failures", async () => {
    const c = new ClientAt(t.app, "10.1.0.1");
    const [u] = await t.database.db.select().from(users).where(eq(users.username, "yxq_staff"));
    for (let i = 0; i < 4; i++) expect((await c.post("/api/auth/login", { username: "yxq_staff", password: `wrong-pass-${i}` })).statusCode).toBe(401);
    const attempts = [
      ...Array.from({ length: 11 }, (_, i) => ({ username: "yxq_staff", password: `wrong-race-${i}` })),
      { username: "yxq_staff", password: DEMO_PASSWORD },
    ];
    const answers = await Promise.all(attempts.map((body) => new ClientAt(t.app, "10.1.0.1").post("/api/auth/login", body)));
    const statuses = answers.map((a) => a.statusCode);
    // One attempt was left before the lock: at most one password is checked, all others are refused unchecked.
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(11);
    expect(statuses.filter((s) => s === 401)).toEqual([]);
    expect(await failuresOf(u.id)).toBeLessThanOrEqual(5);
    const signedIn = statuses.includes(200);
    // Unless the right password happened to take the last attempt, the account is now locked.
    const after = await new ClientAt(t.app, "10.1.0.2").post("/api/auth/login", { username: "yxq_staff", password: DEMO_PASSWORD });
    expect(after.statusCode).toBe(signedIn ? 200 : 423);
  });

  it("answers unknown names exactly like known ones, checks a password for both, and locks both alike", async () => {
    const c = new ClientAt(t.app, "10.2.0.1");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      let started = performance.now();
      const a = await c.post("/api/auth/login", { username: "yxq_partner", password: `wrong-pass-${i}` });
      known.push(performance.now() - started);
      started = performance.now();
      const b = await c.post("/api/auth/login", { username: "yxq_nobody", password: `wrong-pass-${i}` });
      unknown.push(performance.now() - started);
      expect(b.statusCode).toBe(a.statusCode);
      expect(b.body).toBe(a.body);
    }
    const fifthKnown = await c.post("/api/auth/login", { username: "yxq_partner", password: "wrong-pass-5" });
    const fifthUnknown = await c.post("/api/auth/login", { username: "yxq_nobody", password: "wrong-pass-5" });
    expect(fifthKnown.statusCode).toBe(423);
    expect(fifthUnknown.statusCode).toBe(423);
    expect(fifthUnknown.body).toBe(fifthKnown.body);
    const lockedKnown = await c.post("/api/auth/login", { username: "yxq_partner", password: DEMO_PASSWORD });
    const lockedUnknown = await c.post("/api/auth/login", { username: "yxq_nobody", password: DEMO_PASSWORD });
    expect(lockedUnknown.statusCode).toBe(lockedKnown.statusCode);
    expect(lockedUnknown.body).toBe(lockedKnown.body);
    // Both ran argon2: the median times are of one size (a missing hash check would be ~100x faster).
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    expect(median(unknown)).toBeGreaterThan(median(known) / 4);
    expect(median(known)).toBeGreaterThan(median(unknown) / 4);
  });

  it("throttles failures per address with 429 and Retry-After, without locking the accounts tried", async () => {
    const attacker = new ClientAt(t.app, "10.3.0.1");
    const max = t.deps.config.loginIpMaxFailures;
    for (let i = 0; i < max; i++) {
      // A different name each time: no account gets near its own lock.
      expect((await attacker.post("/api/auth/login", { username: `guess_${i}`, password: "wrong-pass-1" })).statusCode).toBe(401);
    }
    const refused = await attacker.post("/api/auth/login", { username: "hk_secretary", password: "wrong-pass-1" });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe("RATE_LIMITED");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(t.deps.config.loginIpWindowMinutes * 60);
    // Even the right password waits out the window from that address …
    expect((await attacker.post("/api/auth/login", { username: "hk_secretary", password: DEMO_PASSWORD })).statusCode).toBe(429);
    // … while the account itself was not touched: its owner signs in from elsewhere.
    expect((await new ClientAt(t.app, "10.3.0.2").post("/api/auth/login", { username: "hk_secretary", password: DEMO_PASSWORD })).statusCode).toBe(200);
    // When the window has passed, the address may try again.
    await t.database.db
      .update(loginThrottle)
      .set({ windowStartedAt: new Date(Date.now() - (t.deps.config.loginIpWindowMinutes + 1) * 60_000) })
      .where(eq(loginThrottle.key, "ip:10.3.0.1"));
    expect((await attacker.post("/api/auth/login", { username: "hk_secretary", password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it("does not count successful sign-ins against the address", async () => {
    const office = new ClientAt(t.app, "10.4.0.1");
    for (let i = 0; i < 3; i++) await office.login("hk_grid3");
    const [row] = await t.database.db.select().from(loginThrottle).where(eq(loginThrottle.key, "ip:10.4.0.1"));
    expect(row.failures).toBe(0);
  });

  it("counts wrong current passwords on /api/auth/password toward the lockout", async () => {
    const c = await new ClientAt(t.app, "10.5.0.1").login("yxq_branch");
    for (let i = 0; i < 4; i++) {
      expect((await c.post("/api/auth/password", { currentPassword: `wrong-pass-${i}`, newPassword: "NewPass2026" })).statusCode).toBe(401);
    }
    const fifth = await c.post("/api/auth/password", { currentPassword: "wrong-pass-5", newPassword: "NewPass2026" });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe("ACCOUNT_LOCKED");
    // Locked for sign-in too, and the right current password no longer helps while locked.
    expect((await new ClientAt(t.app, "10.5.0.2").post("/api/auth/login", { username: "yxq_branch", password: DEMO_PASSWORD })).statusCode).toBe(423);
    expect((await c.post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "NewPass2026" })).statusCode).toBe(423);
  });
});

describe("phone sign-in with a one-time code", () => {
  it("sends a code through the SMS gateway, shows it in demo mode, and signs the resident in", async () => {
    const c = new Client(t.app);
    const req = await c.post("/api/auth/otp/request", { phone: "13900000001" });
    expect(req.statusCode).toBe(200);
    const code = t.deps.sms.lastCodeFor("13900000001");
    expect(code).toMatch(/^\d{6}$/);
    expect(req.json()).toEqual({ sent: true, demoCode: code });
    expect((await c.post("/api/auth/otp/verify", { phone: "13900000001", code: code === "000000" ? "000001" : "000000" })).statusCode).toBe(401);
    const res = await c.post("/api/auth/otp/verify", { phone: "13900000001", code });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ role: "resident", phone: "139****0001" });
    // a code works once
    expect((await new Client(t.app).post("/api/auth/otp/verify", { phone: "13900000001", code })).statusCode).toBe(401);
  });

  it("answers the same for unknown phones and refuses a resend within a minute", async () => {
    const c = new Client(t.app);
    const a = await c.post("/api/auth/otp/request", { phone: "13712345670" });
    expect(a.statusCode).toBe(200);
    expect(Object.keys(a.json()).sort()).toEqual(["demoCode", "sent"]);
    const again = await c.post("/api/auth/otp/request", { phone: "13712345670" });
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe("RATE_LIMITED");
  });

  it("does not show the code outside demo mode", async () => {
    const prod = await createTestApp({ DEMO_MODE: "false" });
    try {
      const res = await new Client(prod.app).post("/api/auth/otp/request", { phone: "13900000002" });
      expect(res.json()).toEqual({ sent: true });
      expect(prod.deps.sms.lastCodeFor("13900000002")).toMatch(/^\d{6}$/);
    } finally {
      await prod.close();
    }
  });

  it("stops accepting guesses after 5 wrong codes", async () => {
    const c = new Client(t.app);
    await c.post("/api/auth/otp/request", { phone: "13900000012" });
    const code = t.deps.sms.lastCodeFor("13900000012")!;
    const wrong = code === "111111" ? "222222" : "111111";
    for (let i = 0; i < 5; i++) expect((await c.post("/api/auth/otp/verify", { phone: "13900000012", code: wrong })).statusCode).toBe(401);
    expect((await c.post("/api/auth/otp/verify", { phone: "13900000012", code })).statusCode).toBe(401);
  });
});
