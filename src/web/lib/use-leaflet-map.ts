import { useEffect, useRef, type RefObject } from "react";
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { DEFAULT_CENTER, toLatLng, watchSize } from "./leaflet-areas";

interface Options {
  /** Zoom steps the map snaps to (quarter steps for dense area maps). */
  zoomSnap?: number;
  /**
   * Called while the container settles into its size after mounting (e.g. to fit the content
   * again once a modal has opened). Read once, at mount: pass a function that reads a ref.
   */
  onSettle?: () => void;
}

/**
 * A Leaflet map made once in `container`: it opens on the default centre, follows the container's
 * size, and shows the tiles of `tileUrl` (none while it is empty: polygons on a plain background).
 * The ref holds the map from mount to unmount; the component's later effects draw on it.
 */
export function useLeafletMap(container: RefObject<HTMLDivElement | null>, tileUrl: string | undefined, options: Options = {}): RefObject<L.Map | null> {
  const mapRef = useRef<L.Map | null>(null);
  const { zoomSnap = 0.5, onSettle } = options;

  useEffect(() => {
    const element = container.current!;
    // No zoom animation: a map removed while a zoom animates (a modal closed right after it fitted its
    // content) would let Leaflet's animation frame read the panes it has just removed.
    const map = L.map(element, { attributionControl: false, zoomSnap, minZoom: 3, maxZoom: 20, zoomAnimation: false });
    map.setView(toLatLng(DEFAULT_CENTER), 13);
    mapRef.current = map;
    const unwatch = watchSize(map, element, onSettle);
    return () => {
      unwatch();
      map.stop();
      map.remove();
      mapRef.current = null;
    };
    // Made once: later option changes do not rebuild the map.
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, { maxZoom: 20 }).addTo(map);
    return () => {
      tiles.remove();
    };
  }, [tileUrl]);

  return mapRef;
}
