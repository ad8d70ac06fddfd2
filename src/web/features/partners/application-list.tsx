import { useState } from "react";
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import type { ApplicationItem } from "./types";
import { useApplications, useCalls, useDecide, useTeams, type ApplicationFilter } from "./use-talent";
import { okButton } from "./ok-button";

const STATUS_COLOUR = { pending: "gold", approved: "green", rejected: "default" } as const;

/** Applications to recruitment calls, to approve (into the pool, optionally a team) or reject. */
export function ApplicationList() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState<ApplicationFilter>({ status: "pending" });
  const list = useApplications(filter);
  const calls = useCalls();
  const teams = useTeams();
  const decide = useDecide();
  const [approving, setApproving] = useState<ApplicationItem | null>(null);
  const [form] = Form.useForm<{ teamId?: string; note?: string }>();

  const approve = async () => {
    const v = await form.validateFields();
    decide.mutate(
      { id: approving!.id, decision: "approve", teamId: v.teamId, note: v.note || undefined },
      {
        onSuccess: (r) => {
          message.success(r.accountCreated ? `${t("partners.talent.approvedMsg")}；${t("partners.talent.accountCreated")}` : t("partners.talent.approvedMsg"));
          setApproving(null);
          form.resetFields();
        },
        onError: (e) => message.error(errorMessage(e, t)),
      },
    );
  };
  const reject = (a: ApplicationItem) =>
    modal.confirm({
      title: `${t("partners.talent.reject")}：${a.name}`,
      okText: t("partners.talent.reject"),
      cancelText: t("partners.common.cancel"),
      onOk: () =>
        decide.mutateAsync({ id: a.id, decision: "reject" }).then(
          () => void message.success(t("partners.talent.rejectedMsg")),
          (e) => void message.error(errorMessage(e, t)),
        ),
    });

  return (
    <>
      <Space wrap className="ll-gap">
        <Select
          allowClear
          placeholder={t("partners.talent.callFilter")}
          style={{ width: 260 }}
          value={filter.callId}
          onChange={(callId) => setFilter((f) => ({ ...f, callId }))}
          options={(calls.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
        />
        <Select
          allowClear
          placeholder={t("partners.talent.statusFilter")}
          style={{ width: 140 }}
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
          options={(["pending", "approved", "rejected"] as const).map((s) => ({ value: s, label: t(`partners.applicationStatus.${s}`) }))}
          data-testid="application-status"
        />
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} />}
      <Table<ApplicationItem>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="application-table"
        columns={[
          { title: t("partners.talent.applicant"), dataIndex: "name", render: (n: string) => <span data-testid="application-name">{n}</span> },
          { title: t("partners.talent.phone"), dataIndex: "phone", width: 130 },
          { title: t("partners.talent.category"), dataIndex: "category", width: 100 },
          { title: t("partners.talent.skills"), dataIndex: "skills", render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t("partners.talent.callFilter"), render: (_, a) => a.call.name },
          { title: t("partners.talent.appliedAt"), dataIndex: "createdAt", width: 120, render: (v: string) => formatShortDateTime(v) },
          { title: t("partners.common.status"), dataIndex: "status", width: 90, render: (s: ApplicationItem["status"]) => <Tag color={STATUS_COLOUR[s]}>{t(`partners.applicationStatus.${s}`)}</Tag> },
          {
            title: t("partners.common.actions"),
            width: 150,
            render: (_, a) =>
              a.status === "pending" && (
                <Space>
                  <Button size="small" type="primary" onClick={() => setApproving(a)} data-testid="application-approve">
                    {t("partners.talent.approve")}
                  </Button>
                  <Button size="small" danger onClick={() => reject(a)} data-testid="application-reject">
                    {t("partners.talent.reject")}
                  </Button>
                </Space>
              ),
          },
        ]}
        expandable={{ rowExpandable: (a) => !!a.intro, expandedRowRender: (a) => a.intro }}
      />
      <Modal
        open={!!approving}
        title={approving ? t("partners.talent.approveTitle", { name: approving.name }) : ""}
        onCancel={() => setApproving(null)}
        onOk={approve}
        okText={t("partners.talent.approve")}
        confirmLoading={decide.isPending}
        okButtonProps={okButton("approve-submit")}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="teamId" label={t("partners.talent.intoTeam")}>
            <Select allowClear options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} data-testid="approve-team" />
          </Form.Item>
          <Form.Item name="note" label={t("partners.talent.note")} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
