import { useState } from "react";
import { Alert, App, Button, Drawer, Form, Input, List, Modal, Select, Skeleton, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { TEAM_KINDS, type TeamItem } from "./types";
import { useAddTeamMember, useCreateTeam, useTalents, useTeam, useTeams } from "./use-talent";

/** A picker of talents searched by name. */
function TalentPicker({ value, onChange, multiple, testId }: { value?: string | string[]; onChange?: (v: string | string[]) => void; multiple?: boolean; testId?: string }) {
  const [q, setQ] = useState("");
  const talents = useTalents({ q: q || undefined });
  return (
    <Select
      value={value}
      onChange={onChange}
      mode={multiple ? "multiple" : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={talents.isFetching}
      options={(talents.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.category}` }))}
      data-testid={testId}
    />
  );
}

function TeamDrawer({ id, onClose, canManage }: { id: string | null; onClose: () => void; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const team = useTeam(id);
  const add = useAddTeamMember(id ?? "");
  const [picked, setPicked] = useState<string | undefined>();
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={team.data?.name ?? ""} destroyOnHidden data-testid="team-drawer">
      {team.isPending && <Skeleton active />}
      {team.isError && <Alert type="error" showIcon title={errorMessage(team.error, t)} />}
      {team.data && (
        <>
          <Space wrap className="ll-gap">
            <Tag>{t(`partners.teamKind.${team.data.kind}`)}</Tag>
            <span>
              {t("partners.talent.leader")}：{team.data.leader?.name ?? "—"}
            </span>
            <span>
              {t("partners.talent.solved")}：{team.data.solved}
            </span>
          </Space>
          {canManage && (
            <Space.Compact style={{ width: "100%", margin: "12px 0" }}>
              <div style={{ flex: 1 }}>
                <TalentPicker value={picked} onChange={(v) => setPicked(v as string)} />
              </div>
              <Button
                disabled={!picked}
                loading={add.isPending}
                onClick={() =>
                  add.mutate(picked!, {
                    onSuccess: () => {
                      message.success(t("partners.talent.memberAdded"));
                      setPicked(undefined);
                    },
                    onError: (e) => message.error(errorMessage(e, t)),
                  })
                }
              >
                {t("partners.talent.addMember")}
              </Button>
            </Space.Compact>
          )}
          <Typography.Title level={5}>{t("partners.talent.teamPeople")}</Typography.Title>
          <List
            size="small"
            dataSource={team.data.people}
            renderItem={(p) => (
              <List.Item>
                <Space>
                  {p.name}
                  {p.leader && <Tag color="red">{t("partners.talent.leader")}</Tag>}
                  <Typography.Text type="secondary">
                    {p.category} {p.skills.join("、")}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("partners.talent.teamAssignments")}
          </Typography.Title>
          <List
            size="small"
            dataSource={team.data.assignments}
            renderItem={(a) => (
              <List.Item>
                <Space wrap>
                  <Tag>{a.refKind === "case" ? t("partners.talent.refCase") : t("partners.talent.refTopic")}</Tag>
                  {a.refTitle}
                  <Tag color={a.status === "solved" ? "green" : a.status === "open" ? "blue" : "default"}>{t(`partners.assignmentStatus.${a.status}`)}</Tag>
                  <Typography.Text type="secondary">{formatShortDateTime(a.createdAt)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

/** The teams with leader, members and problems solved; form a team; open one for its people and assignments. */
export function TeamList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const teams = useTeams();
  const create = useCreateTeam();
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; kind: string; leaderTalentId?: string; memberTalentIds?: string[] }>();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(v, {
      onSuccess: () => {
        message.success(t("partners.talent.teamCreated"));
        form.resetFields();
        setCreating(false);
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };
  return (
    <>
      {canManage && (
        <div className="pt-toolbar">
          <span />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-team">
            {t("partners.talent.newTeam")}
          </Button>
        </div>
      )}
      {teams.isError && <Alert type="error" showIcon title={errorMessage(teams.error, t)} />}
      <Table<TeamItem>
        rowKey="id"
        size="middle"
        loading={teams.isPending}
        dataSource={teams.data ?? []}
        pagination={false}
        onRow={(x) => ({ onClick: () => setOpen(x.id), style: { cursor: "pointer" } })}
        data-testid="team-table"
        columns={[
          { title: t("partners.talent.teamName"), dataIndex: "name", render: (n: string) => <Typography.Link>{n}</Typography.Link> },
          { title: t("partners.talent.teamKind"), dataIndex: "kind", render: (k: string) => t(`partners.teamKind.${k}`) },
          { title: t("partners.talent.leader"), render: (_, x) => x.leader?.name ?? "—" },
          { title: t("partners.talent.members"), dataIndex: "members", align: "right" },
          { title: t("partners.talent.solved"), dataIndex: "solved", align: "right" },
          { title: t("partners.talent.openAssignments"), dataIndex: "open", align: "right" },
        ]}
      />
      <TeamDrawer id={open} onClose={() => setOpen(null)} canManage={canManage} />
      <Modal open={creating} title={t("partners.talent.newTeam")} onCancel={() => setCreating(false)} onOk={submit} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: "convenience" }}>
          <Form.Item name="name" label={t("partners.talent.teamName")} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t("partners.talent.teamKind")} rules={[{ required: true }]}>
            <Select options={TEAM_KINDS.map((k) => ({ value: k, label: t(`partners.teamKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="leaderTalentId" label={t("partners.talent.leader")}>
            <TalentPicker />
          </Form.Item>
          <Form.Item name="memberTalentIds" label={t("partners.talent.members")}>
            <TalentPicker multiple />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
