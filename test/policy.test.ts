import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app";
import { isPermission } from "../src/server/platform/policy";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("route policies", () => {
  it("every registered route declares a known policy", () => {
    const routes = t.app.routeCatalog;
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes
      .filter((r) => {
        const p = r.config?.policy;
        return !p || !(p === "public" || p === "authenticated" || isPermission(p));
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it("only the deliberate public API routes are public; every other one requires a session", async () => {
    const publicOnes = new Set(["/api/config", "/api/auth/login", "/api/auth/otp/request", "/api/auth/otp/verify", "/api/auth/session", "/api/public/cases/nearby", "/api/public/recruitment/:slug", "/api/public/recruitment/:slug/applications", "/api/health/live", "/api/health/ready"]);
    const declaredPublic = t.app.routeCatalog.filter((r) => r.url.startsWith("/api/") && r.config?.policy === "public").map((r) => r.url);
    expect([...new Set(declaredPublic)].sort()).toEqual([...publicOnes].sort());
    const apiRoutes = t.app.routeCatalog.filter((r) => r.url.startsWith("/api/") && !publicOnes.has(r.url) && r.method !== "HEAD");
    expect(apiRoutes.length).toBeGreaterThan(3);
    for (const r of apiRoutes) {
      const method = (Array.isArray(r.method) ? r.method[0] : r.method) as "GET";
      const url = r.url.replace(/:[a-zA-Z]+/g, "00000000-0000-7000-8000-000000000000");
      const res = await t.app.inject({ method, url, payload: method === "GET" ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().code).toBe("UNAUTHENTICATED");
    }
  });
});
