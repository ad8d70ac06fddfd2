import { useState } from "react";
import { DotLoading, List, SearchBar, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { useMapSearch, type MapSearchItem } from "../../lib/use-map-search";

/**
 * 搜索地址: a search box over the community's own addresses (compounds, buildings such as
 * 康宁花园5栋, units, places, roads; names or pinyin initials), answered as the user types.
 */
export function MobileAddressSearch({ onPick }: { onPick: (item: MapSearchItem) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const search = useMapSearch(text);
  const items = search.data?.items ?? [];
  const typed = text.trim().length > 0;

  return (
    <div className="m-address-search" data-testid="address-search">
      <SearchBar
        placeholder={t("baseMap.search.placeholder")}
        value={text}
        onChange={setText}
        maxLength={50}
        autoFocus
        data-testid="address-search-input"
      />
      <div className="m-address-results">
        {typed && (search.isFetching || !search.settled) && items.length === 0 && (
          <div className="m-muted m-address-note">
            <DotLoading /> {t("baseMap.search.searching")}
          </div>
        )}
        {typed && search.isError && <div className="m-muted m-address-note">{t("baseMap.search.failed")}</div>}
        {typed && search.settled && search.isSuccess && !search.isFetching && items.length === 0 && (
          <div className="m-muted m-address-note" data-testid="address-search-empty">
            {t("baseMap.search.empty")}
          </div>
        )}
        {typed && items.length > 0 && (
          <List>
            {items.map((item) => (
              <List.Item
                key={`${item.kind}:${item.id}`}
                onClick={() => onPick(item)}
                description={item.detail || undefined}
                extra={<Tag fill="outline">{t(`baseMap.search.kinds.${item.kind}`, { defaultValue: item.kind })}</Tag>}
                data-testid="address-result"
              >
                {item.name}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </div>
  );
}
