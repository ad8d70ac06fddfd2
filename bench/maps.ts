/**
 * Maps benchmark (`npm run bench:maps [-- --quick] [--no-docs]`):
 *  1. on a throwaway PostgreSQL 15: the demo data plus a large city part (1,000,000 residents'
 *     buildings: ~100 communities, ~35,000 buildings in ~1,200 compounds, places and streets, with
 *     footprints, outlines and search terms as the seed writes them); address search p50/p95 over a
 *     few hundred realistic queries (names, "康宁5栋" forms, pinyin initials, streets, places) through
 *     the HTTP app, against the same lookup sent as raw SQL with `pg` in the same run; the base layer
 *     of one community (size, first build, cached answer, 304 revalidation);
 *  2. on PGlite with the demo data: the base layer of 红康 and the same kinds of searches.
 * Writes the "maps" section of docs/BENCHMARKS.md.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startThrowawayPostgres } from "./postgres";
import { figureTable, writeSection } from "./docs-section";
import { BENCH_CIPHER_KEY, inProcessApp, seededPglite } from "./in-process";
import { openPostgres } from "../src/server/db/client";
import { PersonalDataCipher } from "../src/server/platform/personal-data";
import { seedDemo } from "../src/server/seed/demo";
import { insertBatches } from "../src/server/seed/insert";
import { Rng, seededUuidFactory } from "../src/server/seed/random";
import { areas, buildings, compounds, mapFeatures, places } from "../src/server/db/schema/index";
import { initialsOf, searchTermsOf, queryPieces } from "../src/server/modules/maps/terms";
import { bboxOf, offset, roundPos } from "../src/server/modules/maps/geometry";
import type { LngLat } from "../src/server/db/schema/types";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const COMMUNITIES = quick ? 20 : 100;
const BUILDINGS_PER_COMMUNITY = 350; // ≈ 10,000 residents each: 1,000,000 with 100 communities
const COMPOUNDS_PER_COMMUNITY = 12;
const PLACES_PER_COMMUNITY = 100;
const SEARCHES = quick ? 100 : 300;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

const PREFIX = "康宁 金水 红云 盘江 北仓 翠湖 春城 滇池 金碧 云岭 锦华 福海 书香 银杏 兴苑 怡景 桃源 丽景 华庭 龙泉 世纪 阳光 和谐 幸福 明珠 碧水 绿洲 东方 星河 紫云".split(" ");
const SUFFIX = "花园 小区 家园 雅苑 佳园 新村 公寓 名城".split(" ");
const ROADS = "东风东路 白塔路 北京路 人民中路 青年路 环城东路 拓东路 穿金路 金星路 董家湾路 沣源路 新闻路 学府路 龙泉路 教场中路 金实路".split(" ");
const SHOPS = "过桥米线 便利店 大药房 理发店 水果店 早点铺 烧烤 超市 花店 茶庄".split(" ");

/** Generates the large city part under a new district and street of the demo's city. */
async function growCity(database: Awaited<ReturnType<typeof openPostgres>>) {
  const rng = new Rng(777);
  const newId = seededUuidFactory(rng.fork("ids"), Date.UTC(2024, 0, 1));
  const [city] = (await database.pool.query<{ id: string; path: string }>(`SELECT id, path FROM areas WHERE level = 'city'`)).rows;
  const areaRows: Array<typeof areas.$inferInsert> = [];
  const rect = (w: number, s: number, e: number, n: number): LngLat[] => [[w, s], [e, s], [e, n], [w, n]];
  const node = (level: "district" | "street" | "community" | "grid" | "microgrid", name: string, code: string, parent: { id: string; path: string; depth: number; communityId: string | null }, box: LngLat[]) => {
    const id = newId();
    const row = { id, parentId: parent.id, level, name, code, path: `${parent.path}${id}/`, depth: parent.depth + 1, communityId: level === "community" ? id : parent.communityId, boundary: box, center: [(box[0][0] + box[2][0]) / 2, (box[0][1] + box[2][1]) / 2] as LngLat };
    areaRows.push(row);
    return { id, path: row.path, depth: row.depth, communityId: row.communityId };
  };
  const W = 102.52, S = 24.87, DX = 0.008, DY = 0.007;
  const cols = 10;
  const district = node("district", "官渡区", "530111", { id: city.id, path: city.path, depth: 0, communityId: null }, rect(W, S, W + DX * cols, S + DY * Math.ceil(COMMUNITIES / cols)));
  const street = node("street", "关上街道", "530111001", district, rect(W, S, W + DX * cols, S + DY * Math.ceil(COMMUNITIES / cols)));
  const compoundRows: Array<typeof compounds.$inferInsert> = [];
  const buildingRows: Array<typeof buildings.$inferInsert> = [];
  const placeRows: Array<typeof places.$inferInsert> = [];
  const featureRows: Array<typeof mapFeatures.$inferInsert> = [];
  const communityIds: string[] = [];
  for (let c = 0; c < COMMUNITIES; c++) {
    const w = W + (c % cols) * DX, s = S + Math.floor(c / cols) * DY;
    const cmCode = `530111001${String(c + 1).padStart(3, "0")}`;
    const cm = node("community", `关上第${c + 1}社区`, cmCode, street, rect(w, s, w + DX, s + DY));
    communityIds.push(cm.id);
    const mgs: Array<{ id: string; box: [number, number, number, number] }> = [];
    for (let g = 0; g < 3; g++) {
      const gw = w + (g * DX) / 3, ge = w + ((g + 1) * DX) / 3;
      const grid = node("grid", `关上第${c + 1}社区第${g + 1}网格`, `${cmCode}0${g + 1}`, cm, rect(gw, s, ge, s + DY));
      for (let k = 0; k < 2; k++) {
        const ms0 = s + (k * DY) / 2, mn = s + ((k + 1) * DY) / 2;
        const mg = node("microgrid", `关上第${c + 1}社区第${g + 1}网格${k + 1}号微网格`, `${cmCode}0${g + 1}0${k + 1}`, grid, rect(gw, ms0, ge, mn));
        mgs.push({ id: mg.id, box: [gw, ms0, ge, mn] });
      }
    }
    const perCompound = Math.ceil(BUILDINGS_PER_COMMUNITY / COMPOUNDS_PER_COMMUNITY);
    for (let k = 0; k < COMPOUNDS_PER_COMMUNITY; k++) {
      const mg = mgs[k % mgs.length];
      const name = `${PREFIX[(c * 7 + k * 3) % PREFIX.length]}${SUFFIX[(c + k) % SUFFIX.length]}`;
      const [gw, gs, ge, gn] = mg.box;
      const at: LngLat = roundPos([gw + (ge - gw) * (0.2 + 0.6 * rng.float()), gs + (gn - gs) * (0.2 + 0.6 * rng.float())]);
      const id = newId();
      const outline = [offset(at, -80, -60), offset(at, 80, -60), offset(at, 80, 60), offset(at, -80, 60)].map(roundPos);
      compoundRows.push({ id, communityId: cm.id, areaId: mg.id, name, kind: "compound", address: `${ROADS[k % ROADS.length]}${k + 1}号`, location: at, outline, searchTerms: searchTermsOf(name) });
      for (let b = 1; b <= perCompound && buildingRows.length < (c + 1) * BUILDINGS_PER_COMMUNITY; b++) {
        const p = roundPos(offset(at, -70 + ((b - 1) % 6) * 28, -50 + Math.floor((b - 1) / 6) * 20));
        buildingRows.push({
          id: newId(), communityId: cm.id, areaId: mg.id, compoundId: id, name: `${b}栋`, floors: 18, units: 2, location: p,
          footprint: [offset(p, -6, -20), offset(p, 6, -20), offset(p, 6, 20), offset(p, -6, 20)].map(roundPos),
          searchTerms: searchTermsOf(`${name}${b}栋`),
        });
      }
    }
    for (let k = 0; k < PLACES_PER_COMMUNITY; k++) {
      const mg = mgs[k % mgs.length];
      const [gw, gs, ge, gn] = mg.box;
      const name = `${PREFIX[(c + k) % PREFIX.length]}${SHOPS[k % SHOPS.length]}${k}`;
      placeRows.push({ id: newId(), communityId: cm.id, areaId: mg.id, kind: "shop", name, address: `${ROADS[k % ROADS.length]}${k}号`, location: roundPos([gw + (ge - gw) * rng.float(), gs + (gn - gs) * rng.float()]), searchTerms: searchTermsOf(name) });
    }
    const lines: LngLat[][] = [[[w, s + DY], [w + DX, s + DY]], [[w, s], [w + DX, s]], [[w, s], [w, s + DY]], [[w + DX / 3, s], [w + DX / 3, s + DY]], [[w + (2 * DX) / 3, s], [w + (2 * DX) / 3, s + DY]]];
    lines.forEach((l, i) => {
      const name = ROADS[(c + i) % ROADS.length];
      featureRows.push({ id: newId(), communityId: cm.id, areaId: cm.id, kind: "road", name, geometry: { type: "LineString", coordinates: l }, bbox: bboxOf(l), searchTerms: searchTermsOf(name) });
    });
  }
  await database.db.transaction(async (tx) => {
    await insertBatches(tx, areas, areaRows as never);
    await insertBatches(tx, compounds, compoundRows as never);
    await insertBatches(tx, buildings, buildingRows as never);
    await insertBatches(tx, places, placeRows as never);
    await insertBatches(tx, mapFeatures, featureRows as never);
  });
  return { communityIds, compoundRows, buildingRows, placeRows, featureRows };
}

