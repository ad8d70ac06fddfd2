import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/**
 * Open311 GeoReport v2 under /open311/v2: discovery, services, requests as the public sees them, and
 * POST requests with a key issued by staff (hashed, scoped, rate-limited, revocable, audited).
 */
let t: TestApp;
let hkSecretary: Client;
let anonymous: Client;
let hk: { id: string; point: [number, number] };
let yxq: { id: string; point: [number, number] };

const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(s));
const form = (fields: Record<string, string | number>) => new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
const postForm = (url: string, fields: Record<string, string | number>) =>
  anonymous.request({ method: "POST", url, payload: form(fields), headers: { "content-type": "application/x-www-form-urlencoded" } });

async function community(name: string) {
  const [c] = await q<{ id: string; lng: number; lat: number }>(sql`SELECT c.id, (m.center)[0] AS lng, (m.center)[1] AS lat FROM areas c JOIN areas m ON m.community_id = c.id AND m.level = 'microgrid'
    WHERE c.name = ${name} AND c.level = 'community' ORDER BY m.name LIMIT 1`);
  return { id: c.id, point: [Number(c.lng), Number(c.lat)] as [number, number] };
}

async function issue(c: Client, body: Record<string, unknown>) {
  const res = await c.post("/api/api-keys", body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; key: string; prefix: string };
}

beforeAll(async () => {
  t = await createTestApp();
  hkSecretary = await as(t, "hk_secretary");
  anonymous = new Client(t.app);
  hk = await community("红康社区");
  yxq = await community("怡心桥社区");
});
afterAll(() => t.close());

