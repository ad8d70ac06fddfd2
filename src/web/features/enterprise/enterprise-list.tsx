import { useState } from "react";
import { Alert, Input, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { CULTIVATION_STAGE_VALUES } from "../../../contracts/enterprise";
import { errorMessage } from "../../lib/error-message";
import { shownText } from "../../lib/list-total";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { industryName, STAGE_COLOR } from "./labels";
import type { EnterpriseItem } from "./types";
import { useEnterprises, type EnterpriseFilter } from "./use-enterprise";

/** 企业名录: enterprises and shops of the caller's scope, key enterprises first, filtered by name, kind, key flag and 入库 stage. */
export function EnterpriseList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<EnterpriseFilter>({ limit: 200 });
  // From the report's 走访企业商户: the enterprises visited in the period in the report's area.
  const { drill, clear } = useReportDrill();
  const visited = drill?.dated === "visited" ? drill : null;
  const list = useEnterprises(visited ? { ...filter, areaId: visited.areaId, from: visited.from, to: visited.to } : filter);
  return (
    <>
      {visited && <DrillChip drill={visited} onClear={clear} />}
      <Space wrap className="ll-gap">
        <Input.Search allowClear placeholder={t("enterprise.list.search")} onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))} style={{ width: 260 }} data-testid="enterprise-search" />
        <Select
          allowClear
          placeholder={t("enterprise.list.kind")}
          style={{ width: 140 }}
          value={filter.kind}
          onChange={(kind) => setFilter((f) => ({ ...f, kind }))}
          options={(["enterprise", "shop"] as const).map((k) => ({ value: k, label: t(`enterprise.kind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t("enterprise.list.stage")}
          style={{ width: 160 }}
          value={filter.stage}
          onChange={(stage) => setFilter((f) => ({ ...f, stage }))}
          options={CULTIVATION_STAGE_VALUES.map((s) => ({ value: s, label: t(`enterprise.stage.${s}`) }))}
        />
        <Space>
          <Switch size="small" checked={filter.key === "true"} onChange={(on) => setFilter((f) => ({ ...f, key: on ? "true" : undefined }))} data-testid="enterprise-key-only" />
          <Typography.Text>{t("enterprise.list.keyOnly")}</Typography.Text>
        </Space>
        <Typography.Text type="secondary" data-testid="enterprise-total">
          {shownText(t, list.data)}
        </Typography.Text>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} className="ll-gap" />}
      <Table<EnterpriseItem>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(e) => ({ onClick: () => onOpen(e.id), style: { cursor: "pointer" } })}
        data-testid="enterprise-table"
        columns={[
          {
            title: t("enterprise.field.name"),
            dataIndex: "name",
            render: (name: string, e) => (
              <Space size={4} wrap>
                <Typography.Link data-testid="enterprise-name">{name}</Typography.Link>
                {e.keyEnterprise && <Tag color="red">{t("enterprise.field.keyEnterprise")}</Tag>}
              </Space>
            ),
          },
          { title: t("enterprise.field.kind"), dataIndex: "kind", width: 90, render: (k: string) => t(`enterprise.kind.${k}`, { defaultValue: k }) },
          { title: t("enterprise.field.industry"), dataIndex: "industry", width: 120, render: (v: string | null) => industryName(t, v) },
          { title: t("enterprise.field.sizeBand"), dataIndex: "sizeBand", width: 90, render: (v: string | null) => (v ? t(`enterprise.size.${v}`) : "—") },
          { title: t("enterprise.field.grid"), dataIndex: "grid", width: 120, render: (v: string | null) => v ?? "—" },
          { title: t("enterprise.field.complex"), dataIndex: "complexName", width: 140, render: (v: string | null) => v ?? "—" },
          {
            title: t("enterprise.field.stage"),
            dataIndex: "cultivationStage",
            width: 110,
            render: (s: EnterpriseItem["cultivationStage"]) => (s ? <Tag color={STAGE_COLOR[s]}>{t(`enterprise.stage.${s}`)}</Tag> : "—"),
          },
          { title: t("enterprise.field.lastVisit"), dataIndex: "lastVisitOn", width: 120, render: (v: string | null) => v ?? t("enterprise.list.notVisited") },
          { title: t("enterprise.field.openNeeds"), dataIndex: "openNeeds", width: 90, align: "right" },
        ]}
      />
    </>
  );
}
