import fs from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { buildings, compounds, households, persons } from "../../db/schema/places";
import { importJobs, personTags, residenceEvents, tagDefinitions } from "../../db/schema/registry";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { localDay } from "../../platform/clock";
import { inScope } from "../../platform/scope";
import { maskIdNumber, maskPhone, parseIdNumber, PHONE_RE } from "../../platform/personal-data";
import type { ImportReply } from "../../../contracts/registry";
import { cellText, COLUMNS, MAX_ROWS, NOTES_MARK, RELATION_OF, RESIDENCE_OF, type ColumnKey } from "./import-format";
import { personColumns } from "./manage-people";
import { seesRestricted } from "./tag-visibility";

type Row = { row: number; v: Record<ColumnKey, string>; errors: string[] };
type Valid = Row & { buildingId: string; areaId: string; communityId: string; compoundName: string; buildingName: string; unit: number; tagCodes: string[] };

const CELL_ERRORS: Record<string, string> = {
  formula: "含公式，请粘贴为数值",
  number_too_long: "数字过长，请设置为文本格式",
  cell_error: "单元格错误值",
};
const BATCH = 400;

function normaliseBuilding(name: string): string {
  const t = name.replace(/\s+/g, "");
  return /^\d+$/.test(t) ? `${t}栋` : t.replace(/号楼$/, "栋").replace(/幢$/, "栋");
}

/** The first sheet of an .xlsx upload (415 for a file that is not one). */
export async function readSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { reason: "不是 .xlsx 文件" });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { reason: "无法读取的 .xlsx 文件" });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError("VALIDATION_FAILED", [{ path: "/file", message: "工作簿中没有工作表" }]);
  return ws;
}

/**
 * Imports people from the template: every row is checked (ID checksum, phone, address resolving to a
 * building of the caller's scope, duplicates in the file and in the register, tags); then either all
 * rows or none ("all_or_nothing"), or only the valid ones ("valid_only"), are written in one
 * transaction. Rejected rows go to a report only the importer can download.
 */
