import { Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { statusColour } from "./case-status";
import type { CaseStatus } from "./types";

const PHONE_COLOURS = {
  default: "default",
  processing: "#1677ff",
  warning: "warning",
  success: "success",
  error: "danger",
  purple: "#722ed1",
} as const;

export function MobileStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PHONE_COLOURS[statusColour(status)]} fill="outline" data-testid="status-tag">
      {t(`cases.status.${status}`)}
    </Tag>
  );
}
