import { useState } from "react";
import { Button, Input, Popup, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { useAreaTree } from "../../api/use-area-tree";
import { usePublicConfig } from "../../api/use-public-config";
import { Icon } from "../../lib/icons";
import { PlaceMap } from "./place-map";
import { useCurrentPosition } from "./use-current-position";
import { useLocate } from "./use-locate";
import type { LngLat } from "./types";

interface Props {
  user: SessionUser;
  value: LngLat | null;
  onChange: (at: LngLat | null) => void;
  address: string;
  onAddressChange: (address: string) => void;
}

/** Where the problem is: the phone's position, or a point tapped on a small map; the grid it falls in; an optional address. */
export function MobilePlaceField({ user, value, onChange, address, onAddressChange }: Props) {
  const { t } = useTranslation();
  const { locating, locate } = useCurrentPosition();
  const [mapOpen, setMapOpen] = useState(false);
  const [draft, setDraft] = useState<LngLat | null>(null);
  const placement = useLocate(value);
  const tree = useAreaTree();
  const config = usePublicConfig();
  const home = tree.data?.find((a) => a.id === user.area?.id);

  const openMap = () => {
    setDraft(value);
    setMapOpen(true);
  };
  const useHere = () =>
    locate(
      (at) => onChange(at),
      (why) => {
        Toast.show({ content: t(why === "denied" ? "cases.place.denied" : "cases.place.unavailable"), duration: 3000 });
        openMap();
      },
    );

  const where = placement.data;
  const placeName = where ? [where.grid?.name, where.microgrid?.name?.replace(where.grid?.name ?? "", "")].filter(Boolean).join(" · ") : "";

  return (
    <div className="m-place" data-testid="place-field">
      <div className="m-place-buttons">
        <Button size="small" color="primary" fill="outline" loading={locating} onClick={useHere} data-testid="use-location">
          <Icon name="locate" size={14} /> {t("cases.place.useCurrent")}
        </Button>
        <Button size="small" fill="outline" onClick={openMap} data-testid="pick-on-map">
          <Icon name="map" size={14} /> {t("cases.place.pickOnMap")}
        </Button>
      </div>
      {value ? (
        <div className="m-place-chosen" data-testid="place-chosen">
          <Icon name="pin" size={14} />
          <span className="m-place-chosen-text">
            {placement.isPending
              ? t("cases.place.resolving")
              : where?.grid
                ? t("cases.place.inGrid", { name: placeName })
                : where?.community
                  ? t("cases.place.inCommunity", { name: where.community.name })
                  : t("cases.place.outside")}
          </span>
          <button type="button" className="m-link" onClick={() => onChange(null)}>
            {t("cases.place.clear")}
          </button>
        </div>
      ) : (
        <div className="m-muted m-place-hint">{t("cases.place.hint")}</div>
      )}
      <Input className="m-place-address" placeholder={t("cases.place.addressPlaceholder")} value={address} onChange={onAddressChange} maxLength={200} clearable data-testid="address" />
      <Popup visible={mapOpen} onMaskClick={() => setMapOpen(false)} bodyClassName="m-map-popup" destroyOnClose>
        <div className="m-map-popup-head">
          <span>{t("cases.place.mapTitle")}</span>
          <span className="m-muted">{t("cases.place.mapHint")}</span>
        </div>
        <PlaceMap
          areas={tree.data ?? []}
          value={draft}
          onChange={setDraft}
          fallbackCenter={home?.center ?? null}
          tileUrl={config.data?.mapTileUrl}
          className="m-place-map"
          testId="place-map"
        />
        <div className="m-map-popup-foot">
          <Button block onClick={() => setMapOpen(false)}>
            {t("common.cancel")}
          </Button>
          <Button
            block
            color="primary"
            disabled={!draft}
            onClick={() => {
              onChange(draft);
              setMapOpen(false);
            }}
            data-testid="confirm-place"
          >
            {t("cases.place.confirm")}
          </Button>
        </div>
      </Popup>
    </div>
  );
}
