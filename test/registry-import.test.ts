import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { testIdNumber } from "./support/ids";
import { rowsOf } from "../src/server/db/client";

let t: TestApp;
let staff: Client;
let place: { compound: string; building: string };

const HEADERS = ["姓名*", "身份证号*", "手机号", "小区*", "楼栋*", "单元", "房号*", "与户主关系*", "居住类型", "入住日期", "标签"];
type Cell = string | number | ExcelJS.CellValue;

async function xlsx(rows: Cell[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("人口信息");
  ws.addRow(headers);
  ws.addRow(["【填写说明】必填"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(c: Client, bytes: Buffer, mode: "all_or_nothing" | "valid_only" = "all_or_nothing", filename = "people.xlsx") {
  const boundary = "----linliimport" + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${mode}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request({ method: "POST", url: "/api/registry/import", payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
}

async function registryCounts() {
  return rowsOf<Record<string, number>>(
    await t.database.db.execute(sql`SELECT (SELECT count(*) FROM persons)::int AS persons, (SELECT count(*) FROM households)::int AS households,
      (SELECT count(*) FROM person_tags)::int AS tags, (SELECT count(*) FROM residence_events)::int AS events`),
  )[0];
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await as(t, "hk_staff");
  const c = (await staff.get("/api/registry/compounds")).json().items[0];
  const b = (await staff.get(`/api/registry/compounds/${c.id}/buildings`)).json().items[0];
  place = { compound: c.name, building: b.name };
});
afterAll(() => t.close());

describe("Excel import", () => {
  it("offers a template with Chinese headers and a notes row", async () => {
    const res = await staff.get("/api/registry/import/template");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(String(ws.getRow(2).getCell(1).value)).toContain("【填写说明】");
  });

  it("imports a valid file into households, people and tags, searchable right away", async () => {
    const file = await xlsx([
      ["导入甲", testIdNumber(100), "17711110001", place.compound, place.building, 8, "8801", "户主", "户籍", "2024-05-01", "独居老人"],
      ["导入乙", testIdNumber(101, "F"), "", place.compound, place.building.replace("栋", ""), 8, "8802", "户主", "流动", "", ""],
      ["导入丙", testIdNumber(102), "17711110003", place.compound, place.building, 8, "8802", "配偶", "常住", "", "残疾人、退役军人"],
    ]);
    const res = await upload(staff, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "done", totalRows: 3, importedRows: 3, rejectedRows: 0 });
    const found = (await staff.get(`/api/people?q=${encodeURIComponent("导入")}`)).json().items as Array<{ name: string; tags: string[]; address: string }>;
    expect(found.map((p) => p.name).sort()).toEqual(["导入丙", "导入乙", "导入甲"]);
    expect(found.find((p) => p.name === "导入丙")!.tags).toEqual(["残疾人", "退役军人"]);
    expect(found.find((p) => p.name === "导入乙")!.address).toContain("8单元8802");
  });

  it("checks every row and, all or nothing, leaves the register exactly as before", async () => {
    const before = await registryCounts();
    const file = await xlsx([
      ["好行", testIdNumber(110), "17711110010", place.compound, place.building, 7, "7701", "户主", "户籍", "", ""],
      ["坏校验", "530102198001011230", "", place.compound, place.building, 7, "7702", "户主", "户籍", "", ""],
      ["坏手机", testIdNumber(111), "12345", place.compound, place.building, 7, "7703", "户主", "户籍", "", ""],
      ["没地址", testIdNumber(112), "", "不存在小区", "1栋", 1, "101", "户主", "户籍", "", ""],
      ["重复甲", testIdNumber(113), "", place.compound, place.building, 7, "7704", "户主", "户籍", "", ""],
      ["重复乙", testIdNumber(113), "", place.compound, place.building, 7, "7705", "户主", "户籍", "", ""],
      ["已登记", testIdNumber(100), "", place.compound, place.building, 7, "7706", "户主", "户籍", "", ""],
      ["公式", { formula: "CONCAT(\"5301\",\"02\")", result: "530102" }, "", place.compound, place.building, 7, "7707", "户主", "户籍", "", ""],
      [{ richText: [{ text: "富" }, { font: { bold: true }, text: "文本" }] }, testIdNumber(114), "", place.compound, place.building, 7, "7708", "户主", "户籍", "", ""],
      ["数字身份证", 530102198001011234, "", place.compound, place.building, 7, "7709", "户主", "户籍", "", ""],
      ["坏标签", testIdNumber(115), "", place.compound, place.building, 7, "7710", "户主", "户籍", "", "不存在的标签"],
      ["无户主", testIdNumber(116), "", place.compound, place.building, 7, "7711", "子女", "户籍", "", ""],
    ]);
    const res = await upload(staff, file, "all_or_nothing");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: "rejected", totalRows: 12, importedRows: 0 });
    const reasons = Object.fromEntries(body.rejected.map((r: { row: number; errors: string[] }) => [r.row, r.errors.join("；")]));
    expect(reasons[4]).toContain("身份证号无效");
    expect(reasons[5]).toContain("手机号格式错误");
    expect(reasons[6]).toContain("地址无法匹配");
    expect(reasons[8]).toContain("与第7行身份证号重复");
    expect(reasons[9]).toContain("已登记");
    expect(reasons[10]).toContain("公式");
    expect(reasons[11]).toBeUndefined(); // rich text is read as its plain text
    expect(reasons[12]).toContain("文本格式");
    expect(reasons[13]).toContain("未知标签");
    expect(reasons[14]).toContain("没有户主");
    expect(await registryCounts()).toEqual(before);
    // the report lists each rejected row and why, for the importer only
    const report = await staff.get(body.reportUrl);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount - 1).toBe(body.rejectedRows);
    expect(JSON.stringify(ws.getSheetValues())).not.toContain(testIdNumber(113));
    const other = await as(t, "hk_secretary");
    expect((await other.get(body.reportUrl)).statusCode).toBe(404);
  });

  it("imports only the valid rows when asked to", async () => {
    const before = await registryCounts();
    const file = await xlsx([
      ["部分好", testIdNumber(120), "", place.compound, place.building, 6, "6601", "户主", "户籍", "", ""],
      ["部分坏", "123", "", place.compound, place.building, 6, "6602", "户主", "户籍", "", ""],
    ]);
    const body = (await upload(staff, file, "valid_only")).json();
    expect(body).toMatchObject({ status: "done", importedRows: 1, rejectedRows: 1 });
    const after = await registryCounts();
    expect(after.persons).toBe(before.persons + 1);
    expect(after.households).toBe(before.households + 1);
  });

  it("accepts reordered columns and refuses missing ones, non-xlsx files and files over 50,000 rows", async () => {
    const reordered = [...HEADERS].reverse();
    const row = ["导入丁", testIdNumber(130), "", place.compound, place.building, 5, "5501", "户主", "户籍", "", ""].reverse();
    const ok = (await upload(staff, await xlsx([row], reordered))).json();
    expect(ok).toMatchObject({ status: "done", importedRows: 1 });
    const missing = (await upload(staff, await xlsx([["x"]], ["姓名", "手机号"]))).json();
    expect(missing.status).toBe("failed");
    expect(missing.fileErrors.join()).toContain("身份证号");
    const notXlsx = await upload(staff, Buffer.from("name,id\n张三,1\n"), "all_or_nothing", "people.csv");
    expect(notXlsx.statusCode).toBe(415);
    const fakeZip = await upload(staff, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    expect(fakeZip.statusCode).toBe(415);
    const big: Cell[][] = [];
    for (let i = 0; i < 50_001; i++) big.push([`人${i}`, "x", "", "c", "b", 1, "1", "户主"]);
    const tooMany = (await upload(staff, await xlsx(big))).json();
    expect(tooMany.status).toBe("failed");
    expect(tooMany.fileErrors.join()).toContain("50,000");
  });

  it("keeps import and export to those allowed", async () => {
    const grid = await as(t, "hk_grid1");
    expect((await upload(grid, await xlsx([])) ).statusCode).toBe(403);
    expect((await grid.get("/api/registry/export")).statusCode).toBe(403);
  });
});

describe("Excel export", () => {
  it("exports the filtered list masked, and unmasked only with the right and a reason, audited", async () => {
    const res = await staff.get(`/api/registry/export?q=${encodeURIComponent("导入")}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe("姓名");
    const ids = ws.getColumn(4).values.slice(2).map(String);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(id).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect((await staff.get(`/api/registry/export?q=${encodeURIComponent("导入")}&unmask=true`)).statusCode).toBe(400);
    const plain = await staff.get(`/api/registry/export?q=${encodeURIComponent("导入甲")}&unmask=true&reason=${encodeURIComponent("报送民政局核对")}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(plain.rawPayload as unknown as ArrayBuffer);
    expect(String(wb2.worksheets[0].getRow(2).getCell(4).value)).toBe(testIdNumber(100));
    const audit = rowsOf<{ reason: string }>(await t.database.db.execute(sql`SELECT reason FROM audit_log WHERE action = 'person.export_unmasked'`));
    expect(audit.map((a) => a.reason)).toContain("报送民政局核对");
    // an export link is the caller's own: another community's staff get their own scope, not this list
    const yxq = await as(t, "yxq_staff");
    const theirs = await yxq.get(`/api/registry/export?q=${encodeURIComponent("导入")}`);
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(wb3.worksheets[0].rowCount).toBe(1);
  });
});
