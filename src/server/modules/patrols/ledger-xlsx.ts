import ExcelJS from "exceljs";
import type { MonthlyLedger } from "../../../contracts/patrols";
import { monthRange } from "./periods";

/** The columns a street office expects in a patrol ledger (签字 left empty for signing on paper). */
const COLUMNS: Array<{ header: string; width: number }> = [
  { header: "序号", width: 6 },
  { header: "巡查日期", width: 12 },
  { header: "对象", width: 24 },
  { header: "地址", width: 24 },
  { header: "网格", width: 14 },
  { header: "巡查人", width: 14 },
  { header: "检查项目结果", width: 50 },
  { header: "发现问题", width: 28 },
  { header: "处置情况/关联事件编号", width: 24 },
  { header: "照片数", width: 8 },
  { header: "签字", width: 12 },
];
const LAST = COLUMNS.length;
const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTER = { vertical: "middle" as const, horizontal: "center" as const, wrapText: true };
const LEFT = { vertical: "middle" as const, horizontal: "left" as const, wrapText: true };

/** Excel forbids some characters in sheet names and allows 31 characters. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").slice(0, 28) || "网格";
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}(${i})`;
  used.add(n);
  return n;
}

/**
 * Renders the monthly ledger as an .xlsx workbook: one sheet per grid, a title row
 * ("XX社区 2024年7月 消防安全巡查台账"), Chinese headers, bordered rows that print on A4 landscape
 * with the header repeated, a totals row and a line for the preparer's and reviewer's signatures.
 */
export async function renderLedgerXlsx(ledger: MonthlyLedger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "邻里";
  wb.created = new Date();
  const used = new Set<string>();
  const range = monthRange(ledger.month);
  for (const s of ledger.sheets) {
    const ws = wb.addWorksheet(sheetName(s.name, used), {
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:3" },
      views: [{ state: "frozen", ySplit: 3 }],
    });
    // Column styles reach every cell a row adds: borders and wrapping for the whole table.
    ws.columns = COLUMNS.map((c, i) => ({ width: c.width, style: { border: BORDER, alignment: i === 0 || i === 1 || i === 9 ? CENTER : LEFT } }));

    ws.mergeCells(1, 1, 1, LAST);
    const title = ws.getCell(1, 1);
    title.value = ledger.title;
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: "center", vertical: "middle" };
    ws.getRow(1).height = 30;

    ws.mergeCells(2, 1, 2, LAST);
    const sub = ws.getCell(2, 1);
    sub.value = `网格：${s.name}　　统计期间：${range.start} 至 ${range.end}　　应巡 ${s.totals.due} 次　实巡 ${s.totals.visits} 次`;
    sub.alignment = { horizontal: "left", vertical: "middle" };

    const head = ws.getRow(3);
    COLUMNS.forEach((c, i) => {
      const cell = head.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
    });
    head.height = 22;

    for (const r of s.rows) {
      const row = ws.addRow([r.seq, r.date, r.target, r.address, r.grid, r.inspector, r.results, r.findings, r.handling, r.photoCount, ""]);
      // Room for the wrapped results and to sign by hand.
      row.height = Math.max(30, Math.min(120, 15 * Math.ceil(r.results.length / 28)));
    }

    const total = ws.addRow([
      "合计",
      `应巡 ${s.totals.due} 次，实巡 ${s.totals.visits} 次，逾期未巡 ${s.totals.missed} 次，发现问题 ${s.totals.findings} 项，转为事件 ${s.totals.cases} 件`,
      "", "", "", "", "", "", "",
      s.rows.reduce((n, r) => n + r.photoCount, 0),
      "",
    ]);
    ws.mergeCells(total.number, 2, total.number, LAST - 2);
    total.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.font = { bold: true };
      cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    });
    total.height = 24;

    const sign = ws.addRow(["填表人：", "", "", "审核人：", "", "", "社区（盖章）：", "", "日期：", "", ""]);
    sign.height = 30;
    for (const r of [ws.getRow(1), ws.getRow(2), sign]) r.eachCell({ includeEmpty: true }, (cell) => (cell.border = {}));
    sign.eachCell((cell) => (cell.alignment = { vertical: "bottom", horizontal: "left" }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
