import { Alert, Card, Col, List, Row, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { CULTIVATION_DOCUMENTS } from "../../../contracts/enterprise";
import { errorMessage } from "../../lib/error-message";
import { STAGE_COLOR } from "./labels";
import type { CultivationItem } from "./types";
import { useBriefings, useCultivations } from "./use-enterprise";

/** 入库培育: every pipeline of the scope (furthest along first) and the door-to-door policy briefings. */
export function CultivationPanel({ onOpenEnterprise }: { onOpenEnterprise: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useCultivations();
  const briefings = useBriefings();
  return (
    <Row gutter={16}>
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
