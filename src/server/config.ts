import { z } from "zod";
import os from "node:os";
import path from "node:path";

/**
 * Typed configuration, read from the environment once at start.
 * Nothing else in the server reads `process.env`.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Address to listen on; by default loopback only in demo mode, every address otherwise. */
  HOST: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** When set, the server runs on this PostgreSQL database instead of embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** A hot standby of DATABASE_URL: measures, reports, exports and lists read from it (see docs/ARCHITECTURE.md). */
  DATABASE_READ_URL: z.string().url().optional(),
  /** Server processes on PostgreSQL (default: one per core); PGlite always runs one. */
  WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Seconds between two runs of the case timer sweep (once across all processes). */
  TIMER_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Folder of the embedded database, the key file and uploads. */
  DATA_DIR: z.string().default("./data"),
  /** Demo mode shows one-time codes on screen and prints demo logins. */
  DEMO_MODE: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  /** Seed number of the deterministic demo data. */
  SEED: z.coerce.number().int().default(20231201),
  /** Load demo data on the first start of an empty database (default: in demo mode only). */
  SEED_ON_EMPTY: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Failed sign-ins (and wrong current passwords) accepted from one address per window. */
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(20),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Map tile URL template for Leaflet; empty means no outside tiles. */
  MAP_TILE_URL: z.string().default(""),
  /**
   * Map service: "offline" (the base layer from the community's own geography, no outside tiles),
   * "tianditu" (天地图, needs MAP_KEY), "amap" (高德, GCJ-02) or "osm" (MAP_TILE_URL as given).
   * Default: "osm" when MAP_TILE_URL is set, else "offline".
   */
  MAP_PROVIDER: z.enum(["offline", "tianditu", "amap", "osm"]).optional(),
  /** 天地图 key (tk) or AMap key. */
  MAP_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, "letters, digits, _ and - only")
    .optional(),
  /** "vector" (default) or "imagery" (天地图 satellite imagery with its annotation layer). */
  MAP_STYLE: z.enum(["vector", "imagery"]).default("vector"),
  /** Hex-encoded 32-byte key for personal data; when absent a key file in DATA_DIR is used. */
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
  /** Largest accepted JSON body, in bytes. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Days an archived (moved-out) household is kept before `purge` deletes it. */
  RETENTION_DAYS: z.coerce.number().int().min(1).default(3 * 365),
  /** Patrol visits planned per grid worker and day; the rest is rolled forward (顺延). */
  PATROL_DAILY_CAP: z.coerce.number().int().min(1).max(500).default(25),
  /** Folder of the built web app. */
  WEB_DIST: z.string().default("./dist/web"),
  /** Set `true` behind a reverse proxy to trust X-Forwarded-For/-Proto (client address, HTTPS: Secure cookies). */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type Config = {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  databaseUrl?: string;
  databaseReadUrl?: string;
  workers: number;
  timerSweepSeconds: number;
  dataDir: string;
  demoMode: boolean;
  seed: number;
  seedOnEmpty: boolean;
  logLevel: string;
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginIpMaxFailures: number;
  loginIpWindowMinutes: number;
  mapTileUrl: string;
  map: MapSettings;
  dataKey?: string;
  bodyLimit: number;
  webDist: string;
  trustProxy: boolean;
  retentionDays: number;
  patrolDailyCap: number;
};

/** The map service the web apps draw under Linli's own layers (`GET /api/config` → `map`). */
export type MapSettings = {
  provider: "offline" | "tianditu" | "amap" | "osm";
  /** The datum of the tiles: stored WGS-84 points are converted for a GCJ-02 map (src/contracts/coords.ts). */
  crs: "wgs84" | "gcj02";
  tileUrl: string;
  annotationUrl: string | null;
  subdomains: string[];
};

const OFFLINE_MAP: MapSettings = { provider: "offline", crs: "wgs84", tileUrl: "", annotationUrl: null, subdomains: [] };

/** The tile URLs of a provider; throws when a provider cannot work as configured. */
export function mapSettings(provider: MapSettings["provider"], key: string | undefined, style: "vector" | "imagery", tileUrl: string): MapSettings {
  switch (provider) {
    case "tianditu": {
      if (!key) throw new Error("Invalid configuration:\n  MAP_KEY: 天地图 (MAP_PROVIDER=tianditu) needs its key (tk)");
      // CGCS2000, treated as WGS-84 (they differ by centimetres).
      const layer = (t: string) => `https://t{s}.tianditu.gov.cn/DataServer?T=${t}&x={x}&y={y}&l={z}&tk=${key}`;
      const [base, notes] = style === "imagery" ? ["img_w", "cia_w"] : ["vec_w", "cva_w"];
      return { provider, crs: "wgs84", tileUrl: layer(base), annotationUrl: layer(notes), subdomains: ["0", "1", "2", "3", "4", "5", "6", "7"] };
    }
    case "amap":
      return {
        provider,
        crs: "gcj02",
        tileUrl: "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
        annotationUrl: null,
        subdomains: ["1", "2", "3", "4"],
      };
    case "osm":
      if (!tileUrl) throw new Error("Invalid configuration:\n  MAP_TILE_URL: MAP_PROVIDER=osm needs a tile URL template");
      return { provider, crs: "wgs84", tileUrl, annotationUrl: null, subdomains: tileUrl.includes("{s}") ? ["a", "b", "c"] : [] };
    default:
      return OFFLINE_MAP;
  }
}

/** Parses the given environment; throws a readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable counts as unset (DATABASE_URL= means "use the embedded database").
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const demoMode = e.DEMO_MODE ?? e.NODE_ENV !== "production";
  return {
    env: e.NODE_ENV,
    // Demo mode answers one-time codes and lists demo accounts: never reachable from another
    // machine unless HOST says so (and then only loopback requests get those conveniences).
    host: e.HOST ?? (demoMode ? "localhost" : "0.0.0.0"),
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_URL ? e.DATABASE_READ_URL : undefined,
    workers: e.DATABASE_URL ? (e.WORKERS ?? os.availableParallelism()) : 1,
    timerSweepSeconds: e.TIMER_SWEEP_SECONDS,
    dataDir: path.resolve(e.DATA_DIR),
    demoMode,
    seed: e.SEED,
    seedOnEmpty: e.SEED_ON_EMPTY ?? demoMode,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginIpMaxFailures: e.LOGIN_IP_MAX_FAILURES,
    loginIpWindowMinutes: e.LOGIN_IP_WINDOW_MINUTES,
    mapTileUrl: e.MAP_TILE_URL,
    map: mapSettings(e.MAP_PROVIDER ?? (e.MAP_TILE_URL ? "osm" : "offline"), e.MAP_KEY, e.MAP_STYLE, e.MAP_TILE_URL),
    dataKey: e.DATA_KEY,
    bodyLimit: e.BODY_LIMIT,
    webDist: path.resolve(e.WEB_DIST),
    trustProxy: e.TRUST_PROXY,
    retentionDays: e.RETENTION_DAYS,
    patrolDailyCap: e.PATROL_DAILY_CAP,
  };
}
