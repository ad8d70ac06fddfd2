import type { ButtonProps } from "antd";
import { useState } from "react";
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PROGRAMME_KIND_VALUES } from "../../../contracts/enterprise";
import { apiUrl } from "../../api/client";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { PlacePicker } from "./place-picker";
import { RectificationsPanel } from "./rectifications-panel";
import { useCreateProgramme, useIssueRectification, useProgramme, useProgrammes, type ProgrammeDetail, type ProgrammeItem } from "./use-inspections";

const KIND_COLOR: Record<string, string> = { food: "orange", fire: "red", billboard: "blue" };
type Failed = ProgrammeDetail["failed"][number];

type CreateForm = { kind: ProgrammeItem["kind"]; name: string; period: [Dayjs, Dayjs]; placeIds: string[] };

function CreateProgrammeModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateProgramme();
  const [form] = Form.useForm<CreateForm>();
  return (
    <Modal
      open={open}
      title={t("inspections.programme.create")}
      onCancel={onClose}
      okText={t("enterprise.common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "programme-submit" } as ButtonProps}
      onOk={() =>
        form.validateFields().then((v) =>
          create.mutate(
            { kind: v.kind, name: v.name.trim(), startsOn: v.period[0].format("YYYY-MM-DD"), endsOn: v.period[1].format("YYYY-MM-DD"), placeIds: v.placeIds },
            { onSuccess: (r) => onCreated(r.id), onError: (e) => message.error(errorMessage(e, t)) },
          ),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: "food", period: [dayjs(chinaDay()), dayjs(chinaDay(30))] }}>
        <Form.Item name="kind" label={t("inspections.programme.kind")}>
          <Select options={PROGRAMME_KIND_VALUES.map((k) => ({ value: k, label: t(`inspections.kind.${k}`) }))} data-testid="programme-kind" />
        </Form.Item>
        <Form.Item name="name" label={t("inspections.programme.name")} rules={[{ required: true, whitespace: true, message: t("enterprise.common.required") }]}>
          <Input maxLength={60} data-testid="programme-name" />
        </Form.Item>
        <Form.Item name="period" label={t("inspections.programme.period")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="placeIds" label={t("inspections.programme.places")} rules={[{ required: true, type: "array", min: 1, message: t("inspections.programme.placesRule") }]}>
          <PlacePicker testId="programme-places" />
        </Form.Item>
        <Typography.Text type="secondary">{t("inspections.programme.planHint")}</Typography.Text>
      </Form>
    </Modal>
  );
}

type IssueForm = { deadline: Dayjs; requiredChange: string };

function IssueModal({ check, item, onClose }: { check: Failed; item: Failed["items"][number]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const issue = useIssueRectification();
  const [form] = Form.useForm<IssueForm>();
  return (
    <Modal
      open
      title={t("inspections.notice.issue")}
      onCancel={onClose}
      okText={t("inspections.notice.issueOk")}
      cancelText={t("common.cancel")}
      confirmLoading={issue.isPending}
      okButtonProps={{ "data-testid": "issue-submit" } as ButtonProps}
      onOk={() =>
        form.validateFields().then((v) =>
          issue.mutate(
            { submissionId: check.submissionId, itemId: item.itemId, deadline: v.deadline.format("YYYY-MM-DD"), requiredChange: v.requiredChange.trim() },
            {
              onSuccess: () => {
                message.success(t("inspections.notice.issued"));
                onClose();
              },
              onError: (e) => message.error(errorMessage(e, t)),
            },
          ),
        )
      }
      destroyOnHidden
    >
      <Descriptions size="small" column={1} className="ll-gap">
        <Descriptions.Item label={t("inspections.notice.place")}>{check.place.name}</Descriptions.Item>
        <Descriptions.Item label={t("inspections.notice.finding")}>{item.label}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={{ deadline: dayjs(chinaDay(7)) }}>
        <Form.Item name="requiredChange" label={t("inspections.notice.requiredChange")} rules={[{ required: true, whitespace: true, message: t("enterprise.common.required") }]}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="issue-change" />
        </Form.Item>
        <Form.Item name="deadline" label={t("inspections.notice.deadline")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} data-testid="issue-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One programme: its figures, the failed checks with a 责令整改 button per failed item, its notices and ledger. */
function ProgrammeDrawer({ id, onClose, canManage, canRecheck, canExport }: { id: string; onClose: () => void; canManage: boolean; canRecheck: boolean; canExport: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const p = useProgramme(id);
  const [issuing, setIssuing] = useState<{ check: Failed; item: Failed["items"][number] } | null>(null);
  return (
    <Drawer open onClose={onClose} size={1180} title={p.data?.name ?? t("inspections.programme.title")} destroyOnHidden data-testid="programme-drawer">
      {p.isError && <Alert type="error" showIcon title={errorMessage(p.error, t)} />}
      {p.data && (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label={t("inspections.programme.kind")}>{t(`inspections.kind.${p.data.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t("inspections.programme.period")}>
              {p.data.startsOn} ~ {p.data.endsOn}
            </Descriptions.Item>
            <Descriptions.Item label={t("inspections.programme.places")}>{p.data.places}</Descriptions.Item>
            <Descriptions.Item label={t("inspections.programme.checks")}>
              <span data-testid="programme-checks">{p.data.checks}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("inspections.programme.passRate")}>{p.data.passRate === null ? "—" : `${p.data.passRate}%`}</Descriptions.Item>
            <Descriptions.Item label={t("inspections.programme.riderChecks")}>{p.data.riderChecks}</Descriptions.Item>
          </Descriptions>
          {canExport && (
            <Button icon={<DownloadOutlined />} href={apiUrl(`/inspection-programmes/${id}/ledger.xlsx`)} data-testid="programme-ledger">
              {t("inspections.programme.ledger")}
            </Button>
          )}
          <Typography.Title level={5}>{t("inspections.programme.failed")}</Typography.Title>
          <Table<Failed>
            rowKey="submissionId"
            size="small"
            dataSource={p.data.failed}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t("inspections.programme.noFailed") }}
            data-testid="failed-checks"
            columns={[
              { title: t("inspections.programme.checkedAt"), dataIndex: "filledAt", width: 140 },
              { title: t("inspections.notice.place"), render: (_, f) => <span data-testid="failed-place">{f.place.name}</span> },
              { title: t("inspections.programme.companions"), width: 140, render: (_, f) => (f.companions.length ? f.companions.join("、") : "—") },
              {
                title: t("inspections.programme.failedItems"),
                render: (_, f) => (
                  <Space direction="vertical" size={4}>
                    {f.items.map((i) => (
                      <Space key={i.itemId} size={6} data-testid="failed-item">
                        <span>{i.label}</span>
                        {i.rectificationId ? (
                          <Button size="small" type="link" onClick={() => navigate(`/inspections/notices/${i.rectificationId}`)} data-testid="failed-item-notice">
                            {t("inspections.notice.view")}
                          </Button>
                        ) : (
                          canManage && (
                            <Button size="small" danger onClick={() => setIssuing({ check: f, item: i })} data-testid="failed-item-issue">
                              {t("inspections.notice.issue")}
                            </Button>
                          )
                        )}
                      </Space>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Title level={5}>{t("inspections.tabs.notices")}</Typography.Title>
          <RectificationsPanel canRecheck={canRecheck} programmeId={id} />
        </Space>
      )}
      {issuing && <IssueModal check={issuing.check} item={issuing.item} onClose={() => setIssuing(null)} />}
    </Drawer>
  );
}

/** 检查计划: inspection programmes with checks, pass rate, rider participation and open notices. */
export function ProgrammesPanel({ canManage, canRecheck, canExport }: { canManage: boolean; canRecheck: boolean; canExport: boolean }) {
  const { t } = useTranslation();
  const list = useProgrammes();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <Space className="ll-gap" wrap>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="programme-add">
            {t("inspections.programme.create")}
          </Button>
        )}
        <Typography.Text type="secondary">{t("inspections.programme.hint")}</Typography.Text>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} />}
      <Table<ProgrammeItem>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: "pointer" } })}
        data-testid="programme-table"
        columns={[
          { title: t("inspections.programme.kind"), dataIndex: "kind", width: 130, render: (k: string) => <Tag color={KIND_COLOR[k]}>{t(`inspections.kind.${k}`)}</Tag> },
          { title: t("inspections.programme.name"), dataIndex: "name", render: (n: string) => <Typography.Link data-testid="programme-name-cell">{n}</Typography.Link> },
          { title: t("inspections.programme.period"), width: 210, render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
          { title: t("inspections.programme.places"), dataIndex: "places", width: 80, align: "right" },
          { title: t("inspections.programme.checks"), dataIndex: "checks", width: 80, align: "right" },
          { title: t("inspections.programme.passRate"), dataIndex: "passRate", width: 90, align: "right", render: (v: number | null) => (v === null ? "—" : `${v}%`) },
          { title: t("inspections.programme.riderChecks"), dataIndex: "riderChecks", width: 100, align: "right" },
          { title: t("inspections.programme.open"), dataIndex: "rectificationsOpen", width: 100, align: "right" },
        ]}
      />
      <CreateProgrammeModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setOpenId(id);
        }}
      />
      {openId && <ProgrammeDrawer id={openId} onClose={() => setOpenId(null)} canManage={canManage} canRecheck={canRecheck} canExport={canExport} />}
    </>
  );
}
