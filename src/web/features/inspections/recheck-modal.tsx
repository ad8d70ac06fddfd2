import type { ButtonProps } from "antd";
import { App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { useRecheck, type RectificationItem } from "./use-inspections";

type RecheckForm = { checkedOn: Dayjs; passed: boolean; notes?: string; companions?: string[] };

/** Records a 复查 of a notice: passed closes it; failed on or after the deadline escalates it to the department. */
export function RecheckModal({ notice, onClose }: { notice: RectificationItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const recheck = useRecheck();
  const [form] = Form.useForm<RecheckForm>();
  const passed = Form.useWatch("passed", form);
  const checkedOn = Form.useWatch("checkedOn", form) as Dayjs | undefined;
  const escalates = passed === false && !!checkedOn && checkedOn.format("YYYY-MM-DD") >= notice.deadline;
  return (
    <Modal
      open
      title={t("inspections.recheck.title", { number: notice.number })}
      onCancel={onClose}
      okText={t("inspections.recheck.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={recheck.isPending}
      okButtonProps={{ "data-testid": "recheck-submit" } as ButtonProps}
      onOk={() =>
        form.validateFields().then((v) =>
          recheck.mutate(
            { id: notice.id, checkedOn: v.checkedOn.format("YYYY-MM-DD"), passed: v.passed, notes: v.notes?.trim() || undefined, companions: (v.companions ?? []).map((c) => c.trim()).filter(Boolean) },
            {
              onSuccess: (r) => {
                message.success(t(`inspections.recheck.result.${r.status}`));
                onClose();
              },
              onError: (e) => message.error(errorMessage(e, t)),
            },
          ),
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {notice.place.name} · {notice.finding} · {t("inspections.notice.deadline")} {notice.deadline}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ checkedOn: dayjs(chinaDay()), passed: true }}>
        <Form.Item name="checkedOn" label={t("inspections.recheck.checkedOn")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day") || d.format("YYYY-MM-DD") < notice.issuedOn} />
        </Form.Item>
        <Form.Item name="passed" label={t("inspections.recheck.outcome")}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: true, label: t("inspections.recheck.passed") },
              { value: false, label: t("inspections.recheck.failed") },
            ]}
            data-testid="recheck-outcome"
          />
        </Form.Item>
        <Form.Item name="notes" label={t("inspections.recheck.notes")}>
          <Input maxLength={300} data-testid="recheck-notes" />
        </Form.Item>
        <Form.Item name="companions" label={t("inspections.recheck.companions")} extra={t("inspections.recheck.companionsHint")}>
          <Select mode="tags" open={false} suffixIcon={null} maxCount={10} />
        </Form.Item>
        {passed === false && (
          <Typography.Text type={escalates ? "danger" : "secondary"} data-testid="recheck-warning">
            {escalates ? t("inspections.recheck.willEscalate", { department: notice.department }) : t("inspections.recheck.staysOpen")}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
