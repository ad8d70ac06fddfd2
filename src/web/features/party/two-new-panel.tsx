import { useState } from "react";
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Statistic, Table, Tag, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { usePlaces } from "../registry/use-registry";
import { useFound, useGuide, useSurvey, useTree, useTwoNew, type TwoNewReply } from "./use-party";

type Item = TwoNewReply["items"][number];
const STAGE_COLOUR: Record<Item["stage"], string> = { surveyed: "default", guided: "blue", founded: "red", joint: "volcano" };
const day = (d: Dayjs) => d.format("YYYY-MM-DD");
const notFuture = (d: Dayjs) => d.isAfter(dayjs());

/** 两新 organisations: 摸排 → 指导 (an instructor) → 成立党组织 or 联合党支部, and the coverage figure. */
export function TwoNewPanel({ communityId, canWrite }: { communityId?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  // From the report's 新建两新组织党组织: those that founded their party organisation in the period.
  const { drill, clear } = useReportDrill();
  const founded = drill?.dated === "founded" ? drill : null;
  const list = useTwoNew(communityId, founded ? { from: founded.from, to: founded.to } : undefined);
  const [action, setAction] = useState<{ kind: "survey"; item?: Item } | { kind: "guide" | "found"; item: Item } | null>(null);

  const columns: TableColumnsType<Item> = [
    { title: t("party.twoNew.place"), key: "place", render: (_, r) => <strong data-testid="party-two-new-name">{r.place.name}</strong> },
    { title: t("party.twoNew.employees"), dataIndex: "employees", width: 90 },
    { title: t("party.twoNew.partyMembers"), dataIndex: "partyMembers", width: 80 },
    {
      title: t("party.twoNew.stage"),
      key: "stage",
      width: 300,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Space size={4}>
            <Tag color={STAGE_COLOUR[r.stage]} data-testid="party-two-new-stage">
              {t(`party.stage.${r.stage}`)}
            </Tag>
            <span className="ll-muted">
              {t("party.twoNew.surveyedOn")} {r.surveyedOn}
            </span>
          </Space>
          {r.instructorName && (
            <span className="ll-muted">
              {t("party.twoNew.instructor")} {r.instructorName} {r.guidedOn ?? ""}
            </span>
          )}
          {r.foundedOn && (
            <span className="ll-muted">
              {t("party.twoNew.foundedOn")} {r.foundedOn}
            </span>
          )}
        </Space>
      ),
    },
    {
      title: t("party.twoNew.covered"),
      key: "covered",
      width: 110,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.shouldCover && <Tag>{t("party.twoNew.shouldCover")}</Tag>}
          <Tag color={r.covered ? "green" : "orange"}>{r.covered ? t("party.twoNew.covered") : t("party.twoNew.notCovered")}</Tag>
        </Space>
      ),
    },
    { title: t("party.members.org"), key: "org", render: (_, r) => r.partyOrg?.name ?? "—" },
    {
      title: t("party.common.actions"),
      key: "actions",
      width: 210,
      render: (_, r) =>
        canWrite && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setAction({ kind: "survey", item: r })}>
              {t("party.twoNew.survey")}
            </Button>
            {r.stage === "surveyed" && (
              <Button type="link" size="small" onClick={() => setAction({ kind: "guide", item: r })} data-testid="party-two-new-guide">
                {t("party.twoNew.guide")}
              </Button>
            )}
            {r.stage !== "founded" && r.stage !== "joint" && (
              <Button type="link" size="small" onClick={() => setAction({ kind: "found", item: r })} data-testid="party-two-new-found">
                {t("party.twoNew.found")}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={list.data ? t("party.twoNew.total", { n: list.data.total }) : t("party.tabs.twoNew")}
      extra={
        canWrite && (
          <Button type="primary" onClick={() => setAction({ kind: "survey" })} data-testid="party-two-new-survey">
            {t("party.twoNew.survey")}
          </Button>
        )
      }
    >
      {founded && <DrillChip drill={founded} onClear={clear} />}
      <Statistic title={t("party.twoNew.coverage")} value={list.data?.coverage ?? "—"} suffix={list.data?.coverage == null ? undefined : "%"} style={{ marginBottom: 8 }} data-testid="party-two-new-coverage" />
      <div className="ll-muted" style={{ marginBottom: 12 }}>
        {t("party.twoNew.coverageHint")}
      </div>
      <Table<Item>
        rowKey={(r) => r.place.id}
        size="middle"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t("party.twoNew.empty")} /> }}
      />
      {action?.kind === "survey" && <SurveyModal item={action.item} onClose={() => setAction(null)} />}
      {action?.kind === "guide" && <GuideModal item={action.item} onClose={() => setAction(null)} />}
      {action?.kind === "found" && <FoundModal item={action.item} communityId={communityId} onClose={() => setAction(null)} />}
    </Card>
  );
}

