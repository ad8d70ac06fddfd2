import { useEffect, useState } from "react";
import { App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Image, Input, List, Modal, Progress, Select, Space, Tag, Timeline, Typography } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import type { CaseListReply } from "../cases/types";
import { PhotoUpload } from "../deliberation/photo-upload";
import { useTemplates } from "../patrols/use-patrol-admin";
import { usePlaces } from "../registry/use-registry";
import { useUnits } from "../partners/use-units";
import { useCompleteProject, useCreateProject, usePassMilestone, useProject, useProjects, type ProjectView } from "./use-party";

const day = (d: Dayjs) => d.format("YYYY-MM-DD");
const notFuture = (d: Dayjs) => d.isAfter(dayjs());

/** 书记领办: projects from cases with milestones and photos; completion hands the object to grid patrol and closes the cases. */
export function ProjectsPanel({ communityId, canWrite }: { communityId?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  // From the report's 书记领办项目完成: the projects completed in the period.
  const { drill, clear } = useReportDrill();
  const completed = drill?.dated === "completed" ? drill : null;
  const projects = useProjects(communityId, completed ? { from: completed.from, to: completed.to } : undefined);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card
      title={t("party.tabs.projects")}
      extra={
        canWrite && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="party-project-new">
            {t("party.projects.new")}
          </Button>
        )
      }
    >
      {completed && <DrillChip drill={completed} onClear={clear} />}
      {completed && projects.data && (
        <div className="ll-muted" data-testid="party-projects-total">
          {t("common.total", { n: projects.data.total })}
        </div>
      )}
      <List
        loading={projects.isPending}
        dataSource={projects.data?.items ?? []}
        locale={{ emptyText: <Empty description={t("party.projects.empty")} /> }}
        renderItem={(p) => (
          <List.Item
            key={p.id}
            data-testid="party-project-item"
            actions={[
              <Button key="open" type="link" onClick={() => setOpen(p.id)} data-testid="party-project-open">
                {t("party.projects.detail")}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={p.status === "completed" ? "green" : "blue"}>{t(`party.projects.status.${p.status}`)}</Tag>
                  <strong>{p.title}</strong>
                  {p.days !== null && <span className="ll-muted">{t("party.projects.days", { n: p.days })}</span>}
                </Space>
              }
              description={
                <Space direction="vertical" size={2} style={{ width: "100%" }}>
                  <span>
                    {t("party.projects.lead")}：{p.leadName} · {t("party.projects.startedOn")}：{p.startedOn}
                    {p.completedOn && ` · ${t("party.projects.completedOn")}：${p.completedOn}`}
                  </span>
                  <Progress percent={p.progress} size="small" style={{ maxWidth: 360 }} />
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {creating && <CreateProjectModal communityId={communityId} onClose={() => setCreating(false)} onCreated={(id) => setOpen(id)} />}
      {open && <ProjectDrawer id={open} canWrite={canWrite} onClose={() => setOpen(null)} />}
    </Card>
  );
}

type CreateForm = { title: string; summary?: string; startedOn: Dayjs; departments?: string; unitIds?: string[]; origins?: string[]; milestones: Array<{ title: string; plannedOn: Dayjs }> };

function useCaseSearch(q: string) {
  return useQuery({
    queryKey: ["party", "case-search", q],
    queryFn: ({ signal }) => apiGet<CaseListReply>("/cases", { q: q || undefined, status: "open", sort: "newest", limit: 20 }, signal),
    select: (r) => r.items,
  });
}

function CreateProjectModal({ communityId, onClose, onCreated }: { communityId?: string; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const [q, setQ] = useState("");
  const cases = useCaseSearch(q);
  const units = useUnits();
  const create = useCreateProject();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const { id } = await create.mutateAsync({
        communityId,
        title: v.title.trim(),
        summary: v.summary?.trim() || undefined,
        startedOn: day(v.startedOn),
        departments: (v.departments ?? "").split(/[、,，;；\n]/).map((s) => s.trim()).filter(Boolean),
        unitIds: v.unitIds ?? [],
        origins: (v.origins ?? []).map((id) => ({ kind: "case" as const, id })),
        milestones: v.milestones.map((m) => ({ title: m.title.trim(), plannedOn: day(m.plannedOn) })),
      });
      message.success(t("party.common.saved"));
      onClose();
      onCreated(id);
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal
      open
      width={640}
      title={t("party.projects.new")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-project-submit" } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ startedOn: dayjs(), milestones: [{ title: "", plannedOn: null }] }}>
        <Form.Item name="title" label={t("party.projects.title")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
          <Input maxLength={80} data-testid="party-project-title" />
        </Form.Item>
        <Form.Item name="summary" label={t("party.projects.summary")}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startedOn" label={t("party.projects.startedOn")} rules={[{ required: true }]}>
            <DatePicker allowClear={false} data-testid="party-project-start" />
          </Form.Item>
          <Form.Item name="departments" label={t("party.projects.departments")} extra={t("party.projects.departmentsHint")}>
            <Input style={{ width: 300 }} maxLength={200} />
          </Form.Item>
        </Space>
        <Form.Item name="unitIds" label={t("party.projects.units")}>
          <Select mode="multiple" optionFilterProp="label" maxCount={10} loading={units.isPending} data-testid="party-project-units" options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="origins" label={t("party.projects.origins")}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder={t("party.projects.originsHint")}
            loading={cases.isFetching}
            options={(cases.data ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.categoryName}：${c.description.slice(0, 30)}` }))}
            data-testid="party-project-origins"
          />
        </Form.Item>
        <Typography.Text strong>{t("party.projects.milestones")}</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, "title"]} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
                    <Input placeholder={t("party.projects.milestone")} maxLength={60} style={{ width: 260 }} data-testid={`party-milestone-title-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, "plannedOn"]} rules={[{ required: true, message: t("party.common.required") }]}>
                    <DatePicker placeholder={t("party.projects.plannedOn")} data-testid={`party-milestone-planned-${i}`} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t("party.common.cancel")} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ title: "", plannedOn: null })} icon={<PlusOutlined />} data-testid="party-milestone-add">
                {t("party.projects.addMilestone")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function ProjectDrawer({ id, canWrite, onClose }: { id: string; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const project = useProject(id);
  const [passing, setPassing] = useState<number | null>(null);
  const [completing, setCompleting] = useState(false);
  const p = project.data;
  const running = p?.status === "in_progress";
  const allPassed = !!p && p.milestones.every((m) => m.doneOn);
  return (
    <Drawer open width={640} title={p?.title ?? t("common.loading")} onClose={onClose} data-testid="party-project-drawer">
      {p && (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("party.projects.progress")}>
              <Space>
                <Tag color={p.status === "completed" ? "green" : "blue"} data-testid="party-project-status">
                  {t(`party.projects.status.${p.status}`)}
                </Tag>
                <Progress percent={p.progress} size="small" style={{ width: 200 }} />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("party.projects.lead")}>{p.leadName}</Descriptions.Item>
            <Descriptions.Item label={t("party.projects.startedOn")}>{p.startedOn}</Descriptions.Item>
            {p.completedOn && (
              <Descriptions.Item label={t("party.projects.completedOn")}>
                {p.completedOn}（{t("party.projects.days", { n: p.days ?? 0 })}）
              </Descriptions.Item>
            )}
            {p.summary && <Descriptions.Item label={t("party.projects.summary")}>{p.summary}</Descriptions.Item>}
            {p.departments.length > 0 && <Descriptions.Item label={t("party.projects.departments")}>{p.departments.join("、")}</Descriptions.Item>}
            {p.units.length > 0 && <Descriptions.Item label={t("party.projects.units")}>{p.units.map((u) => u.name).join("、")}</Descriptions.Item>}
            <Descriptions.Item label={t("party.projects.origins")}>
              <Space wrap>
                {p.origins.length === 0 && "—"}
                {p.origins.map((o) => (
                  <Tag key={o.id} color={o.status === "closed" ? "green" : "default"} data-testid="party-project-origin">
                    {t(`party.projects.originKind.${o.kind}`)} {o.label}
                    {o.status ? ` · ${t(`cases.status.${o.status}`, { defaultValue: o.status })}` : ""}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            {p.patrolPlanId && (
              <Descriptions.Item label={t("nav.patrols")}>
                <Tag color="green" data-testid="party-project-patrol">
                  {t("party.projects.patrolPlan")}
                </Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>{t("party.projects.milestones")}</Typography.Title>
          <Timeline
            items={p.milestones.map((m) => ({
              color: m.doneOn ? "green" : "gray",
              children: (
                <div data-testid="party-milestone">
                  <Space wrap>
                    <strong>{m.title}</strong>
                    <span className="ll-muted">
                      {t("party.projects.plannedOn")} {m.plannedOn}
                    </span>
                    {m.doneOn ? <Tag color="green">{`${t("party.projects.passed")} ${m.doneOn}`}</Tag> : <Tag>{t("party.projects.pending")}</Tag>}
                    {canWrite && running && !m.doneOn && (
                      <Button size="small" onClick={() => setPassing(m.seq)} data-testid="party-milestone-pass">
                        {t("party.projects.pass")}
                      </Button>
                    )}
                  </Space>
                  {m.note && <div>{m.note}</div>}
                  {m.photos.length > 0 && (
                    <Image.PreviewGroup>
                      <Space wrap style={{ marginTop: 4 }}>
                        {m.photos.map((ph) => (
                          <Image key={ph.id} src={ph.thumbUrl} preview={{ src: ph.url }} width={72} height={72} style={{ objectFit: "cover" }} alt={m.title} />
                        ))}
                      </Space>
                    </Image.PreviewGroup>
                  )}
                </div>
              ),
            }))}
          />
          {canWrite && running && (
            <Button type="primary" disabled={!allPassed} onClick={() => setCompleting(true)} data-testid="party-project-complete">
              {t("party.projects.complete")}
            </Button>
          )}
          {passing !== null && <PassModal project={p} seq={passing} onClose={() => setPassing(null)} />}
          {completing && <CompleteModal project={p} onClose={() => setCompleting(false)} />}
        </>
      )}
    </Drawer>
  );
}

function PassModal({ project, seq, onClose }: { project: ProjectView; seq: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ doneOn: Dayjs; note?: string }>();
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const pass = usePassMilestone();
  const m = project.milestones.find((x) => x.seq === seq);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await pass.mutateAsync({ id: project.id, seq, doneOn: day(v.doneOn), note: v.note?.trim() || undefined, photoIds });
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal
      open
      title={`${t("party.projects.pass")} · ${m?.title ?? ""}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={pass.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-milestone-submit" } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" initialValues={{ doneOn: dayjs() }}>
        <Form.Item name="doneOn" label={t("party.projects.doneOn")} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => notFuture(d) || d.isBefore(dayjs(project.startedOn))} />
        </Form.Item>
        <Form.Item name="note" label={t("party.projects.note")}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} data-testid="party-milestone-note" />
        </Form.Item>
        <Form.Item label={t("party.projects.photos")}>
          <PhotoUpload onChange={setPhotoIds} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Place kinds a finished object can be registered as, and the checklist each usually gets (as the patrols' bulk assignment). */
const FACILITY_KINDS = { public_unit: "fire_point", river_stretch: "river", commercial_centre: "fire_point", billboard: "billboard", enterprise: "key_enterprise", shop: "food_business" } as const;
type FacilityKind = keyof typeof FACILITY_KINDS;

function CompleteModal({ project, onClose }: { project: ProjectView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ completedOn: Dayjs; placeKind: FacilityKind; placeId: string; templateFamilyId: string; frequency: "weekly" | "monthly" | "quarterly" }>();
  const placeKind = Form.useWatch("placeKind", form) ?? "public_unit";
  const places = usePlaces(placeKind);
  const templates = useTemplates();
  const complete = useCompleteProject();
  const options = (templates.data ?? []).filter((tp) => tp.current && (Object.values(FACILITY_KINDS) as string[]).includes(tp.targetKind));
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await complete.mutateAsync({ id: project.id, completedOn: day(v.completedOn), patrol: { placeId: v.placeId, templateFamilyId: v.templateFamilyId, frequency: v.frequency } });
      message.success(t("party.projects.completed", { n: r.closedCases.length }));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  const pickKind = (k: FacilityKind) => {
    const tp = options.find((o) => o.targetKind === FACILITY_KINDS[k]);
    form.setFieldsValue({ placeId: undefined, templateFamilyId: tp?.familyId });
  };
  const defaultTemplate = options.find((o) => o.targetKind === "fire_point")?.familyId;
  useEffect(() => {
    if (defaultTemplate && !form.getFieldValue("templateFamilyId")) form.setFieldsValue({ templateFamilyId: defaultTemplate });
  }, [defaultTemplate, form]);
  const lastDone = project.milestones.reduce((d, m) => (m.doneOn && m.doneOn > d ? m.doneOn : d), project.startedOn);
  return (
    <Modal
      open
      title={t("party.projects.completeTitle")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("party.projects.complete")}
      cancelText={t("party.common.cancel")}
      confirmLoading={complete.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-complete-submit" } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph type="secondary">{t("party.projects.completeHint")}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ completedOn: dayjs(), placeKind: "public_unit", frequency: "weekly", templateFamilyId: options.find((o) => o.targetKind === "fire_point")?.familyId }}
      >
        <Form.Item name="completedOn" label={t("party.projects.completedOn")} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={(d) => notFuture(d) || d.isBefore(dayjs(lastDone))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="placeKind" label={t("party.projects.facility")}>
            <Select
              style={{ width: 150 }}
              onChange={pickKind}
              options={(Object.keys(FACILITY_KINDS) as FacilityKind[]).map((k) => ({ value: k, label: t(`patrols.placeKind.${k}`, { defaultValue: k }) }))}
              data-testid="party-complete-kind"
            />
          </Form.Item>
          <Form.Item name="placeId" label=" " rules={[{ required: true, message: t("party.common.required") }]}>
            <Select
              showSearch
              style={{ width: 300 }}
              optionFilterProp="label"
              loading={places.isPending}
              options={(places.data ?? []).map((pl) => ({ value: pl.id, label: pl.name }))}
              data-testid="party-complete-place"
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="templateFamilyId" label={t("party.projects.template")} rules={[{ required: true, message: t("party.common.required") }]}>
            <Select style={{ width: 260 }} loading={templates.isPending} options={options.map((o) => ({ value: o.familyId, label: o.name }))} data-testid="party-complete-template" />
          </Form.Item>
          <Form.Item name="frequency" label={t("party.projects.frequency")}>
            <Select style={{ width: 120 }} options={(["weekly", "monthly", "quarterly"] as const).map((f) => ({ value: f, label: t(`party.projects.freq.${f}`) }))} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
