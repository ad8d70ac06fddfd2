import type { ButtonProps } from "antd";
import { App, DatePicker, Form, Input, Modal, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { NEED_KIND_VALUES, type NeedKind } from "../../../contracts/enterprise";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { useCampaigns, useRecordVisit } from "./use-enterprise";

type VisitForm = { campaignId?: string; visitedOn: Dayjs; notes?: string; problems?: string; needs?: Array<{ kind?: NeedKind; description?: string }> };

/** Records a visit from the console (staff visit too): the campaign it counts for, findings, problems and needs. */
export function VisitModal({ placeId, onClose }: { placeId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordVisit();
  const campaigns = useCampaigns();
  const [form] = Form.useForm<VisitForm>();
  const today = chinaDay();
  return (
    <Modal
      open
      title={t("enterprise.visit.title")}
      onCancel={onClose}
      okText={t("enterprise.common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={record.isPending}
      okButtonProps={{ "data-testid": "visit-submit" } as ButtonProps}
      width={640}
      onOk={() =>
        form.validateFields().then((v) =>
          record.mutate(
            {
              placeId,
              campaignId: v.campaignId,
              visitedOn: v.visitedOn.format("YYYY-MM-DD"),
              notes: v.notes?.trim() || undefined,
              problems: v.problems?.trim() || undefined,
              needs: (v.needs ?? []).filter((n) => n.kind && n.description?.trim()).map((n) => ({ kind: n.kind!, description: n.description!.trim() })),
            },
            {
              onSuccess: () => {
                message.success(t("enterprise.mobile.saved"));
                onClose();
              },
              onError: (e) => message.error(errorMessage(e, t)),
            },
          ),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ visitedOn: dayjs(today), needs: [] }}>
        <Space wrap>
          <Form.Item name="visitedOn" label={t("enterprise.visit.visitedOn")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
          </Form.Item>
          <Form.Item name="campaignId" label={t("enterprise.visit.campaign")} extra={t("enterprise.visit.campaignHint")}>
            <Select
              allowClear
              style={{ width: 300 }}
              options={(campaigns.data?.items ?? []).filter((c) => c.endsOn >= today).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t("enterprise.mobile.notes")}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t("enterprise.mobile.notesPlaceholder")} />
        </Form.Item>
        <Form.Item name="problems" label={t("enterprise.mobile.problems")}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t("enterprise.mobile.problemsPlaceholder")} />
        </Form.Item>
        <Typography.Text strong>{t("enterprise.detail.needs")}</Typography.Text>
        <Form.List name="needs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space.Compact key={field.key} style={{ width: "100%", marginTop: 8 }}>
                  <Form.Item name={[field.name, "kind"]} noStyle initialValue="financing">
                    <Select style={{ width: 130 }} options={NEED_KIND_VALUES.map((k) => ({ value: k, label: t(`enterprise.needKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, "description"]} noStyle>
                    <Input maxLength={200} placeholder={t("enterprise.mobile.needPlaceholder")} />
                  </Form.Item>
                  <Typography.Link onClick={() => remove(field.name)} style={{ marginLeft: 8, whiteSpace: "nowrap", alignSelf: "center" }}>
                    {t("enterprise.mobile.removeNeed")}
                  </Typography.Link>
                </Space.Compact>
              ))}
              <div style={{ marginTop: 8 }}>
                <Typography.Link onClick={() => add()} disabled={fields.length >= 10}>
                  + {t("enterprise.mobile.addNeed")}
                </Typography.Link>
              </div>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
