import type { ButtonProps } from "antd";
import { useState } from "react";
import { Alert, App, Button, Card, Col, DatePicker, Drawer, Form, Input, Modal, Progress, Radio, Row, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { shownText } from "../../lib/list-total";
import { EnterprisePicker } from "./enterprise-picker";
import type { CampaignItem, TargetItem } from "./types";
import { useAssignTargets, useCampaign, useCampaigns, useCreateCampaign, useTargets } from "./use-enterprise";

type Coverage = { targeted: number; visited: number; share: number | null };

function CoverageBar({ c }: { c: Coverage }) {
  return (
    <Space size={8}>
      <Progress percent={c.share ?? 0} size="small" style={{ width: 120, margin: 0 }} showInfo={false} />
      <span data-testid="coverage">
        {c.visited}/{c.targeted}
        {c.share !== null && `（${c.share}%）`}
      </span>
    </Space>
  );
}

type CreateForm = { name: string; period: [Dayjs, Dayjs]; scope: "all" | "pick"; kinds?: Array<"enterprise" | "shop">; placeIds?: string[] };

function CreateCampaignModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateCampaign();
  const [form] = Form.useForm<CreateForm>();
  const scope = Form.useWatch("scope", form);
  return (
    <Modal
      open={open}
      title={t("enterprise.campaigns.create")}
      onCancel={onClose}
      okText={t("enterprise.common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "campaign-submit" } as ButtonProps}
      onOk={() =>
        form.validateFields().then((v) =>
          create.mutate(
            {
              name: v.name.trim(),
              startsOn: v.period[0].format("YYYY-MM-DD"),
              endsOn: v.period[1].format("YYYY-MM-DD"),
              ...(v.scope === "pick" ? { placeIds: v.placeIds ?? [] } : { kinds: v.kinds?.length ? v.kinds : undefined }),
            },
            { onSuccess: (r) => onCreated(r.id), onError: (e) => message.error(errorMessage(e, t)) },
          ),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ scope: "pick", period: [dayjs(chinaDay()), dayjs(chinaDay(30))] }}>
        <Form.Item name="name" label={t("enterprise.campaigns.name")} rules={[{ required: true, whitespace: true, message: t("enterprise.common.required") }]}>
          <Input maxLength={60} placeholder={t("enterprise.campaigns.namePlaceholder")} data-testid="campaign-name" />
        </Form.Item>
        <Form.Item name="period" label={t("enterprise.campaigns.period")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="scope" label={t("enterprise.campaigns.targets")}>
          <Radio.Group
            options={[
              { value: "pick", label: t("enterprise.campaigns.scopePick") },
              { value: "all", label: t("enterprise.campaigns.scopeAll") },
            ]}
          />
        </Form.Item>
        {scope === "all" ? (
          <Form.Item name="kinds" label={t("enterprise.field.kind")}>
            <Select mode="multiple" allowClear placeholder={t("enterprise.campaigns.allKinds")} options={(["enterprise", "shop"] as const).map((k) => ({ value: k, label: t(`enterprise.kind.${k}`) }))} />
          </Form.Item>
        ) : (
          <Form.Item name="placeIds" label={t("enterprise.campaigns.pick")} rules={[{ required: true, type: "array", min: 1, message: t("enterprise.campaigns.pickRule") }]}>
            <EnterprisePicker testId="campaign-places" />
          </Form.Item>
        )}
        <Typography.Text type="secondary">{t("enterprise.campaigns.assignHint")}</Typography.Text>
      </Form>
    </Modal>
  );
}

type Assignee = { id: string; name: string; role: string; area: { id: string; name: string } };

/** One campaign: coverage by grid and by worker, its targets, and giving targets to another worker. */
function CampaignDrawer({ id, onClose, canManage }: { id: string; onClose: () => void; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useCampaign(id);
  const [visited, setVisited] = useState<"true" | "false" | undefined>(undefined);
  const targets = useTargets(id, { visited, limit: 1000 });
  const [selected, setSelected] = useState<string[]>([]);
  const [assigneeId, setAssigneeId] = useState<string>();
  const assign = useAssignTargets(id);
  const assignees = useQuery({
    queryKey: ["enterprise", "assignees"],
    queryFn: ({ signal }) => apiGet<{ items: Assignee[] }>("/patrols/assignees", undefined, signal),
    enabled: canManage,
    staleTime: 5 * 60_000,
  });
  const cov = (rows: Array<{ id: string; name: string } & Coverage> | undefined, label: string, testId: string) => (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows ?? []}
      data-testid={testId}
      columns={[
        { title: label, dataIndex: "name" },
        { title: t("enterprise.campaigns.targeted"), dataIndex: "targeted", width: 70, align: "right" },
        { title: t("enterprise.campaigns.visited"), dataIndex: "visited", width: 70, align: "right" },
        { title: t("enterprise.campaigns.share"), dataIndex: "share", width: 80, align: "right", render: (s: number | null) => (s === null ? "—" : `${s}%`) },
      ]}
    />
  );
  return (
    <Drawer open onClose={onClose} size={900} title={detail.data?.name ?? t("enterprise.campaigns.title")} destroyOnHidden data-testid="campaign-drawer">
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error, t)} />}
      {detail.data && (
        <Space direction="vertical" style={{ width: "100%" }} size={16}>
          <Space wrap size={24}>
            <span>
              {t("enterprise.campaigns.period")}：{detail.data.startsOn} ~ {detail.data.endsOn}
            </span>
            <CoverageBar c={detail.data.coverage} />
            <span>{t("enterprise.campaigns.needsValue", { raised: detail.data.needsRaised, settled: detail.data.needsSettled })}</span>
          </Space>
          <Row gutter={16}>
            <Col span={12}>{cov(detail.data.byGrid, t("enterprise.campaigns.byGrid"), "coverage-by-grid")}</Col>
            <Col span={12}>{cov(detail.data.byWorker, t("enterprise.campaigns.byWorker"), "coverage-by-worker")}</Col>
          </Row>
          <Card size="small" title={t("enterprise.campaigns.targetList")}>
            <Space wrap className="ll-gap">
              <Radio.Group
                value={visited ?? "any"}
                onChange={(e) => setVisited(e.target.value === "any" ? undefined : e.target.value)}
                optionType="button"
                options={[
                  { value: "any", label: t("enterprise.common.all") },
                  { value: "false", label: t("enterprise.campaigns.notVisited") },
                  { value: "true", label: t("enterprise.campaigns.visited") },
                ]}
              />
              <Typography.Text type="secondary">{shownText(t, targets.data)}</Typography.Text>
              {canManage && (
                <>
                  <Select
                    style={{ width: 220 }}
                    placeholder={t("enterprise.campaigns.assignTo")}
                    value={assigneeId}
                    onChange={setAssigneeId}
                    showSearch={{ optionFilterProp: "label" }}
                    options={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.area.name}）` }))}
                    data-testid="assign-to"
                  />
                  <Button
                    type="primary"
                    disabled={!assigneeId || selected.length === 0}
                    loading={assign.isPending}
                    data-testid="assign-submit"
                    onClick={() =>
                      assign.mutate(
                        { placeIds: selected, assigneeId: assigneeId! },
                        {
                          onSuccess: (r) => {
                            message.success(t("enterprise.campaigns.assigned", { n: r.assigned }));
                            setSelected([]);
                          },
                          onError: (e) => message.error(errorMessage(e, t)),
                        },
                      )
                    }
                  >
                    {t("enterprise.campaigns.assign", { n: selected.length })}
                  </Button>
                </>
              )}
            </Space>
            <Table<TargetItem>
              rowKey="placeId"
              size="small"
              loading={targets.isPending}
              dataSource={targets.data?.items ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              rowSelection={canManage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
              data-testid="campaign-targets"
              columns={[
                { title: t("enterprise.field.name"), dataIndex: "name" },
                { title: t("enterprise.field.grid"), dataIndex: "grid", width: 120, render: (v: string | null) => v ?? "—" },
                { title: t("enterprise.campaigns.assignee"), width: 110, render: (_, r) => <span data-testid="target-assignee">{r.assignee.name}</span> },
                {
                  title: t("enterprise.campaigns.visitedOn"),
                  dataIndex: "visitedOn",
                  width: 120,
                  render: (v: string | null) => (v ? <Tag color="green">{v}</Tag> : <Tag>{t("enterprise.campaigns.notVisited")}</Tag>),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

/** 走访活动: campaigns with their coverage and needs; create one, open one to see coverage and assign targets. */
export function CampaignsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <Space className="ll-gap" wrap>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-add">
            {t("enterprise.campaigns.create")}
          </Button>
        )}
        <Typography.Text type="secondary">{t("enterprise.campaigns.hint")}</Typography.Text>
      </Space>
      {campaigns.isError && <Alert type="error" showIcon title={errorMessage(campaigns.error, t)} />}
      <Table<CampaignItem>
        rowKey="id"
        size="middle"
        loading={campaigns.isPending}
        dataSource={campaigns.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { cursor: "pointer" } })}
        data-testid="campaign-table"
        columns={[
          { title: t("enterprise.campaigns.name"), dataIndex: "name", render: (n: string) => <Typography.Link data-testid="campaign-name-cell">{n}</Typography.Link> },
          { title: t("enterprise.campaigns.period"), width: 220, render: (_, c) => `${c.startsOn} ~ ${c.endsOn}` },
          { title: t("enterprise.campaigns.coverage"), width: 260, render: (_, c) => <CoverageBar c={c.coverage} /> },
          { title: t("enterprise.campaigns.needsRaised"), dataIndex: "needsRaised", width: 100, align: "right" },
          { title: t("enterprise.campaigns.needsSettled"), dataIndex: "needsSettled", width: 100, align: "right" },
        ]}
      />
      <CreateCampaignModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setOpenId(id);
        }}
      />
      {openId && <CampaignDrawer id={openId} onClose={() => setOpenId(null)} canManage={canManage} />}
    </>
  );
}
