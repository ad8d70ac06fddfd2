import type { PublicConfig } from "../api/use-public-config";
import type { MapCrs } from "./map-crs";

export type MapProvider = "offline" | "tianditu" | "amap" | "osm";

/** The map service of the installation, as `GET /api/config` gives it. */
export interface MapSettings {
  provider: MapProvider;
  crs: MapCrs;
  tileUrl: string;
  annotationUrl: string | null;
  subdomains: string[];
}

const OFFLINE: MapSettings = { provider: "offline", crs: "wgs84", tileUrl: "", annotationUrl: null, subdomains: [] };

/**
 * The map settings of a public config: its `map` part, or (from a server that only names a tile
 * URL) an OpenStreetMap-style WGS-84 service; offline when nothing is set.
 */
export function mapSettingsOf(config: PublicConfig | undefined, legacyTileUrl?: string): MapSettings {
  const map = config?.map as Partial<MapSettings> | undefined;
  if (map && map.provider && map.provider !== "offline" && map.tileUrl) {
    return {
      provider: map.provider,
      crs: map.crs === "gcj02" ? "gcj02" : "wgs84",
      tileUrl: map.tileUrl,
      annotationUrl: map.annotationUrl ?? null,
      subdomains: map.subdomains ?? [],
    };
  }
  if (map) return OFFLINE;
  const url = config?.mapTileUrl || legacyTileUrl || "";
  return url ? { provider: "osm", crs: "wgs84", tileUrl: url, annotationUrl: null, subdomains: [] } : OFFLINE;
}
