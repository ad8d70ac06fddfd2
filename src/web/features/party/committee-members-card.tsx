import { useState } from "react";
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost } from "../../api/client";
import { errorMessage } from "../../lib/error-message";
import { COMMITTEE_VALUES, type CommitteeMemberBody, type CommitteeMembers } from "../../../contracts/party-committees";
import { usePeople } from "../registry/use-people";

type Row = CommitteeMembers["items"][number];

const KEY = ["party", "committee-members"] as const;
const useCommitteeMembers = (communityId?: string) =>
  useQuery({ queryKey: [...KEY, communityId ?? null], queryFn: ({ signal }) => apiGet<CommitteeMembers>("/party/committee-members", { communityId }, signal) });
function useCommitteeWrite<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  // The party figures and the tree may change with the roster: refresh every party read.
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ["party"] }) });
}

/** 社区“两委”: the members of the party committee and the residents' committee, their terms, the branch each leads. */
export function CommitteeMembersCard({ communityId, canWrite }: { communityId?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const list = useCommitteeMembers(communityId);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Row | null>(null);
  return (
    <Card
      className="ll-gap"
      style={{ marginTop: 16 }}
      title={t("partyCommittees.title")}
      extra={
        canWrite && (
          <Button onClick={() => setAdding(true)} data-testid="party-committee-add">
            {t("partyCommittees.add")}
          </Button>
        )
      }
    >
      {list.data && (
        <p className="ll-muted" data-testid="party-committee-summary">
          {t("partyCommittees.summary", { current: list.data.current, secretaries: list.data.branchSecretaries })} · {t("partyCommittees.masked")}
        </p>
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t("partyCommittees.empty") }}
        data-testid="party-committee-members"
        columns={[
          { title: t("partyCommittees.person"), key: "person", width: 100, render: (_, r) => r.person.name },
          { title: t("partyCommittees.committee"), dataIndex: "committee", width: 130, render: (c: Row["committee"]) => <Tag color={c === "party_committee" ? "red" : "blue"}>{t(`partyCommittees.committees.${c}`)}</Tag> },
          { title: t("partyCommittees.position"), dataIndex: "position", width: 100 },
          { title: t("partyCommittees.secretaryOf"), key: "secretaryOf", render: (_, r) => r.secretaryOf?.name ?? "—" },
          { title: t("partyCommittees.fromOn"), dataIndex: "fromOn", width: 110 },
          {
            title: t("partyCommittees.toOn"),
            key: "toOn",
            width: 150,
            // A term ending today is still in office today; an ended term shows its last day.
            render: (_, r) =>
              r.toOn ? (
                <span data-testid="party-committee-to">{r.toOn}</span>
              ) : (
                <>
                  <Tag color="green">{t("partyCommittees.current")}</Tag>
                  {canWrite && (
                    <Button size="small" type="link" onClick={() => setEnding(r)} data-testid="party-committee-end">
                      {t("partyCommittees.end")}
                    </Button>
                  )}
                </>
              ),
          },
        ]}
      />
      {adding && <AddModal communityId={communityId} onClose={() => setAdding(false)} />}
      {ending && <EndModal member={ending} onClose={() => setEnding(null)} />}
    </Card>
  );
}

type AddForm = { personId: string; committee: CommitteeMemberBody["committee"]; position: string; fromOn: Dayjs };

function AddModal({ communityId, onClose }: { communityId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddForm>();
  const [q, setQ] = useState("");
  const people = usePeople(q);
  const add = useCommitteeWrite((body: CommitteeMemberBody) => apiPost<{ id: string }>("/party/committee-members", body));
  const options = (people.data?.pages.flatMap((p) => p.items) ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.address ?? p.communityName}` }));
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await add.mutateAsync({ communityId, personId: v.personId, committee: v.committee, position: v.position.trim(), fromOn: v.fromOn.format("YYYY-MM-DD") });
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal
      open
      title={t("partyCommittees.add")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={add.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-committee-submit" } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ committee: "residents_committee", fromOn: dayjs() }}>
        <Form.Item name="personId" label={t("partyCommittees.person")} rules={[{ required: true, message: t("party.common.required") }]}>
          <Select showSearch filterOption={false} onSearch={(v) => v.trim() && setQ(v.trim())} placeholder={t("partyCommittees.personSearch")} options={options} loading={people.isFetching} data-testid="party-committee-person" />
        </Form.Item>
        <Form.Item name="committee" label={t("partyCommittees.committee")}>
          <Select options={COMMITTEE_VALUES.map((c) => ({ value: c, label: t(`partyCommittees.committees.${c}`) }))} />
        </Form.Item>
        <Form.Item name="position" label={t("partyCommittees.position")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
          <Input maxLength={20} placeholder={t("partyCommittees.positionHint")} data-testid="party-committee-position" />
        </Form.Item>
        <Form.Item name="fromOn" label={t("partyCommittees.fromOn")} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndModal({ member, onClose }: { member: Row; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [toOn, setToOn] = useState<Dayjs>(dayjs());
  const end = useCommitteeWrite((v: { id: string; toOn: string }) => apiPost<{ id: string }>(`/party/committee-members/${v.id}/end`, { toOn: v.toOn }));
  const submit = async () => {
    try {
      await end.mutateAsync({ id: member.id, toOn: toOn.format("YYYY-MM-DD") });
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal open title={`${t("partyCommittees.endTitle")} · ${member.person.name} ${member.position}`} onCancel={onClose} onOk={() => void submit()} okText={t("party.common.save")} cancelText={t("party.common.cancel")} confirmLoading={end.isPending} destroyOnHidden>
      <DatePicker allowClear={false} value={toOn} onChange={(d) => d && setToOn(d)} disabledDate={(d) => d.isAfter(dayjs()) || d.isBefore(dayjs(member.fromOn))} aria-label={t("partyCommittees.toOn")} />
    </Modal>
  );
}
