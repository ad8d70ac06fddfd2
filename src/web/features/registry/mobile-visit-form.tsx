import { useState } from "react";
import { Button, ErrorBlock, Form, Selector, Skeleton, TextArea, Toast, type ImageUploadItem } from "antd-mobile";
import { useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { VISIT_OUTCOME_VALUES as OUTCOMES, type VisitOutcome } from "../../../contracts/patrols";
import { errorMessage } from "../../lib/error-message";
import { MobilePhotoUploader, photoIdsOf } from "../cases/mobile-photo-uploader";
import { useHousehold, useRecordVisit } from "./use-registry";
import "./registry.css";

const WHOLE = "__household";

/** 记录走访: who was visited (the household or one member), what was found, photos from the phone. */
export function MobileVisitForm({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const household = useHousehold(householdId);
  const record = useRecordVisit();
  const [who, setWho] = useState(WHOLE);
  const [notes, setNotes] = useState("");
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [touched, setTouched] = useState(false);
  const [outcome, setOutcome] = useState<VisitOutcome>("visited");
  const client = useQueryClient();
  // Only a visit that took place needs its findings written; otherwise the outcome is the note.
  const notesNeeded = outcome === "visited";

  if (household.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (household.isError) return <ErrorBlock status="default" title={errorMessage(household.error, t)} description="" />;
  const members = household.data.people.filter((p) => p.status === "active");

  const submit = () => {
    setTouched(true);
    if (notesNeeded && !notes.trim()) return;
    record.mutate(
      { householdId, personId: who === WHOLE ? undefined : who, notes: notes.trim() || t(`registry.visits.outcomes.${outcome}`), photoIds: photoIdsOf(photos), outcome },
      {
        onSuccess: (reply) => {
          // One visit is one record: the household's patrol task changed with it.
          void client.invalidateQueries({ queryKey: ["patrols"] });
          const retryOn = (reply as { retryOn?: string | null }).retryOn;
          Toast.show({
            icon: "success",
            content: retryOn ? t("registry.visits.retryOn", { day: t("patrols.day.monthDay", { m: Number(retryOn.slice(5, 7)), d: Number(retryOn.slice(8, 10)) }) }) : t("registry.visits.saved"),
          });
          navigate(`/registry/households/${householdId}`, { replace: true });
        },
        onError: (err) => Toast.show({ icon: "fail", content: errorMessage(err, t), duration: 3000 }),
      },
    );
  };

  return (
    <>
      <section className="m-card">
        <div className="m-card-title">{household.data.address}</div>
      </section>
      <Form layout="vertical" className="m-form" data-testid="visit-form">
        <Form.Item label={t("registry.visits.outcome")}>
          <Selector
            columns={4}
            value={[outcome]}
            onChange={(v) => v[0] && setOutcome(v[0])}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`registry.visits.outcomes.${o}`) }))}
            data-testid="visit-outcome"
          />
        </Form.Item>
        <Form.Item label={t("registry.visits.person")}>
          <Selector
            columns={3}
            value={[who]}
            onChange={(v) => v[0] && setWho(v[0])}
            options={[{ value: WHOLE, label: t("registry.visits.wholeHousehold") }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
            data-testid="visit-person"
          />
        </Form.Item>
        <Form.Item label={t("registry.visits.notes")} required={notesNeeded} className={touched && notesNeeded && !notes.trim() ? "m-form-missing" : undefined}>
          <TextArea placeholder={t("registry.visits.notesPlaceholder")} value={notes} onChange={setNotes} autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount data-testid="visit-notes" />
          {touched && notesNeeded && !notes.trim() && <div className="m-text-red">{t("registry.visits.notesRule")}</div>}
        </Form.Item>
        <Form.Item label={t("registry.visits.photos")}>
          <MobilePhotoUploader value={photos} onChange={setPhotos} onBusyChange={setUploading} />
        </Form.Item>
      </Form>
      <div className="m-form-submit">
        <Button block color="primary" size="large" disabled={uploading} loading={record.isPending} onClick={submit} data-testid="visit-submit">
          {t("registry.visits.submit")}
        </Button>
      </div>
    </>
  );
}
