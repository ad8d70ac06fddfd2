import { Input, Tag, TextArea } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { isFailedAnswer, type AnswerValue } from "./checklist-rules";
import { MobilePhotoPicker, type LocalPhoto } from "./mobile-photo-picker";
import type { ChecklistItem } from "./types";
import "./patrols.css";

interface Props {
  item: ChecklistItem;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  photos: LocalPhoto[];
  onPhotos: (photos: LocalPhoto[]) => void;
  missing: boolean;
}

/** A row of choice buttons; the selected one is filled, tapping it again clears a non-required item. */
function Choices<T extends AnswerValue>({ options, value, onChange, testId }: { options: Array<{ value: T; label: string; bad?: boolean }>; value: AnswerValue | undefined; onChange: (v: T) => void; testId: string }) {
  return (
    <div className="p-choices">
      {options.map((o) => (
        <button
          type="button"
          key={String(o.value)}
          className={`p-choice${value === o.value ? (o.bad ? " p-choice-bad" : " p-choice-on") : ""}`}
          onClick={() => onChange(o.value)}
          data-testid={`${testId}-${String(o.value)}`}
          aria-pressed={value === o.value}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/**
 * One checklist item on the phone: yes/no and choices as buttons (with 不适用 for items that need no
 * answer), numbers and text as fields, photo items as photos. A failed answer turns the row red and
 * asks for evidence photos; an item that opens a case says so.
 */
export function MobileChecklistItem({ item, value, onChange, photos, onPhotos, missing }: Props) {
  const { t } = useTranslation();
  const failed = isFailedAnswer(item, value);
  const fw = item.failWhen as { equals?: boolean; in?: string[] } | null;
  const testId = `item-${item.seq}`;
  const na = !item.required && item.type !== "text" && item.type !== "photo" && item.type !== "number" ? [{ value: null, label: t("patrols.form.na") }] : [];
  return (
    <div className={`p-item${failed ? " p-item-failed" : ""}${missing ? " p-item-missing" : ""}`} data-testid={testId} data-failed={failed}>
      <div className="p-item-label">
        <span>
          {item.seq}. {item.label}
          {item.required && <span className="p-required">*</span>}
        </span>
        {failed && (
          <Tag color="danger" fill="solid">
            {t("patrols.form.failed")}
          </Tag>
        )}
      </div>
      {item.type === "yes_no" && (
        <Choices
          testId={testId}
          value={value}
          onChange={onChange}
          options={[{ value: true, label: t("patrols.form.yes"), bad: fw?.equals === true }, { value: false, label: t("patrols.form.no"), bad: fw?.equals === false }, ...na]}
        />
      )}
      {item.type === "choice" && (
        <Choices testId={testId} value={value} onChange={onChange} options={[...(item.options ?? []).map((o) => ({ value: o, label: o, bad: fw?.in?.includes(o) })), ...na]} />
      )}
      {item.type === "number" && (
        <Input
          type="number"
          inputMode="decimal"
          className="p-input"
          placeholder={t("patrols.form.number")}
          value={typeof value === "number" ? String(value) : ""}
          onChange={(v) => onChange(v.trim() === "" || Number.isNaN(Number(v)) ? null : Number(v))}
          data-testid={`${testId}-input`}
        />
      )}
      {item.type === "text" && (
        <TextArea
          className="p-input"
          placeholder={t("patrols.form.text")}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          value={typeof value === "string" ? value : ""}
          onChange={(v) => onChange(v)}
          data-testid={`${testId}-input`}
        />
      )}
      {item.type === "photo" && <MobilePhotoPicker value={photos} onChange={onPhotos} testId={`${testId}-photos`} />}
      {failed && (
        <div className="p-item-evidence">
          <div className="p-muted">{item.opensCase ? t("patrols.form.opensCase") : t("patrols.form.evidence")}</div>
          <MobilePhotoPicker value={photos} onChange={onPhotos} testId={`${testId}-photos`} />
        </div>
      )}
      {missing && <div className="p-item-missing-text">{t("patrols.form.required")}</div>}
    </div>
  );
}