export async function importPeople(deps: AppDeps, ctx: SignedInContext, input: { bytes: Buffer; fileName: string; mode: "all_or_nothing" | "valid_only" }): Promise<ImportReply> {
  const { db } = deps.database;
  if (!ctx.user.areaPath) throw new AppError("FORBIDDEN");
  const jobId = uuidv7();
  const fileErrors: string[] = [];
  const ws = await readSheet(input.bytes);

  // Columns are found by their header, so reordered columns import fine; missing required ones do not.
  const colOf = new Map<ColumnKey, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = cellText(cell).text.replace(/[*＊\s]/g, "");
    const c = COLUMNS.find((x) => x.header === h);
    if (c) colOf.set(c.key, col);
  });
  for (const c of COLUMNS) if (c.required && !colOf.has(c.key)) fileErrors.push(`缺少必填列“${c.header}”`);
  const rows: Row[] = [];
  if (fileErrors.length === 0) {
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (!row.hasValues) continue;
      const v = {} as Record<ColumnKey, string>;
      const errors: string[] = [];
      for (const c of COLUMNS) {
        const col = colOf.get(c.key);
        if (!col) {
          v[c.key] = "";
          continue;
        }
        const { text, error } = cellText(row.getCell(col));
        v[c.key] = text;
        if (error) errors.push(`${c.header}：${CELL_ERRORS[error]}`);
      }
      // The template's notes row, wherever its columns were moved to.
      if (Object.values(v).some((x) => x.startsWith(NOTES_MARK))) continue;
      rows.push({ row: r, v, errors });
      if (rows.length > MAX_ROWS) break;
    }
    if (rows.length > MAX_ROWS) fileErrors.push(`数据超过 ${MAX_ROWS.toLocaleString("en-US")} 行，请分批导入`);
    if (rows.length === 0) fileErrors.push("文件中没有数据行");
  }

  if (fileErrors.length) {
    await db.transaction(async (tx) => {
      await tx.insert(importJobs).values({ id: jobId, userId: ctx.user.id, communityId: ctx.user.communityId, mode: input.mode, fileName: input.fileName, status: "failed", totalRows: rows.length });
      await writeAudit(tx, ctx, { action: "person.import_failed", targetType: "import", targetId: jobId, after: { fileErrors } });
    });
    return { id: jobId, status: "failed", mode: input.mode, totalRows: Math.min(rows.length, MAX_ROWS), importedRows: 0, rejectedRows: 0, fileErrors, rejected: [], reportUrl: null };
  }

  // Lookups, once: buildings of the caller's scope by "compound|building", tags, registered ID numbers.
  const bRows = await db
    .select({ id: buildings.id, name: buildings.name, compound: compounds.name, areaId: buildings.areaId, communityId: buildings.communityId })
    .from(buildings)
    .innerJoin(compounds, eq(compounds.id, buildings.compoundId))
    .where(inScope(ctx.user, buildings.areaId));
  const buildingOf = new Map(bRows.map((b) => [`${b.compound}|${normaliseBuilding(b.name)}`, b]));
  const tagDefs = await db.select().from(tagDefinitions).where(eq(tagDefinitions.active, true));
  const tagByName = new Map(tagDefs.filter((d) => !d.restricted || seesRestricted(ctx.user)).map((d) => [d.name, d.code]));

  const seen = new Map<string, number>();
  const valid: Valid[] = [];
  for (const r of rows) {
    const { v, errors } = r;
    if (!v.name) errors.push("姓名为空");
    else if (v.name.length > 40) errors.push("姓名过长");
    const id = v.idNumber.toUpperCase();
    if (!id) errors.push("身份证号为空");
    else if (!parseIdNumber(id)) errors.push("身份证号无效（校验位或出生日期错误）");
    else if (seen.has(id)) errors.push(`与第${seen.get(id)}行身份证号重复`);
    else seen.set(id, r.row);
    if (v.phone && !PHONE_RE.test(v.phone)) errors.push("手机号格式错误");
    const relation = RELATION_OF[v.relation];
    if (!relation) errors.push("与户主关系无效");
    if (v.residence && !RESIDENCE_OF[v.residence]) errors.push("居住类型无效（户籍/常住/流动）");
    const unit = v.unit ? Number(v.unit) : 1;
    if (!Number.isInteger(unit) || unit < 1 || unit > 50) errors.push("单元无效");
    if (!v.room) errors.push("房号为空");
    if (v.movedInOn && (!/^\d{4}-\d{2}-\d{2}$/.test(v.movedInOn) || Number.isNaN(Date.parse(v.movedInOn)))) errors.push("入住日期格式错误");
    const b = buildingOf.get(`${v.compound}|${normaliseBuilding(v.building)}`);
    if (!b) errors.push(`地址无法匹配：${v.compound}${v.building}`);
    const tagCodes: string[] = [];
    for (const name of v.tags.split(/[、,，;；\s]+/).filter(Boolean)) {
      const code = tagByName.get(name);
      if (code) tagCodes.push(code);
      else errors.push(`未知标签“${name}”`);
    }
    v.idNumber = id;
    if (errors.length === 0 && b) valid.push({ ...r, buildingId: b.id, areaId: b.areaId, communityId: b.communityId, compoundName: b.compound, buildingName: b.name, unit, tagCodes });
  }

  // Against the register: ID numbers already there, and rooms with a household.
  const byHash = new Map(valid.map((r) => [deps.cipher.blindIndex(r.v.idNumber), r]));
  const hashes = [...byHash.keys()];
  for (let i = 0; i < hashes.length; i += 1000) {
    const found = await db
      .select({ h: persons.idNumberHash })
      .from(persons)
      .where(and(inArray(persons.idNumberHash, hashes.slice(i, i + 1000)), sql`${persons.status} IN ('active', 'moved_out')`));
    for (const f of found) byHash.get(f.h)?.errors.push("该身份证号已登记");
  }
  const roomKey = (r: Valid) => `${r.buildingId}|${r.unit}|${r.v.room}`;
  const existing = new Map<string, { id: string; hasHead: boolean }>();
  const buildingIds = [...new Set(valid.map((r) => r.buildingId))];
  for (let i = 0; i < buildingIds.length; i += 500) {
    const hs = await db
      .select({ id: households.id, buildingId: households.buildingId, unitNo: households.unitNo, roomNo: households.roomNo, heads: sql<number>`(SELECT count(*) FROM persons p WHERE p.household_id = ${households.id} AND p.relation = 'head' AND p.status = 'active')::int` })
      .from(households)
      .where(and(inArray(households.buildingId, buildingIds.slice(i, i + 500)), eq(households.status, "active")));
    for (const h of hs) existing.set(`${h.buildingId}|${h.unitNo}|${h.roomNo}`, { id: h.id, hasHead: Number(h.heads) > 0 });
  }
  // A new household needs exactly one head; an existing one takes no second head.
  const groups = new Map<string, Valid[]>();
  for (const r of valid.filter((x) => x.errors.length === 0)) groups.set(roomKey(r), [...(groups.get(roomKey(r)) ?? []), r]);
  for (const [key, members] of groups) {
    const heads = members.filter((m) => RELATION_OF[m.v.relation] === "head");
    const ex = existing.get(key);
    if (ex && heads.length > 0 && ex.hasHead) heads.forEach((h) => h.errors.push("该户已有户主"));
    if (!ex && heads.length !== 1) members.forEach((m) => m.errors.push(heads.length === 0 ? "新登记的户没有户主" : "同一户有多个户主"));
  }

  const rejected = rows.filter((r) => r.errors.length > 0);
  const toWrite = input.mode === "all_or_nothing" && rejected.length > 0 ? [] : valid.filter((r) => r.errors.length === 0);
  const status: ImportReply["status"] = input.mode === "all_or_nothing" && rejected.length > 0 ? "rejected" : "done";
  const reportKey = rejected.length ? await writeReport(deps.config.dataDir, jobId, rejected) : null;

  await db.transaction(async (tx) => {
    const householdRows: Array<typeof households.$inferInsert> = [];
    const householdOf = new Map<string, string>();
    const personRows: Array<typeof persons.$inferInsert> = [];
    const eventRows: Array<typeof residenceEvents.$inferInsert> = [];
    const tagRows: Array<typeof personTags.$inferInsert> = [];
    const today = localDay();
    for (const r of toWrite) {
      const key = roomKey(r);
      let householdId = existing.get(key)?.id ?? householdOf.get(key);
      const on = r.v.movedInOn || today;
      if (!householdId) {
        householdId = uuidv7();
        householdOf.set(key, householdId);
        householdRows.push({ id: householdId, communityId: r.communityId, areaId: r.areaId, buildingId: r.buildingId, unitNo: r.unit, roomNo: r.v.room, address: `${r.compoundName}${r.buildingName}${r.unit}单元${r.v.room}`, movedInOn: on });
        eventRows.push({ id: uuidv7(), householdId, kind: "move_in", on, note: `导入 ${input.fileName}`, actorId: ctx.user.id });
      }
      const personId = uuidv7();
      personRows.push({
        id: personId,
        communityId: r.communityId,
        areaId: r.areaId,
        householdId,
        ...personColumns(deps.cipher, { name: r.v.name, idNumber: r.v.idNumber, phone: r.v.phone || undefined, relation: RELATION_OF[r.v.relation], residence: RESIDENCE_OF[r.v.residence] ?? "registered" }),
      });
      if (existing.has(key)) eventRows.push({ id: uuidv7(), householdId, personId, kind: "join", on, note: `导入 ${input.fileName}`, actorId: ctx.user.id });
      for (const code of r.tagCodes) tagRows.push({ id: uuidv7(), personId, tagCode: code, setBy: ctx.user.id });
    }
    for (let i = 0; i < householdRows.length; i += BATCH) await tx.insert(households).values(householdRows.slice(i, i + BATCH));
    for (let i = 0; i < personRows.length; i += BATCH) await tx.insert(persons).values(personRows.slice(i, i + BATCH));
    for (let i = 0; i < eventRows.length; i += BATCH) await tx.insert(residenceEvents).values(eventRows.slice(i, i + BATCH));
    for (let i = 0; i < tagRows.length; i += BATCH) await tx.insert(personTags).values(tagRows.slice(i, i + BATCH));
    await tx.insert(importJobs).values({
      id: jobId,
      userId: ctx.user.id,
      communityId: ctx.user.communityId,
      mode: input.mode,
      fileName: input.fileName,
      status,
      totalRows: rows.length,
      importedRows: personRows.length,
      rejectedRows: rejected.length,
      reportKey,
    });
    await writeAudit(tx, ctx, {
      action: "person.import",
      targetType: "import",
      targetId: jobId,
      after: { fileName: input.fileName, mode: input.mode, status, total: rows.length, imported: personRows.length, rejected: rejected.length, households: householdRows.length },
    });
  });

  return {
    id: jobId,
    status,
    mode: input.mode,
    totalRows: rows.length,
    importedRows: toWrite.length,
    rejectedRows: rejected.length,
    fileErrors: [],
    rejected: rejected.slice(0, 100).map((r) => ({ row: r.row, errors: r.errors })),
    reportUrl: reportKey ? `/api/registry/imports/${jobId}/report` : null,
  };
}

