import { useState } from "react";
import { Card, Col, DatePicker, Row, Space, Statistic, Table, Tooltip } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n/i18n";
import { useReportDrill } from "../../lib/report-drill";
import { useFigures, useOrganisers } from "./use-party";

/** The party's figures of the community for a period (each with its definition), and each organiser's record. */
export function FiguresPanel({ communityId }: { communityId?: string }) {
  const { t } = useTranslation();
  // From a report's figure: the report's period.
  const { drill } = useReportDrill();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => (drill ? [dayjs(drill.from), dayjs(drill.to)] : [dayjs().startOf("year"), dayjs()]));
  const from = range[0].format("YYYY-MM-DD");
  const to = range[1].format("YYYY-MM-DD");
  const figures = useFigures(communityId, from, to);
  const organisers = useOrganisers(communityId, from, to);
  const lang = currentLanguage() === "en" ? "en" : "zh";
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={figures.data ? `${figures.data.community.name} · ${t("party.tabs.figures")}` : t("party.tabs.figures")}
        extra={
          <Space>
            <span>{t("party.figures.period")}</span>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              disabledDate={(d) => d.isAfter(dayjs())}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              data-testid="party-figures-range"
            />
          </Space>
        }
        loading={figures.isPending}
      >
        <Row gutter={[16, 16]}>
          {(figures.data?.figures ?? []).map((f) => (
            <Col key={f.key} xs={12} sm={8} lg={6}>
              <Tooltip title={`${t("party.figures.definition")}：${f.definition[lang]}`}>
                <Card size="small" data-testid="party-figure">
                  <Statistic title={f.label[lang]} value={f.value ?? "—"} suffix={f.value === null ? undefined : f.unit[lang]} />
                </Card>
              </Tooltip>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t("party.figures.organisers")}>
        <Table
          rowKey={(r) => `${r.organiser}:${r.org?.id ?? ""}`}
          size="small"
          loading={organisers.isPending}
          pagination={false}
          dataSource={organisers.data?.items ?? []}
          columns={[
            { title: t("party.tree.name"), key: "o", render: (_, r) => r.org?.name ?? t(`party.organiser.${r.organiser}`) },
            { title: t("party.figures.colActivities"), key: "a", render: (_, r) => t("party.figures.activities", { n: r.activities }) },
            { title: t("party.figures.colHours"), key: "h", render: (_, r) => t("party.figures.hours", { n: r.hours }) },
          ]}
        />
      </Card>
    </Space>
  );
}
