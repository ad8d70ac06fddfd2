import { useEffect, useMemo, useRef } from "react";
import { Alert, Spin } from "antd";
import L from "leaflet";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { indexAreas } from "../../lib/area-index";
import { errorMessage } from "../../lib/error-message";
import { dotMarker, drawAreaBackground } from "../../lib/leaflet-areas";
import { useLeafletMap } from "../../lib/use-leaflet-map";
import { TIMER_COLOURS } from "./case-status";
import { useOpenCasesOnMap } from "./use-case-list";
import type { CaseFilter, CaseSummary } from "./types";

interface Props {
  areas: AreaNode[];
  filter: CaseFilter;
  tileUrl: string;
  onOpen: (id: string) => void;
}

/** Open cases as dots coloured by their time limit (green, yellow, red) over the grid polygons. */
export function CaseMap({ areas, filter, tileUrl, onOpen }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const onOpenRef = useRef(onOpen);
  const fitRef = useRef<() => void>(() => undefined);
  const index = useMemo(() => indexAreas(areas), [areas]);
  const mapRef = useLeafletMap(container, tileUrl, { zoomSnap: 0.25, onSettle: () => fitRef.current() });
  const cases = useOpenCasesOnMap({ ...filter, status: "open" });

  useEffect(() => {
    onOpenRef.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = drawAreaBackground(map, areas, index, { labels: true });
    fitRef.current = () => {
      if (group.getLayers().length > 0) map.fitBounds(group.getBounds(), { padding: [24, 24] });
    };
    fitRef.current();
    return () => {
      fitRef.current = () => undefined;
      group.remove();
    };
  }, [areas, index]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !cases.data) return;
    const group = L.featureGroup().addTo(map);
    // Red on top: the overdue ones must not hide under the others.
    const order = { normal: 0, yellow: 1, red: 2 } as const;
    for (const c of [...cases.data].sort((a, b) => order[a.timer] - order[b.timer])) {
      const marker = dotMarker(map, c.location!, TIMER_COLOURS[c.timer], c.timer === "red" ? 9 : 7);
      marker.bindPopup(() => popupOf(c, t, () => onOpenRef.current(c.id)));
      marker.addTo(group);
    }
    return () => {
      group.remove();
    };
  }, [cases.data, t]);

  return (
    <div className="ll-case-map-wrap">
      {cases.isError && <Alert type="error" showIcon title={errorMessage(cases.error, t)} className="ll-map-notice" />}
      <div ref={container} className="ll-map ll-case-map" data-testid="case-map" data-count={cases.data?.length ?? ""} />
      {cases.isPending && <Spin className="ll-map-spin" />}
      <div className="ll-map-legend" data-testid="case-map-legend">
        {(["red", "yellow", "normal"] as const).map((timer) => (
          <span key={timer} className="ll-legend-item">
            <i className="ll-dot" style={{ background: TIMER_COLOURS[timer] }} />
            {t(`cases.timer.${timer}`)} · {cases.data?.filter((c) => c.timer === timer).length ?? 0}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The popup of a dot, built as elements (never as HTML from data). */
function popupOf(c: CaseSummary, t: (key: string) => string, open: () => void): HTMLElement {
  const box = document.createElement("div");
  box.className = "ll-case-popup";
  const title = document.createElement("strong");
  title.textContent = `${c.number} · ${c.categoryName}`;
  const desc = document.createElement("div");
  desc.textContent = c.description.length > 60 ? `${c.description.slice(0, 60)}…` : c.description;
  const meta = document.createElement("div");
  meta.className = "ll-muted";
  meta.textContent = `${t(`cases.status.${c.status}`)} · ${t(`cases.timer.${c.timer}`)}`;
  const link = document.createElement("a");
  link.textContent = t("cases.map.open");
  link.href = "#";
  link.addEventListener("click", (e) => {
    e.preventDefault();
    open();
  });
  box.append(title, desc, meta, link);
  return box;
}
