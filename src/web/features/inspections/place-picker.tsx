import { useState } from "react";
import { Select } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";

type Found = { items: Array<{ id: string; name: string; address: string }> };

/** Picks the places a programme covers: enterprises and shops of the caller's scope, searched by name. */
export function PlacePicker({ value, onChange, testId }: { value?: string[]; onChange?: (ids: string[]) => void; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const found = useQuery({ queryKey: ["inspections", "places", q], queryFn: ({ signal }) => apiGet<Found>("/enterprises", { q: q || undefined, limit: 50 }, signal) });
  return (
    <Select
      mode="multiple"
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      placeholder={t("inspections.programme.placesPlaceholder")}
      notFoundContent={t("enterprise.picker.none")}
      options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      data-testid={testId}
    />
  );
}
