import { useState } from "react";
import { App, Button, Card, Checkbox, DatePicker, Empty, Form, Input, List, Modal, Space, Switch, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useCreateNotice, useNotices, useUpdateNotice, useWithdrawNotice, type NoticeItem } from "./use-notices";
import "./notices.css";

type FormValues = { title: string; body: string; pinned: boolean; expiresAt: Dayjs | null };

/**
 * 社区公告 in the console: the community's notices (pinned first, then newest), with writing,
 * editing and withdrawing. Title and body are shown as text (React escapes them).
 */
export function NoticeAdmin() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [showAll, setShowAll] = useState(false);
  const notices = useNotices(showAll);
  const [editing, setEditing] = useState<NoticeItem | "new" | null>(null);
  const withdraw = useWithdrawNotice();

  const confirmWithdraw = (n: NoticeItem) =>
    modal.confirm({
      title: t("notices.withdrawConfirm"),
      okText: t("notices.withdraw"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        withdraw.mutateAsync(n.id).then(
          () => void message.success(t("notices.withdrawn")),
          (err) => void message.error(errorMessage(err, t)),
        ),
    });

  return (
    <Card
      title={notices.data ? t("notices.total", { count: notices.data.total }) : t("notices.title")}
      extra={
        <Space>
          <Checkbox checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-testid="notices-show-all">
            {t("notices.showAll")}
          </Checkbox>
          <Button type="primary" onClick={() => setEditing("new")} data-testid="notice-new">
            {t("notices.new")}
          </Button>
        </Space>
      }
    >
      <List
        loading={notices.isPending}
        dataSource={notices.data?.items ?? []}
        locale={{ emptyText: <Empty description={t("notices.empty")} /> }}
        data-testid="notice-list"
        renderItem={(n) => (
          <List.Item
            key={n.id}
            data-testid="notice-item"
            actions={
              n.status === "withdrawn"
                ? []
                : [
                    <Button key="edit" type="link" onClick={() => setEditing(n)} data-testid="notice-edit">
                      {t("notices.edit")}
                    </Button>,
                    <Button key="withdraw" type="link" danger onClick={() => confirmWithdraw(n)} data-testid="notice-withdraw">
                      {t("notices.withdraw")}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  {n.pinned && <Tag color="red">{t("notices.pinned")}</Tag>}
                  {n.status === "withdrawn" && <Tag>{t("notices.statusWithdrawn")}</Tag>}
                  {n.status !== "withdrawn" && n.expired && <Tag color="default">{t("notices.expired")}</Tag>}
                  <span className="nt-title">{n.title}</span>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph className="nt-body" ellipsis={{ rows: 3, expandable: true, symbol: t("notices.more") }}>
                    {n.body}
                  </Typography.Paragraph>
                  <div className="nt-meta">
                    {t("notices.byline", { name: n.authorName ?? "—", time: formatDateTime(n.createdAt) })}
                    {n.expiresAt && ` · ${t("notices.until", { time: formatDateTime(n.expiresAt) })}`}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
      {editing && <NoticeModal notice={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function NoticeModal({ notice, onClose }: { notice: NoticeItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateNotice();
  const update = useUpdateNotice();
  const pending = create.isPending || update.isPending;

  const submit = async () => {
    const v = await form.validateFields();
    const input = { title: v.title.trim(), body: v.body.trim(), pinned: !!v.pinned, expiresAt: v.expiresAt ? v.expiresAt.format() : null };
    try {
      if (notice) await update.mutateAsync({ id: notice.id, ...input });
      else await create.mutateAsync(input);
      message.success(t("notices.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Modal
      open
      title={notice ? t("notices.edit") : t("notices.new")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={notice ? t("notices.save") : t("notices.publish")}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "notice-submit" } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={notice ? { title: notice.title, body: notice.body, pinned: notice.pinned, expiresAt: notice.expiresAt ? dayjs(notice.expiresAt) : null } : { pinned: false, expiresAt: null }}
      >
        <Form.Item name="title" label={t("notices.fields.title")} rules={[{ required: true, whitespace: true, message: t("notices.titleRequired") }]}>
          <Input maxLength={60} showCount data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="body" label={t("notices.fields.body")} rules={[{ required: true, whitespace: true, message: t("notices.bodyRequired") }]}>
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 5, maxRows: 12 }} data-testid="notice-body" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="pinned" label={t("notices.fields.pinned")} valuePropName="checked">
            <Switch data-testid="notice-pinned" />
          </Form.Item>
          <Form.Item name="expiresAt" label={t("notices.fields.expiresAt")} extra={t("notices.expiresHint")}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs().startOf("day"))} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