function makeQueries(rng: Rng, names: { compounds: string[]; places: string[]; roads: string[] }): string[] {
  const out: string[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const c = rng.pick(names.compounds);
    const n = rng.int(1, 29);
    switch (i % 8) {
      case 0: out.push(c); break; // 康宁花园
      case 1: out.push(`${c}${n}栋`); break; // 康宁花园5栋
      case 2: out.push(`${c.slice(0, 2)}${n}栋`); break; // 康宁5栋
      case 3: out.push(initialsOf(c)); break; // knhy
      case 4: out.push(`${initialsOf(c)}${n}`); break; // knhy5
      case 5: out.push(rng.pick(names.roads)); break; // 白塔路
      case 6: out.push(rng.pick(names.places).slice(0, 4)); break; // a place name's start
      default: out.push(c.slice(0, 2)); // 康宁
    }
  }
  return out;
}

type App = Awaited<ReturnType<typeof inProcessApp>>["app"];

async function timeSearches(app: App, cookie: string, queries: string[]) {
  for (const q of queries.slice(0, 20)) await app.inject({ method: "GET", url: `/api/map/search?q=${encodeURIComponent(q)}`, headers: { cookie } });
  const times: number[] = [];
  let empty = 0;
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const r = await app.inject({ method: "GET", url: `/api/map/search?q=${encodeURIComponent(q)}`, headers: { cookie } });
    times.push(ms(t0));
    if (r.statusCode !== 200) throw new Error(`search ${q}: ${r.statusCode} ${r.body}`);
    if (!r.json().items.length) empty++;
  }
  return { times, empty };
}

