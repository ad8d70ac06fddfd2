import { useState } from "react";
import { App, Col, Form, Input, Modal, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { caseErrorMessage } from "./case-error";
import { AddressSearchBox } from "./address-search-box";
import { PlaceMap } from "./place-map";
import { useCategories } from "./use-categories";
import { useLocate } from "./use-locate";
import { useReportCase, type ReportReply } from "./use-report-case";
import { STAFF_CHANNELS, type LngLat, type StaffChannel } from "./types";

interface Values {
  channel: StaffChannel;
  reporterName?: string;
  reporterPhone?: string;
  categoryCode: string;
  description: string;
  address?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onRegistered: (reply: ReportReply) => void;
  areas: AreaNode[];
  tileUrl: string;
}

/** 登记事件: a phone call, a 12345 transfer, a partner unit's report or a meeting, entered by staff. */
export function CaseRegisterModal({ open, onClose, onRegistered, areas, tileUrl }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [location, setLocation] = useState<LngLat | null>(null);
  const [focus, setFocus] = useState(0);
  const categories = useCategories();
  const report = useReportCase();
  const placement = useLocate(location);

  const submit = async () => {
    const values = await form.validateFields();
    report.mutate(
      {
        ...values,
        description: values.description.trim(),
        reporterName: values.reporterName?.trim() || undefined,
        reporterPhone: values.reporterPhone?.trim() || undefined,
        address: values.address?.trim() || undefined,
        location: location ?? undefined,
      },
      {
        onSuccess: (reply) => {
          message.success(t("cases.register.done", { number: reply.number }));
          form.resetFields();
          setLocation(null);
          onRegistered(reply);
        },
        onError: (err) => message.error(caseErrorMessage(err, t)),
      },
    );
  };

  const where = placement.data;
  return (
    <Modal
      open={open}
      title={t("cases.register.title")}
      width={880}
      okText={t("cases.register.submit")}
      cancelText={t("common.cancel")}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={report.isPending}
      destroyOnHidden
      data-testid="register-modal"
    >
      <Form form={form} layout="vertical" initialValues={{ channel: "phone" }} requiredMark>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="channel" label={t("cases.fields.channel")} rules={[{ required: true }]}>
              <Select options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} data-testid="register-channel" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="reporterName" label={t("cases.fields.reporterName")}>
              <Input maxLength={40} data-testid="register-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="reporterPhone" label={t("cases.fields.reporterPhone")} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t("auth.phoneInvalid") }]}>
              <Input maxLength={11} inputMode="tel" data-testid="register-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="categoryCode" label={t("cases.fields.category")} rules={[{ required: true, message: t("cases.report.categoryRequired") }]}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: i18n.language === "en" ? c.nameEn : c.name }))}
            data-testid="register-category"
          />
        </Form.Item>
        <Form.Item name="description" label={t("cases.fields.description")} rules={[{ required: true, whitespace: true, message: t("cases.report.descriptionRequired") }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="register-description" />
        </Form.Item>
        <Form.Item
          label={t("cases.fields.place")}
          extra={
            location
              ? where?.grid
                ? t("cases.place.inGrid", { name: where.grid.name })
                : where?.community
                  ? t("cases.place.inCommunity", { name: where.community.name })
                  : placement.isPending
                    ? t("cases.place.resolving")
                    : t("cases.place.outside")
              : t("cases.register.mapHint")
          }
        >
          <AddressSearchBox
            onPick={(item) => {
              setLocation(item.location);
              setFocus((n) => n + 1);
              if (!form.getFieldValue("address")) form.setFieldValue("address", item.name);
            }}
          />
          <PlaceMap areas={areas} value={location} onChange={setLocation} tileUrl={tileUrl} className="ll-map ll-register-map" testId="register-map" focus={focus} />
        </Form.Item>
        <Form.Item name="address" label={t("cases.fields.address")}>
          <Input maxLength={200} placeholder={t("cases.place.addressPlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
