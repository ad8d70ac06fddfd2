import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestApp, as, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";
import { maskForAudit } from "../src/server/platform/audit";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("audit log", () => {
  it("records sign-ins with actor, target, IP and time, browsable by the secretary within scope", async () => {
    await as(t, "hk_staff");
    await as(t, "yxq_staff");
    const secretary = await as(t, "hk_secretary");
    const res = await secretary.get("/api/audit?action=auth.login");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ action: string; targetType: string; ip: string; at: string; actorName: string }>;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items[0]).toMatchObject({ action: "auth.login", targetType: "user", ip: "127.0.0.1" });
    expect(new Date(items[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // the 怡心桥 sign-in is outside 红康's scope
    const names = items.map((i) => i.actorName);
    expect(names.some((n) => n?.includes("怡心桥"))).toBe(false);
    const staff = await as(t, "hk_staff");
    expect((await staff.get("/api/audit")).statusCode).toBe(403);
  });

  it("masks personal fields and drops secrets in before/after", () => {
    expect(
      maskForAudit({ phone: "13812345678", idNumber: "530102199001011234", passwordHash: "x", phoneEnc: "v1...", nested: { contactPhone: "13912345678" } }),
    ).toEqual({ phone: "138****5678", idNumber: "5301**********1234", nested: { contactPhone: "139****5678" } });
  });

  it("stores no plain phone or ID number in the people table", async () => {
    const rows = rowsOf<Record<string, string | null>>(await t.database.db.execute(sql`SELECT * FROM persons LIMIT 200`));
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/\b1[3-9]\d{9}\b/);
    expect(text).not.toMatch(/\b\d{17}[\dX]\b/);
    expect(rows[0].id_number_enc).toMatch(/^v1\./);
  });
});
