import { useState, type ComponentProps } from "react";
import { Button, Form, Input, InputNumber, Modal, Radio, Select, Upload, type UploadFile } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { apiUrl } from "../../api/client";
import { currentLanguage } from "../../i18n/i18n";
import { actionLabelKey, type ActionSpec } from "./action-spec";
import { DEPARTMENTS } from "./departments";
import { findCaseByNumber, useCaseHandlers } from "./use-case";
import type { TransitionInput } from "./use-act-on-case";
import type { UploadedFile } from "../../lib/upload-photo";
import { RATINGS, type CaseDetail } from "./types";

const CLOSURES = ["resolved", "unable", "not_responsible"] as const;

interface Values {
  note?: string;
  handlerId?: string;
  department?: string;
  closureKind?: (typeof CLOSURES)[number];
  referredTo?: string;
  delayHours?: number;
  rating?: (typeof RATINGS)[number];
  duplicateNumber?: string;
}

interface Props {
  c: CaseDetail;
  spec: ActionSpec;
  onCancel: () => void;
  onSubmit: (input: Omit<TransitionInput, "action">) => Promise<unknown>;
}

/** The form of one action in a modal: the fields the action needs, nothing more. */
export function CaseActionModal({ c, spec, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile<UploadedFile>[]>([]);
  const [busy, setBusy] = useState(false);
  const handlers = useCaseHandlers(c.id, !!spec.handler);
  const closureKind = Form.useWatch("closureKind", form);
  const noteRequired = !!spec.note?.required || (spec.closure && closureKind === "unable");

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      let duplicateOfId: string | undefined;
      if (spec.duplicate) {
        const found = await findCaseByNumber(values.duplicateNumber!);
        if (!found || found.id === c.id) {
          form.setFields([{ name: "duplicateNumber", errors: [t(found ? "cases.form.duplicateSelf" : "cases.form.duplicateNotFound")] }]);
          return;
        }
        duplicateOfId = found.id;
      }
      await onSubmit({
        note: values.note?.trim() || undefined,
        handlerId: values.handlerId,
        department: values.department,
        closureKind: values.closureKind,
        referredTo: values.closureKind === "not_responsible" ? values.referredTo?.trim() : undefined,
        delayHours: values.delayHours,
        rating: values.rating,
        duplicateOfId,
        photoIds: photos.flatMap((p) => (p.status === "done" && p.response ? [p.response.id] : [])),
      });
    } catch {
      // The error is shown by the caller; the modal stays open to correct it.
    } finally {
      setBusy(false);
    }
  };

  const uploading = photos.some((p) => p.status === "uploading");
  const title = t(actionLabelKey(spec.action, c));
  return (
    <Modal
      open
      title={`${title} · ${c.number}`}
      okText={title}
      okButtonProps={{ danger: spec.tone === "danger", disabled: uploading, "data-testid": "action-submit" } as ComponentProps<typeof Button>}
      cancelText={t("common.cancel")}
      onOk={submit}
      onCancel={onCancel}
      confirmLoading={busy}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form form={form} layout="vertical" initialValues={{ closureKind: spec.closure ? "resolved" : undefined, delayHours: 16 }}>
        {spec.handler && (
          <Form.Item name="handlerId" label={t("cases.fields.handler")} rules={[{ required: true, message: t("cases.pleaseFill", { field: t("cases.fields.handler") }) }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              loading={handlers.isPending}
              options={(handlers.data ?? []).map((h) => ({ value: h.id, label: `${h.name} · ${t(`roles.${h.role}`, { defaultValue: h.role })} · ${h.area}` }))}
              data-testid="action-handler"
            />
          </Form.Item>
        )}
        {spec.department && (
          <Form.Item name="department" label={t("cases.fields.department")} rules={[{ required: true, message: t("cases.pleaseFill", { field: t("cases.fields.department") }) }]}>
            <Radio.Group optionType="button" options={DEPARTMENTS.map((d) => ({ value: d.value, label: t(`cases.departments.${d.key}`) }))} data-testid="action-department" />
          </Form.Item>
        )}
        {spec.closure && (
          <Form.Item name="closureKind" label={t("cases.fields.closure")} rules={[{ required: true }]}>
            <Radio.Group options={CLOSURES.map((k) => ({ value: k, label: t(`cases.closure.${k}`) }))} data-testid="action-closure" />
          </Form.Item>
        )}
        {spec.closure && closureKind === "not_responsible" && (
          <Form.Item name="referredTo" label={t("cases.fields.referredTo")} rules={[{ required: true, whitespace: true, message: t("cases.pleaseFill", { field: t("cases.fields.referredTo") }) }]}>
            <Input maxLength={100} placeholder={t("cases.form.referredToPlaceholder")} />
          </Form.Item>
        )}
        {spec.delay && (
          <Form.Item name="delayHours" label={t("cases.form.delayHours")} rules={[{ required: true }]}>
            <InputNumber min={1} max={500} precision={0} addonAfter={t("cases.form.hoursUnit")} />
          </Form.Item>
        )}
        {spec.rating && (
          <Form.Item name="rating" label={t("cases.fields.rating")} rules={[{ required: true, message: t("cases.pleaseFill", { field: t("cases.fields.rating") }) }]}>
            <Radio.Group optionType="button" options={RATINGS.map((r) => ({ value: r, label: t(`cases.rating.${r}`) }))} />
          </Form.Item>
        )}
        {spec.duplicate && (
          <Form.Item
            name="duplicateNumber"
            label={t("cases.form.duplicateNumber")}
            extra={t("cases.form.duplicateHint")}
            rules={[{ required: true, whitespace: true, message: t("cases.pleaseFill", { field: t("cases.form.duplicateNumber") }) }]}
          >
            <Input placeholder="HK-20260501-0001" className="ll-mono" data-testid="action-duplicate" />
          </Form.Item>
        )}
        {spec.note && (
          <Form.Item
            name="note"
            label={t(`cases.noteLabel.${spec.note.kind}`)}
            rules={[{ required: noteRequired, whitespace: true, message: t("cases.pleaseFill", { field: t(`cases.noteLabel.${spec.note.kind}`) }) }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t(`cases.notePlaceholder.${spec.note.kind}`)} data-testid="action-text" />
          </Form.Item>
        )}
        {spec.photos && (
          <Form.Item label={spec.action === "handle" ? t("cases.fields.resultPhotos") : t("cases.fields.photos")}>
            <Upload<UploadedFile>
              action={apiUrl("/files")}
              name="file"
              accept="image/*"
              withCredentials
              headers={{ Accept: "application/json", "Accept-Language": currentLanguage() }}
              listType="picture-card"
              multiple
              maxCount={9}
              fileList={photos}
              onChange={({ fileList }) => setPhotos(fileList)}
            >
              {photos.length < 9 && (
                <span className="ll-upload-tile">
                  <PlusOutlined />
                  <span>{t("cases.photos.add")}</span>
                </span>
              )}
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
