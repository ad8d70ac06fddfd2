import { useState } from "react";
import { Alert, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import type { TalentItem } from "./types";
import { useTalents, useTeams, type TalentFilter } from "./use-talent";

/** The talent pool, searchable by name and filtered by team. */
export function TalentList() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<TalentFilter>({});
  // A report's drill-down: its area and period, joined in it or on the roll at its end.
  const { drill, clear } = useReportDrill();
  const list = useTalents({ ...filter, ...(drill?.dated ? { areaId: drill.areaId, from: drill.from, to: drill.to, dated: drill.dated } : {}) });
  const teams = useTeams();
  return (
    <>
      {drill?.dated && <DrillChip drill={drill} onClear={clear} />}
      <Space wrap className="ll-gap">
        <Input.Search allowClear placeholder={t("partners.talent.searchTalent")} onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined }))} style={{ width: 220 }} data-testid="talent-search" />
        <Select
          allowClear
          placeholder={t("partners.talent.teamFilter")}
          style={{ width: 220 }}
          value={filter.teamId}
          onChange={(teamId) => setFilter((f) => ({ ...f, teamId }))}
          options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        {list.data && <Typography.Text type="secondary">{t("partners.talent.total", { count: list.data.total })}</Typography.Text>}
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} />}
      <Table<TalentItem>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="talent-table"
        columns={[
          {
            title: t("partners.talent.applicant"),
            dataIndex: "name",
            render: (n: string, x) => (
              <Space>
                <span data-testid="talent-name">{n}</span>
                {x.isRider && <Tag color="orange">{t("partners.talent.rider")}</Tag>}
              </Space>
            ),
          },
          { title: t("partners.talent.category"), dataIndex: "category", width: 110 },
          { title: t("partners.talent.skills"), dataIndex: "skills", render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t("partners.talent.teams"), dataIndex: "teams", render: (ts: TalentItem["teams"]) => ts.map((x) => x.name).join("、") || "—" },
          { title: t("partners.talent.joinedOn"), dataIndex: "joinedOn", width: 120 },
        ]}
      />
    </>
  );
}