function useSubmit(onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (run: () => Promise<unknown>) => {
    try {
      await run();
      message.success(t("party.common.saved"));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
}

function ActionModal({ title, pending, onOk, onClose, children }: { title: string; pending: boolean; onOk: () => void; onClose: () => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={onOk}
      okText={t("party.common.save")}
      cancelText={t("party.common.cancel")}
      confirmLoading={pending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "party-action-submit" } as Record<`data-${string}`, string>}
    >
      {children}
    </Modal>
  );
}

function SurveyModal({ item, onClose }: { item?: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ placeId: string; employees: number; partyMembers: number; surveyedOn: Dayjs }>();
  const enterprises = usePlaces("enterprise");
  const survey = useSurvey();
  const submit = useSubmit(onClose);
  return (
    <ActionModal
      title={item ? `${t("party.twoNew.survey")} · ${item.place.name}` : t("party.twoNew.survey")}
      pending={survey.isPending}
      onClose={onClose}
      onOk={() => void form.validateFields().then((v) => submit(() => survey.mutateAsync({ placeId: item?.place.id ?? v.placeId, employees: v.employees, partyMembers: v.partyMembers, surveyedOn: day(v.surveyedOn) })), () => undefined)}
    >
      <Form form={form} layout="vertical" initialValues={{ employees: item?.employees ?? 0, partyMembers: item?.partyMembers ?? 0, surveyedOn: dayjs() }}>
        {!item && (
          <Form.Item name="placeId" label={t("party.twoNew.place")} rules={[{ required: true, message: t("party.common.required") }]}>
            <Select showSearch optionFilterProp="label" data-testid="party-survey-place" placeholder={t("party.twoNew.pickPlace")} loading={enterprises.isPending} options={(enterprises.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        )}
        <Space>
          <Form.Item name="employees" label={t("party.twoNew.employees")} rules={[{ required: true }]}>
            <InputNumber min={0} max={1_000_000} precision={0} data-testid="party-survey-employees" />
          </Form.Item>
          <Form.Item name="partyMembers" label={t("party.twoNew.partyMembers")} rules={[{ required: true }]}>
            <InputNumber min={0} max={100_000} precision={0} />
          </Form.Item>
          <Form.Item name="surveyedOn" label={t("party.twoNew.surveyedOn")} rules={[{ required: true }]}>
            <DatePicker disabledDate={notFuture} allowClear={false} />
          </Form.Item>
        </Space>
      </Form>
    </ActionModal>
  );
}

function GuideModal({ item, onClose }: { item: Item; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ instructorName: string; guidedOn: Dayjs }>();
  const guide = useGuide();
  const submit = useSubmit(onClose);
  return (
    <ActionModal
      title={`${t("party.twoNew.guide")} · ${item.place.name}`}
      pending={guide.isPending}
      onClose={onClose}
      onOk={() => void form.validateFields().then((v) => submit(() => guide.mutateAsync({ placeId: item.place.id, instructorName: v.instructorName.trim(), guidedOn: day(v.guidedOn) })), () => undefined)}
    >
      <Form form={form} layout="vertical" initialValues={{ guidedOn: dayjs() }}>
        <Form.Item name="instructorName" label={t("party.twoNew.instructor")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
          <Input maxLength={40} data-testid="party-guide-name" />
        </Form.Item>
        <Form.Item name="guidedOn" label={t("party.twoNew.guidedOn")} rules={[{ required: true }]}>
          <DatePicker disabledDate={notFuture} allowClear={false} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

function FoundModal({ item, communityId, onClose }: { item: Item; communityId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ mode: "own" | "joint"; branchName?: string; jointOrgId?: string; foundedOn: Dayjs }>();
  const mode = Form.useWatch("mode", form);
  const tree = useTree(communityId);
  const found = useFound();
  const submit = useSubmit(onClose);
  const joints = (tree.data?.orgs ?? []).filter((o) => o.kind === "branch" && o.joint);
  return (
    <ActionModal
      title={`${t("party.twoNew.found")} · ${item.place.name}`}
      pending={found.isPending}
      onClose={onClose}
      onOk={() =>
        void form.validateFields().then((v) =>
          submit(() =>
            found.mutateAsync({
              placeId: item.place.id,
              body: v.mode === "joint" ? { jointOrgId: v.jointOrgId!, foundedOn: day(v.foundedOn) } : { branchName: v.branchName!.trim(), foundedOn: day(v.foundedOn) },
            }),
          ),
          () => undefined,
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ mode: "own", branchName: `${item.place.name}党支部`, foundedOn: dayjs() }}>
        <Form.Item name="mode">
          <Radio.Group options={[{ value: "own", label: t("party.twoNew.own") }, { value: "joint", label: t("party.twoNew.jointOrg") }]} />
        </Form.Item>
        {mode !== "joint" ? (
          <Form.Item name="branchName" label={t("party.twoNew.branchName")} rules={[{ required: true, whitespace: true, message: t("party.common.required") }]}>
            <Input maxLength={60} />
          </Form.Item>
        ) : (
          <Form.Item name="jointOrgId" label={t("party.twoNew.jointOrg")} rules={[{ required: true, message: t("party.common.required") }]}>
            <Select options={joints.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        )}
        <Form.Item name="foundedOn" label={t("party.twoNew.foundedOn")} rules={[{ required: true }]}>
          <DatePicker disabledDate={notFuture} allowClear={false} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
