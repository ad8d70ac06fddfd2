import { useState } from "react";
import { Alert, Descriptions, Drawer, Switch, Table, Tag, Space } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { useTemplate, useTemplates } from "./use-patrol-admin";
import type { ChecklistItem } from "./types";

function failText(item: ChecklistItem, t: (k: string, o?: Record<string, unknown>) => string) {
  const fw = item.failWhen as { equals?: boolean; in?: string[]; min?: number; max?: number } | null;
  if (!fw) return "—";
  if (fw.equals !== undefined) return fw.equals ? t("patrols.form.yes") : t("patrols.form.no");
  if (fw.in) return fw.in.join("、");
  return [fw.min !== undefined ? `< ${fw.min}` : "", fw.max !== undefined ? `> ${fw.max}` : ""].filter(Boolean).join(" / ");
}

/** 检查表模板: the checklist of each kind of target, its versions, and the items (which failure opens a case). */
export function ConsoleTemplateList() {
  const { t } = useTranslation();
  const [history, setHistory] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const templates = useTemplates(history);
  const detail = useTemplate(openId);
  return (
    <div data-testid="patrol-templates">
      <Space className="p-console-filters">
        <Switch checked={history} onChange={setHistory} /> {t("patrols.templates.history")}
      </Space>
      {templates.isError && <Alert type="error" showIcon title={errorMessage(templates.error, t)} />}
      <Table
        rowKey="id"
        size="middle"
        loading={templates.isFetching}
        dataSource={templates.data ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), className: "p-console-clickable" })}
        columns={[
          { title: t("patrols.templates.name"), dataIndex: "name" },
          { title: t("patrols.console.kind"), dataIndex: "targetKind", render: (k: string) => t(`patrols.kind.${k}`) },
          { title: t("patrols.templates.version"), dataIndex: "version", width: 80, render: (v: number, r) => <Space size={4}>v{v}{r.current && <Tag color="green">{t("patrols.templates.current")}</Tag>}</Space> },
          { title: t("patrols.templates.scope"), dataIndex: "communityId", render: (c: string | null) => (c ? t("patrols.templates.community") : t("patrols.templates.global")) },
          { title: t("patrols.templates.items"), dataIndex: "itemCount", width: 80 },
          { title: t("patrols.templates.createdAt"), dataIndex: "createdAt", width: 130, render: (v: string) => formatShortDateTime(v) },
        ]}
      />
      <Drawer open={!!openId} onClose={() => setOpenId(null)} size={640} title={detail.data ? `${detail.data.name} v${detail.data.version}` : ""}>
        {detail.data && (
          <>
            <Descriptions size="small" column={2} items={[
              { key: "kind", label: t("patrols.console.kind"), children: t(`patrols.kind.${detail.data.targetKind}`) },
              { key: "items", label: t("patrols.templates.items"), children: detail.data.items.length },
            ]} />
            <Table<ChecklistItem>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={detail.data.items}
              columns={[
                { title: "#", dataIndex: "seq", width: 40 },
                { title: t("patrols.templates.item"), dataIndex: "label" },
                { title: t("patrols.templates.type"), dataIndex: "type", width: 80, render: (v: string) => t(`patrols.itemType.${v}`) },
                { title: t("patrols.templates.required"), dataIndex: "required", width: 60, render: (v: boolean) => (v ? t("patrols.form.yes") : t("patrols.form.no")) },
                { title: t("patrols.templates.failWhen"), width: 90, render: (_, i) => failText(i, t) },
                { title: t("patrols.templates.opensCase"), width: 90, render: (_, i) => (i.opensCase ? <Tag color="red">{t("patrols.templates.opensCaseYes")}</Tag> : "—") },
              ]}
            />
          </>
        )}
      </Drawer>
    </div>
  );
}
