import { useState } from "react";
import { Alert, Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { errorMessage } from "../../lib/error-message";
import { usePlaces } from "./use-registry";
import type { Place } from "./types";

const KINDS = ["public_unit", "enterprise", "shop", "commercial_centre", "rider_station"] as const;

/** The readable facts a place's attributes hold (industry, category, staff, hours). */
function details(p: Place, t: TFunction): string {
  const a = p.attrs;
  // Industry and category are codes; an unknown one is left out rather than shown untranslated.
  const label = (code: unknown) => (typeof code === "string" ? t(`registry.places.categories.${code}`, { defaultValue: "" }) : undefined);
  const parts = [label(a.industry), label(a.category), typeof a.employees === "number" ? t("registry.places.employees", { count: a.employees }) : undefined, a.hours];
  return parts.filter((x): x is string => typeof x === "string" && x.length > 0).join(" · ") || "—";
}

/** Non-residential places of the caller's area: public units, enterprises, shops, commercial centres, rider stations. */
export function PlacesPanel() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>();
  const places = usePlaces(kind);
  const columns: TableColumnsType<Place> = [
    { title: t("registry.places.name"), dataIndex: "name", render: (v: string) => <strong>{v}</strong> },
    { title: t("registry.places.kind"), dataIndex: "kind", width: 130, render: (v: Place["kind"]) => <Tag>{t(`registry.places.kinds.${v}`)}</Tag> },
    { title: t("registry.places.creditCode"), dataIndex: "creditCode", width: 190, render: (v: string | null) => (v ? <span className="rg-mono">{v}</span> : "—") },
    { title: t("registry.places.address"), dataIndex: "address", ellipsis: true },
    { title: t("registry.places.grid"), dataIndex: "gridName", width: 110, render: (v: string | null) => v ?? "—" },
    {
      title: t("registry.places.contact"),
      key: "contact",
      width: 170,
      render: (_, p) =>
        p.contactName || p.contactPhone ? (
          <span data-testid="place-contact">
            {p.contactName ?? ""} <span className="rg-mono">{p.contactPhone ?? ""}</span>
          </span>
        ) : (
          "—"
        ),
    },
    { title: t("registry.places.details"), key: "details", render: (_, p) => details(p, t) },
  ];
  return (
    <Card className="ll-page-card">
      <Space className="ll-toolbar">
        <Select
          allowClear
          className="ll-filter"
          placeholder={t("registry.places.all")}
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: t(`registry.places.kinds.${k}`) }))}
          data-testid="places-kind"
        />
        {places.data && <Typography.Text type="secondary">{t("registry.places.count", { count: places.data.length })}</Typography.Text>}
      </Space>
      {places.isError && <Alert type="error" showIcon title={errorMessage(places.error, t)} className="ll-gap" />}
      <Table<Place>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={(places.data ?? []).filter((p) => (KINDS as readonly string[]).includes(p.kind))}
        loading={places.isPending}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="places-table"
      />
    </Card>
  );
}
