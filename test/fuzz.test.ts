/**
 * Input fuzzing: every registered API route gets valid-shaped and hostile values built from its own
 * zod schemas (body, query, params), sent by a role that may call it. No answer may be a 5xx, every
 * 4xx is a JSON error body, and afterwards no stored text holds a NUL or a replaced lone surrogate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { Client, createTestApp, DEMO_PASSWORD, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";
import { can, isPermission } from "../src/server/platform/policy";

/** Routes not fuzzed, and why. */
const SKIPPED: Record<string, string> = {
  "GET /api/files/:id": "file download: streams a stored photo, takes only an id (covered by the files tests)",
  "GET /api/files/:id/thumb": "file download: streams a stored thumbnail, takes only an id",
  "GET /api/notifications/stream": "server-sent events: the answer never ends",
  "GET /api/registry/imports/:id/report": "file download: the rejected-rows report of an import, takes only an id",
};

/** Cases per route (half valid-shaped, half mixed with hostile values). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const SEED = Number(process.env.FUZZ_SEED ?? 20260314);

type Schema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string }; bag?: Record<string, unknown> } };
type Route = { method: string | string[]; url: string; config?: { policy?: string }; schema?: { body?: Schema; querystring?: Schema; params?: Schema } };

let t: TestApp;
const clients: Record<string, Client> = {};
/** role → client, in the order roles are tried for a permission. */
const ROLE_ACCOUNTS: Array<[role: string, login: string | { phone: string }]> = [
  ["community_secretary", "hk_secretary"],
  ["grid_worker", "hk_grid1"],
  ["resident", { phone: "13900000001" }],
  ["platform_admin", "admin"],
  ["street_officer", "hy_street"],
  ["community_staff", "hk_staff"],
  ["partner_contact", "hk_partner"],
  ["volunteer", "hk_volunteer"],
  ["department_officer", "hy_police"],
  ["branch_secretary", "hk_branch"],
  ["rider", { phone: "13900000002" }],
];

const idsByTable = new Map<string, string[]>();
let allIds: string[] = [];
let categoryCodes: string[] = [];
let tagCodes: string[] = [];

let logins = 0;
async function signIn(login: string | { phone: string }): Promise<Client> {
  const c = new Client(t.app);
  if (typeof login === "string") {
    const res = await c.request({ method: "POST", url: "/api/auth/login", payload: { username: login, password: DEMO_PASSWORD }, remoteAddress: `10.200.${logins >> 8 & 255}.${logins++ & 255}` });
    if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
    return c;
  }
  const req = await c.post("/api/auth/otp/request", { phone: login.phone });
  if (req.statusCode !== 200) throw new Error(`otp request ${login.phone}: ${req.statusCode} ${req.body}`);
  const code = t.deps.sms.lastCodeFor(login.phone);
  const res = await c.post("/api/auth/otp/verify", { phone: login.phone, code });
  if (res.statusCode !== 200) throw new Error(`otp verify ${login.phone}: ${res.statusCode} ${res.body}`);
  return c;
}

beforeAll(async () => {
  t = await createTestApp(process.env.FUZZ_LOG ? { LOG_LEVEL: "error" } : {});
  for (const [role, login] of ROLE_ACCOUNTS) clients[role] = await signIn(login);
  clients.anonymous = new Client(t.app);
  const db = t.database.db;
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
      WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid' AND tb.table_type = 'BASE TABLE'`),
  ).map((r) => r.table_name);
  for (const table of tables) {
    const ids = rowsOf<{ id: string }>(await db.execute(sql.raw(`SELECT id::text AS id FROM "${table}" ORDER BY id DESC LIMIT 12`))).map((r) => r.id);
    if (ids.length) idsByTable.set(table, ids);
  }
  allIds = [...idsByTable.values()].flat();
  categoryCodes = rowsOf<{ code: string }>(await db.execute(sql`SELECT code FROM case_categories`)).map((r) => r.code);
  tagCodes = rowsOf<{ code: string }>(await db.execute(sql`SELECT code FROM tag_definitions`)).map((r) => r.code);
});
afterAll(() => t?.close());

// ---------------------------------------------------------------- values

