import { useState } from "react";
import { AutoComplete, Input, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useMapSearch, type MapSearchItem } from "../../lib/use-map-search";
import "./address-search.css";

/** The console's address search (compounds, buildings, units, places, roads; pinyin initials too). */
export function AddressSearchBox({ onPick }: { onPick: (item: MapSearchItem) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const search = useMapSearch(text);
  const items = text.trim() ? (search.data?.items ?? []) : [];

  return (
    <AutoComplete
      value={text}
      onChange={setText}
      onSelect={(key: string) => {
        const item = items.find((i) => `${i.kind}:${i.id}` === key);
        if (!item) return;
        setText(item.name);
        onPick(item);
      }}
      options={items.map((item) => ({
        value: `${item.kind}:${item.id}`,
        label: (
          <div className="ll-address-option" data-testid="address-option">
            <span>
              <Tag>{t(`baseMap.search.kinds.${item.kind}`, { defaultValue: item.kind })}</Tag>
              {item.name}
            </span>
            {item.detail && <span className="ll-muted">{item.detail}</span>}
          </div>
        ),
      }))}
      notFoundContent={text.trim() && search.settled && search.isSuccess && !search.isFetching ? t("baseMap.search.empty") : undefined}
      className="ll-address-search"
      data-testid="register-address-search"
    >
      <Input.Search placeholder={t("baseMap.search.placeholder")} maxLength={50} allowClear />
    </AutoComplete>
  );
}
