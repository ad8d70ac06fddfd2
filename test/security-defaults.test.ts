import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Client, createTestApp, DEMO_PASSWORD, openTestDatabase, type TestApp } from "./support/app";
import { installation, users } from "../src/server/db/schema/accounts";
import { loadConfig } from "../src/server/config";
import {
  activeDemoAccounts,
  checkDemoDatabase,
  checkProductionDatabase,
  disableDemoAccounts,
  StartRefusedError,
} from "../src/server/bootstrap";
import { LogSmsGateway } from "../src/server/platform/sms";
import { contentSecurityPolicy, tileSource } from "../src/server/platform/web-security";
import { uuidv7 } from "../src/server/platform/ids";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("a default install is safe", () => {
  it("listens on loopback in demo mode unless HOST says otherwise; production seeds nothing", () => {
    const demo = loadConfig({});
    expect(demo).toMatchObject({ demoMode: true, host: "localhost", seedOnEmpty: true });
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig({ NODE_ENV: "production" })).toMatchObject({ demoMode: false, host: "0.0.0.0", seedOnEmpty: false });
  });

  it("shows demo accounts and codes only to requests from this machine", async () => {
    const local = await new Client(t.app).get("/api/config");
    expect(local.json().demoMode).toBe(true);
    expect(local.json().demoAccounts.map((a: { username: string }) => a.username)).toContain("admin");

    const remote = await t.app.inject({ method: "GET", url: "/api/config", remoteAddress: "192.168.1.20" });
    expect(remote.json()).toMatchObject({ demoMode: false, demoAccounts: [] });
    // A local reverse proxy (forwarding headers) or a rebound DNS name does not count as this machine.
    const proxied = await t.app.inject({ method: "GET", url: "/api/config", headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(proxied.json().demoAccounts).toEqual([]);
    const rebound = await t.app.inject({ method: "GET", url: "/api/config", headers: { host: "evil.example:3000" } });
    expect(rebound.json().demoAccounts).toEqual([]);

    const fromLan = await t.app.inject({ method: "POST", url: "/api/auth/otp/request", payload: { phone: "13900000021" }, remoteAddress: "192.168.1.20" });
    expect(fromLan.statusCode).toBe(200);
    expect(fromLan.json()).toEqual({ sent: true });
    const fromHere = await new Client(t.app).post("/api/auth/otp/request", { phone: "13900000022" });
    expect(fromHere.json()).toEqual({ sent: true, demoCode: t.deps.sms.lastCodeFor("13900000022") });
  });

  it("lists only the seeded demo accounts, never one somebody made", async () => {
    await t.database.db.insert(users).values({ id: uuidv7(), username: "real_person", displayName: "真实用户", role: "community_staff" });
    const res = await new Client(t.app).get("/api/config");
    expect(res.json().demoAccounts.map((a: { username: string }) => a.username)).not.toContain("real_person");
  });

  it("refuses demo mode over a database with data the demo seed did not make", async () => {
    const database = await openTestDatabase();
    try {
      await expect(checkDemoDatabase(database.db)).resolves.toBeUndefined();
      await database.db.insert(users).values({ id: uuidv7(), username: "real_staff", displayName: "真实员工", role: "community_staff" });
      await expect(checkDemoDatabase(database.db)).rejects.toThrow(StartRefusedError);
      await expect(checkDemoDatabase(database.db)).rejects.toThrow(/Demo mode refuses/);
      // No demo mark at all: refused too.
      await database.db.delete(users).where(eq(users.username, "real_staff"));
      await expect(checkDemoDatabase(database.db)).resolves.toBeUndefined();
      await database.db.delete(installation);
      await expect(checkDemoDatabase(database.db)).rejects.toThrow(/no demo mark/);
    } finally {
      await database.close();
    }
  });

  it("refuses production while demo accounts are active, naming them, until they are disabled", async () => {
    const database = await openTestDatabase();
    try {
      const active = await activeDemoAccounts(database.db);
      expect(active.map((a) => a.username)).toContain("admin");
      const refusal = await checkProductionDatabase(database.db).catch((err: Error) => err);
      expect(refusal).toBeInstanceOf(StartRefusedError);
      expect((refusal as Error).message).toMatch(/admin\s+platform_admin/);
      expect((refusal as Error).message).toMatch(/phone \*\*\*\d{4}\s+resident/);
      expect((refusal as Error).message).toMatch(/disable-demo/);

      const disabled = await disableDemoAccounts(database.db);
      expect(disabled.length).toBe(active.length);
      await expect(checkProductionDatabase(database.db)).resolves.toBeUndefined();
      // From now on it is real data: demo mode refuses it.
      await expect(checkDemoDatabase(database.db)).rejects.toThrow(StartRefusedError);
    } finally {
      await database.close();
    }
  });

  it("the log SMS gateway writes no code outside demo mode", async () => {
    const lines: Array<{ obj: object; msg: string }> = [];
    const log = { info: (obj: object, msg: string) => lines.push({ obj, msg }) };
    await new LogSmsGateway(log, { demoMode: false }).send("13900000031", "【邻里】您的登录验证码是 482913，5分钟内有效。");
    expect(lines).toHaveLength(1);
    const written = JSON.stringify(lines[0]);
    expect(written).not.toContain("482913");
    expect(written).not.toContain("13900000031");
    expect(written).toContain("139****0031");

    lines.length = 0;
    await new LogSmsGateway(log, { demoMode: true }).send("13900000031", "【邻里】您的登录验证码是 482913，5分钟内有效。");
    expect(JSON.stringify(lines[0])).toContain("482913");
  });
});

describe("browser protections", () => {
  it("refuses state-changing requests from another site", async () => {
    const body = { username: "hk_staff", password: DEMO_PASSWORD };
    const crossSite = await new Client(t.app, { "sec-fetch-site": "cross-site" }).post("/api/auth/login", body);
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toMatchObject({ code: "FORBIDDEN", details: { reason: "cross-site" } });
    const otherOrigin = await new Client(t.app, { origin: "https://evil.example" }).post("/api/auth/login", body);
    expect(otherOrigin.statusCode).toBe(403);
    expect(otherOrigin.json().details).toEqual({ reason: "cross-site" });
    expect((await new Client(t.app, { origin: "null" }).post("/api/auth/login", body)).statusCode).toBe(403);
    // Same origin, same site, and clients that send neither header pass.
    expect((await new Client(t.app, { origin: "http://localhost:80", "sec-fetch-site": "same-origin" }).post("/api/auth/login", body)).statusCode).toBe(200);
    expect((await new Client(t.app).post("/api/auth/login", body)).statusCode).toBe(200);
    // Reading is not refused.
    expect((await new Client(t.app, { "sec-fetch-site": "cross-site" }).get("/api/config")).statusCode).toBe(200);

    // A cross-site sign-out does not end the session.
    const c = await new Client(t.app).login("hk_grid1");
    const out = await c.request({ method: "POST", url: "/api/auth/logout", headers: { origin: "https://evil.example" } });
    expect(out.statusCode).toBe(403);
    expect((await c.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("refuses text/plain bodies with 415, so a cross-site form cannot sign anyone in or out", async () => {
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "text/plain" },
      payload: JSON.stringify({ username: "hk_staff", password: DEMO_PASSWORD }),
    });
    expect(login.statusCode).toBe(415);
    expect(login.json().code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(login.headers["set-cookie"]).toBeUndefined();

    const c = await new Client(t.app).login("hk_grid2");
    const out = await c.request({ method: "POST", url: "/api/auth/logout", headers: { "content-type": "text/plain;charset=UTF-8" }, payload: "" });
    expect(out.statusCode).toBe(415);
    expect((await c.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("sends security headers, and no-store on API answers", async () => {
    const c = await new Client(t.app).login("hk_staff");
    const me = await c.get("/api/auth/me");
    expect(me.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(me.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(me.headers["x-content-type-options"]).toBe("nosniff");
    expect(me.headers["x-frame-options"]).toBe("DENY");
    expect(me.headers["referrer-policy"]).toBe("same-origin");
    expect(me.headers["cache-control"]).toBe("no-store");
    // Errors too.
    const missing = await c.get("/api/no-such-thing");
    expect(missing.headers["cache-control"]).toBe("no-store");
    expect(missing.headers["x-frame-options"]).toBe("DENY");
    // Pages outside /api keep their own caching.
    const docs = await c.get("/docs/json");
    expect(docs.headers["cache-control"]).not.toBe("no-store");
    expect(docs.headers["content-security-policy"]).toBeDefined();
  });

  it("allows images and tiles from the configured map tile host in the policy", async () => {
    expect(tileSource("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe("https://*.tile.openstreetmap.org");
    expect(tileSource("https://tiles.example.cn:8443/{z}/{x}/{y}.png")).toBe("https://tiles.example.cn:8443");
    expect(tileSource("")).toBeNull();
    const policy = contentSecurityPolicy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png");
    expect(policy).toMatch(/img-src 'self' data: blob: https:\/\/\*\.tile\.openstreetmap\.org/);
    expect(contentSecurityPolicy("")).toContain("img-src 'self' data: blob:;");

    const withTiles = await createTestApp({ MAP_TILE_URL: "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}" });
    try {
      const res = await withTiles.app.inject({ method: "GET", url: "/api/config" });
      expect(res.headers["content-security-policy"]).toContain("img-src 'self' data: blob: https:");
    } finally {
      await withTiles.close();
    }
  });

  it("marks the session cookie Secure when the request came over HTTPS through a trusted proxy", async () => {
    const proxied = await createTestApp({ TRUST_PROXY: "true" });
    try {
      const body = { username: "hk_staff", password: DEMO_PASSWORD };
      const https = await new Client(proxied.app, { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.5" }).post("/api/auth/login", body);
      expect(https.statusCode).toBe(200);
      expect(String(https.headers["set-cookie"])).toMatch(/;\s*Secure/i);
      const http = await new Client(proxied.app, { "x-forwarded-proto": "http", "x-forwarded-for": "203.0.113.5" }).post("/api/auth/login", body);
      expect(String(http.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
    // Without a trusted proxy, a forged X-Forwarded-Proto changes nothing.
    const direct = await new Client(t.app, { "x-forwarded-proto": "https" }).post("/api/auth/login", { username: "hk_staff", password: DEMO_PASSWORD });
    expect(String(direct.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
  });
});