const HOSTILE_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "'; DROP TABLE persons; --",
  "' OR '1'='1",
  "😀👨‍👩‍👧 表情",
  "e\u0301",
  "  前后空格  ",
  "\u200b",
  "第一行\r\n第二行\t制表",
  "\u001b[31m",
  "<script>alert(1)</script>",
  "%_\\",
  "",
  " ",
  "NaN",
  "Infinity",
  "-0",
  "1e-320",
  "null",
  "0001-01-01",
  "9999-12-31",
  "2024-02-30",
  "00000000-0000-0000-0000-000000000000",
];
const HOSTILE_NUMBERS = [1e-320, -0, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 2 ** 31, -1, 0, 0.5, 123456789012];
const HOSTILE_DAYS = ["0001-01-01", "9999-12-31", "2024-02-30", "2023-02-29", "1899-12-31", "2101-01-01", "2999-01-01", "20240101", "2024-1-1", "+002024-01-01"];
const HOSTILE_INSTANTS = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59+08:00", "1900-06-01T00:00:00+08:00", "2024-02-30T10:00:00Z", "2024-01-01T25:00:00Z", "2999-01-01T00:00:00Z", "2024-01-01T10:00:00", "+275760-09-13T00:00:00Z"];

const chinese = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 });
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(chinese, fc.constantFrom("\u0000", "\ud800", "\udc00", "\u0007")).map(([a, b]) => a + b + a) },
  { weight: 1, arbitrary: fc.constantFrom("长".repeat(50_000), "x".repeat(300_000), "\ud83d".repeat(1000)) },
);
const randomUuid = fc.uuid({ version: [4, 7] });

const dayOffset = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

function idsFor(key: string, url: string): string[] {
  const k = key.toLowerCase();
  const pick = (...tables: string[]) => tables.flatMap((tb) => idsByTable.get(tb) ?? []);
  if (/community|area/.test(k)) return pick("areas");
  if (/user|assignee|handler|convener|actor/.test(k)) return pick("users");
  if (/household/.test(k)) return pick("households");
  if (/person/.test(k)) return pick("persons");
  if (/photo|file/.test(k)) return pick("files");
  if (/^(topicid|topicids)$/.test(k)) return pick("topics");
  if (/case/.test(k)) return pick("cases");
  if (k === "id" || k === "attendanceid") {
    // /api/<segment>/:id → the table named like the segment
    const seg = url.split("/").filter((s) => s && !s.startsWith(":") && s !== "api");
    for (let i = seg.length - 1; i >= 0; i--) {
      const s = seg[i].replace(/-/g, "_");
      const found = [...idsByTable.keys()].filter((tb) => tb === s || tb.endsWith(`_${s}`) || `${tb}s` === s);
      if (found.length) return pick(...found);
    }
  }
  const found = [...idsByTable.keys()].filter((tb) => k.startsWith(tb.replace(/s$/, "").replace(/_/g, "")));
  return found.length ? pick(...found) : allIds;
}

function defOf(s: Schema) {
  return s._zod.def;
}
/** What the checks of a string or number schema say: formats, patterns, bounds. */
function bagOf(s: Schema): { format?: string; patterns: RegExp[]; minimum?: number; maximum?: number } {
  const out: { format?: string; patterns: RegExp[]; minimum?: number; maximum?: number } = { patterns: [] };
  const def = s._zod.def as { format?: string; checks?: Array<{ _zod: { def: Record<string, unknown> } }> };
  if (def.format) out.format = def.format;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === "string_format") {
      if (d.format === "regex" && d.pattern instanceof RegExp) out.patterns.push(d.pattern);
      else out.format = d.format as string;
    } else if (d.check === "number_format") out.format = d.format as string;
    else if (d.check === "max_length" || d.check === "max_size") out.maximum = d.maximum as number;
    else if (d.check === "min_length" || d.check === "min_size") out.minimum = d.minimum as number;
    else if (d.check === "less_than") out.maximum = d.value as number;
    else if (d.check === "greater_than") out.minimum = d.value as number;
  }
  return out;
}