/** The rejected rows, with the reasons; ID numbers and phones masked so the report holds no plain personal data. */
async function writeReport(dataDir: string, jobId: string, rejected: Row[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("未导入的行");
  ws.columns = [{ header: "行号", key: "row", width: 8 }, ...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 14 })), { header: "原因", key: "errors", width: 60 }];
  ws.getRow(1).font = { bold: true };
  for (const r of rejected) {
    ws.addRow({ row: r.row, ...r.v, idNumber: maskIdNumber(r.v.idNumber) ?? "", phone: maskPhone(r.v.phone) ?? "", errors: r.errors.join("；") });
  }
  const key = path.join("reports", `${jobId}.xlsx`);
  await fs.mkdir(path.join(dataDir, "reports"), { recursive: true });
  await wb.xlsx.writeFile(path.join(dataDir, key));
  return key;
}

/** The downloadable template: Chinese headers and a notes row. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("人口信息");
  ws.columns = COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.key === "idNumber" ? 22 : 14, style: { numFmt: "@" } }));
  ws.getRow(1).font = { bold: true };
  const notes = ws.addRow(Object.fromEntries(COLUMNS.map((c, i) => [c.key, i === 0 ? `${NOTES_MARK}${c.note}` : c.note])));
  notes.font = { italic: true, color: { argb: "FF888888" } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
