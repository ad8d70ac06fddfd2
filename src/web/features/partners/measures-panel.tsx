import { useState } from "react";
import { Alert, Card, Col, DatePicker, Row, Skeleton, Statistic, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { formatNumber } from "../../lib/format";
import { usePartnerMeasures } from "./use-units";

/** The partner, talent and activity figures of the caller's area over a period. */
export function MeasuresPanel() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(3, "year").startOf("year"), dayjs()]);
  const from = range[0].format("YYYY-MM-DD");
  const to = range[1].format("YYYY-MM-DD");
  const m = usePartnerMeasures(from, to);
  const stat = (key: string, value: number, suffix?: string) => (
    <Col xs={12} md={6} lg={4} key={key}>
      <Card size="small" className="pt-stat">
        <Statistic title={t(`partners.measures.${key}`)} value={formatNumber(value)} suffix={suffix} valueRender={(v) => <span data-testid={`measure-${key}`}>{v}</span>} />
      </Card>
    </Col>
  );
  return (
    <>
      <div className="pt-toolbar">
        <span>
          <Typography.Text>{t("partners.measures.period")} </Typography.Text>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
        </span>
      </div>
      {m.isPending && <Skeleton active />}
      {m.isError && <Alert type="error" showIcon title={errorMessage(m.error, t)} />}
      {m.data && (
        <>
          <Row gutter={[12, 12]} className="ll-gap" data-testid="partner-measures">
            {stat("units", m.data.units.total)}
            {stat("bigCommittee", m.data.units.bigCommittee)}
            {stat("agreementsInForce", m.data.agreements.inForce)}
            {stat("resourcesGiven", m.data.resourcesGiven.total)}
            {stat("activities", m.data.activities.total)}
            {stat("peopleServed", m.data.peopleServed)}
            {stat("volunteerHours", Math.round(m.data.volunteerHours))}
            {stat("volunteers", m.data.volunteers)}
            {stat("talents", m.data.talents.total)}
            {stat("calls", m.data.calls)}
            {stat("problemsSolved", m.data.problemsSolved)}
            {stat("jointPartyDays", m.data.activities.jointPartyDays)}
            {stat("antiFraud", m.data.activities.antiFraudSessions)}
            {stat("leaflets", m.data.activities.leaflets)}
            {stat("legalQuestions", m.data.activities.legalQuestions)}
            {stat("pointsAwarded", m.data.pointsAwarded)}
            {stat("riderStations", m.data.riderStations)}
            {stat("riderServices", m.data.riderServices)}
          </Row>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("partners.measures.byActivityKind")}>
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={m.data.activities.byKind}
                  columns={[
                    { title: t("partners.common.kind"), dataIndex: "key", render: (k: string) => t(`partners.activityKind.${k}`, { defaultValue: k }) },
                    { title: t("partners.measures.activities"), dataIndex: "count", align: "right" },
                    { title: t("partners.measures.signups"), dataIndex: "signups", align: "right" },
                    { title: t("partners.measures.checkins"), dataIndex: "checkins", align: "right" },
                    { title: t("partners.measures.served"), dataIndex: "served", align: "right" },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t("partners.measures.teams")}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={m.data.teams}
                  columns={[
                    { title: t("partners.talent.teamName"), dataIndex: "name" },
                    { title: t("partners.measures.members"), dataIndex: "members", align: "right" },
                    { title: t("partners.measures.solved"), dataIndex: "solved", align: "right" },
                    { title: t("partners.measures.openCount"), dataIndex: "open", align: "right" },
                  ]}
                />
              </Card>
              <Card size="small" title={t("partners.measures.byResourceKind")} style={{ marginTop: 16 }}>
                <Table
                  size="small"
                  rowKey="kind"
                  pagination={false}
                  dataSource={m.data.resourcesGiven.byKind}
                  columns={[
                    { title: t("partners.common.kind"), dataIndex: "kind", render: (k: string) => t(`partners.resourceKind.${k}`, { defaultValue: k }) },
                    { title: t("partners.measures.resourcesGiven"), dataIndex: "count", align: "right" },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
