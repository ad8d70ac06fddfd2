import { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Segmented, Spin, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { indexAreas } from "../../lib/area-index";
import { errorMessage } from "../../lib/error-message";
import { chinaDay } from "../../lib/format";
import { drawAreaBackground } from "../../lib/leaflet-areas";
import { toMap } from "../../lib/map-crs";
import { useLeafletMap } from "../../lib/use-leaflet-map";
import { boundsOfCases, drawCaseClusters, MAP_STATES, STATE_COLOURS, stateOf, type MapState } from "./case-clusters";
import { HEAT_GRADIENT, HeatLayer } from "./heat-layer";
import { LegendRow, MapControl, useMapControl } from "./map-control";
import { MAP_CASE_LIMIT, useCasesOnMap } from "./use-cases-on-map";
import type { CaseFilter, CaseSummary } from "./types";

interface Props {
  areas: AreaNode[];
  filter: CaseFilter;
  onFilterChange: (next: CaseFilter) => void;
  tileUrl: string;
  onOpen: (id: string) => void;
}

/** The periods offered on the map, in days up to today; without dates in the filter the map shows the last 30 days. */
const PERIODS = { days7: 7, days30: 30, days90: 90, year: 365 } as const;
type Period = keyof typeof PERIODS;
const DEFAULT_PERIOD: Period = "days30";
const periodRange = (period: Period) => ({ from: chinaDay(1 - PERIODS[period]), to: chinaDay() });

type StateChoice = MapState | "all";
function stateChoiceOf(filter: CaseFilter): StateChoice | "" {
  if (filter.overdue === "true") return filter.status && filter.status !== "open" ? "" : "overdue";
  if (!filter.status) return "all";
  return filter.status === "open" || filter.status === "closed" ? filter.status : "";
}
function withState(filter: CaseFilter, state: StateChoice): CaseFilter {
  switch (state) {
    case "all":
      return { ...filter, status: undefined, overdue: undefined };
    case "overdue":
      return { ...filter, status: undefined, overdue: "true" };
    default:
      return { ...filter, status: state, overdue: undefined };
  }
}

/**
 * The cases of the filter on a map over the grids: clustered circles coloured by the most urgent
 * state inside (overdue, open, closed), a heat layer of the reports in the period, and a legend.
 * State and period are set here too (they are the list's own filters); without dates the map
 * shows the last 30 days.
 */
export function CaseMap({ areas, filter, onFilterChange, tileUrl, onOpen }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const onOpenRef = useRef(onOpen);
  const fitRef = useRef<() => void>(() => undefined);
  const index = useMemo(() => indexAreas(areas), [areas]);
  const mapRef = useLeafletMap(container, tileUrl, { zoomSnap: 0.25, onSettle: () => fitRef.current() });
  const legendBox = useMapControl(mapRef, "bottomright", "ll-legend");
  const [heat, setHeat] = useState(false);

  const dated = Boolean(filter.from || filter.to);
  const effective = useMemo(() => (dated ? filter : { ...filter, ...periodRange(DEFAULT_PERIOD) }), [filter, dated]);
  const period = (Object.keys(PERIODS) as Period[]).find((p) => {
    const range = periodRange(p);
    return effective.from === range.from && effective.to === range.to;
  });
  const cases = useCasesOnMap(effective);
  const placed = cases.data?.placed;

  useEffect(() => {
    onOpenRef.current = onOpen;
  }, [onOpen]);

  // The zoom level on the element, for tests and for a person reading the page.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const mark = () => map.getContainer().setAttribute("data-zoom", String(map.getZoom()));
    map.on("zoomend", mark);
    mark();
    return () => {
      map.off("zoomend", mark);
    };
  }, []);

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
    if (!map || !placed) return;
    const group = drawCaseClusters(map, placed, { popupOf: (list) => popupOf(list, t, (id) => onOpenRef.current(id)) });
    // Without area outlines to fit to (a caller without a tree), the cases give the view.
    const bounds = areas.some((a) => a.boundary) ? null : boundsOfCases(map, placed);
    if (bounds) map.fitBounds(bounds, { padding: [32, 32], maxZoom: 17 });
    return () => {
      group.remove();
    };
  }, [placed, t, areas]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !heat || !placed) return;
    const layer = new HeatLayer(placed.map((c) => toMap(map, c.location!))).addTo(map);
    return () => {
      layer.remove();
    };
  }, [heat, placed]);

  const counts = useMemo(() => {
    const by: Record<MapState, number> = { overdue: 0, open: 0, closed: 0 };
    for (const c of placed ?? []) by[stateOf(c)]++;
    return by;
  }, [placed]);

  return (
    <div className="ll-case-map-wrap">
      <div className="ll-case-map-bar" data-testid="case-map-bar">
        <span className="ll-case-map-bar-item">
          <Typography.Text type="secondary">{t("mapViews.state.label")}</Typography.Text>
          <Segmented<StateChoice>
            size="small"
            value={stateChoiceOf(filter) as StateChoice}
            onChange={(state) => onFilterChange(withState(filter, state))}
            options={(["all", ...MAP_STATES] as StateChoice[]).map((s) => ({ value: s, label: t(`mapViews.state.${s}`) }))}
            data-testid="map-state"
          />
        </span>
        <span className="ll-case-map-bar-item">
          <Typography.Text type="secondary">{t("mapViews.period.label")}</Typography.Text>
          <Segmented<Period | "custom">
            size="small"
            value={period ?? "custom"}
            onChange={(p) => p !== "custom" && onFilterChange({ ...filter, ...periodRange(p) })}
            options={[
              ...(Object.keys(PERIODS) as Period[]).map((p) => ({ value: p, label: t(`mapViews.period.${p}`) })),
              ...(period ? [] : [{ value: "custom" as const, label: t("mapViews.period.range", { from: effective.from ?? "…", to: effective.to ?? "…" }) }]),
            ]}
            data-testid="map-period"
          />
        </span>
        <span className="ll-case-map-bar-item">
          <Switch size="small" checked={heat} onChange={setHeat} data-testid="map-heat" />
          <span>{t("mapViews.heat")}</span>
        </span>
        <Typography.Text type="secondary" className="ll-case-map-count" data-testid="map-shown">
          {placed ? t("mapViews.shown", { count: placed.length }) : ""}
        </Typography.Text>
      </div>
      {cases.isError && <Alert type="error" showIcon title={errorMessage(cases.error, t)} className="ll-map-notice" />}
      {cases.data?.capped && <Alert type="warning" showIcon title={t("mapViews.capped", { count: MAP_CASE_LIMIT })} className="ll-map-notice" />}
      <div
        ref={container}
        className="ll-map ll-case-map"
        data-testid="case-map"
        data-count={placed?.length ?? ""}
        data-loading={cases.isFetching ? "true" : "false"}
      />
      {cases.isPending && <Spin className="ll-map-spin" />}
      <MapControl box={legendBox}>
        <div className="ll-legend-body" data-testid="case-map-legend">
          <div className="ll-legend-title">{t("mapViews.legend.title")}</div>
          {MAP_STATES.map((state) => (
            <LegendRow key={state} swatch={<i className="ll-dot" style={{ background: STATE_COLOURS[state] }} />} testId={`legend-${state}`}>
              {t(`mapViews.state.${state}`)} · {counts[state]}
            </LegendRow>
          ))}
          <LegendRow swatch={<i className="ll-legend-bubble">12</i>}>
            <span className="ll-legend-note">{t("mapViews.legend.cluster")}</span>
          </LegendRow>
          {heat && (
            <div className="ll-legend-heat" data-testid="heat-legend">
              <div>{t("mapViews.legend.heat")}</div>
              <i className="ll-legend-ramp" style={{ background: HEAT_GRADIENT }} />
              <div className="ll-legend-ramp-ends">
                <span>{t("mapViews.legend.few")}</span>
                <span>{t("mapViews.legend.many")}</span>
              </div>
            </div>
          )}
          {cases.data && cases.data.unplaced > 0 && <div className="ll-legend-note">{t("mapViews.noPlace", { count: cases.data.unplaced })}</div>}
          <div className="ll-legend-note">{t("mapViews.legend.hint")}</div>
        </div>
      </MapControl>
    </div>
  );
}

