import { useState } from "react";
import { Alert, Button, Card, Empty, Form, Input, List, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { RESOURCE_KINDS } from "./types";
import { useCaseCategories, useMatch, type MatchFilter } from "./use-units";

/** Finds the units whose agreements in force offer what a community need or a case category asks for. */
export function MatchPanel({ onOpenUnit }: { onOpenUnit: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<MatchFilter>();
  const [filter, setFilter] = useState<MatchFilter>({});
  const categories = useCaseCategories();
  const match = useMatch(filter);
  const asked = !!(filter.q || filter.resourceKind || filter.categoryCode);
  return (
    <>
      <Typography.Paragraph type="secondary">{t("partners.match.hint")}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        className="ll-gap"
        onFinish={(v) => setFilter({ q: v.q?.trim() || undefined, resourceKind: v.resourceKind, categoryCode: v.categoryCode })}
      >
        <Form.Item name="q" label={t("partners.match.need")}>
          <Input placeholder={t("partners.match.needPlaceholder")} style={{ width: 320 }} data-testid="match-need" />
        </Form.Item>
        <Form.Item name="resourceKind" label={t("partners.match.resourceKind")}>
          <Select allowClear style={{ width: 120 }} options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`partners.resourceKind.${k}`) }))} data-testid="match-kind" />
        </Form.Item>
        <Form.Item name="categoryCode" label={t("partners.match.category")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 200 }}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: i18n.language === "en" ? c.nameEn : c.name }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="match-submit">
            {t("partners.match.find")}
          </Button>
        </Form.Item>
      </Form>
      {match.isError && <Alert type="error" showIcon title={errorMessage(match.error, t)} />}
      {asked && match.data && match.data.length === 0 && <Empty description={t("partners.match.none")} />}
      {asked && (
        <List
          loading={match.isFetching}
          dataSource={match.data ?? []}
          data-testid="match-results"
          renderItem={(m) => (
            <Card size="small" className="ll-gap" style={{ marginBottom: 12 }} data-testid="match-item">
              <Space wrap>
                <Typography.Link strong onClick={() => onOpenUnit(m.unit.id)}>
                  {m.unit.name}
                </Typography.Link>
                <Tag>{t(`partners.unitKind.${m.unit.kind}`)}</Tag>
                {m.unit.bigCommittee && <Tag color="red">{t("partners.units.bigCommitteeTag")}</Tag>}
                <Typography.Text type="secondary">{t("partners.match.score", { score: m.score })}</Typography.Text>
                <Typography.Text type="secondary">{t("partners.match.until", { date: m.endsOn })}</Typography.Text>
              </Space>
              <ul className="pt-offer-list">
                {m.offers.map((o) => (
                  <li key={o.id}>
                    {o.resourceKind && <Tag>{t(`partners.resourceKind.${o.resourceKind}`)}</Tag>}
                    {o.description}
                    {o.quantity !== null && ` · ${o.quantity}${o.unit ?? ""}`}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        />
      )}
    </>
  );
}
