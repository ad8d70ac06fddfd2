import { useMemo } from "react";
import { Checkbox, DatePicker, Input, Select, TreeSelect } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { areaTreeData } from "./area-tree-data";
import { useCategories } from "./use-categories";
import { CHANNELS, LEVELS, STATUSES, type CaseFilter } from "./types";

interface Props {
  value: CaseFilter;
  onChange: (next: CaseFilter) => void;
  areas: AreaNode[];
}

/** Status (with 未办结), category, area, level, channel, overdue only, reported between, and words. */
export function CaseFilters({ value, onChange, areas }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const tree = useMemo(() => areaTreeData(areas), [areas]);
  // A community filter for users whose scope covers more than one community.
  const communities = useMemo(() => areas.filter((a) => a.level === "community"), [areas]);
  const set = (patch: CaseFilter) => onChange({ ...value, ...patch });

  return (
    <div className="ll-case-filters" data-testid="case-filters">
      <Select
        allowClear
        className="ll-filter-sm"
        placeholder={t("cases.fields.status")}
        value={value.status}
        onChange={(status) => set({ status })}
        options={[{ value: "open", label: t("cases.status.open") }, ...STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))]}
        data-testid="filter-status"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        className="ll-filter-sm"
        placeholder={t("cases.fields.category")}
        value={value.categoryCode}
        onChange={(categoryCode) => set({ categoryCode })}
        options={(categories.data ?? []).map((c) => ({ value: c.code, label: i18n.language === "en" ? c.nameEn : c.name }))}
        data-testid="filter-category"
      />
      {communities.length > 1 && (
        <Select
          allowClear
          className="ll-filter-sm"
          placeholder={t("street.filterCommunity")}
          value={value.communityId}
          onChange={(communityId) => set({ communityId })}
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="filter-community"
        />
      )}
      <TreeSelect
        allowClear
        showSearch
        treeNodeFilterProp="title"
        className="ll-filter"
        placeholder={t("cases.filters.area")}
        value={value.areaId}
        onChange={(areaId?: string) => set({ areaId })}
        treeData={tree}
        treeDefaultExpandAll
        data-testid="filter-area"
      />
      <Select
        allowClear
        className="ll-filter-sm"
        placeholder={t("cases.fields.level")}
        value={value.level}
        onChange={(level) => set({ level })}
        options={LEVELS.map((l) => ({ value: l, label: t(`cases.level.${l}`) }))}
        data-testid="filter-level"
      />
      <Select
        allowClear
        className="ll-filter-sm"
        placeholder={t("cases.fields.channel")}
        value={value.channel}
        onChange={(channel) => set({ channel })}
        options={CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))}
        data-testid="filter-channel"
      />
      <DatePicker.RangePicker
        className="ll-filter-range"
        placeholder={[t("cases.filters.from"), t("cases.filters.to")]}
        value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
        onChange={(_, [from, to]) => set({ from: from || undefined, to: to || undefined })}
        data-testid="filter-dates"
      />
      <Checkbox checked={value.overdue === "true"} onChange={(e) => set({ overdue: e.target.checked ? "true" : undefined })} data-testid="filter-overdue">
        {t("cases.filters.overdueOnly")}
      </Checkbox>
      <Input.Search
        allowClear
        className="ll-filter"
        placeholder={t("cases.filters.searchPlaceholder")}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        data-testid="filter-q"
      />
    </div>
  );
}