describe("Open311 discovery and services", () => {
  it("answers discovery and the services in JSON and XML, without sensitive categories", async () => {
    const d = await anonymous.get("/open311/v2/discovery.json");
    expect(d.statusCode).toBe(200);
    expect(d.json().endpoints[0]).toMatchObject({ specification: "http://wiki.open311.org/GeoReport_v2", formats: ["application/json", "text/xml"] });
    const dx = await anonymous.get("/open311/v2/discovery.xml");
    expect(dx.headers["content-type"]).toMatch(/^text\/xml; charset=utf-8/);
    expect(dx.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<discovery>.*<endpoints><endpoint>.*<formats><format>application\/json<\/format><format>text\/xml<\/format><\/formats>/s);

    const s = await anonymous.get("/open311/v2/services.json");
    expect(s.statusCode).toBe(200);
    const services = s.json() as Array<Record<string, unknown>>;
    const codes = services.map((x) => x.service_code);
    expect(codes).toContain("noise");
    expect(codes).not.toContain("dispute_family");
    expect(codes).not.toContain("police_sensitive");
    expect(services.find((x) => x.service_code === "noise")).toEqual({ service_code: "noise", service_name: "噪音扰民", description: "噪音扰民（噪音扰民）", metadata: false, type: "realtime", keywords: "噪音扰民, Noise, 噪音扰民", group: "噪音扰民" });
    const en = await anonymous.request({ method: "GET", url: "/open311/v2/services.json", headers: { "accept-language": "en" } });
    expect(en.json().find((x: { service_code: string }) => x.service_code === "noise").service_name).toBe("Noise");
    const sx = await anonymous.get("/open311/v2/services.xml");
    expect(sx.body).toContain("<service><service_code>noise</service_code><service_name>噪音扰民</service_name>");
    expect(sx.body.match(/<service>/g)?.length).toBe(services.length);

    expect((await anonymous.get("/open311/v2/services/noise.json")).json()).toEqual({ service_code: "noise", attributes: [] });
    const unknown = await anonymous.get("/open311/v2/services/dispute_family.xml");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toMatch(/<errors><error><code>404<\/code><description>/);
    const nowhere = await anonymous.get("/open311/v2/nothing.json");
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});

describe("Open311 keys and POST requests", () => {
  it("issues keys stored hashed, listed by prefix only, for the issuer's scope only", async () => {
    const k = await issue(hkSecretary, { name: "市民通 App", purpose: "open311", areaId: hk.id });
    expect(k.key).toMatch(/^ll_[A-Za-z0-9_-]{43}$/);
    expect(k.key.startsWith(k.prefix)).toBe(true);
    const [stored] = await q<{ key_hash: string; prefix: string }>(sql`SELECT key_hash, prefix FROM api_keys WHERE id = ${k.id}`);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(k.key.slice(3, 20));
    const listed = await hkSecretary.get("/api/api-keys");
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(k.key);
    expect(listed.json().items.find((x: { id: string }) => x.id === k.id)).toMatchObject({ prefix: k.prefix, purpose: "open311", area: { id: hk.id, name: "红康社区" }, revokedAt: null });
    // another community's area, a grid, and a role without the permission
    expect((await hkSecretary.post("/api/api-keys", { name: "越权", purpose: "open311", areaId: yxq.id })).statusCode).toBe(404);
    const [grid] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE parent_id = ${hk.id} AND level = 'grid' LIMIT 1`);
    expect((await hkSecretary.post("/api/api-keys", { name: "网格", purpose: "open311", areaId: grid.id })).statusCode).toBe(400);
    expect((await (await as(t, "hk_grid1")).post("/api/api-keys", { name: "x", purpose: "open311", areaId: hk.id })).statusCode).toBe(403);
    expect((await (await as(t, "yxq_secretary")).get("/api/api-keys")).json().items.map((x: { id: string }) => x.id)).not.toContain(k.id);
    const [audit] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'apikey.issue' AND target_id = ${k.id}`);
    expect(audit.n).toBe(1);
  });

  it("creates a case through the app's intake and reads it back as the public sees it", async () => {
    const k = await issue(hkSecretary, { name: "市民通", purpose: "open311", areaId: hk.id });
    const res = await postForm("/open311/v2/requests.json", {
      api_key: k.key,
      service_code: "noise",
      lat: hk.point[1],
      long: hk.point[0],
      description: "楼下商铺夜间音响扰民，联系人王小明 13912345678",
      first_name: "小明",
      last_name: "王",
      phone: "13912345678",
      email: "wxm@example.com",
    });
    expect(res.statusCode, res.body).toBe(200);
    const [created] = res.json() as Array<{ service_request_id: string; service_notice: string; account_id: null }>;
    expect(created.service_request_id).toMatch(/^[A-Z]+-\d{8}-\d{4}$/);
    expect(created.service_notice).toContain("红康社区");
    const [row] = await q<{ channel: string; reporter_name: string; reporter_phone_enc: string; reporter_id: string | null; community_id: string; status: string }>(
      sql`SELECT channel, reporter_name, reporter_phone_enc, reporter_id, community_id, status FROM cases WHERE number = ${created.service_request_id}`,
    );
    expect(row).toMatchObject({ channel: "open311", reporter_name: "王小明", reporter_id: null, community_id: hk.id, status: "reported" });
    expect(row.reporter_phone_enc).not.toContain("13912345678");
    expect(t.deps.cipher.decrypt(row.reporter_phone_enc)).toBe("13912345678");
    const [use] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'apikey.use' AND target_id = ${k.id}`);
    expect(use.n).toBe(1);
    const [link] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'open311.request' AND after->>'apiKeyId' = ${k.id}`);
    expect(link.n).toBe(1);

    const one = await anonymous.get(`/open311/v2/requests/${created.service_request_id}.json`);
    expect(one.statusCode).toBe(200);
    const [r] = one.json();
    expect(r).toMatchObject({ service_request_id: created.service_request_id, status: "open", service_code: "noise", service_name: "噪音扰民", agency_responsible: "红康社区", address: null });
    expect(r.description).toContain("139****5678");
    expect(r.description).not.toContain("13912345678");
    // the place is on the public grid (~50 m), not the exact point
    expect(Math.abs(r.lat - hk.point[1])).toBeLessThan(0.0005);
    expect([r.long, r.lat]).toEqual([Number((Math.round(hk.point[0] / 0.0005) * 0.0005).toFixed(6)), Number((Math.round(hk.point[1] / 0.0005) * 0.0005).toFixed(6))]);
    const xml = await anonymous.get(`/open311/v2/requests/${created.service_request_id}.xml`);
    expect(xml.body).toContain(`<service_requests><request><service_request_id>${created.service_request_id}</service_request_id><status>open</status>`);
    expect(xml.body).not.toContain("wxm@example.com");
    const list = (await anonymous.get(`/open311/v2/requests.json?service_code=noise,road&status=open`)).json() as Array<{ service_request_id: string; status: string; service_code: string }>;
    expect(list.map((x) => x.service_request_id)).toContain(created.service_request_id);
    expect(list.every((x) => x.status === "open" && ["noise", "road"].includes(x.service_code))).toBe(true);
    const closed = (await anonymous.get(`/open311/v2/requests.json?status=closed&start_date=2000-01-01T00:00:00Z`)).json() as Array<{ status: string }>;
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((x) => x.status === "closed")).toBe(true);
    // the case is in the staff's list like any other
    const [{ id }] = await q<{ id: string }>(sql`SELECT id FROM cases WHERE number = ${created.service_request_id}`);
    const staff = await hkSecretary.get(`/api/cases/${id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.json()).toMatchObject({ channel: "open311", reporterPhone: "139****5678" });
  });

  it("escapes text in XML and never shows sensitive categories", async () => {
    const k = await issue(hkSecretary, { name: "escape", purpose: "open311", areaId: hk.id });
    const res = await postForm("/open311/v2/requests.xml", { api_key: k.key, service_code: "road", lat: hk.point[1], long: hk.point[0], description: `<script>alert("x")</script> & 'q' 井盖松动` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/xml/);
    const id = /<service_request_id>([^<]+)<\/service_request_id>/.exec(res.body)![1];
    const xml = (await anonymous.get(`/open311/v2/requests/${id}.xml`)).body;
    expect(xml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos; 井盖松动");
    expect(xml).not.toContain("<script>");
    const [sensitive] = await q<{ number: string }>(sql`SELECT c.number FROM cases c JOIN case_categories k ON k.code = c.category_code WHERE k.sensitive ORDER BY c.created_at DESC LIMIT 1`);
    expect(sensitive).toBeTruthy();
    expect((await anonymous.get(`/open311/v2/requests/${sensitive.number}.json`)).statusCode).toBe(404);
    const all = await anonymous.get(`/open311/v2/requests.json?service_request_id=${sensitive.number}`);
    expect(all.json()).toEqual([]);
  });

  it("answers the spec's error array with the HTTP status for bad requests", async () => {
    const k = await issue(hkSecretary, { name: "bad input", purpose: "open311", areaId: hk.id });
    const base = { api_key: k.key, service_code: "noise", lat: hk.point[1], long: hk.point[0], description: "测试" };
    const before = (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0].n;

    const unknownCode = await postForm("/open311/v2/requests.json", { ...base, service_code: "no_such_service" });
    expect(unknownCode.statusCode).toBe(400);
    expect(unknownCode.json()).toEqual([{ code: 400, description: expect.stringContaining("service_code") }]);
    const sensitiveCode = await postForm("/open311/v2/requests.json", { ...base, service_code: "dispute_family" });
    expect(sensitiveCode.statusCode).toBe(400);

    const outside = await postForm("/open311/v2/requests.json", { ...base, lat: 39.9, long: 116.4 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()[0].description).toContain("outside every area");
    const otherCommunity = await postForm("/open311/v2/requests.json", { ...base, lat: yxq.point[1], long: yxq.point[0] });
    expect(otherCommunity.statusCode).toBe(400);
    expect(otherCommunity.json()[0].description).toContain("outside the area of this api_key");
    const noPoint = await postForm("/open311/v2/requests.json", { api_key: k.key, service_code: "noise", address_string: "金水湾" });
    expect(noPoint.statusCode).toBe(400);

    const missing = await postForm("/open311/v2/requests.xml", { service_code: "noise", lat: hk.point[1], long: hk.point[0] });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<errors><error><code>403<\/code><description>[^<]*api_key_missing/);
    const wrong = await postForm("/open311/v2/requests.json", { ...base, api_key: "ll_" + "x".repeat(43) });
    expect(wrong.statusCode).toBe(403);
    const hotlineKey = await issue(hkSecretary, { name: "12345", purpose: "hotline", areaId: hk.id });
    expect((await postForm("/open311/v2/requests.json", { ...base, api_key: hotlineKey.key })).statusCode).toBe(403);

    const badLat = await postForm("/open311/v2/requests.json", { ...base, lat: "NaN" });
    expect(badLat.statusCode).toBe(400);
    expect(Array.isArray(badLat.json())).toBe(true);
    const extra = await postForm("/open311/v2/requests.json", { ...base, "attribute[x]": "1" });
    expect(extra.statusCode).toBe(400);
    const twice = await anonymous.request({ method: "POST", url: "/open311/v2/requests.json", payload: `${form(base)}&service_code=road`, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(twice.statusCode).toBe(400);
    const period = await anonymous.get("/open311/v2/requests.json?start_date=2024-05-01T00:00:00Z&end_date=2024-04-01T00:00:00Z");
    expect(period.statusCode).toBe(400);
    expect(period.json()[0].code).toBe(400);
    expect((await anonymous.get("/open311/v2/requests.json?status=pending")).statusCode).toBe(400);
    expect((await anonymous.get("/open311/v2/requests.json?page_size=5000")).statusCode).toBe(400);

    const after = (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0].n;
    expect(after).toBe(before);
  });

  it("refuses a revoked key and counts uses against the key's limit", async () => {
    const k = await issue(hkSecretary, { name: "limited", purpose: "open311", areaId: hk.id, ratePerMinute: 2 });
    const body = { api_key: k.key, service_code: "sanitation", lat: hk.point[1], long: hk.point[0], description: "垃圾未清运" };
    expect((await postForm("/open311/v2/requests.json", body)).statusCode).toBe(200);
    expect((await postForm("/open311/v2/requests.json", body)).statusCode).toBe(200);
    const third = await postForm("/open311/v2/requests.json", body);
    // the minute may have turned between the calls; then the count starts again
    const [w] = await q<{ window_count: number }>(sql`SELECT window_count FROM api_keys WHERE id = ${k.id}`);
    if (w.window_count >= 3) expect(third.statusCode).toBe(429);
    expect([200, 429]).toContain(third.statusCode);
    if (third.statusCode === 429) expect(third.json()).toEqual([{ code: 429, description: expect.any(String) }]);

    const other = await issue(hkSecretary, { name: "to revoke", purpose: "open311", areaId: hk.id });
    const yxqSecretary = await as(t, "yxq_secretary");
    expect((await yxqSecretary.post(`/api/api-keys/${other.id}/revoke`)).statusCode).toBe(404);
    expect((await hkSecretary.post(`/api/api-keys/${other.id}/revoke`)).statusCode).toBe(200);
    expect((await hkSecretary.post(`/api/api-keys/${other.id}/revoke`)).statusCode).toBe(200);
    const revoked = await postForm("/open311/v2/requests.json", { ...body, api_key: other.key });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json()[0].description).toContain("api_key_revoked");
    const actions = await q<{ action: string }>(sql`SELECT action FROM audit_log WHERE target_id = ${other.id} ORDER BY at`);
    expect(actions.map((a) => a.action)).toEqual(["apikey.issue", "apikey.revoke", "apikey.refused"]);
    expect((await hkSecretary.get("/api/api-keys")).json().items.find((x: { id: string }) => x.id === other.id).revokedAt).not.toBeNull();
  });
});
