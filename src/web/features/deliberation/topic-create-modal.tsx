import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { useDelibWrite } from "./use-deliberation";

type Values = { title: string; description: string; affected?: string[] };

/** A topic raised by staff. */
export function TopicCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const write = useDelibWrite();
  const submit = (v: Values) =>
    write.mutate(
      { path: "/topics", body: { title: v.title, description: v.description, affected: v.affected ?? [] } },
      {
        onSuccess: (r) => {
          form.resetFields();
          onCreated(r.id);
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <Modal
      open={open}
      title={t("deliberation.topics.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.common.submit")}
      cancelText={t("deliberation.common.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "topic-create-ok" }}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="topic-create-form">
        <Form.Item name="title" label={t("deliberation.topics.form.title")} rules={[{ required: true, whitespace: true, message: t("deliberation.topics.form.titleRequired") }]}>
          <Input maxLength={100} data-testid="topic-title" />
        </Form.Item>
        <Form.Item name="description" label={t("deliberation.topics.form.description")} rules={[{ required: true, whitespace: true, message: t("deliberation.topics.form.descriptionRequired") }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="topic-description" />
        </Form.Item>
        <Form.Item name="affected" label={t("deliberation.topics.form.affected")} extra={t("deliberation.topics.form.affectedHint")}>
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
