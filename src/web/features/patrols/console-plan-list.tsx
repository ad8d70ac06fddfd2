import { useState } from "react";
import { Alert, App, Button, DatePicker, Input, Modal, Popconfirm, Select, Space, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { ConsoleBulkModal } from "./console-bulk-modal";
import { areaOptions, frequencyOptions, kindOptions } from "./kind-options";
import { useAssignees, useDeactivatePlan, useGenerateTasks, usePlans, useReassignPlan, type PlanFilter } from "./use-patrol-admin";
import type { PlanSummary } from "./types";

function ReassignModal({ plan, onClose }: { plan: PlanSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [assigneeId, setAssigneeId] = useState<string>();
  const assignees = useAssignees(plan?.area.id, !!plan);
  const reassign = useReassignPlan();
  const ok = async () => {
    if (!plan || !assigneeId) return;
    try {
      const r = await reassign.mutateAsync({ id: plan.id, assigneeId });
      message.success(t("patrols.plans.reassigned", { name: r.plan.assignee.name, count: r.tasksChanged }));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal open={!!plan} title={t("patrols.plans.reassignTitle", { target: plan?.targetLabel ?? "" })} onCancel={onClose} onOk={() => void ok()} okButtonProps={{ disabled: !assigneeId }} confirmLoading={reassign.isPending} destroyOnHidden>
      <Select
        className="p-console-wide"
        placeholder={t("patrols.plans.chooseAssignee")}
        value={assigneeId}
        onChange={setAssigneeId}
        options={(assignees.data ?? []).filter((a) => a.id !== plan?.assignee.id).map((a) => ({ value: a.id, label: `${a.name}（${a.area.name}）` }))}
        data-testid="reassign-select"
      />
    </Modal>
  );
}

function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [until, setUntil] = useState<Dayjs>(() => dayjs().add(30, "day"));
  const generate = useGenerateTasks();
  const ok = async () => {
    try {
      const r = await generate.mutateAsync({ until: until.format("YYYY-MM-DD") });
      message.success(t("patrols.plans.generated", { created: r.created, plans: r.plans }));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Modal open={open} title={t("patrols.plans.generateTitle")} onCancel={onClose} onOk={() => void ok()} confirmLoading={generate.isPending}>
      <p>{t("patrols.plans.generateHint")}</p>
      <DatePicker value={until} onChange={(d) => d && setUntil(d)} allowClear={false} disabledDate={(d) => d.isBefore(dayjs(), "day")} />
    </Modal>
  );
}

/** 巡查计划: the differentiated list — who is visited, how often, by whom — with bulk assignment and task generation. */
export function ConsolePlanList({ canPlan }: { canPlan: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tree = useAreaTree();
  const [filter, setFilter] = useState<PlanFilter>({ active: "true" });
  const [cursors, setCursors] = useState<string[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [generateOpen, setGenerateOpen] = useState(false);
  const [reassigning, setReassigning] = useState<PlanSummary | null>(null);
  const plans = usePlans(filter, cursors[cursors.length - 1]);
  const deactivate = useDeactivatePlan();
  const change = (next: PlanFilter) => {
    setFilter(next);
    setCursors([]);
  };
  const stop = async (plan: PlanSummary) => {
    try {
      const r = await deactivate.mutateAsync(plan.id);
      message.success(t("patrols.plans.deactivated", { count: r.tasksChanged }));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <div data-testid="patrol-plans">
      <Space wrap className="p-console-filters">
        <Select allowClear placeholder={t("patrols.console.area")} className="p-console-select" options={areaOptions(tree.data ?? [])} value={filter.areaId} onChange={(areaId) => change({ ...filter, areaId })} />
        <Select allowClear placeholder={t("patrols.console.kind")} className="p-console-select" options={kindOptions(t)} value={filter.targetKind} onChange={(targetKind) => change({ ...filter, targetKind })} data-testid="plans-kind" />
        <Select allowClear placeholder={t("patrols.console.frequency")} className="p-console-select" options={frequencyOptions(t)} value={filter.frequency} onChange={(frequency) => change({ ...filter, frequency })} />
        <Select
          className="p-console-select"
          value={filter.active}
          onChange={(active) => change({ ...filter, active })}
          options={[
            { value: "true", label: t("patrols.plans.active") },
            { value: "false", label: t("patrols.plans.inactive") },
            { value: "all", label: t("patrols.plans.all") },
          ]}
        />
        <Input.Search allowClear placeholder={t("patrols.plans.search")} onSearch={(q) => change({ ...filter, q: q || undefined })} className="p-console-search" />
        {canPlan && (
          <>
            <Button type="primary" onClick={() => setBulkOpen(true)} data-testid="bulk-open">
              {t("patrols.bulk.title")}
            </Button>
            <Button onClick={() => setGenerateOpen(true)} data-testid="generate-open">
              {t("patrols.plans.generateTitle")}
            </Button>
          </>
        )}
      </Space>
      {plans.isError && <Alert type="error" showIcon title={errorMessage(plans.error, t)} />}
      <div className="p-console-total">{plans.data ? t("patrols.plans.total", { count: plans.data.total }) : ""}</div>
      <Table<PlanSummary>
        rowKey="id"
        size="middle"
        loading={plans.isFetching}
        dataSource={plans.data?.items ?? []}
        pagination={false}
        data-testid="plans-table"
        columns={[
          { title: t("patrols.console.target"), dataIndex: "targetLabel" },
          { title: t("patrols.console.kind"), dataIndex: "targetKind", width: 120, render: (k: string) => t(`patrols.kind.${k}`) },
          { title: t("patrols.plans.template"), dataIndex: "templateName", width: 170 },
          { title: t("patrols.console.frequency"), dataIndex: "frequency", width: 90, render: (f: string) => <Tag>{t(`patrols.frequency.${f}`)}</Tag> },
          { title: t("patrols.console.assignee"), width: 100, render: (_, p) => p.assignee.name },
          { title: t("patrols.console.grid"), width: 130, render: (_, p) => p.grid?.name ?? p.area.name },
          { title: t("patrols.plans.startsOn"), dataIndex: "startsOn", width: 110 },
          ...(canPlan
            ? [
                {
                  title: t("patrols.plans.actions"),
                  width: 150,
                  render: (_: unknown, p: PlanSummary) =>
                    p.active ? (
                      <Space>
                        <a onClick={() => setReassigning(p)}>{t("patrols.plans.reassign")}</a>
                        <Popconfirm title={t("patrols.plans.deactivateConfirm")} onConfirm={() => void stop(p)}>
                          <a>{t("patrols.plans.deactivate")}</a>
                        </Popconfirm>
                      </Space>
                    ) : (
                      <Tag>{t("patrols.plans.inactive")}</Tag>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Space className="p-console-pager">
        <a onClick={() => setCursors((c) => c.slice(0, -1))} className={cursors.length === 0 ? "p-console-disabled" : ""}>
          {t("patrols.console.prev")}
        </a>
        <a onClick={() => plans.data?.nextCursor && setCursors((c) => [...c, plans.data!.nextCursor!])} className={!plans.data?.nextCursor ? "p-console-disabled" : ""}>
          {t("patrols.console.next")}
        </a>
      </Space>
      <ConsoleBulkModal open={bulkOpen} onClose={() => setBulkOpen(false)} />
      <GenerateModal open={generateOpen} onClose={() => setGenerateOpen(false)} />
      <ReassignModal plan={reassigning} onClose={() => setReassigning(null)} />
    </div>
  );
}
