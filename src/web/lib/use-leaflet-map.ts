import { useEffect, useRef, useState, type RefObject } from "react";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./base-map.css";
import { usePublicConfig } from "../api/use-public-config";
import { i18n } from "../i18n/i18n";
import { drawBaseLayer } from "./base-layer";
import { mapSettingsOf, type MapSettings } from "./map-config";
import { mapCrsOf, setMapCrs, toMap } from "./map-crs";
import { DEFAULT_CENTER, watchSize } from "./leaflet-areas";
import { featuresOf, useBaseMap } from "./use-base-map";

interface Options {
  /** Zoom steps the map snaps to (quarter steps for dense area maps). */
  zoomSnap?: number;
  /**
   * Called while the container settles into its size after mounting (e.g. to fit the content
   * again once a modal has opened). Read once, at mount: pass a function that reads a ref.
   */
  onSettle?: () => void;
  /** Draw the community's base map beneath (default true). */
  base?: boolean;
  /** The area whose base map is drawn (default: the caller's communities). */
  areaId?: string | null;
  /** Let the base map name grids and micro-grids (maps that do not draw the area tree themselves). */
  areaLabels?: boolean;
}

/** Tile errors within the first seconds that make a provider count as failed (wrong key, no network). */
const FAILED_TILES = 4;
const TILE_GRACE_MS = 6000;

/**
 * A Leaflet map made once in `container`: it opens on the default centre, follows the container's
 * size, has zoom buttons in the UI language, and shows the base map of the installation beneath
 * the component's own layers: the community's own geography drawn offline (the default), or the
 * tiles of the configured service (天地图, 高德, OSM-style) with our outlines over them; a service
 * whose tiles fail gives way to the offline map, with a notice. On a GCJ-02 service (高德) the map
 * draws in GCJ-02: draw with `toMap` and read clicks with `fromMap` (map-crs.ts).
 * `tileUrl` is the installation's old single tile setting, used when the config has no `map` part.
 * The ref holds the map from mount to unmount; the component's later effects draw on it.
 */
export function useLeafletMap(container: RefObject<HTMLDivElement | null>, tileUrl: string | undefined, options: Options = {}): RefObject<L.Map | null> {
  const mapRef = useRef<L.Map | null>(null);
  const { zoomSnap = 0.5, onSettle, base = true, areaId, areaLabels = false } = options;
  const config = usePublicConfig();
  const baseMap = useBaseMap(areaId, base);
  const [failed, setFailed] = useState(false);
  const viewTouched = useRef(false);
  const settings = mapSettingsOf(config.data, tileUrl);

  useEffect(() => {
    const element = container.current!;
    // No zoom animation: a map removed while a zoom animates (a modal closed right after it fitted its
    // content) would let Leaflet's animation frame read the panes it has just removed.
    const map = L.map(element, { attributionControl: false, zoomControl: false, zoomSnap, minZoom: 3, maxZoom: 20, zoomAnimation: false });
    L.control.zoom({ zoomInTitle: i18n.t("baseMap.zoomIn"), zoomOutTitle: i18n.t("baseMap.zoomOut"), zoomInText: "+", zoomOutText: "−" }).addTo(map);
    // The coordinate system is fixed when the map is made: a GCJ-02 service draws in GCJ-02.
    setMapCrs(map, config.data ? settings.crs : "wgs84");
    map.setView(toMap(map, DEFAULT_CENTER), 13);
    viewTouched.current = false;
    const touch = () => {
      viewTouched.current = true;
    };
    map.on("movestart zoomstart", touch);
    mapRef.current = map;
    const unwatch = watchSize(map, element, onSettle);
    return () => {
      unwatch();
      map.off("movestart zoomstart", touch);
      map.stop();
      map.remove();
      mapRef.current = null;
    };
    // Made once: later option changes do not rebuild the map.
  }, []);

  // The service actually shown: the configured one, unless it failed or draws in another system
  // than the map was made with (the config arrived after the map).
  const map = mapRef.current;
  const usable: MapSettings | null = settings.provider !== "offline" && !failed && (!map || mapCrsOf(map) === settings.crs) ? settings : null;
  const providerKey = usable ? `${usable.provider}|${usable.tileUrl}|${usable.annotationUrl ?? ""}|${usable.subdomains.join(",")}` : "";

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !usable) return;
    const tileOptions: L.TileLayerOptions = { maxZoom: 20, maxNativeZoom: 18, ...(usable.subdomains.length > 0 ? { subdomains: usable.subdomains } : {}) };
    const tiles = L.tileLayer(usable.tileUrl, tileOptions).addTo(map);
    const annotation = usable.annotationUrl ? L.tileLayer(usable.annotationUrl, tileOptions).addTo(map) : null;
    let errors = 0;
    let loads = 0;
    let decided = false;
    const started = Date.now();
    const judge = () => {
      if (decided) return;
      if (errors >= FAILED_TILES && errors > loads * 2) {
        decided = true;
        setFailed(true);
      } else if (Date.now() - started > TILE_GRACE_MS && loads > 0) {
        decided = true;
      }
    };
    const onError = () => {
      errors++;
      judge();
    };
    const onLoad = () => {
      loads++;
      judge();
    };
    tiles.on("tileerror", onError).on("tileload", onLoad);
    const timer = setTimeout(() => {
      // Nothing loaded at all in the first seconds, and something failed: the service is not usable.
      if (!decided && loads === 0 && errors > 0) {
        decided = true;
        setFailed(true);
      }
    }, TILE_GRACE_MS);
    return () => {
      clearTimeout(timer);
      tiles.off("tileerror", onError).off("tileload", onLoad);
      tiles.remove();
      annotation?.remove();
    };
  }, [providerKey]);

  // The notice that the offline map took over from a failed service.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !failed) return;
    const Notice = L.Control.extend({
      onAdd() {
        const box = L.DomUtil.create("div", "ll-map-fallback");
        box.textContent = i18n.t("baseMap.fallback");
        box.setAttribute("data-testid", "map-fallback");
        box.setAttribute("role", "status");
        return box;
      },
    });
    const notice = new Notice({ position: "bottomleft" }).addTo(map);
    return () => {
      notice.remove();
    };
  }, [failed]);

  // The community's own map: everything offline, or only our outlines and names over a service.
  const mode = usable ? "overlay" : "full";
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !base || !baseMap.data) return;
    const layer = drawBaseLayer(map, featuresOf(baseMap.data), { mode, areaLabels });
    const element = map.getContainer();
    element.classList.toggle("ll-has-base", mode === "full");
    element.setAttribute("data-base-map", mode);
    // Opens on the community when the component has not placed the view itself.
    const [minLng, minLat, maxLng, maxLat] = baseMap.data.bbox ?? [];
    if (!viewTouched.current && [minLng, minLat, maxLng, maxLat].every(Number.isFinite)) {
      map.fitBounds(L.latLngBounds(toMap(map, [minLng, minLat]), toMap(map, [maxLng, maxLat])), { padding: [8, 8] });
    }
    return () => {
      layer.remove();
      element.classList.remove("ll-has-base");
      element.removeAttribute("data-base-map");
    };
  }, [baseMap.data, mode, base, areaLabels]);

  return mapRef;
}
