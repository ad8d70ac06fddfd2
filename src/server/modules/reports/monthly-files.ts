import { createRequire } from "node:module";
import fs from "node:fs";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import type { MonthlyReport, ReportFigure } from "../../../contracts/reports";
import type { ReportSection } from "./figure-source";
import { localDateTime } from "../../platform/clock";

/** The sections as a street office names them. */
export const SECTION_NAMES: Record<ReportSection, string> = {
  cases: "事件办理",
  patrols: "巡查台账",
  deliberation: "议事协商",
  partners: "共建共治",
  party: "党建工作",
  enterprise: "企业服务",
  inspections: "检查督导",
  registry: "基本情况",
};

const STATUS_NAMES = { none: "未生成", produced: "已生成，未报送", submitted: "已报送" } as const;

/** "2024年7月" */
export const monthTitle = (ym: string) => `${Number(ym.slice(0, 4))}年${Number(ym.slice(5, 7))}月`;

/** A figure as printed: the number with one decimal at most, "—" when there is none. */
export function printed(v: number | null): string {
  if (v === null) return "—";
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
function change(f: ReportFigure): string {
  if (f.value === null || f.previous === null) return "—";
  const d = Math.round((f.value - f.previous) * 10) / 10;
  return d > 0 ? `+${printed(d)}` : printed(d);
}
const unitOf = (f: ReportFigure) => (f.unit.zh === "%" ? "%" : f.unit.zh);

function titleOf(r: MonthlyReport) {
  return `${r.community.name} ${monthTitle(r.month)} 工作月报`;
}
function statusLine(r: MonthlyReport) {
  const when = r.submittedAt ? `，${localDateTime(r.submittedAt)} 由 ${r.submittedBy ?? ""} 报送` : "";
  return `状态：${STATUS_NAMES[r.status]}${when}`;
}

/** The workbook: 汇总 (every figure with the previous month and the change), a sheet per area of work, 事件分类 and 月度趋势. */
export async function monthlyXlsx(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Linli";
  const header = ["指标", "本月", "上月", "变化", "单位", "口径说明"];
  const sheet = (name: string, title: string) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.addRow([statusLine(r)]);
    ws.columns = [{ width: 34 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 8 }, { width: 60 }];
    return ws;
  };
  const figureRows = (ws: ExcelJS.Worksheet, figures: ReportFigure[]) => {
    ws.addRow(header).font = { bold: true };
    for (const f of figures) ws.addRow([f.label.zh, f.value, f.previous, change(f), unitOf(f), f.definition.zh]);
  };

  const summary = sheet("汇总", titleOf(r));
  for (const s of r.sections) {
    summary.addRow([]);
    summary.addRow([SECTION_NAMES[s.section]]).font = { bold: true };
    figureRows(summary, s.figures);
  }
  for (const s of r.sections) {
    const ws = sheet(SECTION_NAMES[s.section], `${titleOf(r)} · ${SECTION_NAMES[s.section]}`);
    figureRows(ws, s.figures);
  }
  const cats = sheet("事件分类", `${titleOf(r)} · 事件分类`);
  cats.addRow(["分类", "上报", "已解决"]).font = { bold: true };
  for (const c of r.charts.categories) cats.addRow([c.name, c.count, c.resolved]);
  cats.addRow(["合计", r.charts.categories.reduce((a, c) => a + c.count, 0), r.charts.categories.reduce((a, c) => a + c.resolved, 0)]).font = { bold: true };
  const trend = sheet("月度趋势", `${titleOf(r)} · 近十二个月事件趋势`);
  trend.addRow(["月份", "上报", "办结"]).font = { bold: true };
  for (const m of r.charts.monthly) trend.addRow([m.month, m.reported, m.closed]);
  trend.addRow(["合计", r.charts.monthly.reduce((a, m) => a + m.reported, 0), r.charts.monthly.reduce((a, m) => a + m.closed, 0)]).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- PDF

const require = createRequire(import.meta.url);
let fontData: Buffer | null = null;
/** Noto Sans SC from its npm package, read once; pdfkit embeds the subset of glyphs a report uses. */
function chineseFont(): Buffer {
  fontData ??= fs.readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"));
  return fontData;
}

const A4 = { w: 595.28, h: 841.89 };
const M = 48;
const COLORS = ["#1677ff", "#52c41a", "#faad14", "#f5222d", "#722ed1", "#13c2c2", "#eb2f96", "#fa8c16"];

/**
 * The A4 PDF of a monthly report: title and status, each section as a table (figure, this month,
 * last month, change), then the charts drawn as vector graphics — the twelve-month trend of cases,
 * the share resolved per level and the categories.
 */
export function monthlyPdf(r: MonthlyReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: M, info: { Title: titleOf(r), Author: r.community.name }, compress: true });
  doc.registerFont("zh", chineseFont());
  doc.font("zh");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const width = A4.w - 2 * M;
  const ensure = (h: number) => {
    if (doc.y + h > A4.h - M) doc.addPage();
  };
  doc.fontSize(18).fillColor("#000").text(titleOf(r), { align: "center" });
  doc.moveDown(0.3).fontSize(10).fillColor("#555").text(statusLine(r), { align: "center" });
  doc.moveDown(0.8);

  const cols = [width * 0.52, width * 0.16, width * 0.16, width * 0.16];
  const row = (cells: string[], opts: { bold?: boolean; shade?: boolean } = {}) => {
    ensure(18);
    const y = doc.y;
    if (opts.shade) doc.rect(M, y - 2, width, 16).fill("#f0f5ff");
    doc.fillColor(opts.bold ? "#000" : "#222").fontSize(opts.bold ? 10 : 9.5);
    let x = M;
    cells.forEach((c, i) => {
      doc.text(c, x + 4, y, { width: cols[i] - 8, align: i === 0 ? "left" : "right", lineBreak: false });
      x += cols[i];
    });
    doc.x = M;
    doc.y = y + 16;
  };
  for (const s of r.sections) {
    ensure(60);
    doc.moveDown(0.4).fontSize(13).fillColor("#0b3d91").text(SECTION_NAMES[s.section], M);
    doc.moveDown(0.2);
    row(["指标", "本月", "上月", "变化"], { bold: true, shade: true });
    for (const f of s.figures) row([f.label.zh, `${printed(f.value)}${f.value === null ? "" : unitOf(f)}`, printed(f.previous), change(f)]);
  }

  // Charts.
  doc.addPage();
  doc.fontSize(13).fillColor("#0b3d91").text("图表", M);
  doc.moveDown(0.5);
  barChart(doc, "近十二个月事件上报与办结", r.charts.monthly.map((m) => ({ label: m.month.slice(2).replace("-", "/"), values: [m.reported, m.closed] })), ["上报", "办结"], width, 190);
  doc.moveDown(1);
  const lv = r.charts.levels;
  shareBar(doc, "已解决事件按办结层级", [
    { label: "网格", value: lv.grid },
    { label: "社区", value: lv.community },
    { label: "街道/部门", value: lv.beyond },
  ], width);
  doc.moveDown(1);
  hBars(doc, "事件分类（上报 / 已解决）", r.charts.categories.slice(0, 10), width);
  doc.end();
  return finished;
}