/** A value for a zod schema: valid-shaped ("valid") or with hostile leaves among valid ones ("mixed"). */
function arb(schema: Schema, mode: "valid" | "mixed", key: string, url: string, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const hostile = (valid: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
    mode === "valid" ? valid : fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: bad });
  switch (def.type) {
    case "optional":
      return fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: arb(def.innerType as Schema, mode, key, url, depth) });
    case "default":
    case "prefault":
      return fc.oneof(fc.constant(undefined), arb(def.innerType as Schema, mode, key, url, depth));
    case "nullable":
      return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: arb(def.innerType as Schema, mode, key, url, depth) });
    case "readonly":
    case "catch":
      return arb(def.innerType as Schema, mode, key, url, depth);
    case "pipe": {
      // A number read from a query string: numbers of the output's range, sent as text.
      const out = def.out as Schema;
      if (defOf(def.in as Schema).type === "string" && defOf(out).type === "number") {
        const n = arb(out, "valid", key, url, depth).map(String);
        return mode === "valid" ? n : fc.oneof({ weight: 2, arbitrary: n }, { weight: 1, arbitrary: fc.constantFrom("NaN", "Infinity", "1e-320", "-0", "1e308", "", " ", "0x10", "12abc", "99999999999999999999") }, { weight: 1, arbitrary: hostileString });
      }
      return arb(def.in as Schema, mode, key, url, depth);
    }
    case "transform":
    case "unknown":
    case "any":
      return hostile(fc.string({ maxLength: 10 }), hostileString);
    case "boolean":
      return hostile(fc.boolean(), fc.constantFrom("true", 1, null, "false"));
    case "null":
      return fc.constant(null);
    case "literal":
      return hostile(fc.constantFrom(...(def.values as unknown[])), hostileString);
    case "enum":
      return hostile(fc.constantFrom(...Object.values(def.entries as Record<string, string>)), hostileString);
    case "number": {
      const bag = bagOf(schema);
      const min = typeof bag.minimum === "number" ? bag.minimum : -1000;
      const max = typeof bag.maximum === "number" ? bag.maximum : 1000;
      const isInt = bag.format === "safeint" || bag.format === "int32";
      const lo = Math.max(min, -1e6);
      const hi = Math.min(max, 1e6);
      const valid = isInt
        ? fc.integer({ min: Math.ceil(lo), max: Math.floor(Math.max(lo, hi)) })
        : fc.integer({ min: Math.ceil(lo * 100), max: Math.floor(Math.max(lo, hi) * 100) }).map((x) => x / 100);
      return hostile(valid, fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.constantFrom("NaN", "1e-320", "12")));
    }
    case "string":
      return stringArb(schema, mode, key, url);
    case "array": {
      const bag = bagOf(schema);
      const maxLen = Math.min(typeof bag.maximum === "number" ? bag.maximum : 5, 4);
      const minLen = Math.min(typeof bag.minimum === "number" ? bag.minimum : 0, maxLen);
      const el = arb(def.element as Schema, mode, key, url, depth + 1);
      const valid = fc.array(el, { minLength: minLen, maxLength: Math.max(minLen, maxLen) });
      if (mode === "valid") return valid;
      return fc.oneof(
        { weight: 4, arbitrary: valid },
        { weight: 1, arbitrary: arb(def.element as Schema, "valid", key, url, depth + 1).map((one) => new Array(10_000).fill(one ?? 1)) },
        { weight: 1, arbitrary: hostileString },
      );
    }
    case "tuple": {
      const items = (def.items as Schema[]).map((s) => arb(s, mode, key, url, depth + 1));
      return hostile(fc.tuple(...items), fc.constantFrom([], [1], [1e-320, 1e-320], [1e308, -1e308], ["a", "b"]));
    }
    case "record": {
      const k = arb(def.keyType as Schema, mode, "key", url, depth + 1).filter((x): x is string => typeof x === "string");
      const v = arb(def.valueType as Schema, mode, key, url, depth + 1);
      return hostile(fc.dictionary(k, v, { maxKeys: 3 }), fc.constantFrom({ "\u0000": 1 }, { "\ud800": "x" }, { a: { b: { c: { d: 1 } } } }, []));
    }
    case "union": {
      const opts = (def.options as Schema[]).map((s) => arb(s, mode, key, url, depth + 1));
      return fc.oneof(...opts);
    }
    case "intersection":
      return fc.tuple(arb(def.left as Schema, mode, key, url, depth), arb(def.right as Schema, mode, key, url, depth)).map(([a, b]) => ({ ...(a as object), ...(b as object) }));
    case "object": {
      const shape = def.shape as Record<string, Schema>;
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(shape)) rec[k] = arb(s, mode, k, url, depth + 1);
      const obj = fc.record(rec).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
      if (mode === "valid") return obj;
      let nested: unknown = { deep: 1 };
      for (let i = 0; i < 200; i++) nested = { a: nested };
      return fc.oneof(
        { weight: 5, arbitrary: obj },
        { weight: 1, arbitrary: obj.map((o) => ({ ...o, extra: "x", constructor: { prototype: { polluted: true } } })) },
        { weight: 1, arbitrary: obj.map((o) => ({ ...o, [Object.keys(shape)[0] ?? "a"]: nested })) },
        { weight: 1, arbitrary: fc.constantFrom(null, [], "text", 12) },
      );
    }
    default:
      return hostileString;
  }
}

