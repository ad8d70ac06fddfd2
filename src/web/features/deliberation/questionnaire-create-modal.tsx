import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { QUESTION_TYPE_VALUES } from "./types";
import { useDelibWrite, useTopics } from "./use-deliberation";

type QuestionValues = { text: string; type: (typeof QUESTION_TYPE_VALUES)[number]; options?: string; isVote?: boolean; required?: boolean };
type Values = { title: string; topicId?: string; closesAt?: Dayjs; questions: QuestionValues[] };

/** Drafts a questionnaire: single or multiple choice, scale or text questions; vote questions count one per household. */
export function QuestionnaireCreateModal({ open, topicId, onClose, onCreated }: { open: boolean; topicId?: string; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const topics = useTopics({ limit: 200 });
  const write = useDelibWrite<{ id: string; round: number }>();
  const submit = (v: Values) =>
    write.mutate(
      {
        path: "/questionnaires",
        body: {
          title: v.title,
          topicId: v.topicId,
          closesAt: v.closesAt?.toISOString(),
          questions: v.questions.map((q) => ({
            text: q.text,
            type: q.type,
            options: q.type === "single" || q.type === "multi" ? (q.options ?? "").split("\n").map((o) => o.trim()).filter(Boolean) : undefined,
            isVote: !!q.isVote,
            required: q.required !== false,
          })),
        },
      },
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
      width={760}
      title={t("deliberation.questionnaires.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.common.submit")}
      cancelText={t("deliberation.common.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ topicId, questions: [{ text: "", type: "single", options: "", required: true }] }}>
        <Form.Item name="title" label={t("deliberation.questionnaires.form.title")} rules={[{ required: true, whitespace: true, message: t("deliberation.questionnaires.form.titleRequired") }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap className="dl-full">
          <Form.Item name="topicId" label={t("deliberation.questionnaires.form.topic")}>
            <Select allowClear showSearch optionFilterProp="label" className="dl-topic-select" options={(topics.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))} />
          </Form.Item>
          <Form.Item name="closesAt" label={t("deliberation.questionnaires.form.closesAt")}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Space direction="vertical" className="dl-full">
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${i + 1}`}
                  extra={fields.length > 1 ? <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("deliberation.common.remove")} /> : null}
                >
                  <Form.Item name={[field.name, "text"]} label={t("deliberation.questionnaires.form.questionText")} rules={[{ required: true, whitespace: true, message: t("deliberation.questionnaires.form.questionTextRequired") }]}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item name={[field.name, "type"]} label={t("deliberation.questionnaires.form.type")} rules={[{ required: true }]}>
                      <Select className="dl-filter" options={QUESTION_TYPE_VALUES.map((q) => ({ value: q, label: t(`deliberation.questionType.${q}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, "isVote"]} valuePropName="checked" label=" ">
                      <Checkbox>{t("deliberation.questionnaires.form.isVote")}</Checkbox>
                    </Form.Item>
                    <Form.Item name={[field.name, "required"]} valuePropName="checked" label=" ">
                      <Checkbox>{t("deliberation.questionnaires.form.required")}</Checkbox>
                    </Form.Item>
                  </Space>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(["questions", field.name, "type"]);
                      if (type !== "single" && type !== "multi") return null;
                      return (
                        <Form.Item
                          name={[field.name, "options"]}
                          label={t("deliberation.questionnaires.form.options")}
                          rules={[
                            {
                              validator: (_, v: string | undefined) =>
                                (v ?? "").split("\n").filter((o) => o.trim()).length >= 2 ? Promise.resolve() : Promise.reject(new Error(t("deliberation.questionnaires.form.optionsRequired"))),
                            },
                          ]}
                        >
                          <Input.TextArea rows={3} />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ text: "", type: "single", options: "", required: true })}>
                {t("deliberation.questionnaires.form.addQuestion")}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
