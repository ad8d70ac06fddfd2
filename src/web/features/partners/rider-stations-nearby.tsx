import { useMemo, useState } from "react";
import { Button, ErrorBlock, Skeleton, Tag } from "antd-mobile";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import { errorMessage } from "../../lib/error-message";
import type { LngLat } from "../../lib/map-crs";
import { distanceText, metresBetween } from "../../lib/distance";
import { navigateUrl, openNow } from "./station-hours";
import type { RiderFriendly } from "./types";
import { useMyPosition } from "./use-my-position";
import "./partners.css";
import "./rider-home.css";

/**
 * The rider's stations (温新驿站) of every community, nearest first from the phone's position, each
 * with open-now, amenities and a link that opens the phone's map app. Without a position (refused,
 * unavailable, not asked yet) they are listed by name, with a note and a button to try again.
 */
export function RiderStationsNearby({ limit }: { limit?: number }) {
  const { t } = useTranslation();
  const data = useQuery({
    queryKey: ["riders", "friendly", "everywhere"],
    queryFn: ({ signal }) => apiGet<RiderFriendly>("/riders/friendly", { everywhere: "true" }, signal),
  });
  const { me, locating, findMe } = useMyPosition();
  const [all, setAll] = useState(false);

  const stations = useMemo(() => {
    const all = (data.data?.stations ?? []).map((s) => ({ ...s, metres: me && s.location ? metresBetween(me, s.location as LngLat) : null, open: openNow(s.hours) }));
    return me
      ? all.sort((a, b) => (a.metres ?? Infinity) - (b.metres ?? Infinity))
      : all.sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  }, [data.data, me]);

  if (data.isPending) return <Skeleton.Paragraph lineCount={4} animated />;
  if (data.isError) return <ErrorBlock status="default" title={errorMessage(data.error, t)} description="" />;
  const shown = limit && !all ? stations.slice(0, limit) : stations;
  return (
    <div className="rh-stations" data-testid="rider-home-stations" data-sorted={me ? "distance" : "name"}>
      {!me && (
        <div className="rh-note" data-testid="rider-no-position">
          <span>{locating ? t("riderHome.locating") : t("riderHome.noPosition")}</span>
          {!locating && (
            <Button size="mini" color="primary" fill="outline" onClick={findMe} data-testid="rider-home-locate">
              {t("riderHome.locate")}
            </Button>
          )}
        </div>
      )}
      {shown.length === 0 && <div className="m-home-empty">{t("riderHome.noStations")}</div>}
      {shown.map((s) => (
        <div key={s.id} className="rh-station" data-testid="rider-home-station" data-open={s.open === null ? "unknown" : String(s.open)}>
          <div className="rh-station-main">
            <div className="rh-station-top">
              <span className="rh-station-name" data-testid="rider-home-station-name">
                {s.name}
              </span>
              {s.open === null ? (
                <Tag fill="outline">{t("riderHome.hoursUnknown")}</Tag>
              ) : (
                <Tag color={s.open ? "success" : "default"} fill={s.open ? "solid" : "outline"} data-testid="rider-home-open">
                  {s.open ? t("riderHome.openNow") : t("riderHome.closed")}
                </Tag>
              )}
            </div>
            <div className="rh-station-meta">
              {s.metres !== null && (
                <span className="rh-distance" data-testid="rider-home-distance">
                  {t("riderHome.distance", { distance: distanceText(s.metres, t) })}
                </span>
              )}
              {s.hours && <span>{t("mobile.stations.hoursValue", { hours: s.hours })}</span>}
            </div>
            <div className="rh-station-address">{s.address}</div>
            {s.amenities.length > 0 && (
              <div className="rh-amenities">
                {s.amenities.map((a) => (
                  <span key={a} className="m-amenity">
                    {t(`mobile.stations.amenity.${a}`, { defaultValue: a })}
                  </span>
                ))}
              </div>
            )}
          </div>
          {s.location && (
            <a className="rh-navigate" href={navigateUrl(s.location as [number, number], s.name)} target="_blank" rel="noopener noreferrer" data-testid="rider-home-navigate">
              {t("riderHome.navigate")}
            </a>
          )}
        </div>
      ))}
      {shown.length < stations.length && (
        <button type="button" className="m-link rh-more" onClick={() => setAll(true)} data-testid="rider-home-more">
          {t("riderHome.showAll", { count: stations.length })}
        </button>
      )}
    </div>
  );
}