type Doc = InstanceType<typeof PDFDocument>;

function barChart(doc: Doc, title: string, points: Array<{ label: string; values: number[] }>, series: string[], width: number, height: number) {
  if (doc.y + height + 40 > A4.h - M) doc.addPage();
  doc.fontSize(11).fillColor("#000").text(title, M);
  const top = doc.y + 6;
  const left = M + 30;
  const plotW = width - 40;
  const plotH = height - 40;
  const max = Math.max(1, ...points.flatMap((p) => p.values));
  doc.lineWidth(0.5).strokeColor("#999").moveTo(left, top).lineTo(left, top + plotH).lineTo(left + plotW, top + plotH).stroke();
  doc.fontSize(7).fillColor("#666").text(String(max), M, top - 3, { width: 26, align: "right", lineBreak: false });
  doc.text("0", M, top + plotH - 4, { width: 26, align: "right", lineBreak: false });
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.max(2, (slot * 0.7) / series.length);
  points.forEach((p, i) => {
    p.values.forEach((v, j) => {
      const h = (v / max) * plotH;
      doc.rect(left + i * slot + slot * 0.15 + j * barW, top + plotH - h, barW, h).fill(COLORS[j % COLORS.length]);
    });
    doc.fontSize(7).fillColor("#444").text(p.label, left + i * slot, top + plotH + 3, { width: slot, align: "center", lineBreak: false });
  });
  let lx = left;
  series.forEach((s, j) => {
    doc.rect(lx, top + plotH + 16, 8, 8).fill(COLORS[j % COLORS.length]);
    doc.fontSize(8).fillColor("#000").text(s, lx + 11, top + plotH + 15, { lineBreak: false });
    lx += 60;
  });
  doc.x = M;
  doc.y = top + height;
}

function shareBar(doc: Doc, title: string, parts: Array<{ label: string; value: number }>, width: number) {
  if (doc.y + 70 > A4.h - M) doc.addPage();
  doc.fontSize(11).fillColor("#000").text(title, M);
  const top = doc.y + 6;
  const total = parts.reduce((a, p) => a + p.value, 0);
  let x = M;
  parts.forEach((p, i) => {
    const w = total > 0 ? (p.value / total) * width : 0;
    if (w > 0) doc.rect(x, top, w, 18).fill(COLORS[i % COLORS.length]);
    x += w;
  });
  let lx = M;
  parts.forEach((p, i) => {
    const pct = total > 0 ? `${((p.value / total) * 100).toFixed(1)}%` : "—";
    doc.rect(lx, top + 26, 8, 8).fill(COLORS[i % COLORS.length]);
    doc.fontSize(8).fillColor("#000").text(`${p.label} ${p.value}（${pct}）`, lx + 11, top + 25, { lineBreak: false });
    lx += 150;
  });
  doc.x = M;
  doc.y = top + 44;
}

function hBars(doc: Doc, title: string, items: Array<{ name: string; count: number; resolved: number }>, width: number) {
  const height = 16 * items.length + 30;
  if (doc.y + height > A4.h - M) doc.addPage();
  doc.fontSize(11).fillColor("#000").text(title, M);
  const top = doc.y + 6;
  const labelW = 90;
  const plotW = width - labelW - 50;
  const max = Math.max(1, ...items.map((c) => c.count));
  items.forEach((c, i) => {
    const y = top + i * 16;
    doc.fontSize(8).fillColor("#222").text(c.name, M, y + 2, { width: labelW - 6, align: "right", lineBreak: false });
    doc.rect(M + labelW, y, (c.count / max) * plotW, 6).fill(COLORS[0]);
    doc.rect(M + labelW, y + 6, (c.resolved / max) * plotW, 6).fill(COLORS[1]);
    doc.fontSize(7).fillColor("#444").text(`${c.count} / ${c.resolved}`, M + labelW + plotW + 4, y + 2, { lineBreak: false });
  });
  doc.x = M;
  doc.y = top + items.length * 16 + 8;
}