function stringArb(schema: Schema, mode: "valid" | "mixed", key: string, url: string): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const bag = bagOf(schema);
  const patterns = bag.patterns.map((p) => p.source);
  const format = (def.format as string | undefined) ?? bag.format;
  const maxLen = typeof bag.maximum === "number" ? bag.maximum : 200;
  const hostile = (valid: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
    mode === "valid" ? valid : fc.oneof({ weight: 2, arbitrary: valid }, { weight: 1, arbitrary: bad });
  const k = key.toLowerCase();
  if (format === "uuid" || format === "guid") {
    const pool = idsFor(key, url);
    return hostile(fc.oneof({ weight: 4, arbitrary: pool.length ? fc.constantFrom(...pool) : randomUuid }, { weight: 1, arbitrary: randomUuid }), fc.oneof(fc.constant("00000000-0000-0000-0000-000000000000"), hostileString));
  }
  if (format === "datetime" || /datetime|At$/.test(key) || patterns.some((p) => p.includes("T"))) {
    const valid = fc.integer({ min: -400, max: 400 }).map((d) => new Date(Date.now() + d * 86400_000).toISOString());
    if (format === "datetime") return hostile(valid, fc.oneof(fc.constantFrom(...HOSTILE_INSTANTS), hostileString));
  }
  if (format === "date" || patterns.some((p) => p.includes("\\d{4}-\\d{2}-\\d{2}$"))) {
    return hostile(fc.integer({ min: -400, max: 200 }).map(dayOffset), fc.oneof(fc.constantFrom(...HOSTILE_DAYS), hostileString));
  }
  if (patterns.some((p) => p.includes("(0[1-9]|1[0-2])"))) {
    return hostile(fc.integer({ min: -24, max: 12 }).map((m) => dayOffset(m * 30).slice(0, 7)), fc.constantFrom("0001-01", "9999-12", "2024-13", "2024-00"));
  }
  if (k === "cursor" && mode === "valid") return fc.constant(undefined);
  if (k === "year") return hostile(fc.integer({ min: 2015, max: 2035 }).map(String), fc.constantFrom("0", "9999", "1e3", "NaN", "-1", "2024.5"));
  let valid: fc.Arbitrary<unknown>;
  if (/categor/.test(k) && categoryCodes.length) valid = fc.constantFrom(...categoryCodes);
  else if (/tag/.test(k) && tagCodes.length) valid = fc.constantFrom(...tagCodes);
  else if (patterns.length) {
    const tries = patterns.flatMap((p) => {
      try {
        return [fc.stringMatching(new RegExp(p))];
      } catch {
        return [];
      }
    });
    valid = tries.length ? fc.oneof(...tries).map((s) => s.slice(0, maxLen)) : chinese;
  } else if (bag.format === undefined && typeof bag.minimum !== "number" && /^(limit|days|min|radius|lng|lat|cursor)$/.test(key)) {
    valid = fc.integer({ min: 1, max: 100 }).map(String);
  } else {
    const minLen = typeof bag.minimum === "number" ? bag.minimum : 0;
    valid = fc.oneof(chinese, fc.string({ minLength: 1, maxLength: 12 })).map((s) => (s.length < minLen ? s.padEnd(minLen, "好") : s).slice(0, maxLen));
  }
  return hostile(valid, hostileString);
}

// ---------------------------------------------------------------- requests

/** encodeURIComponent that also carries lone surrogates (as the bytes of their CESU-8 form). */
function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...v]
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          const c = ch.charCodeAt(0);
          return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => "%" + b.toString(16).toUpperCase()).join("");
        }
      })
      .join("");
  }
}

