import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Switch } from "antd";
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { FIVE_PARTY_KINDS, MEETING_KIND_VALUES, PARTY_KIND_VALUES, type MeetingKind, type PartyKind } from "./types";
import { useDelibWrite, useTopics } from "./use-deliberation";

type Values = {
  kind: MeetingKind;
  title: string;
  time: [Dayjs, Dayjs];
  place: string;
  isPublic: boolean;
  parties?: Array<{ partyKind: PartyKind; name: string }>;
  topicIds?: string[];
};

/** The next half hour, and two hours from then: a meeting planned now is usually held today. */
function defaultTime(): [Dayjs, Dayjs] {
  const now = dayjs();
  const start = now.minute() < 30 ? now.minute(0).second(0).millisecond(0) : now.minute(30).second(0).millisecond(0);
  return [start, start.add(2, "hour")];
}

/** Plans a meeting: kind, time, place, the parties invited by role, and the topics on its agenda. */
export function MeetingCreateModal({ open, topicIds, onClose, onCreated }: { open: boolean; topicIds?: string[]; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const write = useDelibWrite();
  const topics = useTopics({ limit: 200 });
  const schedulable = (topics.data?.items ?? []).filter((x) => x.status === "proposed" || x.status === "on_agenda" || x.status === "decided" || topicIds?.includes(x.id));

  const fillFive = () => {
    const current = form.getFieldValue("parties") as Values["parties"];
    const have = new Set((current ?? []).map((p) => p.partyKind));
    const added = FIVE_PARTY_KINDS.filter((k) => !have.has(k)).map((k) => ({ partyKind: k, name: t(`deliberation.meetings.fivePartyNames.${k}`) }));
    form.setFieldValue("parties", [...(current ?? []), ...added]);
  };

  const submit = (v: Values) =>
    write.mutate(
      {
        path: "/meetings",
        body: {
          kind: v.kind,
          title: v.title,
          startsAt: v.time[0].toISOString(),
          endsAt: v.time[1].toISOString(),
          place: v.place,
          isPublic: v.isPublic,
          parties: (v.parties ?? []).filter((p) => p.name?.trim()),
          topicIds: v.topicIds ?? [],
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
      width={720}
      title={t("deliberation.meetings.create")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.common.submit")}
      cancelText={t("deliberation.common.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "meeting-create-ok" }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: "residents_council", isPublic: true, time: defaultTime(), topicIds: topicIds ?? [], title: t("deliberation.kind.residents_council") }}
        onValuesChange={(changed: Partial<Values>) => {
          // The title follows the kind until the user writes their own.
          if (changed.kind && !form.isFieldTouched("title")) form.setFieldValue("title", t(`deliberation.kind.${changed.kind}`));
        }}
        data-testid="meeting-create-form"
      >
        <Form.Item name="kind" label={t("deliberation.meetings.form.kind")} rules={[{ required: true }]}>
          <Select options={MEETING_KIND_VALUES.map((k) => ({ value: k, label: t(`deliberation.kind.${k}`) }))} data-testid="meeting-kind" />
        </Form.Item>
        <Form.Item name="title" label={t("deliberation.meetings.form.title")} rules={[{ required: true, whitespace: true, message: t("deliberation.meetings.form.titleRequired") }]}>
          <Input maxLength={100} data-testid="meeting-title" />
        </Form.Item>
        <Form.Item name="time" label={t("deliberation.meetings.form.time")} rules={[{ required: true, message: t("deliberation.meetings.form.timeRequired") }]}>
          <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" className="dl-full" />
        </Form.Item>
        <Form.Item name="place" label={t("deliberation.meetings.form.place")} rules={[{ required: true, whitespace: true, message: t("deliberation.meetings.form.placeRequired") }]}>
          <Input maxLength={120} placeholder={t("deliberation.meetings.form.placeHint")} data-testid="meeting-place" />
        </Form.Item>
        <Form.Item name="topicIds" label={t("deliberation.meetings.form.topics")}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={topics.isPending}
            options={schedulable.map((x) => ({ value: x.id, label: x.title }))}
            data-testid="meeting-topics"
          />
        </Form.Item>
        <Form.Item label={t("deliberation.meetings.form.parties")}>
          <Form.List name="parties">
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
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => add({ partyKind: "resident_rep", name: "" })}>
                    {t("deliberation.meetings.form.addParty")}
                  </Button>
                  <Button onClick={fillFive} data-testid="fill-five">
                    {t("deliberation.meetings.form.fiveParties")}
                  </Button>
                </Space>
              </div>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="isPublic" label={t("deliberation.meetings.form.isPublic")} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
