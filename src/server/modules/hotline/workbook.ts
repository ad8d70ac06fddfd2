import ExcelJS from "exceljs";
import { AppError } from "../../platform/errors";
import { hotlineOrderInput, HOTLINE_BATCH_MAX } from "../../../contracts/hotline";
import { cellText, NOTES_MARK } from "../registry/import-format";
import { readSheet } from "../registry/import-people";
import type { OrderRow } from "./import-orders";

/** The columns of the 12345 workbook (工单导入模板), found by header; `required` ones must be there. */
export const HOTLINE_COLUMNS = [
  { key: "orderNumber", header: "工单编号", required: true, note: "必填，字母、数字、-、_" },
  { key: "deadline", header: "办结时限", required: true, note: "必填，如 2025-03-20 18:00（北京时间）；只写日期为当日 24 时前" },
  { key: "callerName", header: "来电人", required: false, note: "" },
  { key: "callerPhone", header: "来电号码", required: false, note: "加密保存，界面中脱敏显示" },
  { key: "content", header: "诉求内容", required: true, note: "必填" },
  { key: "address", header: "地址", required: false, note: "" },
  { key: "category", header: "事件分类", required: false, note: "分类名称或代码，默认“其他”" },
  { key: "lng", header: "经度", required: false, note: "WGS-84" },
  { key: "lat", header: "纬度", required: false, note: "WGS-84" },
  { key: "community", header: "社区", required: false, note: "无经纬度时填写社区名称" },
] as const;
type Key = (typeof HOTLINE_COLUMNS)[number]["key"];

/** The empty workbook with its headers and a notes row, for offices without an interface. */
export async function hotlineTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("12345工单");
  ws.addRow(HOTLINE_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)));
  ws.addRow(HOTLINE_COLUMNS.map((c, i) => (i === 0 ? `${NOTES_MARK}${c.note}` : c.note)));
  ws.columns.forEach((col) => (col.width = 18));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Beijing wall-clock text ("2025-03-20 18:00", "2025/3/20", "2025-03-20") or an ISO instant with offset → ISO instant. */
export function deadlineOf(text: string, cell: unknown): string | null {
  if (cell instanceof Date) {
    // Excel keeps no time zone: the cell's wall-clock time is read as Beijing time. A bare date is that day's end.
    const wall = cell.getTime();
    const midnight = wall % 86_400_000 === 0;
    return new Date(wall - 8 * 3_600_000 + (midnight ? 86_399_000 : 0)).toISOString();
  }
  const iso = hotlineOrderInput.shape.deadline.safeParse(text);
  if (iso.success) return iso.data;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const pad = (v: string | undefined, fallback: string) => (v ?? fallback).padStart(2, "0");
  const local = h ? `${y}-${pad(mo, "1")}-${pad(d, "1")}T${pad(h, "0")}:${pad(mi, "0")}:${pad(s, "0")}+08:00` : `${y}-${pad(mo, "1")}-${pad(d, "1")}T23:59:59+08:00`;
  const t = Date.parse(local);
  if (!Number.isFinite(t)) return null;
  // "2025-02-30" rolls over in Date.parse: refuse it.
  const back = new Date(t + 8 * 3_600_000).toISOString();
  if (back.slice(0, 10) !== `${y}-${pad(mo, "1")}-${pad(d, "1")}`) return null;
  return new Date(t).toISOString();
}

/**
 * The rows of an uploaded workbook as orders: each row's cells read as text (formulas refused), the
 * category given by name or code, the deadline read as Beijing time, then checked with the same
 * schema as the JSON interface. A malformed row carries its errors; the import then writes nothing.
 */
export async function readHotlineWorkbook(bytes: Buffer, categoryCodes: Map<string, string>): Promise<OrderRow[]> {
  const ws = await readSheet(bytes);
  const colOf = new Map<Key, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = cellText(cell).text.replace(/[*＊\s]/g, "");
    const c = HOTLINE_COLUMNS.find((x) => x.header === h);
    if (c) colOf.set(c.key, col);
  });
  const missing = HOTLINE_COLUMNS.filter((c) => c.required && !colOf.has(c.key)).map((c) => c.header);
  if (missing.length) throw new AppError("VALIDATION_FAILED", missing.map((h) => ({ path: "/file", message: `缺少必填列“${h}”` })));
  const rows: OrderRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const v = {} as Record<Key, string>;
    const errors: string[] = [];
    let deadlineCell: unknown = null;
    for (const c of HOTLINE_COLUMNS) {
      const col = colOf.get(c.key);
      if (!col) {
        v[c.key] = "";
        continue;
      }
      const cell = row.getCell(col);
      const { text, error } = cellText(cell);
      v[c.key] = text;
      if (c.key === "deadline") deadlineCell = cell.value;
      // Coordinates are decimals: the registry's "number too long" rule is about ID numbers and phones.
      if (error && !(error === "number_too_long" && (c.key === "lng" || c.key === "lat"))) errors.push(`${c.header}：${error === "formula" ? "含公式，请粘贴为数值" : "单元格内容无法读取"}`);
    }
    if (Object.values(v).some((x) => x.startsWith(NOTES_MARK))) continue;
    if (rows.length >= HOTLINE_BATCH_MAX) throw new AppError("VALIDATION_FAILED", [{ path: "/file", message: `数据超过 ${HOTLINE_BATCH_MAX} 行，请分批导入` }]);
    const deadline = v.deadline ? deadlineOf(v.deadline, deadlineCell) : null;
    if (v.deadline && !deadline) errors.push("办结时限：无法识别的时间");
    const category = v.category ? categoryCodes.get(v.category) : undefined;
    if (v.category && !category) errors.push(`事件分类：未知的分类“${v.category}”`);
    const lng = v.lng ? Number(v.lng) : undefined;
    const lat = v.lat ? Number(v.lat) : undefined;
    if ((v.lng || v.lat) && !(v.lng && v.lat)) errors.push("经度和纬度须同时填写");
    const candidate = {
      orderNumber: v.orderNumber,
      deadline: deadline ?? v.deadline,
      ...(v.callerName ? { callerName: v.callerName } : {}),
      ...(v.callerPhone ? { callerPhone: v.callerPhone } : {}),
      content: v.content,
      ...(v.address ? { address: v.address } : {}),
      ...(category ? { categoryCode: category } : {}),
      ...(lng !== undefined && lat !== undefined ? { location: [lng, lat] } : {}),
      ...(v.community ? { community: v.community } : {}),
    };
    const parsed = hotlineOrderInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        const header = HOTLINE_COLUMNS.find((c) => c.key === key)?.header ?? (key === "location" ? "经纬度" : key === "categoryCode" ? "事件分类" : key);
        const msg = `${header}：${issue.code === "too_small" ? "必填" : issue.message}`;
        if (!errors.includes(msg) && !(key === "deadline" && errors.some((e) => e.startsWith("办结时限")))) errors.push(msg);
      }
    }
    rows.push({ row: r, orderNumber: v.orderNumber, input: parsed.success && errors.length === 0 ? parsed.data : null, errors });
  }
  if (rows.length === 0) throw new AppError("VALIDATION_FAILED", [{ path: "/file", message: "文件中没有数据行" }]);
  return rows;
}
