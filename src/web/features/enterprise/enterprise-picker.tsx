import { useState } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useEnterprises } from "./use-enterprise";

/** Picks enterprises and shops of the caller's scope by name (searched on the server). */
export function EnterprisePicker({
  value,
  onChange,
  testId,
  known = [],
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  testId?: string;
  /** Enterprises already chosen elsewhere, so that their names show before any search. */
  known?: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const list = useEnterprises({ q: q || undefined, limit: 50 });
  return (
    <Select
      mode="multiple"
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.isFetching}
      placeholder={t("enterprise.picker.placeholder")}
      notFoundContent={t("enterprise.picker.none")}
      options={[...known.filter((k) => !list.data?.items.some((e) => e.id === k.id)), ...(list.data?.items ?? [])].map((e) => ({ value: e.id, label: e.name }))}
      data-testid={testId}
    />
  );
}
