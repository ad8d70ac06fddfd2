import { useState } from "react";
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { JOINT_UNIT_KIND_VALUES } from "../../../contracts/party";
import { useUnits } from "../partners/use-units";
import { useJointUnits, useLinkJointUnit, type JointUnits } from "./use-party";

type Row = JointUnits["items"][number];

/** 兼职委员 and 大党委 member units: the community's partner units linked to its committee. */
export function JointUnitsCard({ communityId, canWrite }: { communityId?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const list = useJointUnits(communityId);
  const [adding, setAdding] = useState(false);
  return (
    <Card
      className="ll-gap"
      style={{ marginTop: 16 }}
      title={list.data ? t("party.joint.total", { n: list.data.total }) : t("party.joint.title")}
      extra={
        canWrite && (
          <Button onClick={() => setAdding(true)} data-testid="party-joint-add">
            {t("party.joint.add")}
          </Button>
        )
      }
    >
      <Table<Row>
        rowKey={(r) => r.unit.id}
        size="small"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.items ?? []}
        data-testid="party-joint-units"
        columns={[
          { title: t("party.joint.unit"), key: "unit", render: (_, r) => r.unit.name },
          { title: t("party.joint.kind"), dataIndex: "kind", width: 160, render: (k: Row["kind"]) => <Tag color="red">{t(`party.joint.kinds.${k}`)}</Tag> },
          { title: t("party.joint.partyOrg"), dataIndex: "partyOrg", render: (v: string | null) => v ?? "—" },
          { title: t("party.joint.seatHolder"), dataIndex: "seatHolder", width: 140, render: (v: string | null) => v ?? "—" },
          { title: t("party.joint.since"), dataIndex: "since", width: 120 },
        ]}
      />
      {adding && <LinkModal communityId={communityId} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function LinkModal({ communityId, onClose }: { communityId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitId: string; kind: Row["kind"]; seatHolder?: string; since: Dayjs }>();
  const units = useUnits();
  const link = useLinkJointUnit();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await link.mutateAsync({ communityId, unitId: v.unitId, kind: v.kind, seatHolder: v.seatHolder?.trim() || undefined, since: v.since.format("YYYY-MM-DD") });
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal
      open
      title={t("party.joint.add")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={link.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-joint-submit" } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "part_time_member", since: dayjs() }}>
        <Form.Item name="unitId" label={t("party.joint.unit")} rules={[{ required: true, message: t("party.common.required") }]}>
          <Select showSearch optionFilterProp="label" loading={units.isPending} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="party-joint-unit" />
        </Form.Item>
        <Form.Item name="kind" label={t("party.joint.kind")}>
          <Select options={JOINT_UNIT_KIND_VALUES.map((k) => ({ value: k, label: t(`party.joint.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="seatHolder" label={t("party.joint.seatHolder")}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="since" label={t("party.joint.since")} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
