import { useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import "./case-settings.css";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { CalendarDayItem, CalendarKind } from "../../../contracts/case-settings";
import { errorMessage } from "../../lib/error-message";
import { useCalendar, useCalendarMutations } from "./use-calendar";

const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/** 工作日历: a year's public holidays and adjusted working days (调休); the street officer and the admin add and remove them. */
export function CalendarPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear);
  const calendar = useCalendar(year);
  const { set, remove } = useCalendarMutations();
  const items = calendar.data?.items ?? [];
  const holidays = items.filter((d) => d.kind === "holiday").length;

  const columns: TableColumnsType<CalendarDayItem> = [
    { title: t("caseSettings.calendar.day"), dataIndex: "day", width: 140, render: (v: string) => <span className="ll-mono">{v}</span> },
    { title: t("caseSettings.calendar.weekday"), key: "weekday", width: 100, render: (_, d) => dayjs(d.day).format("ddd") },
    {
      title: t("caseSettings.calendar.kind"),
      dataIndex: "kind",
      width: 140,
      render: (v: CalendarKind) => <Tag color={v === "holiday" ? "red" : "blue"}>{t(`caseSettings.calendar.${v}`)}</Tag>,
    },
    { title: t("caseSettings.calendar.name"), dataIndex: "name" },
  ];
  if (canEdit) {
    columns.push({
      title: t("caseSettings.calendar.actions"),
      key: "actions",
      width: 100,
      render: (_, d) => (
        <Popconfirm
          title={t("caseSettings.calendar.removeConfirm", { day: d.day, name: d.name })}
          okText={t("common.confirm")}
          cancelText={t("common.cancel")}
          onConfirm={() =>
            remove.mutate(d.day, {
              onSuccess: () => message.success(t("caseSettings.calendar.removed", { day: d.day })),
              onError: (err) => message.error(errorMessage(err, t)),
            })
          }
        >
          <Button type="link" size="small" danger data-testid={`calendar-remove-${d.day}`}>
            {t("caseSettings.calendar.remove")}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t("caseSettings.calendar.intro")}</Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon title={t("caseSettings.readOnly", { who: t("caseSettings.readOnlyWho.calendar") })} className="ll-gap" />}
      <div className="ll-settings-toolbar">
        <Space>
          <span>{t("caseSettings.calendar.year")}</span>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => d && setYear(d.year())}
            disabledDate={(d) => d.year() < 2000 || d.year() > 2100}
            data-testid="calendar-year"
          />
        </Space>
        {calendar.data && (
          <Typography.Text type="secondary" data-testid="calendar-summary">
            {t("caseSettings.calendar.summary", { year, holidays, workdays: items.length - holidays })}
          </Typography.Text>
        )}
      </div>
      {canEdit && <AddDayForm year={year} saving={set.isPending} onAdd={async (v) => {
            await set.mutateAsync(v);
            setYear(Number(v.day.slice(0, 4)));
          }}
        />}
      {calendar.isError && <Alert type="error" showIcon title={errorMessage(calendar.error, t)} className="ll-gap" />}
      <Table<CalendarDayItem>
        rowKey="day"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={calendar.isPending}
        pagination={false}
        locale={{ emptyText: t("caseSettings.calendar.empty") }}
        data-testid="calendar-table"
      />
    </>
  );
}

interface AddValues {
  day: Dayjs;
  kind: CalendarKind;
  name: string;
}

function AddDayForm({ year, saving, onAdd }: { year: number; saving: boolean; onAdd: (v: { day: string; kind: CalendarKind; name: string }) => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const kind = Form.useWatch("kind", form);

  const submit = async (values: AddValues) => {
    const day = values.day.format("YYYY-MM-DD");
    const name = values.name.trim();
    try {
      await onAdd({ day, kind: values.kind, name });
      message.success(t("caseSettings.calendar.added", { day, name }));
      form.resetFields(["day", "name"]);
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Form form={form} layout="inline" className="ll-settings-add" initialValues={{ kind: "holiday" }} onFinish={submit} data-testid="calendar-add">
      <Form.Item
        name="day"
        rules={[
          { required: true, message: t("caseSettings.calendar.dayRequired") },
          {
            validator: (_, d: Dayjs | undefined) =>
              d && form.getFieldValue("kind") === "workday" && !isWeekend(d) ? Promise.reject(new Error(t("caseSettings.calendar.weekendOnly"))) : Promise.resolve(),
          },
        ]}
      >
        <DatePicker
          placeholder={t("caseSettings.calendar.day")}
          defaultPickerValue={dayjs(`${year}-01-01`)}
          disabledDate={(d) => d.year() < 2000 || d.year() > 2100 || (kind === "workday" && !isWeekend(d))}
          data-testid="calendar-day"
        />
      </Form.Item>
      <Form.Item name="kind">
        <Select
          style={{ width: 190 }}
          onChange={() => void form.validateFields(["day"]).catch(() => undefined)}
          options={[
            { value: "holiday", label: t("caseSettings.calendar.holiday") },
            { value: "workday", label: t("caseSettings.calendar.workday") },
          ]}
          data-testid="calendar-kind"
        />
      </Form.Item>
      <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t("caseSettings.calendar.nameRequired") }]}>
        <Input maxLength={40} placeholder={t("caseSettings.calendar.namePlaceholder")} style={{ width: 220 }} data-testid="calendar-name" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="calendar-submit">
          {t("caseSettings.calendar.add")}
        </Button>
      </Form.Item>
    </Form>
  );
}