function queryString(q: unknown): string {
  if (!q || typeof q !== "object" || Array.isArray(q)) return q === undefined ? "" : `?${enc(String(q))}`;
  const parts = Object.entries(q as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${enc(k)}=${enc(typeof v === "object" ? JSON.stringify(v) : String(v))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

function clientsFor(route: Route): Client[] {
  const policy = route.config?.policy;
  if (policy === "public") return [clients.anonymous, clients.community_secretary];
  if (policy === "authenticated") return [clients.community_secretary, clients.grid_worker, clients.resident, clients.platform_admin];
  if (policy && isPermission(policy)) {
    const allowed = ROLE_ACCOUNTS.filter(([role]) => can(role as never, policy)).map(([role]) => clients[role]);
    return allowed.length ? allowed.slice(0, 3) : [clients.platform_admin];
  }
  return [clients.platform_admin];
}

interface Failure {
  route: string;
  status: number;
  body: string;
  input: string;
}

const short = (v: unknown) => {
  const s = JSON.stringify(v, (_k, x) => (typeof x === "string" && x.length > 400 ? `${x.slice(0, 200)}…(${x.length})` : Array.isArray(x) && x.length > 20 ? `[${x.length} items]` : x));
  return s && s.length > 1200 ? s.slice(0, 1200) + "…" : s;
};

describe("fuzzing every route", () => {
  it("answers no 5xx, JSON errors for 4xx, and stores no NUL or lone surrogate", async () => {
    // The API, and Open311 GeoReport v2 (outside /api, answering errors in the spec's format).
    const routes = (t.app.routeCatalog as unknown as Route[]).filter((r) => r.url.startsWith("/api/") || r.url.startsWith("/open311/"));
    const failures: Failure[] = [];
    const seen = new Set<string>();
    let sent = 0;
    const statuses = new Map<number, number>();
    let authClient: Client | null = null;
    const started = Date.now();
    for (const route of routes) {
      const method = Array.isArray(route.method) ? route.method[0] : route.method;
      if (method === "HEAD" || method === "OPTIONS") continue;
      const name = `${method} ${route.url}`;
      if (seen.has(name) || SKIPPED[name]) continue;
      if (process.env.FUZZ_ONLY && !new RegExp(process.env.FUZZ_ONLY).test(name)) continue;
      seen.add(name);
      const s = route.schema ?? {};
      const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      const who = clientsFor(route);
      for (const mode of ["valid", "mixed"] as const) {
        const paramsArb: fc.Arbitrary<Record<string, unknown>> = s.params
          ? (arb(s.params, mode, "params", route.url) as fc.Arbitrary<Record<string, unknown>>)
          : fc.record(Object.fromEntries(paramNames.map((p) => [p, hostileString as fc.Arbitrary<unknown>])));
        const queryArb = s.querystring ? arb(s.querystring, mode, "query", route.url) : fc.constant(undefined);
        const bodyArb = s.body ? arb(s.body, mode, "body", route.url) : fc.constant(undefined);
        const cases = fc.sample(fc.tuple(paramsArb, queryArb, bodyArb, fc.nat(who.length - 1)), { numRuns: Math.ceil(RUNS / 2), seed: SEED + seen.size * 7 + (mode === "valid" ? 0 : 1) });
        for (const [params, query, body, w] of cases) {
          let url = route.url;
          for (const p of paramNames) {
            const v = params && typeof params === "object" ? (params as Record<string, unknown>)[p] : undefined;
            url = url.replace(`:${p}`, enc(v === undefined || v === null ? "x" : typeof v === "object" ? JSON.stringify(v) : String(v)) || "x");
          }
          url += queryString(query);
          const hasBody = method !== "GET" && method !== "DELETE" ? true : body !== undefined;
          // Sign-in routes get their own clients: a sign-in, sign-out or password change must not end the shared sessions.
          const authRoute = route.url.startsWith("/api/auth/");
          if (authRoute && route.config?.policy !== "public" && !authClient) authClient = await signIn("hk_grid2");
          const client = !authRoute ? who[w] : route.config?.policy === "public" ? new Client(t.app) : authClient!;
          if (authRoute && method !== "GET") authClient = null;
          const res = await client.request({
            // a new address each time, so that per-address rate limits do not hide the routes behind 429
            remoteAddress: `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
            method: method as "GET",
            url,
            ...(hasBody && body !== undefined ? { payload: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
          });
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (process.env.FUZZ_DEBUG && mode === "valid" && res.statusCode === 400) console.log("400", name, res.body.slice(0, 300));
          const input = short({ url: url.length > 300 ? url.slice(0, 300) + "…" : url, body });
          if (res.statusCode >= 500) {
            failures.push({ route: name, status: res.statusCode, body: res.body.slice(0, 200), input });
            continue;
          }
          if (res.statusCode >= 400 && route.url.startsWith("/open311/")) {
            // The spec's error array: [{code, description}] in JSON, <errors><error>… in XML, with the HTTP status.
            const xml = route.url.endsWith(".xml");
            let ok = false;
            try {
              const body = xml ? null : (res.json() as Array<{ code?: unknown; description?: unknown }>);
              ok = xml
                ? new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\n<errors>(<error><code>${res.statusCode}</code><description>[^<]*</description></error>)+</errors>`).test(res.body)
                : Array.isArray(body) && body.length > 0 && body.every((e) => e.code === res.statusCode && typeof e.description === "string");
            } catch {
              ok = false;
            }
            if (!ok) failures.push({ route: name, status: res.statusCode, body: `not an Open311 error: ${res.body.slice(0, 200)}`, input });
          } else if (res.statusCode >= 400) {
            let parsed: { code?: unknown; message?: unknown } | null = null;
            try {
              parsed = res.json();
            } catch {
              parsed = null;
            }
            if (!parsed || typeof parsed.code !== "string" || typeof parsed.message !== "string") {
              failures.push({ route: name, status: res.statusCode, body: `not a JSON error: ${res.body.slice(0, 200)}`, input });
            }
          }
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`fuzz: ${seen.size} routes, ${sent} requests, ${Math.round((Date.now() - started) / 1000)} s`, Object.fromEntries(statuses));
    const byRoute = new Map<string, Failure[]>();
    for (const f of failures) byRoute.set(f.route, [...(byRoute.get(f.route) ?? []), f]);
    expect(sent, "requests sent").toBeGreaterThan(0);
    const report = [...byRoute.entries()].map(([r, fs]) => `${r}: ${fs.length}× e.g. ${fs[0].status} ${fs[0].body} ← ${fs[0].input}`);
    expect(report).toEqual([]);
  });

  it("the truncated multipart body of an upload answers 400", async () => {
    const c = clients.community_secretary;
    const boundary = "----linlifuzz";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const bodies = [Buffer.from(head + "\xff\xd8\xff\xe0 truncated"), Buffer.from(`--${boundary}\r\nContent-Disposition: form-da`), Buffer.from(""), Buffer.from(`--${boundary}--\r\n`)];
    const multipartRoutes = (t.app.routeCatalog as unknown as Route[]).filter((r) => r.method === "POST" && ["/api/files", "/api/registry/import", "/api/hotline/import"].includes(r.url));
    expect(multipartRoutes.length).toBeGreaterThan(0);
    for (const r of multipartRoutes) {
      for (const payload of bodies) {
        const res = await c.request({ method: "POST", url: r.url, payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
        expect(res.statusCode, `${r.url} ${JSON.stringify(payload.toString().slice(0, 40))}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${r.url}: ${res.body}`).toBeLessThan(500);
        expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
    }
  });

  it("left no NUL character and no replaced lone surrogate in any stored text", async () => {
    const db = t.database.db;
    const cols = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
      await db.execute(sql`SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
        JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')`),
    );
    const byTable = new Map<string, string[]>();
    for (const c of cols) {
      const expr = c.data_type.startsWith("json") ? `"${c.column_name}"::text` : `"${c.column_name}"`;
      byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), `strpos(${expr}, chr(65533)) > 0 OR strpos(${expr}, '\\u0000') > 0`]);
    }
    expect(byTable.size, "text columns to look through").toBeGreaterThan(0);
    const bad: string[] = [];
    for (const [table, conds] of byTable) {
      const [row] = rowsOf<{ n: number }>(await db.execute(sql.raw(`SELECT count(*)::int AS n FROM "${table}" WHERE ${conds.join(" OR ")}`)));
      if (Number(row.n) > 0) bad.push(`${table}: ${row.n} rows`);
    }
    expect(bad).toEqual([]);
  });
});

describe("odd values already stored", () => {
  /** Tables whose rows the lists and details present; one row of each gets extreme dates. */
  const POISONED = ["meetings", "meeting_attendance", "meeting_opinions", "topics", "topic_supports", "cases", "case_events", "resolutions", "resolution_updates", "activities", "signups", "households", "persons", "person_tags", "residence_events", "visits", "correction_requests", "questionnaires", "responses", "partner_units", "agreements", "resource_givings", "recruitment_calls", "talent_applications", "talents", "assignments", "point_entries", "redemptions", "patrol_plans", "patrol_tasks", "patrol_submissions", "checklist_templates", "notifications", "audit_log", "import_jobs"];

  async function poison(instant: string, day: string) {
    const db = t.database.db;
    const cols = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
      await db.execute(sql`SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('timestamp with time zone', 'date')`),
    );
    const touched: string[] = [];
    for (const table of POISONED) {
      const sets = cols.filter((c) => c.table_name === table).map((c) => `"${c.column_name}" = '${c.data_type === "date" ? day : instant}'`);
      if (!sets.length) continue;
      const hasCommunity = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} AND column_name = 'community_id'`))[0].n > 0;
      // the latest rows, those of the secretary's community first
      const first = hasCommunity ? `(community_id = (SELECT a.community_id FROM users u JOIN areas a ON a.id = u.area_id WHERE u.username = 'hk_secretary')) DESC NULLS LAST, ` : "";
      const rows = rowsOf<{ id: string }>(await db.execute(sql.raw(`SELECT ctid::text AS id FROM "${table}" ORDER BY ${first}ctid DESC LIMIT 3`)));
      for (const r of rows) {
        try {
          await db.execute(sql.raw(`UPDATE "${table}" SET ${sets.join(", ")} WHERE ctid = '${r.id}'::tid`));
          touched.push(`${table}:${r.id}`);
        } catch {
          // a unique or check constraint refused this row (e.g. two tasks of one plan in one period): skip it
        }
      }
    }
    return touched;
  }

  async function sweep(label: string) {
    const routes = (t.app.routeCatalog as unknown as Route[]).filter((r) => r.url.startsWith("/api/") && r.method === "GET" && !SKIPPED[`GET ${r.url}`]);
    const bad: string[] = [];
    for (const route of routes) {
      const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      if (paramNames.some((p) => p !== "id")) continue;
      const ids = paramNames.length ? idsFor("id", route.url).slice(0, 3) : [""];
      for (const id of ids) {
        const url = route.url.replace(":id", id);
        for (const c of clientsFor(route).slice(0, 2)) {
          const res = await c.request({ method: "GET", url: url + (route.url.endsWith("/measures") || route.url.includes("coverage") ? `?from=2000-01-01&to=${dayOffset(0)}` : "") });
          if (res.statusCode >= 500) bad.push(`${label} GET ${url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
    }
    return bad;
  }

  it("presents rows dated in year 0001 or 9999 without a server error (GET /api/meetings first)", async () => {
    const sec = clients.community_secretary;
    const [m] = rowsOf<{ id: string }>(await t.database.db.execute(sql`SELECT m.id FROM meetings m JOIN users u ON u.username = 'hk_secretary' JOIN areas a ON a.id = u.area_id WHERE m.community_id = a.id ORDER BY m.starts_at DESC LIMIT 1`));
    await t.database.db.execute(sql`UPDATE meetings SET starts_at = '0001-01-01 10:00:00+08', ends_at = '0001-01-01 12:00:00+08' WHERE id = ${m.id}`);
    const list = await sec.get("/api/meetings?limit=200");
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.some((x: { id: string }) => x.id === m.id)).toBe(true);
    expect((await sec.get(`/api/meetings/${m.id}`)).statusCode).toBe(200);

    const bad: string[] = [];
    expect(await poison("0001-01-01 00:00:00+00", "0001-01-01"), "rows dated in year 0001").not.toEqual([]);
    bad.push(...(await sweep("year 0001")));
    expect(await poison("9999-12-31 23:59:59+00", "9999-12-31"), "rows dated in year 9999").not.toEqual([]);
    bad.push(...(await sweep("year 9999")));
    expect(bad).toEqual([]);
  });
});
