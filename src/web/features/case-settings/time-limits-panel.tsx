import { useState, type ComponentProps } from "react";
import { Alert, App, Button, Form, InputNumber, Modal, Table, Typography, type TableColumnsType } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { TimeLimitItem } from "../../../contracts/case-settings";
import { errorMessage } from "../../lib/error-message";
import { useSetTimeLimit, useTimeLimits, type Level } from "./use-time-limits";

const LEVELS: Level[] = ["grid", "community", "street", "department"];
/** Working hours in a working day (09:00–12:00 and 13:30–17:30). */
const HOURS_PER_DAY = 7;

type Editing = { item: TimeLimitItem; level: Level; acceptHours: number | null; handleHours: number | null };

/** 办理时限: time to accept and to handle per category and level; editable by the street officer and the admin. */
export function TimeLimitsPanel({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const limits = useTimeLimits();
  const [editing, setEditing] = useState<{ open: boolean; value: Editing | null }>({ open: false, value: null });
  const nameOf = (item: TimeLimitItem) => (i18n.language === "en" ? item.categoryNameEn : item.categoryName);
  const hours = (h: number | null) => (h === null ? t("caseSettings.limits.notSet") : t("caseSettings.limits.hours", { count: h }));

  const columns: TableColumnsType<TimeLimitItem> = [
    { title: t("caseSettings.limits.category"), key: "category", width: 170, fixed: "left", render: (_, item) => <strong>{nameOf(item)}</strong> },
    ...LEVELS.map((level) => ({
      title: t(`caseSettings.level.${level}`),
      key: level,
      render: (_: unknown, item: TimeLimitItem) => {
        const l = item.levels.find((x) => x.level === level)!;
        const text = (
          <span className="ll-limit-cell">
            <span>
              {t("caseSettings.limits.accept")} <strong>{hours(l.acceptHours)}</strong>
            </span>
            <span>
              {t("caseSettings.limits.handle")} <strong>{hours(l.handleHours)}</strong>
            </span>
          </span>
        );
        if (!canEdit) return text;
        return (
          <Button
            type="text"
            size="small"
            className="ll-limit-edit"
            onClick={() => setEditing({ open: true, value: { item, level, acceptHours: l.acceptHours, handleHours: l.handleHours } })}
            data-testid={`limit-${item.categoryCode}-${level}`}
            title={t("caseSettings.limits.edit")}
          >
            {text}
            <EditOutlined className="ll-muted" />
          </Button>
        );
      },
    })),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t("caseSettings.limits.intro")}</Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon title={t("caseSettings.readOnly", { who: t("caseSettings.readOnlyWho.limits") })} className="ll-gap" />}
      {limits.isError && <Alert type="error" showIcon title={errorMessage(limits.error, t)} className="ll-gap" />}
      <Table<TimeLimitItem>
        rowKey="categoryCode"
        size="middle"
        columns={columns}
        dataSource={limits.data?.items ?? []}
        loading={limits.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="limits-table"
      />
      <TimeLimitModal
        open={editing.open}
        value={editing.value}
        maxHours={limits.data?.maxHours ?? 720}
        title={editing.value ? t("caseSettings.limits.modalTitle", { category: nameOf(editing.value.item), level: t(`caseSettings.level.${editing.value.level}`) }) : ""}
        onClose={() => setEditing((e) => ({ ...e, open: false }))}
      />
    </>
  );
}

function TimeLimitModal({ open, value, maxHours, title, onClose }: { open: boolean; value: Editing | null; maxHours: number; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ acceptHours: number; handleHours: number }>();
  const accept = Form.useWatch("acceptHours", form);
  const handle = Form.useWatch("handleHours", form);
  const save = useSetTimeLimit();
  const rules = [
    { required: true, message: t("caseSettings.limits.required") },
    { type: "number" as const, min: 0.1, max: maxHours, message: t("caseSettings.limits.range", { max: maxHours }) },
  ];
  const days = (h: number | null | undefined) => (h && h >= HOURS_PER_DAY ? t("caseSettings.limits.workdays", { days: Math.round((h / HOURS_PER_DAY) * 10) / 10 }) : undefined);

  const submit = async () => {
    if (!value) return;
    const values = await form.validateFields();
    save.mutate(
      { categoryCode: value.item.categoryCode, level: value.level, ...values },
      {
        onSuccess: () => {
          message.success(t("caseSettings.limits.saved"));
          onClose();
        },
        onError: (err) => message.error(errorMessage(err, t)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "limit-save" } as ComponentProps<typeof Button>}
      destroyOnHidden
      data-testid="limit-modal"
    >
      <Form form={form} layout="vertical" initialValues={{ acceptHours: value?.acceptHours ?? undefined, handleHours: value?.handleHours ?? undefined }}>
        <Form.Item name="acceptHours" label={t("caseSettings.limits.acceptLabel")} rules={rules} extra={days(accept)}>
          <InputNumber min={0.1} max={maxHours} step={1} suffix={t("caseSettings.limits.unit")} style={{ width: 200 }} data-testid="limit-accept" />
        </Form.Item>
        <Form.Item name="handleHours" label={t("caseSettings.limits.handleLabel")} rules={rules} extra={days(handle)}>
          <InputNumber min={0.1} max={maxHours} step={1} suffix={t("caseSettings.limits.unit")} style={{ width: 200 }} data-testid="limit-handle" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
