import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { areaRule } from "../../platform/access";
import { PROGRAMME_CHECKS, loadProgramme } from "./programmes";

const COLUMNS: Array<{ header: string; width: number }> = [
  { header: "序号", width: 6 },
  { header: "检查日期", width: 12 },
  { header: "检查对象", width: 26 },
  { header: "地址", width: 26 },
  { header: "网格", width: 14 },
  { header: "检查人", width: 12 },
  { header: "结果", width: 8 },
  { header: "不合格项", width: 34 },
  { header: "参与骑手/志愿者", width: 22 },
  { header: "整改通知书及状态", width: 30 },
  { header: "签字", width: 10 },
];
const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const STATUS = { issued: "整改中", closed: "复查合格", escalated: "已移交部门" } as Record<string, string>;

/**
 * The programme's ledger as .xlsx (A4 landscape, header repeated): one row per check in the period,
 * with its failed items, the riders and volunteers who joined, and the 责令整改 notices it led to.
 */
export async function programmeLedgerXlsx(db: DbOrTx, user: AuthUser, id: string): Promise<{ name: string; buffer: Buffer }> {
  const p = await loadProgramme(db, user, id);
  const rows = rowsOf<{ day: string; place: string; address: string; grid: string | null; inspector: string; failed: string[] | null; companions: string[]; notices: string | null }>(
    await db.execute(sql`
      SELECT to_char(s.filled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, pl2.name AS place, pl2.address,
        (SELECT g.name FROM areas m JOIN areas g ON g.id = CASE WHEN m.level = 'microgrid' THEN m.parent_id ELSE m.id END WHERE m.id = s.area_id) AS grid,
        u.display_name AS inspector,
        (SELECT array_agg(ci.label ORDER BY ci.seq) FROM checklist_items ci WHERE ci.template_id = k.template_id AND s.failures @> jsonb_build_array(ci.id::text)) AS failed,
        s.companions,
        (SELECT string_agg(r.number || ' ' || r.status, '；') FROM rectifications r WHERE r.submission_id = s.id) AS notices
      FROM ${PROGRAMME_CHECKS} JOIN places pl2 ON pl2.id = pp.place_id JOIN users u ON u.id = s.submitted_by
      WHERE pr.id = ${p.id} AND ${areaRule(user, { areaId: sql`s.area_id` })}
      ORDER BY s.filled_at, s.id`),
  );
  const [{ community }] = rowsOf<{ community: string }>(await db.execute(sql`SELECT name AS community FROM areas WHERE id = ${p.communityId}`));
  const title = `${community} ${p.name} 检查台账（${p.startsOn} 至 ${p.endsOn}）`;
  const wb = new ExcelJS.Workbook();
  wb.creator = "邻里";
  const ws = wb.addWorksheet("检查台账", { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" }, views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  const header = ws.getRow(2);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.border = BORDER;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  let passed = 0;
  rows.forEach((r, i) => {
    const ok = !r.failed || r.failed.length === 0;
    if (ok) passed++;
    const notices = r.notices ? r.notices.replace(/ (issued|closed|escalated)/g, (_, s: string) => `（${STATUS[s]}）`) : "";
    const row = ws.addRow([i + 1, r.day, r.place, r.address, r.grid ?? "", r.inspector, ok ? "合格" : "不合格", (r.failed ?? []).join("；"), (r.companions ?? []).join("、"), notices, ""]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { vertical: "middle", wrapText: true };
    });
  });
  const total = ws.addRow([`合计：检查 ${rows.length} 次，合格 ${passed} 次，骑手/志愿者参与 ${rows.filter((r) => (r.companions ?? []).length > 0).length} 次`]);
  ws.mergeCells(total.number, 1, total.number, COLUMNS.length);
  ws.addRow([]);
  ws.addRow(["填表人：", "", "", "审核人：", "", "", "日期："]);
  return { name: `${title}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
