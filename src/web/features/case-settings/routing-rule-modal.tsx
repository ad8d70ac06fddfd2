import type { ComponentProps } from "react";
import { App, Button, Form, Modal, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { RoutingRuleItem, RoutingRulesReply, RoutingLevel } from "../../../contracts/case-settings";
import { errorMessage } from "../../lib/error-message";

interface Values {
  level: RoutingLevel;
  handlerId?: string | null;
}

interface Props {
  open: boolean;
  item: RoutingRuleItem | null;
  handlers: RoutingRulesReply["handlers"];
  saving: boolean;
  onSave: (values: { level: RoutingLevel; handlerId: string | null }) => Promise<unknown>;
  onClose: () => void;
}

/** Sets one category's rule: the level a new case starts at and, optionally, who handles it. */
export function RoutingRuleModal({ open, item, handlers, saving, onSave, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch("level", form);

  // A handler named earlier who has since been disabled stays visible, so the rule can be corrected.
  const current = item?.rule?.handler;
  const listed = current && !handlers.some((h) => h.id === current.id) ? [...handlers, { ...current, gone: true }] : handlers;
  const options = listed.map((h) => ({
    value: h.id,
    label: `${h.name} · ${t(`roles.${h.role}`)}${h.areaName ? ` · ${h.areaName}` : ""}${"gone" in h ? t("caseSettings.rules.handlerGone") : ""}`,
  }));
  const category = item ? (i18n.language === "en" ? item.categoryNameEn : item.categoryName) : "";
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await onSave({ level: values.level, handlerId: values.handlerId ?? null });
      message.success(t("caseSettings.rules.saved", { category }));
      onClose();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t("caseSettings.rules.modalTitle", { category })}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "rule-save" } as ComponentProps<typeof Button>}
      destroyOnHidden
      data-testid="rule-modal"
    >
      <Form form={form} layout="vertical" initialValues={{ level: item?.rule?.level ?? "community", handlerId: item?.rule?.handler?.id ?? null }}>
        <Form.Item name="level" label={t("caseSettings.rules.levelLabel")} rules={[{ required: true }]}>
          <Radio.Group data-testid="rule-level">
            <Radio value="grid" data-testid="rule-level-grid">
              {t("caseSettings.rules.levelGrid")}
            </Radio>
            <Radio value="community" data-testid="rule-level-community">
              {t("caseSettings.rules.levelCommunity")}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="handlerId"
          label={t("caseSettings.rules.handlerLabel")}
          extra={level === "grid" ? t("caseSettings.rules.handlerHelpGrid") : t("caseSettings.rules.handlerHelpCommunity")}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("caseSettings.rules.handlerPlaceholder")}
            options={options}
            data-testid="rule-handler"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
