import { Tag } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";

/**
 * What a work report's drill-down puts in a list page's address (`/party?tab=members&from=…`):
 * the report's area and period and the date the period applies to (`dated`), besides the list's own
 * filters. A page applies the period when `dated` names one of its dates, and shows it as a chip
 * the user can close to see the whole list again.
 */
export type ReportDrill = { from: string; to: string; areaId?: string; dated?: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The address keys a drill-down adds; closing the chip removes them (the tab stays). */
const DRILL_KEYS = ["from", "to", "areaId", "dated", "roll", "outcome", "status", "stage", "kind", "recheck", "targetKind"];

/** The drill-down in the address, or null when the page was opened otherwise; `clear` drops it. */
export function useReportDrill(): { drill: ReportDrill | null; clear: () => void } {
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const drill = DAY.test(from) && DAY.test(to) && from <= to ? { from, to, areaId: params.get("areaId") ?? undefined, dated: params.get("dated") ?? undefined } : null;
  const clear = () =>
    setParams(
      (p) => {
        for (const k of DRILL_KEYS) p.delete(k);
        return p;
      },
      { replace: true },
    );
  return { drill, clear };
}

/** The chip "报表期间 2024-01-01 至 2024-12-31 · 按下达日期" above a drilled list; closing it shows the whole list. */
export function DrillChip({ drill, detail, onClear }: { drill: ReportDrill; detail?: string; onClear: () => void }) {
  const { t } = useTranslation();
  const how = drill.dated ? t(`reports.drill.dated.${drill.dated}`, { defaultValue: "" }) : "";
  return (
    <Tag
      color="blue"
      closable
      onClose={(e) => {
        e.preventDefault();
        onClear();
      }}
      style={{ marginBottom: 12 }}
      data-testid="drill-period"
    >
      {t("reports.drill.period", { from: drill.from, to: drill.to })}
      {how ? ` · ${how}` : ""}
      {detail ? ` · ${detail}` : ""}
    </Tag>
  );
}
