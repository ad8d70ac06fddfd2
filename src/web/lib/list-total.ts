import type { TFunction } from "i18next";
import { formatNumber } from "./format";

/** The `listTotal` fields of a list reply. */
export interface ListTotal {
  total: number;
  totalCapped?: boolean;
}

/** "共 1,234 条", or "共 1,000+ 条" when the server stopped counting at its cap. */
export function totalText(t: TFunction, list: ListTotal | undefined): string {
  if (!list) return "";
  return t(list.totalCapped ? "common.totalMore" : "common.total", { n: formatNumber(list.total) });
}

/** The total as a number with "+" when capped, for "已显示 30 / 1,000+ 条". */
export function totalFigure(list: ListTotal): string {
  return `${formatNumber(list.total)}${list.totalCapped ? "+" : ""}`;
}

/** "共 N 条", or "已显示 100 / N 条" when the list holds more than the rows loaded. */
export function shownText(t: TFunction, list: (ListTotal & { items: unknown[] }) | undefined): string {
  if (!list) return "";
  return list.total > list.items.length ? t("common.shownOfTotal", { shown: list.items.length, total: totalFigure(list) }) : totalText(t, list);
}
