import { useState } from "react";
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { PARTY_MEMBER_KIND_VALUES, type MemberBody } from "../../../contracts/party";
import { usePeople } from "../registry/use-people";
import { useHouseholds } from "../registry/use-registry";
import { useCreateMember, useMembers, useSetAnchor, useTree, useUnmaskMember, type MemberItem, type TreeReply, type UnmaskReply } from "./use-party";

/** Members (names masked; a stated reason shows the identity, audited), registering members and 中心户. */
export function MembersPanel({ communityId, canWrite, canUnmask }: { communityId?: string; canWrite: boolean; canUnmask: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { drill, clear } = useReportDrill();
  // From a report's figure (roll=1): the members registered by the period's end, of a kind or on the community's roll.
  const roll = drill && params.get("roll") === "1" ? drill : null;
  const [orgId, setOrgId] = useState<string>();
  const [kind, setKind] = useState<string | undefined>(() => (PARTY_MEMBER_KIND_VALUES as readonly string[]).find((k) => k === params.get("kind")));
  const members = useMembers({ communityId, orgId, kind, ...(roll ? { asOf: roll.to, ...(kind ? {} : { onRoll: "true" as const }) } : {}) });
  const tree = useTree(communityId);
  const [adding, setAdding] = useState(false);
  const [unmasking, setUnmasking] = useState<MemberItem | null>(null);
  const [anchoring, setAnchoring] = useState<MemberItem | null>(null);
  const orgs = tree.data?.orgs ?? [];

  const columns: TableColumnsType<MemberItem> = [
    { title: t("party.members.name"), dataIndex: "name", width: 100, render: (v: string) => <strong data-testid="party-member-name">{v}</strong> },
    { title: t("party.members.sex"), dataIndex: "sex", width: 60, render: (v: string) => t(`party.members.sexName.${v}`, { defaultValue: v }) },
    { title: t("party.members.kind"), dataIndex: "kind", width: 150, render: (v: MemberItem["kind"]) => t(`party.memberKind.${v}`) },
    {
      title: t("party.members.role"),
      key: "role",
      width: 170,
      render: (_, m) => (
        <Space size={4} wrap>
          <Tag color={m.role === "member" ? "default" : "red"}>{t(`party.role.${m.role}`)}</Tag>
          {m.anchor && <Tag color="gold">{t("party.members.anchorHouseholds", { n: m.anchor.households })}</Tag>}
        </Space>
      ),
    },
    { title: t("party.members.org"), key: "org", render: (_, m) => [m.org.name, m.group?.name].filter(Boolean).join(" / ") },
    { title: t("party.members.address"), dataIndex: "address", render: (v: string | null) => v ?? "—" },
    { title: t("party.members.transferredOn"), key: "on", width: 110, render: (_, m) => m.transferredOn ?? m.registeredOn ?? m.joinedOn ?? "—" },
    {
      title: t("party.common.actions"),
      key: "actions",
      width: 170,
      render: (_, m) => (
        <Space size={0}>
          {canUnmask && (
            <Button type="link" size="small" onClick={() => setUnmasking(m)} data-testid="party-member-unmask">
              {t("party.members.unmask")}
            </Button>
          )}
          {canWrite && m.group && (
            <Button type="link" size="small" onClick={() => setAnchoring(m)} data-testid="party-member-anchor">
              {t("party.members.setAnchor")}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={members.data ? t("party.members.total", { n: members.data.total }) : t("party.tabs.members")}
      extra={
        <Space wrap>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("party.members.filterOrg")}
            style={{ width: 200 }}
            value={orgId}
            onChange={setOrgId}
            options={orgs.filter((o) => o.kind !== "committee").map((o) => ({ value: o.id, label: o.name }))}
            data-testid="party-member-filter-org"
          />
          <Select
            allowClear
            placeholder={t("party.members.filterKind")}
            style={{ width: 180 }}
            value={kind}
            onChange={setKind}
            options={PARTY_MEMBER_KIND_VALUES.map((k) => ({ value: k, label: t(`party.memberKind.${k}`) }))}
          />
          {canWrite && (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="party-member-add">
              {t("party.members.add")}
            </Button>
          )}
        </Space>
      }
    >
      {roll && (
        <DrillChip
          drill={{ ...roll, dated: "roll" }}
          onClear={() => {
            clear();
            setKind(undefined);
          }}
        />
      )}
      <Alert type="info" showIcon message={t("party.members.masked")} description={t("party.members.unmaskHint")} style={{ marginBottom: 12 }} />
      <Table<MemberItem> rowKey="id" size="middle" loading={members.isPending} columns={columns} dataSource={members.data?.items ?? []} pagination={{ pageSize: 20, showSizeChanger: false }} data-testid="party-members" />
      {adding && <MemberModal orgs={orgs} onClose={() => setAdding(false)} />}
      {unmasking && <UnmaskModal member={unmasking} onClose={() => setUnmasking(null)} />}
      {anchoring && <AnchorModal member={anchoring} group={orgs.find((o) => o.id === anchoring.group?.id)} onClose={() => setAnchoring(null)} />}
    </Card>
  );
}

type MemberForm = { personId: string; orgId: string; groupId?: string; kind: MemberBody["kind"]; transferredOn?: Dayjs; joinedOn?: Dayjs; workplace?: string; commitment?: string; fromOrg?: string };

function MemberModal({ orgs, onClose }: { orgs: TreeReply["orgs"]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberForm>();
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<{ value: string; label: string }>();
  const people = usePeople(q);
  const create = useCreateMember();
  const orgId = Form.useWatch("orgId", form);
  const kind = Form.useWatch("kind", form);
  const day = (d?: Dayjs) => (d ? d.format("YYYY-MM-DD") : undefined);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await create.mutateAsync({
        personId: v.personId,
        orgId: v.orgId,
        groupId: v.groupId || undefined,
        kind: v.kind,
        transferredOn: day(v.transferredOn),
        joinedOn: day(v.joinedOn),
        workplace: v.workplace?.trim() || undefined,
        commitment: v.commitment?.trim() || undefined,
        fromOrg: v.fromOrg?.trim() || undefined,
      });
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const personOptions = (people.data?.pages.flatMap((p) => p.items) ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.address ?? p.communityName}` }));

  return (
    <Modal
      open
      title={t("party.members.add")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-member-submit" } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "transferred_in" }}>
        <Form.Item name="personId" label={t("party.members.person")} rules={[{ required: true, message: t("party.common.required") }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={(v) => v.trim() && setQ(v.trim())}
            onChange={(v: string) => setChosen(personOptions.find((o) => o.value === v) ?? chosen)}
            placeholder={t("party.members.personSearch")}
            options={chosen && !personOptions.some((o) => o.value === chosen.value) ? [chosen, ...personOptions] : personOptions}
            loading={people.isFetching}
            notFoundContent={null}
            data-testid="party-member-person"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="orgId" label={t("party.members.org")} rules={[{ required: true, message: t("party.common.required") }]}>
            <Select showSearch optionFilterProp="label" style={{ width: 220 }} options={orgs.filter((o) => o.kind === "branch").map((o) => ({ value: o.id, label: o.name }))} data-testid="party-member-org" />
          </Form.Item>
          <Form.Item name="groupId" label={t("party.members.group")}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} options={orgs.filter((o) => o.kind === "group" && o.parentId === orgId).map((o) => ({ value: o.id, label: o.name }))} data-testid="party-member-group" />
          </Form.Item>
        </Space>
        <Form.Item name="kind" label={t("party.members.kind")} rules={[{ required: true }]}>
          <Select options={PARTY_MEMBER_KIND_VALUES.filter((k) => k !== "two_new").map((k) => ({ value: k, label: t(`party.memberKind.${k}`) }))} data-testid="party-member-kind" />
        </Form.Item>
        {kind === "transferred_in" && (
          <Form.Item name="transferredOn" label={t("party.members.transferredOn")} rules={[{ required: true, message: t("party.common.required") }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs())} data-testid="party-member-transferred" />
          </Form.Item>
        )}
        {kind === "in_service" && (
          <>
            <Form.Item name="workplace" label={t("party.members.workplace")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
              <Input maxLength={80} />
            </Form.Item>
            <Form.Item name="commitment" label={t("party.members.commitment")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
              <Input.TextArea maxLength={300} autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
        {kind === "floating" && (
          <Form.Item name="fromOrg" label={t("party.members.fromOrg")}>
            <Input maxLength={80} />
          </Form.Item>
        )}
        <Form.Item name="joinedOn" label={t("party.members.joinedOn")}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UnmaskModal({ member, onClose }: { member: MemberItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<UnmaskReply | null>(null);
  const unmask = useUnmaskMember();
  const submit = async () => {
    if (reason.trim().length < 2) return void message.warning(t("party.members.reasonRequired"));
    try {
      setShown(await unmask.mutateAsync({ id: member.id, reason: reason.trim() }));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal
      open
      title={t("party.members.unmaskTitle")}
      onCancel={onClose}
      onOk={shown ? onClose : () => void submit()}
      okText={shown ? t("party.common.cancel") : t("party.members.unmask")}
      cancelButtonProps={{ style: shown ? { display: "none" } : undefined }}
      cancelText={t("party.common.cancel")}
      confirmLoading={unmask.isPending}
      okButtonProps={{ "data-testid": "party-unmask-submit" } as Record<`data-${string}`, string>}
    >
      {shown ? (
        <Descriptions column={1} size="small" data-testid="party-unmasked">
          <Descriptions.Item label={t("party.members.name")}>{shown.name}</Descriptions.Item>
          <Descriptions.Item label={t("party.members.phone")}>{shown.phone ?? "—"}</Descriptions.Item>
          {shown.workplace && <Descriptions.Item label={t("party.members.workplace")}>{shown.workplace}</Descriptions.Item>}
          {shown.commitment && <Descriptions.Item label={t("party.members.commitment")}>{shown.commitment}</Descriptions.Item>}
          {shown.fromOrg && <Descriptions.Item label={t("party.members.fromOrg")}>{shown.fromOrg}</Descriptions.Item>}
        </Descriptions>
      ) : (
        <>
          <Alert type="warning" showIcon message={t("party.members.unmaskHint")} style={{ marginBottom: 12 }} />
          <Input maxLength={100} placeholder={t("party.members.unmaskReason")} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="party-unmask-reason" />
        </>
      )}
    </Modal>
  );
}

function AnchorModal({ member, group, onClose }: { member: MemberItem; group?: TreeReply["orgs"][number]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [buildingId, setBuildingId] = useState<string | undefined>(group?.buildings[0]?.id);
  const [picked, setPicked] = useState<string[]>([]);
  const households = useHouseholds(buildingId);
  const setAnchor = useSetAnchor();
  const submit = async () => {
    if (!picked.length) return void message.warning(t("party.common.required"));
    try {
      await setAnchor.mutateAsync({ id: member.id, householdIds: picked });
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal
      open
      title={t("party.members.anchorTitle")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={setAnchor.isPending}
      okButtonProps={{ "data-testid": "party-anchor-submit" } as Record<`data-${string}`, string>}
    >
      <Form layout="vertical">
        <Form.Item label={t("party.members.building")}>
          <Select value={buildingId} onChange={setBuildingId} options={(group?.buildings ?? []).map((b) => ({ value: b.id, label: b.name }))} data-testid="party-anchor-building" />
        </Form.Item>
        <Form.Item label={t("party.members.households")}>
          <Select
            mode="multiple"
            value={picked}
            onChange={setPicked}
            optionFilterProp="label"
            loading={households.isFetching}
            options={(households.data ?? []).filter((h) => h.status === "active").map((h) => ({ value: h.id, label: h.address }))}
            data-testid="party-anchor-households"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
