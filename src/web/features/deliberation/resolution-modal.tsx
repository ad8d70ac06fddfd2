import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/use-me";
import { errorMessage } from "../../lib/error-message";
import { PARTY_KIND_VALUES, type PartyKind } from "./types";
import { useDelibWrite } from "./use-deliberation";

type Values = { text: string; dueOn: Dayjs; me: boolean; owners?: Array<{ partyKind: PartyKind; name: string }> };

/** Writes down what the meeting decided on one topic of its agenda: the text, the owners and the due date. */
export function ResolutionModal({ meetingId, topic, onClose }: { meetingId: string; topic: { id: string; title: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data!;
  const [form] = Form.useForm<Values>();
  const write = useDelibWrite<{ id: string; fiveParty: boolean }>();
  const submit = (v: Values) => {
    const owners = [...(v.me ? [{ userId: me.id }] : []), ...(v.owners ?? []).filter((o) => o.name?.trim())];
    if (owners.length === 0) {
      void message.warning(t("deliberation.resolutionForm.ownersRequired"));
      return;
    }
    write.mutate(
      { path: `/meetings/${meetingId}/resolutions`, body: { topicId: topic!.id, text: v.text, dueOn: v.dueOn.format("YYYY-MM-DD"), owners } },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  };
  return (
    <Modal
      open={!!topic}
      width={640}
      title={`${t("deliberation.resolutionForm.title")} · ${topic?.title ?? ""}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.common.submit")}
      cancelText={t("deliberation.common.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "resolution-ok" }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ me: true, dueOn: dayjs().add(30, "day"), owners: [] }} data-testid="resolution-form">
        <Form.Item name="text" label={t("deliberation.resolutionForm.text")} rules={[{ required: true, whitespace: true, message: t("deliberation.resolutionForm.textRequired") }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="resolution-text" />
        </Form.Item>
        <Form.Item name="dueOn" label={t("deliberation.resolutionForm.dueOn")} rules={[{ required: true, message: t("deliberation.resolutionForm.dueRequired") }]}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item label={t("deliberation.resolutionForm.owners")}>
          <Form.Item name="me" valuePropName="checked" noStyle>
            <Checkbox data-testid="owner-me">{t("deliberation.resolutionForm.ownerMe")}</Checkbox>
          </Form.Item>
          <Form.List name="owners">
            {(fields, { add, remove }) => (
              <div className="dl-party-list">
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" className="dl-party-row">
                    <Form.Item name={[field.name, "partyKind"]} rules={[{ required: true }]} noStyle>
                      <Select className="dl-party-kind" options={PARTY_KIND_VALUES.map((k) => ({ value: k, label: t(`deliberation.party.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, "name"]} rules={[{ required: true, whitespace: true, message: t("deliberation.meetings.form.nameRequired") }]}>
                      <Input maxLength={80} placeholder={t("deliberation.meetings.form.partyName")} className="dl-party-name" />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t("deliberation.common.remove")} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ partyKind: "property_company", name: "" })}>
                  {t("deliberation.resolutionForm.addOwner")}
                </Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
