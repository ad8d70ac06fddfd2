import { z } from "zod";

export const publicConfigReply = z.object({
  demoMode: z.boolean(),
  /** The base tile URL (= map.tileUrl), kept for older clients. */
  mapTileUrl: z.string(),
  /** The map service: "offline" draws Linli's own base layer (`GET /api/map/base`) with no outside tiles. */
  map: z.object({
    provider: z.enum(["offline", "tianditu", "amap", "osm"]),
    crs: z.enum(["wgs84", "gcj02"]),
    tileUrl: z.string(),
    annotationUrl: z.string().nullable(),
    subdomains: z.array(z.string()),
  }),
  version: z.string(),
  /** Demo logins, listed on the login page in demo mode only. */
  demoAccounts: z.array(z.object({ username: z.string().nullable(), phone: z.string().nullable(), role: z.string(), displayName: z.string() })),
});
