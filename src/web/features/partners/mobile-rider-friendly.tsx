import { useMemo, useState } from "react";
import { Button, ErrorBlock, List, Skeleton, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { usePublicConfig } from "../../api/use-public-config";
import { BASE_COLOURS } from "../../lib/base-layer";
import { errorMessage } from "../../lib/error-message";
import type { LngLat } from "../../lib/map-crs";
import { distanceText, metresBetween } from "../../lib/distance";
import "./partners.css";
import { ME_COLOUR, RiderMap, SERVICE_COLOUR, STATION_COLOUR, type MapPoint } from "./rider-map";
import { useMyPosition } from "./use-my-position";
import { useRiderFriendly } from "./use-points";

/** 骑手友好地图: rider stations with amenities and hours, and rider services with their providers, on a map and in lists. */
export function MobileRiderFriendly() {
  const { t } = useTranslation();
  const data = useRiderFriendly();
  const tree = useAreaTree();
  const config = usePublicConfig();
  const [selected, setSelected] = useState<string | null>(null);
  const { me, locating, failed: locateFailed, findMe } = useMyPosition();
  const away = (at: unknown) => (me && Array.isArray(at) ? t("partners.mobile.rider.distance", { distance: distanceText(metresBetween(me, at as LngLat), t) }) : "");
  const points = useMemo<MapPoint[]>(() => {
    if (!data.data) return [];
    const stations: MapPoint[] = data.data.stations.flatMap((s) =>
      s.location
        ? [
            {
              id: s.id,
              at: s.location as [number, number],
              kind: "station" as const,
              title: s.name,
              lines: [away(s.location), s.address, s.hours ? t("mobile.stations.hoursValue", { hours: s.hours }) : ""].filter(Boolean),
            },
          ]
        : [],
    );
    const services: MapPoint[] = data.data.services.flatMap((s) =>
      s.location
        ? [{ id: s.id, at: s.location as [number, number], kind: "service" as const, title: s.name, lines: [t(`partners.riders.kinds.${s.kind}`), s.unit ? t("partners.mobile.rider.provider", { name: s.unit.name }) : ""].filter(Boolean) }]
        : [],
    );
    return [...stations, ...services];
  }, [data.data, t, me]);

  if (data.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (data.isError) return <ErrorBlock status="default" title={errorMessage(data.error, t)} description="" />;
  const { services } = data.data;
  // Nearest first once the phone's position is known.
  const stations = me
    ? [...data.data.stations].sort((a, b) => (a.location ? metresBetween(me, a.location as LngLat) : Infinity) - (b.location ? metresBetween(me, b.location as LngLat) : Infinity))
    : data.data.stations;
  return (
    <div data-testid="rider-friendly">
      <RiderMap areas={tree.data ?? []} points={points} tileUrl={config.data?.mapTileUrl ?? ""} selected={selected} me={me} />
      <div className="pt-m-legend pt-m-legend-wrap" data-testid="rider-legend">
        <span>
          <i className="pt-m-dot" style={{ background: STATION_COLOUR }} />
          {t("partners.mobile.rider.legendStation")}
        </span>
        <span>
          <i className="pt-m-dot" style={{ background: SERVICE_COLOUR }} />
          {t("partners.mobile.rider.legendService")}
        </span>
        {me && (
          <span>
            <i className="pt-m-dot" style={{ background: ME_COLOUR }} />
            {t("partners.mobile.rider.legendMe")}
          </span>
        )}
        <span>
          <i className="pt-m-swatch" style={{ background: BASE_COLOURS.road, borderColor: BASE_COLOURS.roadCasing }} />
          {t("baseMap.legend.road")}
        </span>
        <span>
          <i className="pt-m-swatch" style={{ background: BASE_COLOURS.water, borderColor: BASE_COLOURS.waterEdge }} />
          {t("baseMap.legend.river")}
        </span>
        <span>
          <i className="pt-m-swatch" style={{ background: BASE_COLOURS.building, borderColor: BASE_COLOURS.buildingEdge }} />
          {t("baseMap.legend.building")}
        </span>
      </div>
      {!me && (
        <div className="pt-m-locate">
          <Button size="mini" fill="outline" color="primary" loading={locating} onClick={findMe} data-testid="rider-locate">
            {t("partners.mobile.rider.locate")}
          </Button>
          {locateFailed && <span className="pt-m-locate-note">{t("partners.mobile.rider.locateFailed")}</span>}
        </div>
      )}
      <List header={t("partners.mobile.rider.stations")} className="m-list" data-testid="rider-stations">
        {stations.length === 0 && <List.Item>{t("partners.mobile.rider.noStations")}</List.Item>}
        {stations.map((s) => (
          <List.Item
            key={s.id}
            onClick={s.location ? () => setSelected(s.id) : undefined}
            description={
              <div className="m-station-desc">
                {me && s.location && (
                  <div className="pt-m-distance" data-testid="rider-station-distance">
                    {away(s.location)}
                  </div>
                )}
                <div>{s.address}</div>
                {s.hours && <div>{t("mobile.stations.hoursValue", { hours: s.hours })}</div>}
                {s.amenities.length > 0 && (
                  <div className="pt-m-tags">
                    {s.amenities.map((a) => (
                      <Tag key={a} fill="outline" color="warning">
                        {t(`mobile.stations.amenity.${a}`, { defaultValue: a })}
                      </Tag>
                    ))}
                  </div>
                )}
              </div>
            }
          >
            <span data-testid="rider-station-name">{s.name}</span>
          </List.Item>
        ))}
      </List>
      <List header={t("partners.mobile.rider.services")} className="m-list" data-testid="rider-services">
        {services.length === 0 && <List.Item>{t("partners.mobile.rider.noServices")}</List.Item>}
        {services.map((s) => (
          <List.Item
            key={s.id}
            onClick={s.location ? () => setSelected(s.id) : undefined}
            description={
              <>
                <div>{s.description}</div>
                {(s.unit || s.place) && <div>{t("partners.mobile.rider.provider", { name: s.unit?.name ?? s.place?.name ?? "" })}</div>}
              </>
            }
            extra={<Tag color="success">{t(`partners.riders.kinds.${s.kind}`)}</Tag>}
          >
            {s.name}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
