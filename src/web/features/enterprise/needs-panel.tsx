import { useState } from "react";
import { Alert, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { NEED_KIND_VALUES, NEED_STATUS_VALUES } from "../../../contracts/enterprise";
import { errorMessage } from "../../lib/error-message";
import { shownText } from "../../lib/list-total";
import { useSearchParams } from "react-router";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { NeedActions, NeedState } from "./need-actions";
import type { NeedItem } from "./types";
import { useNeeds } from "./use-enterprise";

type Filter = { status?: (typeof NEED_STATUS_VALUES)[number]; kind?: (typeof NEED_KIND_VALUES)[number] };

/** 企业诉求: needs found on visits and at events, open first; each matched to a partner offer, referred as a case, or settled. */
export function NeedsPanel({ canManage, onOpenEnterprise }: { canManage: boolean; onOpenEnterprise: (id: string) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // From a report's figure: the needs raised (or settled) in the period in the report's area, matched or referred.
  const { drill, clear } = useReportDrill();
  const dated = drill && (drill.dated === "raised" || drill.dated === "settled") ? drill.dated : undefined;
  const outcome = dated ? (["matched", "referred"] as const).find((o) => o === params.get("outcome")) : undefined;
  const [filter, setFilter] = useState<Filter>(() => (dated ? { status: NEED_STATUS_VALUES.find((s) => s === params.get("status")) } : { status: "open" }));
  const needs = useNeeds({ ...filter, limit: 200, ...(dated && drill ? { dated, outcome, areaId: drill.areaId, from: drill.from, to: drill.to } : {}) });
  return (
    <>
      {dated && drill && (
        <DrillChip
          drill={drill}
          detail={outcome ? t(`reports.drill.outcome.${outcome}`) : undefined}
          onClear={() => {
            clear();
            setFilter({});
          }}
        />
      )}
      <Space wrap className="ll-gap">
        <Select
          allowClear
          placeholder={t("enterprise.needs.status")}
          style={{ width: 140 }}
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
          options={NEED_STATUS_VALUES.map((s) => ({ value: s, label: t(`enterprise.needStatus.${s}`) }))}
          data-testid="needs-status"
        />
        <Select
          allowClear
          placeholder={t("enterprise.needs.kind")}
          style={{ width: 140 }}
          value={filter.kind}
          onChange={(kind) => setFilter((f) => ({ ...f, kind }))}
          options={NEED_KIND_VALUES.map((k) => ({ value: k, label: t(`enterprise.needKind.${k}`) }))}
          data-testid="needs-kind"
        />
        <Typography.Text type="secondary" data-testid="needs-total">{shownText(t, needs.data)}</Typography.Text>
      </Space>
      {needs.isError && <Alert type="error" showIcon title={errorMessage(needs.error, t)} />}
      <Table<NeedItem>
        rowKey="id"
        size="middle"
        loading={needs.isPending}
        dataSource={needs.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="needs-table"
        columns={[
          { title: t("enterprise.needs.raisedOn"), dataIndex: "raisedOn", width: 110 },
          {
            title: t("enterprise.field.name"),
            width: 220,
            render: (_, n) => (
              <Typography.Link onClick={() => onOpenEnterprise(n.place.id)} data-testid="need-place">
                {n.place.name}
              </Typography.Link>
            ),
          },
          { title: t("enterprise.needs.kind"), dataIndex: "kind", width: 90, render: (k: string) => t(`enterprise.needKind.${k}`) },
          { title: t("enterprise.needs.description"), dataIndex: "description", render: (d: string) => <span data-testid="need-description">{d}</span> },
          { title: t("enterprise.needs.status"), width: 260, render: (_, n) => <NeedState need={n} /> },
          { title: t("enterprise.common.actions"), width: 200, render: (_, n) => <NeedActions need={n} canManage={canManage} /> },
        ]}
      />
    </>
  );
}
