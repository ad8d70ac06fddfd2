import fs from "node:fs";
import path from "node:path";
import { and, asc, count, eq } from "drizzle-orm";
import type { Config } from "./config";
import { openPglite, openPostgres, analyze, type Database, type Db } from "./db/client";
import { areas } from "./db/schema/areas";
import { installation, sessions, users } from "./db/schema/accounts";
import { lockDataDir } from "./platform/lock";
import { loadMasterKey, PersonalDataCipher } from "./platform/personal-data";

export interface Opened {
  database: Database;
  cipher: PersonalDataCipher;
  release: () => Promise<void>;
}

/** Opens the configured database (locking the embedded one's folder) and the personal-data cipher. */
export async function openDatabase(config: Config): Promise<Opened> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl);
    const cipher = await settleKey(config, database);
    return { database, cipher, release: () => database.close() };
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openPglite({ dataDir: path.join(config.dataDir, "pgdata") });
    const cipher = await settleKey(config, database).catch(async (err) => {
      await database.close();
      throw err;
    });
    return {
      database,
      cipher,
      release: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

export const NEXT_KEY_FILE = "linli.key.next";

/**
 * The personal-data cipher. A key rotation writes the new key to `linli.key.next` before it touches
 * the data and renames it after commit; if it was interrupted in between, whichever key opens the
 * data wins here.
 */
async function settleKey(config: Config, database: Database): Promise<PersonalDataCipher> {
  const cipher = new PersonalDataCipher(loadMasterKey(config.dataKey, config.dataDir));
  const nextFile = path.join(config.dataDir, NEXT_KEY_FILE);
  if (config.dataKey || !fs.existsSync(nextFile)) return cipher;
  const { sampleCiphertext, decrypts } = await import("./modules/registry/rotate-key");
  const next = new PersonalDataCipher(Buffer.from(fs.readFileSync(nextFile, "utf8").trim(), "hex"));
  let sample: string | null = null;
  try {
    sample = await sampleCiphertext(database.db);
  } catch {
    sample = null; // not migrated yet: nothing encrypted
  }
  if (sample && decrypts(next, sample) && !decrypts(cipher, sample)) {
    fs.renameSync(nextFile, path.join(config.dataDir, "linli.key"));
    return next;
  }
  fs.rmSync(nextFile, { force: true });
  return cipher;
}

export async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: count() }).from(areas);
  return Number(row.n) === 0;
}

/** A start (or command) refused because of what the database holds; the message says what to do. */
export class StartRefusedError extends Error {}

async function holdsData(db: Db): Promise<boolean> {
  const [a] = await db.select({ n: count() }).from(areas);
  const [u] = await db.select({ n: count() }).from(users);
  return Number(a.n) > 0 || Number(u.n) > 0;
}

/** Whether the demo seed built this database (and nobody took it over for real use since). */
export async function isDemoDatabase(db: Db): Promise<boolean> {
  const [mark] = await db.select({ demo: installation.demo }).from(installation).limit(1);
  return mark?.demo === true;
}

/**
 * Demo mode shows sign-in codes and lists accounts, so it runs only over an empty database or one
 * the demo seed built (marked in `installation`) whose accounts are all demo accounts. Anything
 * else is refused.
 */
export async function checkDemoDatabase(db: Db): Promise<void> {
  if (!(await holdsData(db))) return;
  const [other] = await db.select({ n: count() }).from(users).where(eq(users.demo, false));
  if ((await isDemoDatabase(db)) && Number(other.n) === 0) return;
  throw new StartRefusedError(
    [
      "Demo mode refuses to run over this database: it holds data that the demo seed did not make (no demo mark, or accounts that are not demo accounts).",
      "Demo mode shows one-time codes on screen and lists accounts, so it must never run over real data.",
      "To run for real: NODE_ENV=production (see \"Running for real\" in README.md).",
      "To try the demo: point DATA_DIR (or DATABASE_URL) at another, empty database.",
    ].join("\n"),
  );
}

export type DemoAccount = { username: string | null; phoneTail: string | null; role: string };

