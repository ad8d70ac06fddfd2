import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../src/server/db/client";
import { PersonalDataCipher } from "../../src/server/platform/personal-data";
import { seedDemo } from "../../src/server/seed/demo";
import { SEED_NOW } from "../../src/server/seed/seed-day";
import { TEST_DATA_KEY, TEST_SEED } from "./constants";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/**
 * Builds one template database with the migrations and the demo data, once per run; each test file
 * then starts from its own copy (a PGlite dump loaded in memory, or CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  // The test files are started later, maybe in the next hour: they must see the template's present.
  process.env.LINLI_SEED_NOW = String(SEED_NOW);
  const cipher = new PersonalDataCipher(Buffer.from(TEST_DATA_KEY, "hex"));
  const started = Date.now();
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `linli_tpl_${process.pid}`;
    const admin = await openPostgres(url, 1);
    await admin.pool.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.pool.query(`CREATE DATABASE ${template}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = "/" + template;
    const tpl = await openPostgres(tplUrl.toString(), 2);
    await tpl.migrate();
    await seedDemo(tpl.db, cipher, { seed: TEST_SEED });
    await tpl.pool.query("VACUUM ANALYZE");
    await tpl.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteTemplate", "");
    console.log(`[tests] PostgreSQL template ${template} ready in ${Date.now() - started} ms`);
    return async () => {
      const { rows } = await admin.pool.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`linli_t_${process.pid}_%`, template],
      );
      for (const r of rows) await admin.pool.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.close();
    };
  }
  const db = await openPglite();
  await db.migrate();
  await seedDemo(db.db, cipher, { seed: TEST_SEED });
  await db.pglite.exec("VACUUM ANALYZE");
  const dump = await db.pglite.dumpDataDir("none");
  await db.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-test-"));
  const file = path.join(dir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  project.provide("pgTemplate", "");
  console.log(`[tests] PGlite template ready in ${Date.now() - started} ms`);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
