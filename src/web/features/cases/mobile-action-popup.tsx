import { useEffect, useState } from "react";
import { Button, Form, Input, Popup, Radio, Selector, Space, TextArea, Toast, type ImageUploadItem } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { actionLabelKey, type ActionSpec } from "./action-spec";
import { DEPARTMENTS } from "./departments";
import { MobilePhotoUploader, photoIdsOf } from "./mobile-photo-uploader";
import { findCaseByNumber, useCaseHandlers } from "./use-case";
import type { TransitionInput } from "./use-act-on-case";
import { RATINGS, type CaseDetail, type Rating } from "./types";

const DELAY_CHOICES = [8, 16, 24, 40];
const CLOSURES = ["resolved", "unable", "not_responsible"] as const;
type Closure = (typeof CLOSURES)[number];

interface Props {
  c: CaseDetail;
  spec: ActionSpec | null;
  onClose: () => void;
  onSubmit: (input: Omit<TransitionInput, "action">) => Promise<void>;
  pending: boolean;
}

/** The short form of an action that needs words, photos or a choice (a reason, the result, a rating …). */
export function MobileActionPopup({ c, spec, onClose, onSubmit, pending }: Props) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [handlerId, setHandlerId] = useState<string>();
  const [department, setDepartment] = useState<string>();
  const [closureKind, setClosureKind] = useState<Closure>("resolved");
  const [referredTo, setReferredTo] = useState("");
  const [delayHours, setDelayHours] = useState(DELAY_CHOICES[1]);
  const [rating, setRating] = useState<Rating>();
  const [duplicateNumber, setDuplicateNumber] = useState("");
  const handlers = useCaseHandlers(c.id, !!spec?.handler);

  // Every opening starts with an empty form.
  useEffect(() => {
    if (!spec) return;
    setNote("");
    setPhotos([]);
    setHandlerId(undefined);
    setDepartment(undefined);
    setClosureKind("resolved");
    setReferredTo("");
    setRating(undefined);
    setDuplicateNumber("");
  }, [spec]);

  if (!spec) return null;
  const noteRequired = !!spec.note?.required || (spec.closure && closureKind === "unable");

  const submit = async () => {
    const missing =
      (noteRequired && !note.trim() && !((spec.action === "note" || spec.action === "supplement") && photos.length > 0) && t(`cases.noteLabel.${spec.note!.kind}`)) ||
      (spec.handler && !handlerId && t("cases.fields.handler")) ||
      (spec.department && !department && t("cases.fields.department")) ||
      (spec.closure && closureKind === "not_responsible" && !referredTo.trim() && t("cases.fields.referredTo")) ||
      (spec.rating && !rating && t("cases.fields.rating")) ||
      (spec.duplicate && !duplicateNumber.trim() && t("cases.form.duplicateNumber"));
    if (missing) {
      Toast.show(t("cases.pleaseFill", { field: missing }));
      return;
    }
    if (uploading) {
      Toast.show(t("cases.photos.wait"));
      return;
    }
    let duplicateOfId: string | undefined;
    if (spec.duplicate) {
      const found = await findCaseByNumber(duplicateNumber).catch(() => undefined);
      if (!found || found.id === c.id) {
        Toast.show(t(found ? "cases.form.duplicateSelf" : "cases.form.duplicateNotFound"));
        return;
      }
      duplicateOfId = found.id;
    }
    await onSubmit({
      note: note.trim() || undefined,
      photoIds: spec.photos ? photoIdsOf(photos) : undefined,
      handlerId: spec.handler ? handlerId : undefined,
      department: spec.department ? department : undefined,
      closureKind: spec.closure ? closureKind : undefined,
      referredTo: spec.closure && closureKind === "not_responsible" ? referredTo.trim() : undefined,
      delayHours: spec.delay ? delayHours : undefined,
      rating: spec.rating ? rating : undefined,
      duplicateOfId,
    }).catch(() => undefined);
  };

  const title = t(actionLabelKey(spec.action, c));
  return (
    <Popup visible onMaskClick={onClose} bodyClassName="m-sheet" data-testid="action-popup">
      <div className="m-sheet-title">{title}</div>
      <Form layout="vertical" className="m-form m-sheet-form">
        {spec.rating && (
          <Form.Item label={t("cases.fields.rating")} required>
            <Selector
              columns={3}
              value={rating ? [rating] : []}
              onChange={(v) => setRating(v[0])}
              options={RATINGS.map((r) => ({ value: r, label: t(`cases.rating.${r}`) }))}
              data-testid="rating"
            />
          </Form.Item>
        )}
        {spec.handler && (
          <Form.Item label={t("cases.fields.handler")} required>
            <Radio.Group value={handlerId} onChange={(v) => setHandlerId(String(v))}>
              <Space direction="vertical" block>
                {(handlers.data ?? []).map((h) => (
                  <Radio key={h.id} value={h.id} block>
                    {h.name} · {t(`roles.${h.role}`, { defaultValue: h.role })} · {h.area}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        {spec.department && (
          <Form.Item label={t("cases.fields.department")} required>
            <Selector
              columns={3}
              value={department ? [department] : []}
              onChange={(v) => setDepartment(v[0])}
              options={DEPARTMENTS.map((d) => ({ value: d.value, label: t(`cases.departments.${d.key}`) }))}
            />
          </Form.Item>
        )}
        {spec.closure && (
          <Form.Item label={t("cases.fields.closure")} required>
            <Selector columns={1} value={[closureKind]} onChange={(v) => v[0] && setClosureKind(v[0])} options={CLOSURES.map((k) => ({ value: k, label: t(`cases.closure.${k}`) }))} />
          </Form.Item>
        )}
        {spec.closure && closureKind === "not_responsible" && (
          <Form.Item label={t("cases.fields.referredTo")} required>
            <Input value={referredTo} onChange={setReferredTo} maxLength={100} placeholder={t("cases.form.referredToPlaceholder")} />
          </Form.Item>
        )}
        {spec.delay && (
          <Form.Item label={t("cases.form.delayHours")} required>
            <Selector
              columns={4}
              value={[delayHours]}
              onChange={(v) => v[0] && setDelayHours(v[0])}
              options={DELAY_CHOICES.map((h) => ({ value: h, label: t("cases.form.hours", { count: h }) }))}
            />
          </Form.Item>
        )}
        {spec.duplicate && (
          <Form.Item label={t("cases.form.duplicateNumber")} description={t("cases.form.duplicateHint")} required>
            <Input value={duplicateNumber} onChange={setDuplicateNumber} placeholder="HK-20260501-0001" clearable />
          </Form.Item>
        )}
        {spec.note && (
          <Form.Item label={t(`cases.noteLabel.${spec.note.kind}`)} required={noteRequired}>
            <TextArea
              value={note}
              onChange={setNote}
              placeholder={t(`cases.notePlaceholder.${spec.note.kind}`)}
              autoSize={{ minRows: 3, maxRows: 6 }}
              maxLength={1000}
              showCount
              data-testid="action-text"
            />
          </Form.Item>
        )}
        {spec.photos && (
          <Form.Item label={spec.action === "handle" ? t("cases.fields.resultPhotos") : t("cases.fields.photos")}>
            <MobilePhotoUploader value={photos} onChange={setPhotos} onBusyChange={setUploading} />
          </Form.Item>
        )}
      </Form>
      <div className="m-sheet-foot m-sheet-foot-row">
        <Button block size="large" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button block size="large" color={spec.tone === "danger" ? "danger" : "primary"} loading={pending} onClick={() => void submit()} data-testid="action-submit">
          {title}
        </Button>
      </div>
    </Popup>
  );
}
