import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { Config } from "./config";
import { openPglite, openPostgres, analyze, type Database } from "./db/client";
import { areas } from "./db/schema/areas";
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
  return { config, database, cipher, sms, notifications: new NotificationBus(), calendar: await loadCalendar(database.db) };
}
