import { Alert, Card, Col, List, Row, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CULTIVATION_DOCUMENTS, CULTIVATION_STAGE_VALUES } from "../../../contracts/enterprise";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { STAGE_COLOR } from "./labels";
import type { CultivationItem } from "./types";
import { useBriefings, useCultivations } from "./use-enterprise";

/** 入库培育: every pipeline of the scope (furthest along first) and the door-to-door policy briefings. */
export function CultivationPanel({ onOpenEnterprise }: { onOpenEnterprise: (id: string) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // From a report's figure: the pipelines declared (or decided) in the period, or the briefings held in it, in the report's area.
  const { drill, clear } = useReportDrill();
  const dated = drill && (["declared", "decided", "briefed"] as const).find((d) => d === drill.dated);
  const stage = CULTIVATION_STAGE_VALUES.find((s) => s === params.get("stage"));
  const area = drill && dated ? { areaId: drill.areaId, from: drill.from, to: drill.to } : {};
  const list = useCultivations(dated === "declared" || dated === "decided" ? { ...area, dated, stage } : {});
  const briefings = useBriefings(dated === "briefed" ? area : {});
  return (
    <Row gutter={16}>
      {drill && dated && (
        <Col xs={24}>
          <DrillChip drill={drill} detail={stage ? t(`enterprise.stage.${stage}`) : undefined} onClear={clear} />
        </Col>
      )}
      <Col xs={24} xl={16}>
        <Typography.Paragraph type="secondary">{t("enterprise.cultivation.hint")}</Typography.Paragraph>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} />}
        <Table<CultivationItem>
          rowKey="placeId"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(c) => ({ onClick: () => onOpenEnterprise(c.placeId), style: { cursor: "pointer" } })}
          data-testid="cultivation-table"
          columns={[
            { title: t("enterprise.field.name"), dataIndex: "name", render: (n: string) => <Typography.Link>{n}</Typography.Link> },
            { title: t("enterprise.field.stage"), dataIndex: "stage", width: 100, render: (s: CultivationItem["stage"]) => <Tag color={STAGE_COLOR[s]}>{t(`enterprise.stage.${s}`)}</Tag> },
            { title: t("enterprise.cultivation.thresholds"), dataIndex: "thresholds" },
            { title: t("enterprise.cultivation.documents"), width: 90, render: (_, c) => `${CULTIVATION_DOCUMENTS.filter((d) => c.documents[d]).length}/${CULTIVATION_DOCUMENTS.length}` },
            { title: t("enterprise.cultivation.briefings"), dataIndex: "briefings", width: 80, align: "right" },
            { title: t("enterprise.stage.declared"), dataIndex: "declaredOn", width: 110, render: (v: string | null) => v ?? "—" },
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t("enterprise.briefings.title")}>
          <List
            loading={briefings.isPending}
            dataSource={briefings.data?.items ?? []}
            locale={{ emptyText: t("enterprise.briefings.empty") }}
            data-testid="briefing-list"
            renderItem={(b) => (
              <List.Item>
                <div>
                  <Typography.Text strong>{b.topic}</Typography.Text> <Typography.Text type="secondary">{b.heldOn}</Typography.Text>
                  <div className="ll-muted">{b.places.map((p) => p.name).join("、")}</div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
