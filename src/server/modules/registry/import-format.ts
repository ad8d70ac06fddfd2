import type ExcelJS from "exceljs";
import { localDayOfDate } from "../../platform/clock";

/** The columns of the people template, in order; `*` marks the required ones. */
export const COLUMNS = [
  { key: "name", header: "姓名", required: true, note: "必填" },
  { key: "idNumber", header: "身份证号", required: true, note: "必填，18位，文本格式，末位可为X" },
  { key: "phone", header: "手机号", required: false, note: "11位手机号" },
  { key: "compound", header: "小区", required: true, note: "必填，与系统中的小区名称一致" },
  { key: "building", header: "楼栋", required: true, note: "必填，如 3栋" },
  { key: "unit", header: "单元", required: false, note: "数字，默认1" },
  { key: "room", header: "房号", required: true, note: "必填，如 502" },
  { key: "relation", header: "与户主关系", required: true, note: "户主/配偶/子女/父母/孙子女/兄弟姐妹/其他" },
  { key: "residence", header: "居住类型", required: false, note: "户籍/常住/流动，默认户籍" },
  { key: "movedInOn", header: "入住日期", required: false, note: "如 2024-03-01" },
  { key: "tags", header: "标签", required: false, note: "多个用、分隔，如 独居老人、残疾人" },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]["key"];
export const NOTES_MARK = "【填写说明】";
export const MAX_ROWS = 50_000;

export const RELATION_OF: Record<string, "head" | "spouse" | "child" | "parent" | "grandchild" | "sibling" | "other"> = {
  户主: "head",
  本人: "head",
  配偶: "spouse",
  子女: "child",
  儿子: "child",
  女儿: "child",
  父母: "parent",
  父亲: "parent",
  母亲: "parent",
  孙子女: "grandchild",
  兄弟姐妹: "sibling",
  其他: "other",
};
export const RESIDENCE_OF: Record<string, "registered" | "resident" | "floating"> = { 户籍: "registered", 常住: "resident", 流动: "floating" }; // not a role

/** The plain text of a cell; formulas are refused rather than trusted, rich text is flattened. */
export function cellText(cell: ExcelJS.Cell): { text: string; error?: string } {
  const v = cell.value;
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "string") return { text: v.trim() };
  if (typeof v === "number") return { text: String(v), error: Number.isSafeInteger(v) ? undefined : "number_too_long" };
  if (typeof v === "boolean") return { text: v ? "是" : "否" };
  if (v instanceof Date) return { text: localDayOfDate(v) };
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) return { text: "", error: "formula" };
    if ("richText" in v) return { text: v.richText.map((r) => r.text).join("").trim() };
    if ("text" in v && typeof (v as { text: unknown }).text === "string") return { text: String((v as { text: string }).text).trim() };
    if ("error" in v) return { text: "", error: "cell_error" };
  }
  return { text: String(v).trim() };
}
