import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { FastifyInstance, InjectOptions } from "fastify";
import { buildApp } from "../../src/server/app";
import { createDeps } from "../../src/server/bootstrap";
import { loadConfig, type Config } from "../../src/server/config";
import { openPglite, openPostgres, type Database } from "../../src/server/db/client";
import { PersonalDataCipher } from "../../src/server/platform/personal-data";
import { MemorySmsGateway } from "../../src/server/platform/sms";
import type { AppDeps } from "../../src/server/platform/deps";
import { DEMO_PASSWORD } from "../../src/server/seed/demo";
import { TEST_DATA_KEY } from "./constants";

export { DEMO_PASSWORD };

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps & { sms: MemorySmsGateway };
  database: Database;
  close(): Promise<void>;
}

/** A fresh copy of the seeded template database: PGlite in memory, or a new PostgreSQL database. */
export async function openTestDatabase(): Promise<Database> {
  const pgTemplate = inject("pgTemplate");
  if (pgTemplate) {
    const base = new URL(process.env.DATABASE_URL!);
    const name = `linli_t_${process.ppid}_${randomBytes(4).toString("hex")}`;
    const admin = await openPostgres(base.toString(), 1);
    // CREATE DATABASE … TEMPLATE needs the template to be idle; retry while another file copies it.
    for (let i = 0; ; i++) {
      try {
        await admin.pool.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
        break;
      } catch (err) {
        if (i > 50) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.close();
    base.pathname = "/" + name;
    return openPostgres(base.toString(), 5);
  }
  const file = inject("pgliteTemplate");
  const blob = new Blob([fs.readFileSync(file)]);
  return openPglite({ loadDataDir: blob });
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    DATA_DIR: path.join(os.tmpdir(), "linli-test-data"),
    DATA_KEY: TEST_DATA_KEY,
    DEMO_MODE: "true",
    LOG_LEVEL: "silent",
    ...overrides,
  });
}

/** Builds the real HTTP app on a fresh database copy. */
export async function createTestApp(configOverrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const sms = new MemorySmsGateway();
  const deps = {
    ...(await createDeps(testConfig(configOverrides), database, new PersonalDataCipher(Buffer.from(TEST_DATA_KEY, "hex")), sms)),
    sms,
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A client that keeps its session cookie, like a browser. */
export class Client {
  cookie: string | null = null;
  constructor(
    private readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(opts: InjectOptions) {
    const res = await this.app.inject({
      ...opts,
      headers: { ...this.headers, ...(this.cookie ? { cookie: this.cookie } : {}), ...(opts.headers ?? {}) },
    });
    const set = res.headers["set-cookie"];
    const first = Array.isArray(set) ? set[0] : set;
    if (first) {
      const pair = first.split(";")[0];
      this.cookie = pair.endsWith("=") ? null : pair;
    }
    return res;
  }

  get(url: string) {
    return this.request({ method: "GET", url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: "POST", url, payload: payload as InjectOptions["payload"] });
  }

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await this.post("/api/auth/login", { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return this;
  }
}

/** Signs a demo account in and returns its client. */
export async function as(t: TestApp, username: string): Promise<Client> {
  return new Client(t.app).login(username);
}

/** Signs a phone in with the one-time code the test SMS gateway received, and returns its client. */
export async function phoneClient(t: TestApp, phone: string): Promise<Client> {
  const c = new Client(t.app);
  const req = await c.post("/api/auth/otp/request", { phone });
  const res = await c.post("/api/auth/otp/verify", { phone, code: t.deps.sms.lastCodeFor(phone) });
  if (res.statusCode !== 200) throw new Error(`phone sign-in ${phone} failed: code request ${req.statusCode} ${req.body}, verify ${res.statusCode} ${res.body}`);
  return c;
}
