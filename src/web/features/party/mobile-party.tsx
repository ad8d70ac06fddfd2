import { useState } from "react";
import { Button, Card, ErrorBlock, Form, Image, Input, List, ProgressBar, Skeleton, Stepper, Steps, Tag, TextArea, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { chinaDay, formatShortDateTime } from "../../lib/format";
import { useMyParty, usePublicProject, usePublicProjects, useRecordService, useRegisterInService } from "./use-party";

/** 我的党建: the member's branch, 中心户 households, branch activities and services; a 楼栋长's buildings with their open cases. */
export function MobileMyParty() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMyParty();
  if (me.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (me.isError) return <ErrorBlock status="default" title={errorMessage(me.error, t)} description="" />;
  const { member, anchorHouseholds, activities, services, buildings } = me.data;
  if (!member) return <RegisterForm />;
  return (
    <div data-testid="my-party">
      <List header={t("party.mobile.branch")} className="m-list">
        <List.Item description={member.secretary ? `${t("party.mobile.secretary")}：${member.secretary}` : undefined} extra={<Tag color="danger">{t(`party.role.${member.role}`)}</Tag>}>
          <span data-testid="my-party-branch">{member.branch.name}</span>
        </List.Item>
        {member.group && <List.Item extra={t("party.mobile.group")}>{member.group.name}</List.Item>}
        <List.Item extra={t(`party.memberKind.${member.kind}`)}>
          <span data-testid="my-party-hours">{t("party.mobile.serviceHours", { n: member.serviceHours })}</span>
        </List.Item>
      </List>
      {buildings.length > 0 && (
        <List header={t("party.mobile.buildings")} className="m-list" data-testid="my-party-buildings">
          {buildings.map((b) => (
            <List.Item key={b.id} description={b.openCases.length ? undefined : t("party.mobile.noCases")} extra={t("party.mobile.openCases", { n: b.openCases.length })}>
              {b.name}
              {b.openCases.map((c) => (
                <div key={c.id} className="m-muted" onClick={() => navigate(`/cases/${c.id}`)} data-testid="my-party-case">
                  {c.number} · {c.category} · {t(`cases.status.${c.status}`, { defaultValue: c.status })}
                </div>
              ))}
            </List.Item>
          ))}
        </List>
      )}
      {anchorHouseholds.length > 0 && (
        <List header={t("party.mobile.households")} className="m-list" data-testid="my-party-households">
          {anchorHouseholds.map((h) => (
            <List.Item key={h.id}>{h.address}</List.Item>
          ))}
        </List>
      )}
      <List header={t("party.mobile.activities")} className="m-list">
        {activities.length === 0 && <List.Item>{t("party.mobile.noActivities")}</List.Item>}
        {activities.map((a) => (
          <List.Item key={a.id} clickable onClick={() => navigate(`/activities/${a.id}`)} description={`${formatShortDateTime(a.startsAt)} · ${a.place}`} extra={t(`party.organiser.${a.organiser}`)}>
            {a.title}
          </List.Item>
        ))}
      </List>
      <ServiceForm />
      <List header={t("party.mobile.services")} className="m-list" data-testid="my-party-services">
        {services.length === 0 && <List.Item>{t("party.mobile.noServices")}</List.Item>}
        {services.map((s) => (
          <List.Item key={s.id} description={s.day} extra={t("party.figures.hours", { n: s.hours })}>
            {s.description}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

function RegisterForm() {
  const { t } = useTranslation();
  const register = useRegisterInService();
  const [form] = Form.useForm<{ workplace: string; commitment: string }>();
  const submit = async (v: { workplace: string; commitment: string }) => {
    try {
      await register.mutateAsync({ workplace: v.workplace.trim(), commitment: v.commitment.trim() });
      Toast.show({ icon: "success", content: t("party.mobile.registered") });
    } catch (err) {
      Toast.show({ icon: "fail", content: errorMessage(err, t) });
    }
  };
  return (
    <div data-testid="party-register">
      <ErrorBlock status="empty" title={t("party.mobile.notMember")} description={t("party.mobile.registerHint")} />
      <div className="adm-list-header" style={{ padding: "12px 12px 4px" }}>{t("party.mobile.registerTitle")}</div>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        mode="card"
        footer={
          <Button block type="submit" color="danger" loading={register.isPending} data-testid="party-register-submit">
            {t("party.mobile.register")}
          </Button>
        }
      >
        <Form.Item name="workplace" label={t("party.members.workplace")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
          <Input maxLength={80} data-testid="party-register-workplace" />
        </Form.Item>
        <Form.Item name="commitment" label={t("party.members.commitment")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
          <TextArea maxLength={300} rows={2} data-testid="party-register-commitment" />
        </Form.Item>
      </Form>
    </div>
  );
}

function ServiceForm() {
  const { t } = useTranslation();
  const record = useRecordService();
  const [form] = Form.useForm<{ hours: number; description: string }>();
  const submit = async (v: { hours: number; description: string }) => {
    try {
      await record.mutateAsync({ day: chinaDay(), hours: v.hours, description: v.description.trim() });
      form.resetFields();
      Toast.show({ icon: "success", content: t("party.mobile.recorded") });
    } catch (err) {
      Toast.show({ icon: "fail", content: errorMessage(err, t) });
    }
  };
  return (
    <>
    <div className="adm-list-header" style={{ padding: "12px 12px 4px" }}>{t("party.mobile.recordService")}</div>
    <Form
      form={form}
      layout="horizontal"
      mode="card"
      initialValues={{ hours: 1 }}
      onFinish={(v) => void submit(v)}
      footer={
        <Button block type="submit" color="primary" loading={record.isPending} data-testid="party-service-submit">
          {t("party.mobile.recordService")}
        </Button>
      }
    >
      <Form.Item name="description" label={t("party.mobile.description")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
        <Input maxLength={200} data-testid="party-service-description" />
      </Form.Item>
      <Form.Item name="hours" label={t("party.mobile.hours")}>
        <Stepper min={0.5} max={12} step={0.5} digits={1} />
      </Form.Item>
    </Form>
    </>
  );
}

/** 书记领办 projects of the resident's community: progress only. */
export function MobileProjectList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = usePublicProjects();
  if (list.isPending) return <Skeleton.Paragraph lineCount={6} animated className="m-pad" />;
  if (list.isError) return <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />;
  if (list.data.items.length === 0) return <ErrorBlock status="empty" title={t("party.mobile.projectsEmpty")} description="" />;
  return (
    <List className="m-list" data-testid="project-list">
      {list.data.items.map((p) => (
        <List.Item
          key={p.id}
          clickable
          onClick={() => navigate(`/projects/${p.id}`)}
          description={<ProgressBar percent={p.progress} text={`${p.progress}%`} />}
          extra={<Tag color={p.status === "completed" ? "success" : "primary"}>{t(`party.projects.status.${p.status}`)}</Tag>}
          data-testid="project-item"
        >
          {p.title}
        </List.Item>
      ))}
    </List>
  );
}

/** A project's public page: summary, progress, milestones with their notes and photos; no internal origins. */
export function MobileProjectDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const project = usePublicProject(id);
  const [preview, setPreview] = useState<string | null>(null);
  if (project.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (project.isError) return <ErrorBlock status="default" title={errorMessage(project.error, t)} description="" />;
  const p = project.data;
  return (
    <div data-testid="project-detail" className="m-pad">
      <Card title={p.title} extra={<Tag color={p.status === "completed" ? "success" : "primary"} data-testid="project-status">{t(`party.projects.status.${p.status}`)}</Tag>}>
        {p.summary && <p>{p.summary}</p>}
        <div>
          {t("party.projects.lead")}：{p.leadName}
        </div>
        <div>
          {t("party.projects.startedOn")}：{p.startedOn}
          {p.completedOn && ` · ${t("party.projects.completedOn")}：${p.completedOn}`}
        </div>
        {p.days !== null && <div data-testid="project-days">{t("party.projects.days", { n: p.days })}</div>}
        {p.departments.length > 0 && (
          <div>
            {t("party.projects.departments")}：{p.departments.join("、")}
          </div>
        )}
        <ProgressBar percent={p.progress} text={`${p.progress}%`} style={{ marginTop: 8 }} />
      </Card>
      <Card title={t("party.projects.milestones")} style={{ marginTop: 12 }}>
        <Steps direction="vertical" current={p.milestones.filter((m) => m.doneOn).length - 1}>
          {p.milestones.map((m) => (
            <Steps.Step
              key={m.seq}
              status={m.doneOn ? "finish" : "wait"}
              title={m.title}
              description={
                <div data-testid="project-milestone">
                  <div>
                    {t("party.projects.plannedOn")} {m.plannedOn}
                    {m.doneOn && ` · ${t("party.projects.passed")} ${m.doneOn}`}
                  </div>
                  {m.note && <div>{m.note}</div>}
                  {m.photos.length > 0 && (
                    <div style={{ display: "flex", gap: 6, flexWrap: "wrap", marginTop: 4 }}>
                      {m.photos.map((ph) => (
                        <Image key={ph.id} src={ph.thumbUrl} width={72} height={72} fit="cover" onClick={() => setPreview(ph.url)} data-testid="project-photo" />
                      ))}
                    </div>
                  )}
                </div>
              }
            />
          ))}
        </Steps>
      </Card>
      {preview && (
        <div className="m-photo-preview" onClick={() => setPreview(null)} style={{ position: "fixed", inset: 0, background: "rgba(0,0,0,.85)", display: "flex", alignItems: "center", justifyContent: "center", zIndex: 1000 }}>
          <Image src={preview} fit="contain" style={{ maxWidth: "100%", maxHeight: "100%" }} />
        </div>
      )}
    </div>
  );
}
