import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { Client, createTestApp, as, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

let t: TestApp;
let staff: Client;
beforeAll(async () => {
  t = await createTestApp();
  staff = await as(t, "hk_staff");
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number(rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n);

describe("bad input", () => {
  it("answers malformed JSON with a 400 error body", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json" }, payload: '{"username": "a",' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "BAD_REQUEST", message: "请求无法处理" });
  });

  it("answers an oversized body with 413 and writes nothing", async () => {
    const before = await count("audit_log");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ username: "x".repeat(2 * 1024 * 1024), password: "y" }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("PAYLOAD_TOO_LARGE");
    expect(await count("audit_log")).toBe(before);
  });

  it("rejects unknown fields and wrong types with details", async () => {
    const res = await new Client(t.app).post("/api/auth/login", { username: "hk_staff", password: "x", isAdmin: true });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(Array.isArray(body.details)).toBe(true);
    const typed = await new Client(t.app).post("/api/auth/login", { username: 12, password: ["x"] });
    expect(typed.statusCode).toBe(400);
    const q = await staff.get("/api/people?limit=100000");
    expect(q.statusCode).toBe(400);
    const extra = await staff.get("/api/people?evil=1");
    expect(extra.statusCode).toBe(400);
  });

  it("speaks the caller's language", async () => {
    const res = await new Client(t.app, { "accept-language": "en-US,en;q=0.9" }).get("/api/auth/me");
    expect(res.json()).toEqual({ code: "UNAUTHENTICATED", message: "Please sign in first" });
    const zh = await new Client(t.app, { "accept-language": "zh-CN,zh;q=0.9" }).get("/api/auth/me");
    expect(zh.json().message).toBe("请先登录");
  });

  it("treats SQL-looking and script-looking strings as plain text", async () => {
    const before = await count("persons");
    for (const q of ["'; DROP TABLE persons; --", "<script>alert(1)</script>", "%_\\", "' OR '1'='1"]) {
      const res = await staff.get(`/api/people?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([]);
    }
    expect(await count("persons")).toBe(before);
    const login = await new Client(t.app).post("/api/auth/login", { username: "<script>alert(1)</script>' OR 1=1 --", password: "x" });
    expect(login.statusCode).toBe(401);
  });

  it("refuses NUL, control characters, lone surrogates, sub-normal numbers and impossible dates with 400", async () => {
    for (const username of ["a\u0000b", "a\ud800b", "tab\there"]) {
      const res = await new Client(t.app).post("/api/auth/login", { username, password: "x" });
      expect(res.statusCode, username).toBe(400);
      expect(res.json().code).toBe("VALIDATION_FAILED");
    }
    for (const q of ["%00", "a%00b", "%1B"]) expect((await staff.get(`/api/people?q=${q}`)).statusCode, q).toBe(400);
    expect((await staff.get("/api/areas/locate?lng=1e-320&lat=25")).statusCode).toBe(400);
    expect((await staff.get("/api/areas/locate?lng=NaN&lat=25")).statusCode).toBe(400);
    for (const d of ["0001-01-01", "9999-12-31", "2024-02-30"]) {
      expect((await staff.get(`/api/cases/measures?from=${d}&to=2025-01-01`)).statusCode, d).toBe(400);
    }
    // a household cannot move in in 2999
    const future = await staff.post("/api/registry/households", { buildingId: "00000000-0000-7000-8000-000000000000", roomNo: "101", movedInOn: "2999-01-01", members: [{ name: "张三", idNumber: "110101199003071234", relation: "head" }] });
    expect(future.statusCode).toBe(400);
    expect(JSON.stringify(future.json().details)).toContain("movedInOn");
  });

  it("keeps multi-line text, normalises it to NFC and trims single-line text", async () => {
    const { text, line } = await import("../src/contracts/bounded");
    expect(text({ max: 20, multiline: true }).parse(" 第一行\r\n第二行\t ")).toBe("第一行\n第二行");
    expect(line(10).parse("  e\u0301  ")).toBe("\u00e9");
    expect(line(10).safeParse("a\nb").success).toBe(false);
    expect(line(10).safeParse("😀").success).toBe(true);
    expect(line(10).safeParse("\ud83d").success).toBe(false);
  });

  it("answers unknown API paths with a JSON 404 and bad ids with 400", async () => {
    const res = await staff.get("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("NOT_FOUND");
    const bad = await staff.get("/api/overview?areaId=not-a-uuid");
    expect(bad.statusCode).toBe(400);
  });

  it("never leaks internals on a server error", async () => {
    const broken = await createTestApp();
    const c = await as(broken, "hk_staff");
    await broken.database.db.execute(sql`ALTER TABLE persons RENAME TO persons_gone`);
    const res = await c.get("/api/people?q=张");
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: "INTERNAL", message: "服务器内部错误" });
    expect(res.body).not.toMatch(/persons|relation|sql|stack/i);
    await broken.close();
  });
});
