import { useEffect, useState, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";
import L from "leaflet";

/**
 * A Leaflet control in a corner of the map, whose content React renders through `MapControl`
 * (legends, small toolbars). Clicks and wheel turns on it do not reach the map. Call it after
 * `useLeafletMap` in the same component, so that the map exists when it runs.
 */
export function useMapControl(mapRef: RefObject<L.Map | null>, position: L.ControlPosition, className: string): HTMLElement | null {
  const [box, setBox] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const element = L.DomUtil.create("div", `leaflet-bar ll-map-control ${className}`);
    L.DomEvent.disableClickPropagation(element);
    L.DomEvent.disableScrollPropagation(element);
    const control = new L.Control({ position });
    control.onAdd = () => element;
    control.addTo(map);
    setBox(element);
    return () => {
      control.remove();
      setBox(null);
    };
    // Made once with the map.
  }, []);
  return box;
}

/** Renders `children` into a control made by `useMapControl`. */
export function MapControl({ box, children }: { box: HTMLElement | null; children: ReactNode }) {
  return box ? createPortal(children, box) : null;
}

/** One row of a legend: a swatch (dot, ring, line or area) and its text. */
export function LegendRow({ swatch, children, testId }: { swatch: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="ll-legend-row" data-testid={testId}>
      <span className="ll-legend-swatch">{swatch}</span>
      <span>{children}</span>
    </div>
  );
}