async function timeBase(app: App, cookie: string, areaId?: string) {
  const url = `/api/map/base${areaId ? `?areaId=${areaId}` : ""}`;
  let t0 = process.hrtime.bigint();
  const first = await app.inject({ method: "GET", url, headers: { cookie } });
  const firstMs = ms(t0);
  if (first.statusCode !== 200) throw new Error(`base: ${first.statusCode} ${first.body.slice(0, 300)}`);
  const warm: number[] = [];
  const revalidate: number[] = [];
  for (let i = 0; i < 20; i++) {
    t0 = process.hrtime.bigint();
    await app.inject({ method: "GET", url, headers: { cookie } });
    warm.push(ms(t0));
    t0 = process.hrtime.bigint();
    const r = await app.inject({ method: "GET", url, headers: { cookie, "if-none-match": String(first.headers.etag) } });
    revalidate.push(ms(t0));
    if (r.statusCode !== 304) throw new Error(`expected 304, got ${r.statusCode}`);
  }
  return { bytes: first.rawPayload.length, features: first.json().features.features.length, firstMs, warmP50: pct(warm, 50), revalidateP50: pct(revalidate, 50) };
}

async function main() {
  const load0 = os.loadavg()[0];
  // 1. PostgreSQL 15 with the large city part.
  const pg = await startThrowawayPostgres();
  process.on("SIGINT", () => (pg.stop(), process.exit(130)));
  let pgFigures: Record<string, number> = {};
  let counts: Record<string, number> = {};
  let version = "";
  try {
    const database = await openPostgres(pg.url, 10);
    await database.migrate();
    let t0 = process.hrtime.bigint();
    await seedDemo(database.db, new PersonalDataCipher(BENCH_CIPHER_KEY), { seed: 20231201 });
    console.log(`demo data: ${ms(t0).toFixed(0)} ms`);
    t0 = process.hrtime.bigint();
    const grown = await growCity(database);
    await database.pool.query("VACUUM ANALYZE");
    const genMs = ms(t0);
    const [{ b, c, p, f }] = (await database.pool.query(`SELECT (SELECT count(*) FROM buildings)::int AS b, (SELECT count(*) FROM compounds)::int AS c, (SELECT count(*) FROM places)::int AS p, (SELECT count(*) FROM map_features)::int AS f`)).rows;
    counts = { buildings: b, compounds: c, places: p, features: f, communities: COMMUNITIES + 2 };
    console.log(`city part: ${JSON.stringify(counts)} in ${genMs.toFixed(0)} ms`);
    version = (await database.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;

    const { app, cookieOf } = await inProcessApp(database, `/tmp/linli-bench-maps-${process.pid}`);
    const admin = await cookieOf("admin");
    const queries = makeQueries(new Rng(99), {
      compounds: [...new Set(grown.compoundRows.map((x) => x.name))],
      places: grown.placeRows.map((x) => x.name),
      roads: [...new Set(grown.featureRows.map((x) => x.name))],
    });
    const httpRun = await timeSearches(app, admin, queries);
    // Raw baseline: the same lookup (four GIN lookups under the same scope, ranked, limited) with pg.
    const [{ path: cityPath }] = (await database.pool.query<{ path: string }>(`SELECT path FROM areas WHERE level = 'city'`)).rows;
    const rawSql = `
      WITH vis AS (SELECT a.id FROM areas a WHERE a.level = 'community' AND a.path LIKE $2)
      SELECT * FROM (
        (SELECT 'compound' AS kind, c.id, c.name, c.area_id, (c.location)[0] AS lng, (c.location)[1] AS lat, CASE WHEN c.search_terms @> ARRAY['=' || $3] THEN 0 WHEN c.search_terms @> ARRAY['^' || $3] THEN 1 ELSE 3 END AS rank
          FROM compounds c WHERE c.search_terms @> $1::text[] AND c.community_id IN (SELECT id FROM vis) ORDER BY 7, length(c.name), 3 LIMIT 8)
        UNION ALL
        (SELECT 'building', b.id, c.name || b.name, b.area_id, (b.location)[0], (b.location)[1], CASE WHEN b.search_terms @> ARRAY['=' || $3] THEN 0 WHEN b.search_terms @> ARRAY['^' || $3] THEN 1 ELSE 3 END
          FROM buildings b JOIN compounds c ON c.id = b.compound_id WHERE b.search_terms @> $1::text[] AND b.community_id IN (SELECT id FROM vis) ORDER BY 7, length(c.name || b.name), 3 LIMIT 8)
        UNION ALL
        (SELECT 'place', p.id, p.name, p.area_id, (p.location)[0], (p.location)[1], CASE WHEN p.search_terms @> ARRAY['=' || $3] THEN 0 WHEN p.search_terms @> ARRAY['^' || $3] THEN 1 ELSE 3 END
          FROM places p WHERE p.search_terms @> $1::text[] AND p.active AND p.community_id IN (SELECT id FROM vis) ORDER BY 7, length(p.name), 3 LIMIT 8)
        UNION ALL
        (SELECT 'road', f.id, f.name, f.area_id, (f.geometry->'coordinates'->0->>0)::float8, (f.geometry->'coordinates'->0->>1)::float8, CASE WHEN f.search_terms @> ARRAY['=' || $3] THEN 0 WHEN f.search_terms @> ARRAY['^' || $3] THEN 1 ELSE 3 END
          FROM map_features f WHERE f.search_terms @> $1::text[] AND f.kind = 'road' AND f.community_id IN (SELECT id FROM vis) ORDER BY 7, length(f.name), 3 LIMIT 8)
      ) u ORDER BY rank, length(name) LIMIT 8`;
    const raw: number[] = [];
    for (const q of queries) {
      const pieces = queryPieces(q);
      const t1 = process.hrtime.bigint();
      await database.pool.query(rawSql, [pieces, cityPath + "%", pieces.join("")]);
      raw.push(ms(t1));
    }
    const base = await timeBase(app, admin, grown.communityIds[0]);
    const hk = await timeBase(app, await cookieOf("hk_staff"));
    pgFigures = {
      searchP50: pct(httpRun.times, 50), searchP95: pct(httpRun.times, 95), rawP50: pct(raw, 50), rawP95: pct(raw, 95), empty: httpRun.empty,
      baseBytes: base.bytes, baseFeatures: base.features, baseFirst: base.firstMs, baseWarm: base.warmP50, baseRevalidate: base.revalidateP50,
      hkBytes: hk.bytes, hkFeatures: hk.features, hkFirst: hk.firstMs, hkWarm: hk.warmP50, hkRevalidate: hk.revalidateP50,
    };
    console.log("PostgreSQL:", JSON.stringify(pgFigures));
    await app.close();
    await database.close();
  } finally {
    pg.stop();
  }

  // 2. PGlite with the demo data.
  const lite = await seededPglite();
  const { app, cookieOf } = await inProcessApp(lite, `/tmp/linli-bench-maps-lite-${process.pid}`);
  const hkCookie = await cookieOf("hk_staff");
  const liteBase = await timeBase(app, hkCookie);
  const demoNames = (await lite.pglite.query<{ name: string; kind: string }>(`SELECT name, 'c' AS kind FROM compounds UNION ALL SELECT name, 'p' FROM places WHERE kind <> 'shop' UNION ALL SELECT name, 'r' FROM map_features WHERE kind = 'road' AND search_terms <> '{}'`)).rows;
  const liteQueries = makeQueries(new Rng(98), {
    compounds: demoNames.filter((x) => x.kind === "c").map((x) => x.name),
    places: demoNames.filter((x) => x.kind === "p").map((x) => x.name),
    roads: demoNames.filter((x) => x.kind === "r").map((x) => x.name),
  });
  const liteSearch = await timeSearches(app, hkCookie, liteQueries);
  await app.close();
  await lite.close();
  const liteFigures = { searchP50: pct(liteSearch.times, 50), searchP95: pct(liteSearch.times, 95), ...liteBase };
  console.log("PGlite:", JSON.stringify(liteFigures));

  if (!process.argv.includes("--no-docs")) {
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    writeSection(
      path.join(ROOT, "docs", "BENCHMARKS.md"),
      "maps",
      [
        "# Benchmarks: maps (base layer and address search)",
        "",
        `Written by \`npm run bench:maps\`${quick ? " (`--quick`: smaller figures)" : ""} on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node.js ${process.version}, PostgreSQL ${version} (a throwaway server started as \`.ci/run\` starts one) and PGlite; load average ${load0.toFixed(1)} when it started and ${os.loadavg()[0].toFixed(1)} when it ended (the machine is shared with other work).`,
        "",
        `- **Data (PostgreSQL)**: the demo data plus a city part of ${COMMUNITIES} communities (each 3 grids × 2 microgrids) with ${BUILDINGS_PER_COMMUNITY} buildings in ${COMPOUNDS_PER_COMMUNITY} compounds each (≈ 10,000 residents per community, ${(COMMUNITIES / 100).toFixed(1)} million residents' buildings in all), ${PLACES_PER_COMMUNITY} shops and 5 streets each, written as the seed writes them (footprints, outlines, search terms): ${counts.buildings?.toLocaleString("en")} buildings, ${counts.compounds?.toLocaleString("en")} compounds, ${counts.places?.toLocaleString("en")} places, ${counts.features?.toLocaleString("en")} map features.`,
        `- **Search**: ${SEARCHES} queries as the platform administrator (scope: the whole city, the largest), one at a time through the app (\`GET /api/map/search?q=…\`, 20 warm-up first): compound names, "康宁花园5栋" and "康宁5栋" forms, pinyin initials ("knhy", "knhy5"), street names, the start of place names, two-character name parts. ${pgFigures.empty} of them found nothing (a building number the compound does not have). Baseline: the same four GIN lookups under the same scope, ranked and limited, sent as one statement with \`pg\`.`,
        `- **Base layer**: \`GET /api/map/base\` of one community of the city part and of 红康 (demo data): size of the JSON, the first answer (built from the database), a repeated answer (version query, body from memory) and a revalidation with \`If-None-Match\` (304).`,
        "",
        figureTable([
          [`search p50 at ${counts.buildings?.toLocaleString("en")} buildings (HTTP, PostgreSQL)`, `${pgFigures.searchP50.toFixed(1)} ms`, "< 20 ms", pgFigures.searchP50 < 20],
          ["search p95 (HTTP, PostgreSQL)", `${pgFigures.searchP95.toFixed(1)} ms`],
          ["search p50 / p95, raw SQL baseline", `${pgFigures.rawP50.toFixed(1)} / ${pgFigures.rawP95.toFixed(1)} ms`],
          ["base layer, one city-part community: size / features", `${kb(pgFigures.baseBytes)} / ${pgFigures.baseFeatures}`],
          ["base layer, one city-part community: first / repeated / 304", `${pgFigures.baseFirst.toFixed(0)} / ${pgFigures.baseWarm.toFixed(1)} / ${pgFigures.baseRevalidate.toFixed(1)} ms`],
          ["base layer 红康 (PostgreSQL): size / features", `${kb(pgFigures.hkBytes)} / ${pgFigures.hkFeatures}`],
          ["base layer 红康 (PostgreSQL): first / repeated / 304", `${pgFigures.hkFirst.toFixed(0)} / ${pgFigures.hkWarm.toFixed(1)} / ${pgFigures.hkRevalidate.toFixed(1)} ms`],
          ["base layer 红康 (PGlite, demo): size / features", `${kb(liteFigures.bytes)} / ${liteFigures.features}`],
          ["base layer 红康 (PGlite, demo): first / repeated / 304", `${liteFigures.firstMs.toFixed(0)} / ${liteFigures.warmP50.toFixed(1)} / ${liteFigures.revalidateP50.toFixed(1)} ms`],
          ["search p50 / p95 (HTTP, PGlite, demo data, as 红康 staff)", `${liteFigures.searchP50.toFixed(1)} / ${liteFigures.searchP95.toFixed(1)} ms`],
        ]),
        "",
        `The body is about ${Math.round(pgFigures.hkBytes / pgFigures.hkFeatures)} bytes per feature (红康), mostly coordinates with 6 decimals; it is sent with \`Cache-Control: private, max-age=300\` and an ETag, so a phone that opened the map in the last five minutes draws it without asking and later asks only for a 304. A repeated answer costs the version query (an md5 over the names and boundaries drawn) plus sending the cached body.`,
      ].join("\n"),
    );
  }
}

main().catch((err) => {
  console.error(String(err?.message ?? err).slice(0, 400), err?.cause ?? "");
  process.exit(1);
});
