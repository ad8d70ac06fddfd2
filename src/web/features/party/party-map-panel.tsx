import { useEffect, useRef, useState } from "react";
import L from "leaflet";
import { Alert, Card, Descriptions, Drawer, Empty, Skeleton, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePublicConfig } from "../../api/use-public-config";
import { errorMessage } from "../../lib/error-message";
import { dotMarker } from "../../lib/leaflet-areas";
import { useLeafletMap } from "../../lib/use-leaflet-map";
import { LegendRow, MapControl, useMapControl } from "../cases/map-control";
import { useBuildingContacts, usePartyMap, type BuildingContacts, type PartyMap } from "./use-party-map";

/** A building with a 楼栋长 (party red) and one without (grey). */
export const LED_COLOUR = "#c8161d";
export const UNLED_COLOUR = "#8c8c8c";

type MapBuilding = PartyMap["buildings"][number];

/**
 * 党建地图: the community's residential buildings over its base map (grids and compounds drawn by
 * the base layer), red where a 党员楼栋长 is named, grey where none is; a click opens the building's
 * 楼栋长 and each household's 中心户 in a drawer, each household linking to its register page.
 */
export function PartyMapPanel({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const map = usePartyMap(communityId);
  const [picked, setPicked] = useState<string | null>(null);
  const buildings = map.data?.buildings ?? [];
  const led = buildings.filter((b) => b.leader).length;
  return (
    <Card size="small" className="ll-map-card" data-testid="party-map-card" title={map.data ? t("party.map.buildings", { n: buildings.length, led }) : undefined} extra={<Typography.Text type="secondary">{t("party.map.pick")}</Typography.Text>}>
      {map.isError && <Alert type="error" showIcon title={errorMessage(map.error, t)} />}
      {map.isPending ? <Skeleton active style={{ padding: 16 }} /> : map.data && buildings.length === 0 ? <Empty style={{ padding: 24 }} description={t("party.map.empty")} /> : null}
      <BuildingMap communityId={communityId} buildings={buildings} selected={picked} onPick={setPicked} />
      {picked && <BuildingDrawer id={picked} summary={buildings.find((b) => b.id === picked)} onClose={() => setPicked(null)} />}
    </Card>
  );
}

function BuildingMap({ communityId, buildings, selected, onPick }: { communityId: string; buildings: MapBuilding[]; selected: string | null; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useLeafletMap(container, config.data?.mapTileUrl ?? "", { areaId: communityId, areaLabels: true });
  const legendBox = useMapControl(mapRef, "bottomright", "ll-legend");
  const markers = useRef(new Map<string, L.CircleMarker>());
  const onPickRef = useRef(onPick);
  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = L.featureGroup().addTo(map);
    const byId = new Map<string, L.CircleMarker>();
    for (const b of buildings) {
      const marker = dotMarker(map, b.point, b.leader ? LED_COLOUR : UNLED_COLOUR, b.leader ? 8 : 6);
      marker.bindTooltip(tooltipOf(b, t), { direction: "top", offset: [0, -6] });
      marker.on("click", () => onPickRef.current(b.id));
      marker.addTo(group);
      const element = marker.getElement();
      if (element) {
        element.setAttribute("data-testid", "party-map-building");
        element.setAttribute("data-building", b.id);
        element.setAttribute("data-led", b.leader ? "1" : "0");
      }
      byId.set(b.id, marker);
    }
    markers.current = byId;
    if (group.getLayers().length > 0) map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 17 });
    return () => {
      group.remove();
      byId.clear();
    };
  }, [buildings, t]);

  useEffect(() => {
    for (const [id, marker] of markers.current) marker.setStyle({ color: id === selected ? "#1677ff" : "#fff", weight: id === selected ? 3 : 2 });
  }, [selected, buildings]);

  return (
    <>
      <div ref={container} className="ll-map" data-testid="party-map" data-buildings={buildings.length} />
      <MapControl box={legendBox}>
        <div className="ll-legend-body" data-testid="party-map-legend">
          <div className="ll-legend-title">{t("party.map.legend")}</div>
          <LegendRow swatch={<i className="ll-dot" style={{ background: LED_COLOUR }} />}>{t("party.map.withLeader")}</LegendRow>
          <LegendRow swatch={<i className="ll-dot" style={{ background: UNLED_COLOUR }} />}>{t("party.map.withoutLeader")}</LegendRow>
        </div>
      </MapControl>
    </>
  );
}

/** A marker's tooltip, built as elements (never HTML from data). */
function tooltipOf(b: MapBuilding, t: (key: string, options?: Record<string, unknown>) => string): HTMLElement {
  const box = document.createElement("div");
  const head = document.createElement("strong");
  head.textContent = `${b.compound}${b.name}`;
  const leader = document.createElement("div");
  leader.textContent = b.leader ? t("party.map.leaderLine", { who: t("party.map.leaderOf", { name: b.leader.name, group: b.leader.group }) }) : t("party.map.noLeader");
  const counts = document.createElement("div");
  counts.textContent = `${t("party.map.households", { n: b.households })} · ${t("party.map.covered", { n: b.covered })}`;
  box.append(head, leader, counts);
  return box;
}

function BuildingDrawer({ id, summary, onClose }: { id: string; summary?: MapBuilding; onClose: () => void }) {
  const { t } = useTranslation();
  const contacts = useBuildingContacts(id);
  const data: BuildingContacts | undefined = contacts.data;
  const title = data ? `${data.building.compound}${data.building.name}` : summary ? `${summary.compound}${summary.name}` : "";
  return (
    <Drawer open onClose={onClose} size={560} title={title} destroyOnHidden data-testid="party-building-drawer">
      {contacts.isError && <Alert type="error" showIcon title={errorMessage(contacts.error, t)} />}
      {contacts.isPending && <Skeleton active />}
      {data && (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              {
                key: "leader",
                label: t("party.role.building_leader"),
                children: <span data-testid="party-building-leader">{data.buildingLeader ? t("party.map.leaderOf", { name: data.buildingLeader.name, group: data.buildingLeader.group }) : t("party.map.noLeader")}</span>,
              },
              ...(summary ? [{ key: "counts", label: t("party.map.household"), children: `${t("party.map.households", { n: summary.households })} · ${t("party.map.covered", { n: summary.covered })}` }] : []),
            ]}
          />
          <Table
            size="small"
            rowKey="id"
            data-testid="party-building-households"
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            dataSource={data.households}
            columns={[
              { key: "address", title: t("party.map.household"), render: (_, h) => <Link to={`/registry/households/${h.id}`} data-testid="party-building-household">{h.address}</Link> },
              {
                key: "anchor",
                title: t("party.map.anchor"),
                render: (_, h) => (h.anchor ? <span data-testid="party-household-anchor">{t("party.map.anchorOf", { name: h.anchor.name, address: h.anchor.address })}</span> : <Typography.Text type="secondary">{t("party.map.noAnchor")}</Typography.Text>),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
