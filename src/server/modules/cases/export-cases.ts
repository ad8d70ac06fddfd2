import ExcelJS from "exceljs";
import type { AuthUser } from "../../platform/context";
import type { DbOrTx } from "../../db/client";
import type { CaseListQuery } from "../../../contracts/cases";
import { localDateTime } from "../../platform/clock";
import { presentSummary } from "./present-case";
import { selectCasePage } from "./queries";
import { CHANNEL_NAMES, CLOSURE_NAMES, STATUS_NAMES } from "./labels";

export const EXPORT_MAX_ROWS = 50_000;
const LEVEL_NAMES: Record<string, string> = { grid: "网格", community: "社区", street: "街道", department: "职能部门" };
const TIMER_NAMES: Record<string, string> = { normal: "正常", yellow: "临期", red: "超时" };

/** The filtered case list as an .xlsx workbook with Chinese headers; no personal data. */
export async function exportCases(db: DbOrTx, user: AuthUser, q: CaseListQuery, areaPath: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "邻里";
  const ws = wb.addWorksheet("事件清单", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [
    { header: "事件编号", key: "number", width: 20 },
    { header: "分类", key: "category", width: 14 },
    { header: "描述", key: "description", width: 40 },
    { header: "来源渠道", key: "channel", width: 16 },
    { header: "社区", key: "community", width: 12 },
    { header: "网格", key: "grid", width: 14 },
    { header: "当前层级", key: "level", width: 10 },
    { header: "状态", key: "status", width: 10 },
    { header: "办结类型", key: "closure", width: 16 },
    { header: "处置人", key: "handler", width: 12 },
    { header: "时限状态", key: "timer", width: 10 },
    { header: "上报时间", key: "createdAt", width: 18 },
    { header: "办结时间", key: "closedAt", width: 18 },
    { header: "评价", key: "rating", width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  let cursor: string | undefined;
  let written = 0;
  do {
    const page = await selectCasePage(db, user, { ...q, scope: "all", cursor, limit: 200 }, areaPath);
    for (const r of page.rows) {
      const c = presentSummary(r);
      ws.addRow({
        number: c.number,
        category: c.categoryName,
        description: c.description,
        channel: CHANNEL_NAMES[c.channel] ?? c.channel,
        community: c.community?.name ?? "",
        grid: c.grid?.name ?? "",
        level: LEVEL_NAMES[c.level],
        status: STATUS_NAMES[c.status],
        closure: c.closureKind ? CLOSURE_NAMES[c.closureKind] : "",
        handler: c.handler?.name ?? c.department ?? "",
        timer: TIMER_NAMES[c.timer],
        createdAt: localDateTime(c.createdAt),
        closedAt: localDateTime(c.closedAt),
        rating: c.rating === "satisfied" ? "满意" : c.rating === "basic" ? "基本满意" : c.rating === "unsatisfied" ? "不满意" : "",
      });
      written++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && written < EXPORT_MAX_ROWS);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
