import { ErrorBlock, List, Skeleton } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { stationAttrs } from "./station-attrs";
import { usePlaces } from "./use-places";

/** The rider stations (温新驿站) of the caller's area with address, hours and amenities. */
export function RiderStationList({ limit }: { limit?: number }) {
  const { t } = useTranslation();
  const stations = usePlaces("rider_station");
  if (stations.isPending) return <Skeleton.Paragraph lineCount={4} animated />;
  if (stations.isError) return <ErrorBlock status="default" title={errorMessage(stations.error, t)} description="" />;
  const items = limit ? stations.data.slice(0, limit) : stations.data;
  if (items.length === 0) return <ErrorBlock status="empty" title={t("mobile.stations.empty")} description="" />;
  return (
    <List className="m-stations" data-testid="station-list">
      {items.map((place) => {
        const { amenities, hours, phone } = stationAttrs(place);
        return (
          <List.Item
            key={place.id}
            description={
              <div className="m-station-desc">
                <div>{place.address}</div>
                {hours && <div>{t("mobile.stations.hoursValue", { hours })}</div>}
                {phone && (
                  <div>
                    {t("mobile.stations.phoneLabel")} <a href={`tel:${phone}`}>{phone}</a>
                  </div>
                )}
                {amenities.length > 0 && (
                  <div className="m-station-tags">
                    {amenities.map((a) => (
                      <span key={a} className="m-amenity">
                        {t(`mobile.stations.amenity.${a}`, { defaultValue: a })}
                      </span>
                    ))}
                  </div>
                )}
              </div>
            }
          >
            <span className="m-station-name">{place.name}</span>
          </List.Item>
        );
      })}
    </List>
  );
}
