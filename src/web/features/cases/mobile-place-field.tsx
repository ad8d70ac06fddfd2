import { useEffect, useRef, useState } from "react";
import { Button, Input, Popup } from "antd-mobile";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { useAreaTree } from "../../api/use-area-tree";
import { usePublicConfig } from "../../api/use-public-config";
import { Icon } from "../../lib/icons";
import { useReverse, type MapSearchItem } from "../../lib/use-map-search";
import { MobileAddressSearch } from "./mobile-address-search";
import { PlaceMap } from "./place-map";
import { useCurrentPosition, type PositionFailure } from "./use-current-position";
import { useLocate } from "./use-locate";
import type { LngLat } from "./types";

interface Props {
  user: SessionUser;
  value: LngLat | null;
  onChange: (at: LngLat | null) => void;
  address: string;
  onAddressChange: (address: string) => void;
}

const keyOf = (at: LngLat | null) => (at ? at.join(",") : "");

/**
 * Where the problem is, three ways: 我的位置 (the phone's GPS, WGS-84), 搜索地址 (the community's own
 * addresses, no GPS needed) or 在地图上选择 (a tap on the base map). The nearest address
 * ("康宁花园5栋附近") fills the address line unless the user wrote their own; the grid it falls in is
 * shown.
 */
export function MobilePlaceField({ user, value, onChange, address, onAddressChange }: Props) {
  const { t } = useTranslation();
  const { locating, locate } = useCurrentPosition();
  const [open, setOpen] = useState<"map" | "search" | null>(null);
  const [draft, setDraft] = useState<LngLat | null>(null);
  const [failure, setFailure] = useState<PositionFailure | null>(null);
  const placement = useLocate(value);
  const reverse = useReverse(value);
  const draftReverse = useReverse(open === "map" ? draft : null);
  const tree = useAreaTree();
  const config = usePublicConfig();
  const home = tree.data?.find((a) => a.id === user.area?.id);
  // The address text we filled in ourselves (replaced when the place changes; the user's own is kept).
  const filled = useRef("");
  // The point chosen by search: its name is the address, not the "附近" of the nearest building.
  const searched = useRef("");

  const fill = (text: string) => {
    if (!address.trim() || address === filled.current) {
      filled.current = text;
      onAddressChange(text);
    }
  };

  useEffect(() => {
    if (!value || !reverse.data?.text || searched.current === keyOf(value)) return;
    fill(reverse.data.text);
  }, [reverse.data, value]);

  const openMap = () => {
    setDraft(value);
    setOpen("map");
  };
  const useHere = () =>
    locate(
      (at) => {
        setFailure(null);
        searched.current = "";
        onChange(at);
      },
      (why) => setFailure(why),
    );
  const pickSearched = (item: MapSearchItem) => {
    searched.current = keyOf(item.location);
    setFailure(null);
    onChange(item.location);
    fill(item.name);
    setOpen(null);
  };

  const where = placement.data;
  const placeName = where ? [where.grid?.name, where.microgrid?.name?.replace(where.grid?.name ?? "", "")].filter(Boolean).join(" · ") : "";
  const nearText = searched.current === keyOf(value) ? "" : (reverse.data?.text ?? "");

  return (
    <div className="m-place" data-testid="place-field">
      <div className="m-place-buttons">
        <Button size="small" color="primary" fill="outline" loading={locating} onClick={useHere} data-testid="use-location">
          <Icon name="locate" size={14} /> {t("cases.place.useCurrent")}
        </Button>
        <Button size="small" fill="outline" onClick={() => setOpen("search")} data-testid="search-address">
          <Icon name="search" size={14} /> {t("cases.place.searchAddress")}
        </Button>
        <Button size="small" fill="outline" onClick={openMap} data-testid="pick-on-map">
          <Icon name="map" size={14} /> {t("cases.place.pickOnMap")}
        </Button>
      </div>
      {failure && (
        <div className="m-place-denied" role="status" data-testid="location-denied">
          {t(failure === "denied" ? "cases.place.deniedGentle" : "cases.place.unavailableGentle")}
        </div>
      )}
      {value ? (
        <div className="m-place-chosen" data-testid="place-chosen">
          <Icon name="pin" size={14} />
          <span className="m-place-chosen-text">
            {nearText && <span data-testid="place-near">{t("cases.place.near", { text: nearText })} · </span>}
            {placement.isPending
              ? t("cases.place.resolving")
              : where?.grid
                ? t("cases.place.inGrid", { name: placeName })
                : where?.community
                  ? t("cases.place.inCommunity", { name: where.community.name })
                  : t("cases.place.outside")}
          </span>
          <button
            type="button"
            className="m-link"
            onClick={() => {
              searched.current = "";
              onChange(null);
            }}
          >
            {t("cases.place.clear")}
          </button>
        </div>
      ) : (
        <div className="m-muted m-place-hint">{t("cases.place.hint")}</div>
      )}
      <Input className="m-place-address" placeholder={t("cases.place.addressPlaceholder")} value={address} onChange={onAddressChange} maxLength={200} clearable data-testid="address" />
      <Popup visible={open === "search"} onMaskClick={() => setOpen(null)} bodyClassName="m-search-popup" destroyOnClose>
        <div className="m-map-popup-head">
          <span>{t("cases.place.searchTitle")}</span>
          <button type="button" className="m-link" onClick={() => setOpen(null)}>
            {t("common.cancel")}
          </button>
        </div>
        <MobileAddressSearch onPick={pickSearched} />
      </Popup>
      <Popup visible={open === "map"} onMaskClick={() => setOpen(null)} bodyClassName="m-map-popup" destroyOnClose>
        <div className="m-map-popup-head">
          <span>{t("cases.place.mapTitle")}</span>
          <span className="m-muted" data-testid="map-draft-near">
            {draft && draftReverse.data?.text ? draftReverse.data.text : t("cases.place.mapHint")}
          </span>
        </div>
        <PlaceMap
          areas={tree.data ?? []}
          value={draft}
          onChange={setDraft}
          fallbackCenter={value ?? home?.center ?? null}
          tileUrl={config.data?.mapTileUrl}
          className="m-place-map"
          testId="place-map"
        />
        <div className="m-map-popup-foot">
          <Button block onClick={() => setOpen(null)}>
            {t("common.cancel")}
          </Button>
          <Button
            block
            color="primary"
            disabled={!draft}
            onClick={() => {
              searched.current = "";
              onChange(draft);
              setOpen(null);
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
