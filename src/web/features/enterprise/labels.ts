import type { TFunction } from "i18next";
import { CULTIVATION_STAGE_VALUES } from "../../../contracts/enterprise";

/** Tag colours of the 入库 stages and need states. */
export const STAGE_COLOR: Record<(typeof CULTIVATION_STAGE_VALUES)[number], string> = {
  candidate: "default",
  coached: "blue",
  documents: "cyan",
  declared: "gold",
  accepted: "green",
  rejected: "red",
};
/** The step that follows each stage of the pipeline (declared ends in accepted or rejected). */
export const NEXT_STAGE: Record<string, Array<"coached" | "documents" | "declared" | "accepted" | "rejected">> = {
  candidate: ["coached"],
  coached: ["documents"],
  documents: ["declared"],
  declared: ["accepted", "rejected"],
};

/** An industry: the register's codes by name, anything typed by staff as it is. */
export function industryName(t: TFunction, industry: string | null): string {
  if (!industry) return "—";
  return /^[a-z_]+$/.test(industry) ? t(`enterprise.industry.${industry}`, { defaultValue: industry }) : industry;
}
