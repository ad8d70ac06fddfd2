import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { ACTIVITY_KINDS, type ActivityInput, type ActivityKind } from "./types";
import { useCreateActivities } from "./use-activities";
import { useTeams } from "./use-talent";
import { useUnits } from "./use-units";
import { okButton } from "./ok-button";

type Values = {
  kind: ActivityKind;
  title: string;
  description?: string;
  place: string;
  capacity: number;
  hours?: number;
  points?: number;
  time: [Dayjs, Dayjs];
  teamId?: string;
  unitIds?: string[];
  openSignup: boolean;
  repeat: "none" | "week" | "month";
  count?: number;
};

/** Publishes a one-off activity or a recurring series (every week, or the same weekday each month). */
export function ActivityCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (firstId: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivities();
  const teams = useTeams();
  const units = useUnits();
  const repeat = Form.useWatch("repeat", form);
  const submit = async () => {
    const v = await form.validateFields();
    const body: ActivityInput = {
      kind: v.kind,
      title: v.title,
      description: v.description ?? "",
      place: v.place,
      capacity: v.capacity,
      hours: v.hours ?? 0,
      points: v.points ?? 0,
      startsAt: v.time[0].second(0).millisecond(0).toISOString(),
      endsAt: v.time[1].second(0).millisecond(0).toISOString(),
      teamId: v.teamId,
      unitIds: v.unitIds ?? [],
      openSignup: v.openSignup,
      repeat: v.repeat === "none" ? undefined : { every: v.repeat, count: v.count ?? 4 },
    };
    create.mutate(body, {
      onSuccess: (r) => {
        message.success(t("partners.activities.created", { count: r.items.length }));
        form.resetFields();
        onCreated(r.items[0].id);
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };
  const start = dayjs().add(1, "day").hour(9).minute(0).second(0);
  return (
    <Modal
      open={open}
      width={760}
      title={t("partners.activities.add")}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okButtonProps={okButton("activity-submit")}
      destroyOnHidden
      data-testid="activity-modal"
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "friday_service", capacity: 20, hours: 0, points: 0, time: [start, start.add(3, "hour")], openSignup: true, repeat: "none", count: 4 }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="kind" label={t("partners.activities.kind")} rules={[{ required: true }]}>
              <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`partners.activityKind.${k}`) }))} data-testid="activity-kind" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="title" label={t("partners.activities.activityTitle")} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input data-testid="activity-title-input" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="place" label={t("partners.activities.place")} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="activity-place" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="capacity" label={t("partners.activities.capacity")} rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} style={{ width: "100%" }} data-testid="activity-capacity" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="time"
              label={t("partners.activities.time")}
              rules={[
                { required: true },
                { validator: (_, v?: [Dayjs, Dayjs]) => (!v || v[1].isAfter(v[0]) ? Promise.resolve() : Promise.reject(new Error(t("partners.activities.endBeforeStart")))) },
              ]}
            >
              <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} data-testid="activity-time" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="hours" label={t("partners.activities.hours")} extra={t("partners.activities.hoursHint")}>
              <InputNumber min={0} max={24} step={0.5} style={{ width: "100%" }} data-testid="activity-hours" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="points" label={t("partners.activities.points")} extra={t("partners.activities.pointsHint")}>
              <InputNumber min={0} max={1000} style={{ width: "100%" }} data-testid="activity-points" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="teamId" label={t("partners.activities.team")}>
              <Select allowClear options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitIds" label={t("partners.activities.units")}>
              <Select mode="multiple" allowClear showSearch={{ optionFilterProp: "label" }} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="repeat" label={t("partners.activities.repeat")}>
              <Select
                options={[
                  { value: "none", label: t("partners.activities.repeatNone") },
                  { value: "week", label: t("partners.activities.repeatWeek") },
                  { value: "month", label: t("partners.activities.repeatMonth") },
                ]}
                data-testid="activity-repeat"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            {repeat && repeat !== "none" && (
              <Form.Item name="count" label={t("partners.activities.repeatCount")}>
                <InputNumber min={1} max={60} style={{ width: "100%" }} data-testid="activity-count" />
              </Form.Item>
            )}
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t("partners.activities.description")} rules={[{ max: 5000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="openSignup" valuePropName="checked">
              <Checkbox>{t("partners.activities.openSignup")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
