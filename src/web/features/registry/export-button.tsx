import { useState } from "react";
import { Alert, App, Button, Dropdown, Form, Input, Modal, Space } from "antd";
import { DownOutlined, DownloadOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { apiUrl } from "../../api/client";
import { hasPermission, useMe } from "../../api/use-me";

export interface ExportFilter {
  q?: string;
  address?: string;
  tag?: string;
}

/** Starts a browser download of an address (the session cookie goes along; the link is useless to anyone else). */
function download(url: string) {
  const a = document.createElement("a");
  a.href = url;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Exports the filtered list as .xlsx, masked; those who may unmask can export full details for a typed reason. */
export function ExportButton({ filter }: { filter: ExportFilter }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!hasPermission(me.data, "person:export")) return null;
  const masked = () => {
    void message.info(t("registry.export.started"));
    download(apiUrl("/registry/export", { ...filter }));
  };
  const canUnmask = hasPermission(me.data, "person:unmask");
  return (
    <>
      {canUnmask ? (
        <Space.Compact>
          <Button icon={<DownloadOutlined />} onClick={masked} data-testid="export">
            {t("registry.export.masked")}
          </Button>
          <Dropdown menu={{ items: [{ key: "full", label: t("registry.export.unmasked"), onClick: () => setAsking(true) }] }}>
            <Button icon={<DownOutlined />} aria-label={t("registry.export.unmasked")} data-testid="export-more" />
          </Dropdown>
        </Space.Compact>
      ) : (
        <Button icon={<DownloadOutlined />} onClick={masked} data-testid="export">
          {t("registry.export.masked")}
        </Button>
      )}
      <Modal
        open={asking}
        title={t("registry.export.unmaskTitle")}
        okText={t("registry.export.button")}
        cancelText={t("common.cancel")}
        onCancel={() => setAsking(false)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          download(apiUrl("/registry/export", { ...filter, unmask: "true", reason: reason.trim() }));
          setAsking(false);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t("registry.export.unmaskHint")} className="ll-gap" />
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t("registry.unmask.reason")} rules={[{ required: true, whitespace: true, min: 4, message: t("registry.unmask.reasonRule") }]}>
            <Input.TextArea rows={2} maxLength={200} placeholder={t("registry.unmask.reasonPlaceholder")} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
