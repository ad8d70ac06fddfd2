import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Client, createTestApp, DEMO_PASSWORD, type TestApp } from "./support/app";
import { users, sessions } from "../src/server/db/schema/accounts";
import { auditLog } from "../src/server/db/schema/audit";

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
    await t.database.db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.username, "hk_volunteer"));
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
