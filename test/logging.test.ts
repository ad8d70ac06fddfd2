import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/server/app";
import { createDeps } from "../src/server/bootstrap";
import type { Database } from "../src/server/db/client";
import { PersonalDataCipher } from "../src/server/platform/personal-data";
import { MemorySmsGateway } from "../src/server/platform/sms";
import { scrubMessage } from "../src/server/platform/logging";
import { Client, openTestDatabase, testConfig } from "./support/app";
import { TEST_DATA_KEY } from "./support/constants";

/** Synthetic values: a phone and an ID number (valid checksum) that belong to no one. */
const PHONE = "13812345678";
const ID_NUMBER = "11010519491231002X";

let database: Database;
let app: FastifyInstance;
let staff: Client;
const lines: string[] = [];
const errors: Error[] = [];

const logText = () => lines.join("");
const entries = () => logText().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  database = await openTestDatabase();
  const deps = await createDeps(testConfig(), database, new PersonalDataCipher(Buffer.from(TEST_DATA_KEY, "hex")), new MemorySmsGateway());
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  app = await buildApp(deps, { logger: { level: "info", stream } });
  // The raw errors, to show what the log would have carried without the scrubbing.
  app.addHook("onError", async (_req, _reply, err) => {
    errors.push(err);
  });
  await app.ready();
  staff = await new Client(app).login("hk_staff");
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("logs carry no personal data", () => {
  it("logs a normal request by its path, without the query string or cookies", async () => {
    lines.length = 0;
    const res = await staff.get(`/api/people?q=${PHONE.slice(-4)}&address=${encodeURIComponent("金水湾 3栋")}`);
    expect(res.statusCode).toBe(200);
    const incoming = entries().find((e) => e.msg === "incoming request") as { req: { url: string; method: string } } | undefined;
    expect(incoming?.req).toMatchObject({ method: "GET", url: "/api/people" });
    const text = logText();
    expect(text).not.toContain("q=");
    expect(text).not.toContain("金水湾");
    expect(text).not.toContain("linli_sid");
    expect(entries().some((e) => e.msg === "request completed")).toBe(true);
  });

  it("logs a 5xx caused by a database error by class, code, route and stack, without the phone or ID number", async () => {
    // Break two tables of this private database copy so that the next writes and reads fail in SQL.
    await database.db.execute(sql.raw(`ALTER TABLE case_events RENAME TO case_events_moved`));
    await database.db.execute(sql.raw(`ALTER TABLE persons RENAME TO persons_moved`));
    lines.length = 0;
    errors.length = 0;

    const report = await staff.request({
      method: "POST",
      url: `/api/cases?contact=${PHONE}&idNumber=${ID_NUMBER}`,
      payload: {
        categoryCode: "sanitation",
        description: `来电人电话${PHONE}，身份证号${ID_NUMBER}，反映楼道堆放杂物`,
        channel: "phone",
        reporterName: "来电居民",
        reporterPhone: PHONE,
      },
    });
    expect(report.statusCode).toBe(500);
    expect(report.json()).toMatchObject({ code: "INTERNAL" });
    expect(report.body).not.toContain(PHONE);

    const search = await staff.get(`/api/people?q=${ID_NUMBER}`);
    expect(search.statusCode).toBe(500);

    // Without the scrubbing, the error messages themselves would have carried both values.
    const raw = errors.map((e) => `${e.message}\n${String((e as { params?: unknown }).params ?? "")}`).join("\n");
    expect(raw).toContain(PHONE);
    expect(raw).toContain(ID_NUMBER);

    const text = logText();
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE.slice(0, 7));
    expect(text).not.toContain("params:");
    const failures = entries().filter((e) => e.msg === "unhandled error") as Array<{
      level: number;
      route: string;
      err: { type: string; message: string; stack: string; cause?: { code?: string } };
    }>;
    expect(failures.map((f) => f.route).sort()).toEqual(["/api/cases", "/api/people"]);
    for (const f of failures) {
      expect(f.level).toBe(50);
      expect(f.err.type).toBe("DrizzleQueryError");
      expect(f.err.message).toContain("[params withheld]");
      expect(f.err.stack).toMatch(/\n\s+at /);
      expect(f.err.cause?.code).toBe("42P01"); // undefined_table
    }
    const incoming = entries().filter((e) => e.msg === "incoming request") as Array<{ req: { url: string } }>;
    expect(incoming.map((e) => e.req.url)).toEqual(["/api/cases", "/api/people"]);
  });

  it("scrubs values from driver messages while keeping what went wrong", () => {
    expect(scrubMessage(`Failed query: select 1 where a = $1\nparams: ${PHONE}`)).toBe("Failed query: select 1 where a = $1 [params withheld]");
    expect(scrubMessage(`duplicate key value violates unique constraint "persons_id_hash_idx"`)).toContain("persons_id_hash_idx");
    expect(scrubMessage(`Key (phone)=(${PHONE}) already exists.`)).toBe("Key (phone)=(…) already exists.");
    expect(scrubMessage(`invalid input syntax for type uuid: "${ID_NUMBER}"`)).toBe(`invalid input syntax for type uuid: "…"`);
    expect(scrubMessage(`call ${PHONE} now`)).not.toContain(PHONE);
  });
});