/** The popup of a dot (one case) or of a spot with several, built as elements (never as HTML from data). */
function popupOf(list: CaseSummary[], t: (key: string, options?: Record<string, unknown>) => string, open: (id: string) => void): HTMLElement {
  const box = document.createElement("div");
  box.className = "ll-case-popup";
  const link = (c: CaseSummary, text: string) => {
    const a = document.createElement("a");
    a.textContent = text;
    a.href = "#";
    a.dataset.testid = "map-open-case";
    a.addEventListener("click", (e) => {
      e.preventDefault();
      open(c.id);
    });
    return a;
  };
  if (list.length === 1) {
    const c = list[0];
    const title = document.createElement("strong");
    title.textContent = `${c.number} · ${c.categoryName}`;
    const desc = document.createElement("div");
    desc.textContent = c.description.length > 60 ? `${c.description.slice(0, 60)}…` : c.description;
    const place = document.createElement("div");
    place.className = "ll-muted";
    place.textContent = [c.address, c.grid?.name].filter(Boolean).join(" · ");
    const meta = document.createElement("div");
    meta.className = "ll-muted";
    meta.textContent = `${t(`cases.status.${c.status}`)} · ${t(`mapViews.state.${stateOf(c)}`)}`;
    box.append(title, desc, place, meta, link(c, t("cases.map.open")));
    return box;
  }
  const title = document.createElement("strong");
  title.textContent = t("mapViews.cluster.title", { count: list.length });
  box.append(title);
  const rows = document.createElement("div");
  rows.className = "ll-case-popup-list";
  for (const c of list.slice(0, 12)) {
    const row = document.createElement("div");
    const dot = document.createElement("i");
    dot.className = "ll-dot";
    dot.style.background = STATE_COLOURS[stateOf(c)];
    row.append(dot, link(c, `${c.number} · ${c.categoryName}`));
    rows.append(row);
  }
  box.append(rows);
  if (list.length > 12) {
    const more = document.createElement("div");
    more.className = "ll-muted";
    more.textContent = "…";
    box.append(more);
  }
  return box;
}
