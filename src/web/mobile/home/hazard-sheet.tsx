import { useEffect, useState } from "react";
import { Button, Popup, TextArea, Toast } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useCurrentPosition } from "../../features/cases/use-current-position";
import { useReportCase } from "../../features/cases/use-report-case";
import { caseErrorMessage } from "../../features/cases/case-error";
import type { LngLat } from "../../lib/map-crs";

/** Hazards a rider meets on the road: case categories, preset so that a report takes three taps. */
const PRESETS = ["fire_hazard", "public_safety", "road", "billboard"] as const;
type Preset = (typeof PRESETS)[number];

/**
 * 上报隐患 in three taps: the big button opens this sheet (and asks for the position at once), a
 * tap picks the kind, a tap sends it with the position. A note is optional; without a position the
 * report goes without one, and the sheet says so.
 */
export function HazardSheet({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { locating, locate } = useCurrentPosition();
  const [at, setAt] = useState<LngLat | null>(null);
  const [failed, setFailed] = useState(false);
  const [preset, setPreset] = useState<Preset | null>(null);
  const [note, setNote] = useState("");
  const report = useReportCase();

  useEffect(() => {
    if (!visible) return;
    setPreset(null);
    setNote("");
    setFailed(false);
    locate(
      (p) => setAt(p),
      () => setFailed(true),
    );
  }, [visible]);

  const submit = () => {
    if (!preset) return;
    const category = t(`riderHome.presets.${preset}`);
    report.mutate(
      { categoryCode: preset, description: note.trim() || t("riderHome.hazardDefault", { category }), ...(at ? { location: at } : {}) },
      {
        onSuccess: (r) => {
          Toast.show({ icon: "success", content: t("riderHome.hazardDone", { number: r.number }) });
          onClose();
          navigate(`/report/done/${r.id}`);
        },
        onError: (err) => Toast.show({ icon: "fail", content: caseErrorMessage(err, t), duration: 3000 }),
      },
    );
  };

  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="m-sheet" destroyOnClose>
      <div className="m-sheet-title">{t("riderHome.hazardTitle")}</div>
      <div className="rh-hazard" data-testid="hazard-sheet">
        <div className="rh-hazard-label">{t("riderHome.hazardPick")}</div>
        <div className="rh-presets">
          {PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              className={preset === p ? "rh-preset rh-preset-on" : "rh-preset"}
              onClick={() => setPreset(p)}
              aria-pressed={preset === p}
              data-testid={`hazard-${p}`}
            >
              {t(`riderHome.presets.${p}`)}
            </button>
          ))}
        </div>
        <div className="rh-hazard-label">{t("riderHome.hazardPlace")}</div>
        <div className="rh-hazard-place" data-testid="hazard-place">
          {at ? `${t("riderHome.hazardHereNoAddress")} · ${at[1].toFixed(5)}, ${at[0].toFixed(5)}` : locating ? t("riderHome.hazardLocating") : failed ? t("riderHome.hazardNoPosition") : t("riderHome.hazardLocating")}
        </div>
        <TextArea value={note} onChange={setNote} placeholder={t("riderHome.hazardNote")} autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
      </div>
      <div className="m-sheet-foot m-sheet-foot-row">
        <Button block size="large" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button block size="large" color="danger" disabled={!preset} loading={report.isPending} onClick={submit} data-testid="hazard-submit">
          {t("riderHome.hazardSubmit")}
        </Button>
      </div>
    </Popup>
  );
}
