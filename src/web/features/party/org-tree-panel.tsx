import { useMemo, useState } from "react";
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { useBuildings, useCompounds } from "../registry/use-registry";
import { useCreateOrg, useMembers, useTree, useUpdateOrg, type TreeReply } from "./use-party";
import { CommitteeMembersCard } from "./committee-members-card";

type Org = TreeReply["orgs"][number];
type Row = Org & { children?: Row[] };

/** The organisation tree: committee → branches (grids or a 两新 organisation) → party groups (楼栋长, buildings). */
export function OrgTreePanel({ communityId, canWrite }: { communityId?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const tree = useTree(communityId);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<{ mode: "new"; parent: Org } | { mode: "edit"; org: Org } | null>(null);

  const rows = useMemo(() => {
    const orgs = tree.data?.orgs ?? [];
    const byParent = new Map<string | null, Row[]>();
    for (const o of orgs) byParent.set(o.parentId, [...(byParent.get(o.parentId) ?? []), { ...o }]);
    const ids = new Set(orgs.map((o) => o.id));
    const build = (r: Row): Row => {
      const kids = byParent.get(r.id);
      return kids?.length ? { ...r, children: kids.map(build) } : r;
    };
    return orgs.filter((o) => !o.parentId || !ids.has(o.parentId)).map((o) => build({ ...o }));
  }, [tree.data]);

  const columns: TableColumnsType<Row> = [
    {
      title: t("party.tree.name"),
      dataIndex: "name",
      render: (v: string, r) => (
        <Space size={6} wrap>
          <strong data-testid="party-org-name">{v}</strong>
          <Tag color={r.kind === "committee" ? "red" : r.kind === "branch" ? "volcano" : "gold"}>{t(`party.orgKind.${r.kind}`)}</Tag>
          {r.joint && <Tag>{t("party.tree.joint")}</Tag>}
        </Space>
      ),
    },
    { title: t("party.tree.leader"), dataIndex: "leader", width: 140, render: (l: Org["leader"]) => l?.name ?? <span className="ll-muted">{t("party.tree.noLeader")}</span> },
    {
      title: t("party.tree.coverage"),
      key: "coverage",
      render: (_, r) => {
        const items = r.place ? [r.place.name] : r.kind === "group" ? r.buildings.map((b) => b.name) : r.grids.map((g) => g.name);
        return items.length ? <span data-testid="party-org-coverage">{items.join("、")}</span> : "—";
      },
    },
    { title: t("party.tree.membersCol"), dataIndex: "members", width: 100, render: (n: number) => t("party.tree.members", { n }) },
    { title: t("party.tree.foundedOn"), dataIndex: "foundedOn", width: 110, render: (d: string | null) => d ?? "—" },
    {
      title: t("party.common.actions"),
      key: "actions",
      width: 200,
      render: (_, r) =>
        canWrite && (
          <Space size={0}>
            {r.kind !== "group" && (
              <Button type="link" size="small" onClick={() => setEditing({ mode: "new", parent: r })} data-testid={r.kind === "committee" ? "party-add-branch" : "party-add-group"}>
                {r.kind === "committee" ? t("party.tree.addBranch") : t("party.tree.addGroup")}
              </Button>
            )}
            <Button type="link" size="small" onClick={() => setEditing({ mode: "edit", org: r })} data-testid="party-org-edit">
              {t("party.common.edit")}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Card>
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={tree.isPending}
          columns={columns}
          dataSource={rows}
          pagination={false}
          indentSize={24}
          expandable={{
            expandedRowKeys: (tree.data?.orgs ?? []).map((o) => o.id).filter((id) => !collapsed.has(id)),
            onExpand: (open, r) => setCollapsed((c) => {
              const next = new Set(c);
              if (open) next.delete(r.id);
              else next.add(r.id);
              return next;
            }),
          }}
          locale={{ emptyText: <Empty description={t("party.tree.empty")} /> }}
          data-testid="party-tree"
        />
        {editing?.mode === "new" && <OrgModal parent={editing.parent} onClose={() => setEditing(null)} />}
        {editing?.mode === "edit" && <OrgModal org={editing.org} parent={tree.data?.orgs.find((o) => o.id === editing.org.parentId)} onClose={() => setEditing(null)} />}
      </Card>
      <CommitteeMembersCard communityId={communityId} canWrite={canWrite} />
    </>
  );
}

type OrgForm = { name: string; gridIds?: string[]; compoundId?: string; buildingIds?: string[]; foundedOn?: Dayjs | null; leaderMemberId?: string | null };

function OrgModal({ parent, org, onClose }: { parent?: Org; org?: Org; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgForm>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const kind: Org["kind"] = org ? org.kind : parent?.kind === "committee" ? "branch" : "group";
  const areas = useAreaTree();
  const compounds = useCompounds();
  const compoundId = Form.useWatch("compoundId", form);
  const buildings = useBuildings(kind === "group" ? compoundId : undefined);
  const branch = kind === "group" ? parent : undefined;
  const members = useMembers({ orgId: org?.kind === "branch" ? org.id : org?.kind === "group" ? (org.parentId ?? undefined) : undefined });
  const candidates = (members.data?.items ?? []).filter((m) => (org?.kind === "group" ? m.group?.id === org.id : true));

  const gridNames = new Set((branch?.grids ?? []).map((g) => g.name));
  const gridOptions = (areas.data ?? []).filter((a) => a.level === "grid").map((a) => ({ value: a.id, label: a.name }));
  const compoundOptions = (compounds.data ?? [])
    .filter((c) => gridNames.size === 0 || (c.gridName !== null && gridNames.has(c.gridName)))
    .map((c) => ({ value: c.id, label: c.gridName ? `${c.name}（${c.gridName}）` : c.name }));
  const knownBuildings = new Map([...(org?.buildings ?? []).map((b) => [b.id, b.name] as const), ...(buildings.data ?? []).map((b) => [b.id, b.name] as const)]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      if (org) {
        await update.mutateAsync({
          id: org.id,
          name: v.name.trim(),
          ...(kind === "branch" && !org.place ? { gridIds: v.gridIds ?? [] } : {}),
          ...(kind === "group" ? { buildingIds: v.buildingIds ?? [] } : {}),
          ...(v.leaderMemberId !== (org.leader?.memberId ?? undefined) ? { leaderMemberId: v.leaderMemberId ?? null } : {}),
        });
      } else {
        await create.mutateAsync({
          parentId: parent!.id,
          kind: kind as "branch" | "group",
          name: v.name.trim(),
          ...(kind === "branch" ? { gridIds: v.gridIds ?? [] } : { buildingIds: v.buildingIds ?? [] }),
          ...(v.foundedOn ? { foundedOn: v.foundedOn.format("YYYY-MM-DD") } : {}),
        });
      }
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Modal
      open
      title={org ? `${t("party.common.edit")} · ${org.name}` : kind === "branch" ? t("party.tree.addBranch") : t("party.tree.addGroup")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-org-submit" } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: org?.name, gridIds: org?.grids.map((g) => g.id), buildingIds: org?.buildings.map((b) => b.id), leaderMemberId: org?.leader?.memberId, foundedOn: null }}
      >
        {parent && <Form.Item label={t("party.tree.parent")}>{parent.name}</Form.Item>}
        <Form.Item name="name" label={t("party.tree.name")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
          <Input maxLength={60} data-testid="party-org-name-input" />
        </Form.Item>
        {kind === "branch" && !org?.place && (
          <Form.Item name="gridIds" label={t("party.tree.grids")} rules={[{ required: true, message: t("party.common.required") }]}>
            <Select mode="multiple" options={gridOptions} optionFilterProp="label" loading={areas.isPending} data-testid="party-org-grids" />
          </Form.Item>
        )}
        {kind === "group" && (
          <>
            <Form.Item name="compoundId" label={t("party.tree.compound")}>
              <Select showSearch allowClear options={compoundOptions} optionFilterProp="label" loading={compounds.isPending} data-testid="party-org-compound" />
            </Form.Item>
            <Form.Item name="buildingIds" label={t("party.tree.buildings")} rules={[{ required: true, message: t("party.common.required") }]}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={[...knownBuildings].map(([value, label]) => ({ value, label }))}
                loading={buildings.isFetching}
                data-testid="party-org-buildings"
              />
            </Form.Item>
          </>
        )}
        {!org && (
          <Form.Item name="foundedOn" label={t("party.tree.foundedOn")}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs())} />
          </Form.Item>
        )}
        {org && (
          <Form.Item name="leaderMemberId" label={t("party.tree.setLeader")}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t("party.tree.pickLeader")}
              loading={members.isPending}
              options={candidates.map((m) => ({ value: m.id, label: `${m.name} · ${m.address ?? ""}` }))}
              data-testid="party-org-leader"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
