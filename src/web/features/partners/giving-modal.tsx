import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { RESOURCE_KINDS, type AgreementDetail, type ResourceKind } from "./types";
import { useRecordGiving } from "./use-units";
import { okButton } from "./ok-button";

type Values = { givenOn: Dayjs; resourceKind: ResourceKind; description: string; quantity?: number; unit?: string; itemId?: string };

/** Records a resource the unit actually gave (counted in its yearly record). */
export function GivingModal({ unitId, offers, open, onClose }: { unitId: string; offers: AgreementDetail["offers"]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordGiving(unitId);
  const submit = async () => {
    const v = await form.validateFields();
    record.mutate(
      { givenOn: v.givenOn.format("YYYY-MM-DD"), resourceKind: v.resourceKind, description: v.description, quantity: v.quantity ?? undefined, unit: v.unit || undefined, itemId: v.itemId },
      {
        onSuccess: () => {
          message.success(t("partners.giving.created"));
          form.resetFields();
          onClose();
        },
        onError: (e) => message.error(errorMessage(e, t)),
      },
    );
  };
  return (
    <Modal open={open} title={t("partners.giving.title")} onCancel={onClose} onOk={submit} confirmLoading={record.isPending} okButtonProps={okButton("giving-submit")} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ givenOn: dayjs(), resourceKind: "service" }}
        onValuesChange={(changed: Partial<Values>) => {
          const offer = changed.itemId ? offers.find((o) => o.id === changed.itemId) : undefined;
          if (offer) form.setFieldsValue({ description: offer.description, resourceKind: offer.resourceKind ?? "other", unit: offer.unit ?? undefined });
        }}
      >
        {offers.length > 0 && (
          <Form.Item name="itemId" label={t("partners.giving.offer")}>
            <Select allowClear options={offers.map((o) => ({ value: o.id, label: o.description }))} />
          </Form.Item>
        )}
        <Form.Item name="givenOn" label={t("partners.giving.givenOn")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="resourceKind" label={t("partners.agreement.itemKind")} rules={[{ required: true }]}>
          <Select options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`partners.resourceKind.${k}`) }))} data-testid="giving-kind" />
        </Form.Item>
        <Form.Item name="description" label={t("partners.common.description")} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input data-testid="giving-description" />
        </Form.Item>
        <Space>
          <Form.Item name="quantity" label={t("partners.common.quantity")}>
            <InputNumber min={0} data-testid="giving-quantity" />
          </Form.Item>
          <Form.Item name="unit" label={t("partners.common.unitOfMeasure")} rules={[{ max: 20 }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
