import { useState } from "react";
import { Alert, App, Button, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import type { RoutingRuleItem } from "../../../contracts/case-settings";
import { errorMessage } from "../../lib/error-message";
import { RoutingRuleModal } from "./routing-rule-modal";
import { useRoutingRuleMutations, useRoutingRules } from "./use-routing-rules";

interface Props {
  /** The caller's own community, if they belong to one. */
  ownCommunityId: string | null;
  /** Every area the caller sees; the communities among them can be chosen. */
  areas: AreaNode[];
}

/** 分派规则: per category of a community, the start level (grid or straight to the community) and a named handler. */
export function RoutingRulesPanel({ ownCommunityId, areas }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const communities = areas.filter((a) => a.level === "community");
  const [chosen, setChosen] = useState<string | undefined>();
  const communityId = chosen ?? ownCommunityId ?? communities[0]?.id;
  const rules = useRoutingRules(communityId, !!communityId);
  const { set, remove } = useRoutingRuleMutations(communityId);
  const [editing, setEditing] = useState<{ open: boolean; item: RoutingRuleItem | null }>({ open: false, item: null });

  const nameOf = (item: RoutingRuleItem) => (i18n.language === "en" ? item.categoryNameEn : item.categoryName);
  const reset = (item: RoutingRuleItem) =>
    remove.mutate(item.categoryCode, {
      onSuccess: () => message.success(t("caseSettings.rules.removed", { category: nameOf(item) })),
      onError: (err) => message.error(errorMessage(err, t)),
    });

  const columns: TableColumnsType<RoutingRuleItem> = [
    { title: t("caseSettings.rules.category"), key: "category", width: 200, render: (_, item) => <strong>{nameOf(item)}</strong> },
    {
      title: t("caseSettings.rules.rule"),
      key: "rule",
      render: (_, item) =>
        item.rule ? (
          <Tag color={item.rule.level === "community" ? "volcano" : "blue"} data-testid={`rule-level-${item.categoryCode}`}>
            {t(`caseSettings.level.${item.rule.level}`)}
          </Tag>
        ) : (
          <Typography.Text type="secondary" data-testid={`rule-level-${item.categoryCode}`}>
            {t("caseSettings.rules.defaultRule")}
          </Typography.Text>
        ),
    },
    {
      title: t("caseSettings.rules.handler"),
      key: "handler",
      render: (_, item) =>
        item.rule?.handler ? (
          <span>
            {item.rule.handler.name} <span className="ll-muted">{t(`roles.${item.rule.handler.role}`)}</span>
          </span>
        ) : item.rule ? (
          <span className="ll-muted">{item.rule.level === "community" ? t("caseSettings.rules.noHandler") : t("caseSettings.rules.noHandlerGrid")}</span>
        ) : (
          <span className="ll-muted">—</span>
        ),
    },
    {
      title: t("caseSettings.rules.actions"),
      key: "actions",
      width: 180,
      render: (_, item) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => setEditing({ open: true, item })} data-testid={`rule-edit-${item.categoryCode}`}>
            {t("caseSettings.rules.edit")}
          </Button>
          {item.rule && (
            <Popconfirm
              title={t("caseSettings.rules.removeConfirm", { category: nameOf(item) })}
              okText={t("common.confirm")}
              cancelText={t("common.cancel")}
              onConfirm={() => reset(item)}
            >
              <Button type="link" size="small" danger data-testid={`rule-remove-${item.categoryCode}`}>
                {t("caseSettings.rules.remove")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t("caseSettings.rules.intro")}</Typography.Paragraph>
      {communities.length > 1 ? (
        <Space className="ll-gap">
          <span>{t("caseSettings.rules.community")}</span>
          <Select
            value={communityId}
            onChange={setChosen}
            placeholder={t("caseSettings.rules.communityPlaceholder")}
            options={communities.map((c) => ({ value: c.id, label: c.name }))}
            style={{ minWidth: 200 }}
            data-testid="rule-community"
          />
        </Space>
      ) : (
        rules.data && (
          <Space className="ll-gap">
            <span>{t("caseSettings.rules.community")}</span>
            <strong data-testid="rule-community">{rules.data.community.name}</strong>
          </Space>
        )
      )}
      {!communityId && <Alert type="info" showIcon title={t("caseSettings.rules.chooseCommunity")} className="ll-gap" />}
      {rules.isError && <Alert type="error" showIcon title={errorMessage(rules.error, t)} className="ll-gap" />}
      {communityId && (
        <Table<RoutingRuleItem>
          rowKey="categoryCode"
          size="middle"
          columns={columns}
          dataSource={rules.data?.items ?? []}
          loading={rules.isPending}
          pagination={false}
          data-testid="rules-table"
        />
      )}
      <RoutingRuleModal
        open={editing.open}
        item={editing.item}
        handlers={rules.data?.handlers ?? []}
        saving={set.isPending}
        onSave={(values) => set.mutateAsync({ categoryCode: editing.item!.categoryCode, ...values })}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
      />
    </>
  );
}