/** Seeded demo accounts that can still sign in. */
export async function activeDemoAccounts(db: Db): Promise<DemoAccount[]> {
  return db
    .select({ username: users.username, phoneTail: users.phoneTail, role: users.role })
    .from(users)
    .where(and(eq(users.demo, true), eq(users.status, "active")))
    .orderBy(asc(users.username));
}

/**
 * Production refuses to start while a seeded demo account is active: they share a published
 * password and synthetic phones. The message names each one.
 */
export async function checkProductionDatabase(db: Db): Promise<void> {
  const active = await activeDemoAccounts(db);
  if (active.length === 0) return;
  const shown = 30;
  const names = active.slice(0, shown).map((a) => `  ${(a.username ?? `phone ***${a.phoneTail ?? ""}`).padEnd(20)} ${a.role}`);
  if (active.length > shown) names.push(`  … and ${active.length - shown} more`);
  throw new StartRefusedError(
    [
      `Production mode refuses to start: ${active.length} demo account(s) from the demo seed are still active (shared published password, synthetic phones):`,
      ...names,
      "Disable them with `NODE_ENV=production npx tsx src/server/main.ts disable-demo` (or start from a database without demo data).",
    ].join("\n"),
  );
}

/**
 * Disables every seeded demo account, ends their sessions, and takes the demo mark off the
 * database: from now on it counts as real data, and demo mode refuses to run over it.
 */
export async function disableDemoAccounts(db: Db): Promise<DemoAccount[]> {
  return db.transaction(async (tx) => {
    const disabled = await tx
      .update(users)
      .set({ status: "disabled" })
      .where(and(eq(users.demo, true), eq(users.status, "active")))
      .returning({ id: users.id, username: users.username, phoneTail: users.phoneTail, role: users.role });
    const { writeAudit, userAreaPath } = await import("./platform/audit");
    for (const u of disabled) {
      await tx.delete(sessions).where(eq(sessions.userId, u.id));
      await writeAudit(tx, { user: null, ip: "cli", locale: "en" }, { action: "user.demo_disabled", targetType: "user", targetId: u.id, areaPath: userAreaPath(u.id), after: { status: "disabled" } });
    }
    await tx.insert(installation).values({ id: 1, demo: false }).onConflictDoUpdate({ target: installation.id, set: { demo: false } });
    return disabled.map(({ username, phoneTail, role }) => ({ username, phoneTail, role }));
  });
}

/** Loads the demo data set and refreshes statistics. */
export async function loadDemo(database: Database, cipher: PersonalDataCipher, seed: number) {
  const { seedDemo } = await import("./seed/demo");
  const summary = await seedDemo(database.db, cipher, { seed });
  await analyze(database.db);
  return summary;
}

/** Everything the app is built from, for the server and for tests alike. */
export async function createDeps(
  config: Config,
  database: Database,
  cipher: PersonalDataCipher,
  sms: import("./platform/sms").SmsGateway,
): Promise<import("./platform/deps").AppDeps> {
  const { NotificationBus } = await import("./platform/notify");
  const { loadCalendar } = await import("./modules/cases/calendar");
  const calendar = await loadCalendar(database.db);
  if (config.databaseReadUrl && database.kind === "postgres") {
    // A hot standby: the app's database handle sends the reads of list, measure, report and export
    // routes there (platform/read-routing.ts); writes and transactions stay on the primary.
    const { ReadRouter } = await import("./platform/read-routing");
    const pino = (await import("pino")).default;
    const { safeLoggerOptions } = await import("./platform/logging");
    const standby = await openPostgres(config.databaseReadUrl, 10, { connectionTimeoutMillis: 2000 });
    const readRouter = new ReadRouter(database, standby, pino(safeLoggerOptions({ level: config.logLevel })));
    readRouter.start();
    return { config, database: { ...database, db: readRouter.db }, cipher, sms, notifications: new NotificationBus(), calendar, readRouter };
  }
  return { config, database, cipher, sms, notifications: new NotificationBus(), calendar };
}
