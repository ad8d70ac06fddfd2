import { Col, List, Row, Statistic, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatShortDateTime } from "../../lib/format";
import type { VolunteerRecord } from "./types";

/** A volunteer's balance, entries, activities and redemptions, for staff. */
export function VolunteerRecordView({ record }: { record: VolunteerRecord }) {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={16} className="ll-gap">
        <Col span={12}>
          <Statistic title={t("partners.points.balanceHours")} value={record.hours} valueRender={(v) => <span data-testid="record-hours">{v}</span>} />
        </Col>
        <Col span={12}>
          <Statistic title={t("partners.points.balancePoints")} value={record.points} valueRender={(v) => <span data-testid="record-points">{v}</span>} />
        </Col>
      </Row>
      <Typography.Title level={5}>{t("partners.points.entries")}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={record.entries}
        data-testid="entry-table"
        columns={[
          { title: t("partners.common.time"), dataIndex: "createdAt", width: 110, render: (v: string) => formatShortDateTime(v) },
          { title: t("partners.points.entryKind"), dataIndex: "kind", width: 100, render: (k: string) => t(`partners.entryKind.${k}`, { defaultValue: k }) },
          { title: t("partners.common.hours"), dataIndex: "hours", width: 90, align: "right" },
          { title: t("partners.common.points"), dataIndex: "points", width: 80, align: "right" },
          { title: t("partners.common.reason"), dataIndex: "reason", render: (r: string | null) => r ?? "" },
        ]}
      />
      {record.redemptions.length > 0 && (
        <>
          <Typography.Title level={5}>{t("partners.points.redemptions")}</Typography.Title>
          <List
            size="small"
            dataSource={record.redemptions}
            renderItem={(r) => (
              <List.Item>
                {formatShortDateTime(r.createdAt)} {r.reward} <Tag>-{r.cost}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
      {record.activities.length > 0 && (
        <>
          <Typography.Title level={5}>{t("partners.points.activitiesJoined")}</Typography.Title>
          <List
            size="small"
            dataSource={record.activities.slice(0, 20)}
            renderItem={(a) => (
              <List.Item>
                {formatShortDateTime(a.startsAt)} {a.title}
                <Tag color={a.checkedInAt ? "green" : "default"}>{a.checkedInAt ? t("partners.mobile.activities.checkedIn") : t(`partners.signupStatus.${a.signup}`)}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}
