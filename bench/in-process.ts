/**
 * The app in the benchmark's own process (bench:maps, bench:street), for figures of single requests.
 * The load benchmark keeps the app in a child process instead (server-process.ts, serve.ts).
 */
import { buildApp } from "../src/server/app";
import { createDeps } from "../src/server/bootstrap";
import { loadConfig } from "../src/server/config";
import { openPglite, type Database } from "../src/server/db/client";
import { PersonalDataCipher } from "../src/server/platform/personal-data";
import { MemorySmsGateway } from "../src/server/platform/sms";
import { DEMO_PASSWORD, seedDemo } from "../src/server/seed/demo";

/** The benchmarks' data key (the demo data of `seededPglite` is encrypted with it). */
export const BENCH_CIPHER_KEY = Buffer.alloc(32, 3);

/** The real app in this process on a database, and the session cookie of a signed-in account. */
export async function inProcessApp(database: Database, dataDir: string) {
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, LOG_LEVEL: "silent", DATA_KEY: BENCH_CIPHER_KEY.toString("hex") });
  const sms = new MemorySmsGateway();
  const deps = await createDeps(config, database, new PersonalDataCipher(BENCH_CIPHER_KEY), sms);
  const app = await buildApp(deps, { logger: { level: "fatal" } });
  await app.ready();
  const cookieOf = async (username: string, password = DEMO_PASSWORD) => {
    const r = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
    return String(r.headers["set-cookie"]).split(";")[0];
  };
  /** A phone signed in with its one-time code (residents and riders have no password). */
  const phoneCookieOf = async (phone: string) => {
    await app.inject({ method: "POST", url: "/api/auth/otp/request", payload: { phone } });
    const r = await app.inject({ method: "POST", url: "/api/auth/otp/verify", payload: { phone, code: sms.lastCodeFor(phone) } });
    if (r.statusCode !== 200) throw new Error(`phone ${phone}: ${r.statusCode} ${r.body}`);
    return String(r.headers["set-cookie"]).split(";")[0];
  };
  return { app, cookieOf, phoneCookieOf };
}

/** PGlite in memory with the migrations and the demo data (seed 20231201), analysed. */
export async function seededPglite() {
  const lite = await openPglite();
  await lite.migrate();
  await seedDemo(lite.db, new PersonalDataCipher(BENCH_CIPHER_KEY), { seed: 20231201 });
  await lite.pglite.exec("VACUUM ANALYZE");
  return lite;
}
