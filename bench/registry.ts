/**
 * Registry benchmark (`npm run bench:registry [-- --quick] [--no-docs] [--explain]`): on a throwaway PostgreSQL 15,
 *  1. import of 20,000 rows (the size of 红康社区) end to end through the HTTP app (upload, parse,
 *     validate, write), against a raw baseline inserting the same people with `pg` in the same run;
 *  2. people search p50/p95 at 1,000,000 residents (name parts, phone tails, ID tails) through the
 *     HTTP app, against the same SQL sent directly with `pg`.
 * Writes its section of docs/BENCHMARKS.md.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { startThrowawayPostgres } from "./postgres";
import { figureTable, writeSection } from "./docs-section";
import { openPostgres } from "../src/server/db/client";
import { buildApp } from "../src/server/app";
import { createDeps } from "../src/server/bootstrap";
import { loadConfig } from "../src/server/config";
import { PersonalDataCipher, idNumberCheckChar } from "../src/server/platform/personal-data";
import { MemorySmsGateway } from "../src/server/platform/sms";
import { seedDemo, DEMO_PASSWORD } from "../src/server/seed/demo";
import { uuidv7 } from "../src/server/platform/ids";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const IMPORT_ROWS = quick ? 5_000 : 20_000;
const TARGET_PEOPLE = quick ? 200_000 : 1_000_000;
const SEARCHES = quick ? 100 : 300;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % 25_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const first17 = `530111${birth}${String(Math.floor(n / 25_000) % 100).padStart(2, "0")}${n % 2 ? 1 : 2}`;
  return first17 + idNumberCheckChar(first17);
}

async function main() {
  const pg = await startThrowawayPostgres();
  const stop = () => pg.stop();
  process.on("SIGINT", () => (stop(), process.exit(130)));
  try {
    const database = await openPostgres(pg.url, 10);
    await database.migrate();
    const cipher = new PersonalDataCipher(Buffer.alloc(32, 3));
    let t0 = process.hrtime.bigint();
    await seedDemo(database.db, cipher, { seed: 20231201 });
    console.log(`demo data: ${ms(t0).toFixed(0)} ms`);
    const config = loadConfig({ NODE_ENV: "test", DATA_DIR: `/tmp/linli-bench-registry-${process.pid}`, LOG_LEVEL: "silent", DATA_KEY: "03".repeat(32) });
    const deps = await createDeps(config, database, cipher, new MemorySmsGateway());
    const app = await buildApp(deps, { logger: { level: "fatal" } });
    await app.ready();
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "hk_staff", password: DEMO_PASSWORD } });
    const cookie = String(login.headers["set-cookie"]).split(";")[0];

    // 1. Import: a file of new households in existing buildings of 红康社区.
    const { rows: places } = await database.pool.query<{ compound: string; building: string }>(
      `SELECT c.name AS compound, b.name AS building FROM buildings b JOIN compounds c ON c.id = b.compound_id
       JOIN areas a ON a.id = c.community_id WHERE a.name = '红康社区' ORDER BY b.id`,
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("人口信息");
    ws.addRow(["姓名*", "身份证号*", "手机号", "小区*", "楼栋*", "单元", "房号*", "与户主关系*", "居住类型", "入住日期", "标签"]);
    const rels = ["户主", "配偶", "子女"];
    for (let i = 0; i < IMPORT_ROWS; i++) {
      const household = Math.floor(i / 3);
      const p = places[household % places.length];
      ws.addRow([`导入${i}`, idNumber(i), `166${String(i).padStart(8, "0")}`, p.compound, p.building, 30 + Math.floor(household / places.length / 900), String(1000 + ((household / places.length) | 0) % 900), rels[i % 3], "户籍", "2025-01-01", i % 50 === 0 ? "独居老人" : ""]);
    }
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = "----benchimport";
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nall_or_nothing\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.xlsx"\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    t0 = process.hrtime.bigint();
    const res = await app.inject({ method: "POST", url: "/api/registry/import", headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` }, payload });
    const importMs = ms(t0);
    const body = res.json();
    if (res.statusCode !== 200 || body.importedRows !== IMPORT_ROWS) throw new Error(`import failed: ${res.statusCode} ${JSON.stringify(body).slice(0, 500)}`);

    // Raw baseline: the same people (encrypted like the app does) inserted with multi-row INSERTs in one transaction.
    const { rows: [anyBuilding] } = await database.pool.query<{ id: string; area_id: string; community_id: string }>(`SELECT id, area_id, community_id FROM buildings LIMIT 1`);
    t0 = process.hrtime.bigint();
    const client = await database.pool.connect();
    await client.query("BEGIN");
    for (let i = 0; i < IMPORT_ROWS; i += 400) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let j = i; j < Math.min(IMPORT_ROWS, i + 400); j++) {
        const id = idNumber(j + 500_000);
        const phone = `165${String(j).padStart(8, "0")}`;
        const b = values.length;
        values.push(uuidv7(), anyBuilding.community_id, anyBuilding.area_id, `基线${j}`, "M", "1980-01-01", cipher.encrypt(id), cipher.blindIndex(id), id.slice(-4), cipher.encrypt(phone), cipher.blindIndex(phone), phone.slice(-4));
        tuples.push(`(${Array.from({ length: 12 }, (_, k) => `$${b + k + 1}`).join(",")})`);
      }
      await client.query(
        `INSERT INTO persons (id, community_id, area_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_tail, phone_enc, phone_hash, phone_tail) VALUES ${tuples.join(",")}`,
        values,
      );
    }
    await client.query("COMMIT");
    client.release();
    const rawMs = ms(t0);
    console.log(`import ${IMPORT_ROWS} rows over HTTP: ${importMs.toFixed(0)} ms; raw insert baseline: ${rawMs.toFixed(0)} ms`);

    // 2. Search at TARGET_PEOPLE residents: copies of the demo residents spread over 红康's microgrids.
    t0 = process.hrtime.bigint();
    // Copies of the demo residents (same names, so the same search terms), with fresh ids, until the target.
    await database.pool.query(`CREATE TEMP TABLE originals AS SELECT * FROM persons WHERE name NOT LIKE '导入%' AND name NOT LIKE '基线%'`);
    await database.pool.query(`SET session_replication_role = replica`);
    for (let k = 1; ; k++) {
      const { rows: [{ n }] } = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons`);
      if (n >= TARGET_PEOPLE) break;
      await database.pool.query(
        `INSERT INTO persons (id, community_id, area_id, household_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_tail,
           phone_enc, phone_hash, phone_tail, relation, residence, status, search_terms)
         SELECT (substr(md5(id::text || $1), 1, 12) || '7' || substr(md5(id::text || $1), 14, 3) || '8' || substr(md5(id::text || $1), 18, 15))::uuid,
           community_id, area_id, household_id, name, sex, birth_date, id_number_enc, md5(id_number_hash || $1), id_number_tail,
           phone_enc, md5(coalesce(phone_hash, '') || $1), phone_tail, relation, residence, status, search_terms
         FROM originals LIMIT $2`,
        [String(k), TARGET_PEOPLE - n],
      );
    }
    await database.pool.query(`RESET session_replication_role`);
    await database.pool.query(`VACUUM ANALYZE persons`);
    const { rows: [{ total }] } = await database.pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM persons`);
    console.log(`grew the register to ${total} people in ${ms(t0).toFixed(0)} ms`);

    const { rows: sample } = await database.pool.query<{ name: string; phone_tail: string; id_number_tail: string }>(
      `SELECT name, phone_tail, id_number_tail FROM persons WHERE phone_tail IS NOT NULL ORDER BY md5(id::text) LIMIT 200`,
    );
    const queries: string[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const s = sample[i % sample.length];
      queries.push(i % 4 === 0 ? s.phone_tail : i % 4 === 1 ? s.id_number_tail : i % 4 === 2 ? s.name : s.name.slice(1));
    }
    const http: number[] = [];
    for (const q of queries.slice(0, 20)) await app.inject({ method: "GET", url: `/api/people?q=${encodeURIComponent(q)}&limit=20`, headers: { cookie } });
    for (const q of queries) {
      t0 = process.hrtime.bigint();
      const r = await app.inject({ method: "GET", url: `/api/people?q=${encodeURIComponent(q)}&limit=20`, headers: { cookie } });
      http.push(ms(t0));
      if (r.statusCode !== 200) throw new Error(`search ${q}: ${r.body}`);
    }
    // The same two queries the app sends (a page of ids by the GIN terms, the scope term included, then
    // the details of those ids), sent directly with pg, as the baseline.
    const { rows: [{ id: scopeId }] } = await database.pool.query<{ id: string }>(`SELECT id FROM areas WHERE name = '红康社区'`);
    const condOf = (q: string) =>
      /^\d{4}$/.test(q)
        ? `search_terms && ARRAY['p:' || $1, 'i:' || $1] AND search_terms @> ARRAY['a:' || $2]`
        : /^\d{3}X$/.test(q)
          ? `search_terms @> ARRAY['i:' || $1, 'a:' || $2]`
          : `search_terms @> ARRAY[$1::text, 'a:' || $2]`;
    const raw: number[] = [];
    for (const q of queries) {
      t0 = process.hrtime.bigint();
      const { rows: ids } = await database.pool.query<{ id: string }>(`SELECT id FROM persons WHERE status = 'active' AND ${condOf(q)} ORDER BY id LIMIT 21`, [q, scopeId]);
      await database.pool.query(
        `SELECT p.id, p.name, p.phone_enc, p.id_number_enc, h.address FROM persons p LEFT JOIN households h ON h.id = p.household_id WHERE p.id = ANY($1::uuid[]) ORDER BY p.id`,
        [ids.map((r) => r.id)],
      );
      raw.push(ms(t0));
    }
    if (process.argv.includes("--explain")) {
      for (const q of queries.slice(0, 4)) {
        const { rows } = await database.pool.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM persons WHERE status = 'active' AND ${condOf(q)} ORDER BY id LIMIT 21`, [q, scopeId]);
        console.log(q, "\n" + rows.map((r) => r["QUERY PLAN"]).join("\n"));
      }
    }
    console.log(`search over HTTP at ${total} people: p50 ${pct(http, 50).toFixed(1)} ms, p95 ${pct(http, 95).toFixed(1)} ms; raw SQL p50 ${pct(raw, 50).toFixed(1)} ms, p95 ${pct(raw, 95).toFixed(1)} ms`);
    if (!process.argv.includes("--no-docs")) {
      const [{ v: version }] = (await database.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows;
      writeSection(
        path.join(ROOT, "docs", "BENCHMARKS.md"),
        "registry",
        [
          "# Benchmarks: the people and places registry",
          "",
          `Written by \`npm run bench:registry\`${quick ? " (\`--quick\`: smaller figures)" : ""} on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node.js ${process.version}, PostgreSQL ${version} (a throwaway server started as \`.ci/run\` starts one), load average ${os.loadavg()[0].toFixed(1)} when it ended.`,
          "",
          `- **Import**: an xlsx of ${IMPORT_ROWS.toLocaleString("en")} new residents in existing buildings of 红康社区 (the size of the community), posted to \`POST /api/registry/import\` through the real app (upload, parse, validate every row, encrypt ID numbers and phones, write households, people and tags in one transaction). Baseline: the same number of people, encrypted the same way, inserted with multi-row \`INSERT\`s in one transaction with \`pg\`, in the same run.`,
          `- **Search**: the register grown to ${total.toLocaleString("en")} residents (copies of the demo residents, so the same names), then ${SEARCHES} searches as 红康 staff (\`GET /api/people?q=…&limit=20\`: full names, given names, phone tails, ID tails; 20 warm-up first), one at a time through the app; baseline: the same two statements the app sends, sent directly with \`pg\`.`,
          "",
          figureTable([
            [`import of ${IMPORT_ROWS.toLocaleString("en")} rows over HTTP`, `${(importMs / 1000).toFixed(1)} s`, "< 30 s", importMs < 30_000],
            ["raw insert baseline (same people)", `${(rawMs / 1000).toFixed(1)} s`],
            [`search p50 at ${total.toLocaleString("en")} residents (HTTP)`, `${pct(http, 50).toFixed(1)} ms`, "< 20 ms", pct(http, 50) < 20],
            ["search p95 (HTTP)", `${pct(http, 95).toFixed(1)} ms`],
            ["search p50 / p95, raw SQL baseline", `${pct(raw, 50).toFixed(1)} / ${pct(raw, 95).toFixed(1)} ms`],
            ["HTTP ÷ raw, search p50", `${(pct(http, 50) / pct(raw, 50)).toFixed(1)} ×`],
          ]),
        ].join("\n"),
      );
    }
    console.log(
      JSON.stringify({ importRows: IMPORT_ROWS, importMs: Math.round(importMs), rawInsertMs: Math.round(rawMs), people: total, searchHttpP50: pct(http, 50), searchHttpP95: pct(http, 95), searchRawP50: pct(raw, 50), searchRawP95: pct(raw, 95) }),
    );
    await app.close();
    await database.close();
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
