import { useState } from "react";
import { Button, ErrorBlock, Form, Selector, Skeleton, Switch, TextArea, Toast, type ImageUploadItem } from "antd-mobile";
import { useTranslation } from "react-i18next";
import type { SessionUser } from "../../../contracts/auth";
import { errorMessage } from "../../lib/error-message";
import { isStaffRole } from "../../lib/roles";
import { caseErrorMessage } from "./case-error";
import { MobilePhotoUploader, photoIdsOf } from "./mobile-photo-uploader";
import { MobilePlaceField } from "./mobile-place-field";
import { MobileSimilarPopup } from "./mobile-similar-popup";
import { useCategories } from "./use-categories";
import { useReportCase, type ReportReply } from "./use-report-case";
import { fetchSimilarCases } from "./use-similar-cases";
import type { LngLat, PublicCase } from "./types";

interface Props {
  user: SessionUser;
  onReported: (reply: ReportReply) => void;
  /** The user chose an existing case instead of reporting the same problem again. */
  onFollow: (existing: PublicCase) => void;
}

/**
 * 我要上报 / 随手拍 / 上报事件: category, description, photos, place, anonymity. Before sending, the
 * same category within 100 m is looked up and offered instead of a duplicate.
 */
export function MobileReportForm({ user, onReported, onFollow }: Props) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const [categoryCode, setCategoryCode] = useState<string>();
  const [description, setDescription] = useState("");
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [location, setLocation] = useState<LngLat | null>(null);
  const [address, setAddress] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [similar, setSimilar] = useState<PublicCase[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [retrying, setRetrying] = useState(0);
  const [touched, setTouched] = useState(false);
  const report = useReportCase({ onRetry: setRetrying });
  // Staff report what they found on patrol, under their own name (the channel is set by the server).
  const canBeAnonymous = !isStaffRole(user.role);

  const submit = () => {
    setRetrying(0);
    report.mutate(
      {
        categoryCode: categoryCode!,
        description: description.trim(),
        location: location ?? undefined,
        address: address.trim() || undefined,
        photoIds: photoIdsOf(photos),
        anonymous: canBeAnonymous && anonymous,
      },
      {
        onSuccess: onReported,
        onError: (err) => Toast.show({ icon: "fail", content: caseErrorMessage(err, t), duration: 3000 }),
      },
    );
  };

  const check = async () => {
    setTouched(true);
    if (!categoryCode || !description.trim()) {
      Toast.show(t(!categoryCode ? "cases.report.categoryRequired" : "cases.report.descriptionRequired"));
      return;
    }
    if (uploading) {
      Toast.show(t("cases.photos.wait"));
      return;
    }
    if (location) {
      setChecking(true);
      try {
        const found = await fetchSimilarCases(location, categoryCode);
        if (found.length > 0) {
          setSimilar(found);
          return;
        }
      } catch {
        // The suggestion is a courtesy: without it the report still goes.
      } finally {
        setChecking(false);
      }
    }
    submit();
  };

  if (categories.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (categories.isError)
    return (
      <ErrorBlock status="disconnected" title={errorMessage(categories.error, t)} description="">
        <Button color="primary" onClick={() => void categories.refetch()}>
          {t("common.retry")}
        </Button>
      </ErrorBlock>
    );

  return (
    <>
      <Form layout="vertical" className="m-form" data-testid="report-form">
        <Form.Item label={t("cases.fields.category")} required className={touched && !categoryCode ? "m-form-missing" : undefined}>
          <Selector
            columns={3}
            value={categoryCode ? [categoryCode] : []}
            onChange={(v) => setCategoryCode(v[0])}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: i18n.language === "en" ? c.nameEn : c.name }))}
            data-testid="category"
          />
        </Form.Item>
        <Form.Item label={t("cases.fields.description")} required className={touched && !description.trim() ? "m-form-missing" : undefined}>
          <TextArea
            placeholder={t("cases.report.descriptionPlaceholder")}
            value={description}
            onChange={setDescription}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={500}
            showCount
            data-testid="description"
          />
        </Form.Item>
        <Form.Item label={t("cases.fields.photos")} description={t("cases.photos.hint")}>
          <MobilePhotoUploader value={photos} onChange={setPhotos} onBusyChange={setUploading} />
        </Form.Item>
        <Form.Item label={t("cases.fields.place")}>
          <MobilePlaceField user={user} value={location} onChange={setLocation} address={address} onAddressChange={setAddress} />
        </Form.Item>
        {canBeAnonymous && (
          <Form.Item label={t("cases.report.anonymous")} description={t("cases.report.anonymousHint")} childElementPosition="right" layout="horizontal">
            <Switch checked={anonymous} onChange={setAnonymous} data-testid="anonymous" />
          </Form.Item>
        )}
      </Form>
      <div className="m-form-submit">
        {retrying > 0 && report.isPending && <div className="m-retrying">{t("cases.report.retrying", { attempt: retrying })}</div>}
        <Button block color="primary" size="large" loading={checking || report.isPending} loadingText={t("cases.report.submitting")} onClick={check} data-testid="report-submit">
          {t("cases.report.submit")}
        </Button>
      </div>
      <MobileSimilarPopup
        items={similar}
        onClose={() => setSimilar(null)}
        onFollow={(c) => {
          setSimilar(null);
          onFollow(c);
        }}
        onSubmitAnyway={() => {
          setSimilar(null);
          submit();
        }}
      />
    </>
  );
}
