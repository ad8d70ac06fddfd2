import { useState } from "react";
import { Alert, Input, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { UNIT_KINDS, type UnitSummary } from "./types";
import { useUnits, type UnitFilter } from "./use-units";

/** The partner units with the agreement in force, filtered by name, kind and committee membership. */
export function UnitList({ onOpen }: { onOpen: (u: UnitSummary) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<UnitFilter>({});
  const units = useUnits(filter);
  return (
    <>
      <Space wrap className="ll-gap">
        <Input.Search
          allowClear
          placeholder={t("partners.units.searchPlaceholder")}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))}
          style={{ width: 240 }}
          data-testid="unit-search"
        />
        <Select
          allowClear
          placeholder={t("partners.units.kindFilter")}
          style={{ width: 160 }}
          value={filter.kind}
          onChange={(kind) => setFilter((f) => ({ ...f, kind }))}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`partners.unitKind.${k}`) }))}
        />
        <Space>
          <Switch size="small" checked={filter.bigCommittee === "true"} onChange={(on) => setFilter((f) => ({ ...f, bigCommittee: on ? "true" : undefined }))} />
          <Typography.Text>{t("partners.units.bigCommitteeOnly")}</Typography.Text>
        </Space>
      </Space>
      {units.isError && <Alert type="error" showIcon title={errorMessage(units.error, t)} className="ll-gap" />}
      <Table<UnitSummary>
        rowKey="id"
        size="middle"
        loading={units.isPending}
        dataSource={units.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(u) => ({ onClick: () => onOpen(u), style: { cursor: "pointer" } })}
        data-testid="unit-table"
        columns={[
          {
            title: t("partners.units.name"),
            dataIndex: "name",
            render: (name: string, u) => (
              <Space>
                <Typography.Link data-testid="unit-name">{name}</Typography.Link>
                {u.bigCommittee && <Tag color="red">{t("partners.units.bigCommitteeTag")}</Tag>}
              </Space>
            ),
          },
          { title: t("partners.units.kind"), dataIndex: "kind", width: 120, render: (k: string) => t(`partners.unitKind.${k}`) },
          { title: t("partners.units.partyOrg"), dataIndex: "partyOrg", render: (v: string | null) => v ?? "—" },
          { title: t("partners.units.contact"), render: (_, u) => (u.contactName ? `${u.contactName} ${u.contactPhone ?? ""}` : "—") },
          {
            title: t("partners.units.currentAgreement"),
            render: (_, u) =>
              u.currentAgreement ? (
                <span>
                  {t("partners.units.period", { from: u.currentAgreement.startsOn, to: u.currentAgreement.endsOn })}
                  {u.currentAgreement.partTimeMember && (
                    <Typography.Text type="secondary">
                      {" "}
                      · {t("partners.unit.partTimeMember")} {u.currentAgreement.partTimeMember}
                    </Typography.Text>
                  )}
                </span>
              ) : (
                <Typography.Text type="secondary">{t("partners.units.noAgreement")}</Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}
