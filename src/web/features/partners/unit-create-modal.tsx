import { App, Checkbox, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { UNIT_KINDS, type UnitInput } from "./types";
import { useCreateUnit } from "./use-units";
import { okButton } from "./ok-button";

/** Registers a partner unit. */
export function UnitCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitInput>();
  const create = useCreateUnit();
  const submit = async () => {
    const values = await form.validateFields();
    const body: UnitInput = { ...values, contactName: values.contactName || undefined, contactPhone: values.contactPhone || undefined, partyOrg: values.partyOrg || undefined };
    create.mutate(body, {
      onSuccess: (r) => {
        message.success(t("partners.units.created"));
        form.resetFields();
        onCreated(r.id);
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };
  return (
    <Modal open={open} title={t("partners.units.add")} onCancel={onClose} onOk={submit} confirmLoading={create.isPending} okButtonProps={okButton("unit-submit")} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: "enterprise", bigCommittee: false }}>
        <Form.Item name="name" label={t("partners.units.name")} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="unit-name-input" />
        </Form.Item>
        <Form.Item name="kind" label={t("partners.units.kind")} rules={[{ required: true }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`partners.unitKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="partyOrg" label={t("partners.units.partyOrg")} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactName" label={t("partners.units.contact")} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t("partners.units.contactPhone")} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t("partners.mobile.join.phoneInvalid") }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="bigCommittee" valuePropName="checked">
          <Checkbox>{t("partners.units.bigCommittee")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
