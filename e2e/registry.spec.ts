import fs from "node:fs";
import ExcelJS from "exceljs";
import { test, expect, apiLogin, consoleLogin, mobileLogin, PHONE } from "./support/fixtures";
import { makePng } from "./support/png";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** A synthetic ID number with a valid checksum (region 530111 is used by no demo resident). */
function idNumber(birth: string, seq: number): string {
  const first17 = `530111${birth}${String(seq).padStart(3, "0")}`;
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i], 0);
  return first17 + CHECK[sum % 11];
}

/** The people template filled with the given rows (headers as the downloaded template has them). */
async function peopleFile(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("人口信息");
  ws.addRow(["姓名*", "身份证号*", "手机号", "小区*", "楼栋*", "单元", "房号*", "与户主关系*", "居住类型", "入住日期", "标签"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("staff import people (one bad row), search, drill down, unmask with audit, tag and export masked", async ({ page, request }) => {
  test.setTimeout(180_000);
  // A building of 红康 to import into, looked up the way the screen does.
  await apiLogin(request, "hk_secretary");
  const compound = ((await (await request.get("/api/registry/compounds")).json()) as { items: Array<{ id: string; name: string }> }).items[0];
  const building = ((await (await request.get(`/api/registry/compounds/${compound.id}/buildings`)).json()) as { items: Array<{ name: string }> }).items[0];
  // Names, ID numbers and the room differ per run, so the test also passes again on the same database.
  const run = Date.now() % 1000;
  const DIGITS = "零壹贰叁肆伍陆柒捌玖";
  const prefix = `测${DIGITS[run % 10]}${DIGITS[Math.floor(run / 10) % 10]}${DIGITS[Math.floor(run / 100)]}`;
  const [name1, name2, name3] = ["甲", "乙", "丙"].map((x) => prefix + x);
  const room = `9${String(run).padStart(3, "0")}`;
  const good1 = idNumber("19800101", run);
  const good2 = idNumber("19820304", run);
  const bad = good2.slice(0, 17) + (good2[17] === "1" ? "2" : "1");
  const file = await peopleFile([
    [name1, good1, "13712340001", compound.name, building.name, "9", room, "户主", "户籍", "2025-06-01", "独居老人"],
    [name2, bad, "13712340002", compound.name, building.name, "9", room, "配偶", "常住", "2025-06-01", ""],
    [name3, good2, "13712340003", compound.name, building.name, "9", room, "子女", "户籍", "2025-06-01", ""],
  ]);

  await consoleLogin(page, "hk_secretary");
  await page.getByTestId("side-menu").getByText("房屋台账").click();
  await expect(page).toHaveURL(/\/registry$/);
  await page.getByRole("tab", { name: "批量导入" }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: "people.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: file });

  // All or nothing: the bad row is reported and nothing is written.
  await page.getByTestId("import-submit").click();
  const result = page.getByTestId("import-result");
  await expect(result).toHaveAttribute("data-status", "rejected");
  await expect(result).toContainText("发现错误，未导入任何数据");
  await expect(page.getByTestId("import-summary")).toHaveText("共 3 行，已导入 0 行，未通过 1 行");
  const rejected = page.getByTestId("import-rejected").locator("tbody tr.ant-table-row");
  await expect(rejected).toHaveCount(1);
  await expect(rejected.first()).toContainText("3");
  await expect(rejected.first()).toContainText("身份证号无效");
  await expect(page.getByTestId("import-report")).toBeVisible();
  const none = (await (await request.get("/api/people", { params: { q: prefix } })).json()) as { items: unknown[] };
  expect(none.items, "nothing half-written").toHaveLength(0);

  // Import the valid rows: two people in one new household.
  await page.getByTestId("mode-valid_only").click();
  await page.getByTestId("import-submit").click();
  await expect(result).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("import-summary")).toHaveText("共 3 行，已导入 2 行，未通过 1 行");

  // Search by part of the name, masked, then open the person.
  await page.getByTestId("side-menu").getByText("人口查询").click();
  const search = page.getByTestId("people-search").locator("input");
  await search.fill(prefix);
  await search.press("Enter");
  const rows = page.locator(".ant-table-tbody tr.ant-table-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("****");
  await expect(page.locator(".ant-table-tbody")).not.toContainText(good1);

  // Export of the filtered list downloads masked data.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  expect(sheet.rowCount).toBe(3);
  const exported = [2, 3].map((r) => sheet.getRow(r).values as unknown[]);
  for (const row of exported) {
    const text = row.map(String).join("|");
    expect(text).toContain(prefix);
    expect(text).toMatch(/5301\*{10}[\dX]{4}/);
    expect(text).toMatch(/137\*{4}\d{4}/);
    expect(text).not.toContain(good1);
    expect(text).not.toContain(good2);
  }

  // Drill down: compound → building → household → person.
  await page.getByTestId("side-menu").getByText("房屋台账").click();
  await page.getByTestId("registry-compound").filter({ hasText: compound.name }).click();
  await page.getByTestId("registry-building").filter({ hasText: building.name }).first().click();
  const households = page.getByTestId("registry-households").locator("tbody tr.ant-table-row");
  await expect(households.first()).toBeVisible();
  await households.first().click();
  await expect(page).toHaveURL(/\/registry\/households\//);
  const members = page.getByTestId("household-members").locator("tbody tr.ant-table-row");
  await expect(members.first()).toContainText("****");
  await expect(page.getByTestId("registry-history")).toBeVisible();
  await members.first().click();
  await expect(page).toHaveURL(/\/registry\/people\//);
  const idCell = page.getByTestId("person-id-number");
  await expect(idCell).toContainText("**********");

  // Unmask for a typed reason: the full number shows, and the audit log has the look-up.
  await page.getByTestId("unmask").click();
  await page.getByTestId("unmask-submit").click();
  await expect(page.getByText("请填写事由（至少 4 个字）")).toBeVisible();
  const reason = `核实低保申请材料 ${Date.now()}`;
  await page.getByTestId("unmask-reason").fill(reason);
  await page.getByTestId("unmask-submit").click();
  await expect(page.getByTestId("unmasked-note")).toBeVisible();
  await expect(idCell).toHaveText(/^\d{17}[\dX]$/);
  await page.getByTestId("mask-again").click();
  await expect(idCell).toContainText("**********");

  await page.getByTestId("side-menu").getByText("审计日志").click();
  const auditRow = page.locator(".ant-table-tbody tr.ant-table-row").filter({ hasText: reason });
  await expect(auditRow).toHaveCount(1);
  await expect(auditRow).toContainText("查看敏感信息");

  // Care tags on the imported head: the imported 独居老人 is there; add 残疾人, then remove it (history kept).
  await page.goto("/people");
  await page.getByTestId("people-search").locator("input").fill(name1);
  await page.getByTestId("people-search").locator("input").press("Enter");
  await expect(rows).toHaveCount(1);
  await rows.first().getByTestId("person-link").click();
  await expect(page.getByTestId("person-tag-elderly_alone")).toBeVisible();
  await page.getByTestId("tag-select").click();
  await page.locator(".ant-select-dropdown").getByText("残疾人", { exact: true }).click();
  await page.getByTestId("tag-add").click();
  await expect(page.getByTestId("person-tag-disabled")).toBeVisible();
  await page.getByTestId("remove-tag-disabled").click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "移除" }).click();
  await expect(page.getByTestId("person-tag-disabled")).toHaveCount(0);
  await expect(page.getByTestId("person-tag-elderly_alone")).toBeVisible();
});

test("a grid worker records a home visit with a photo on the phone", async ({ openPage }) => {
  test.setTimeout(120_000);
  const page = await openPage(PHONE);
  await mobileLogin(page, "hk_grid1");
  await page.getByTestId("entry-visits").click();
  await expect(page).toHaveURL(/\/m\/registry$/);
  const people = page.getByTestId("care-person");
  await expect(people.first()).toBeVisible();
  await expect(people.first()).toContainText("待走访");
  await people.first().click();
  await expect(page).toHaveURL(/\/m\/registry\/households\/[^/]+$/);
  await expect(page.getByTestId("mobile-household-detail")).toContainText("家庭成员");

  await page.getByTestId("record-visit").click();
  await expect(page.getByTestId("visit-form")).toBeVisible();
  await page.getByTestId("visit-submit").click();
  await expect(page.getByText("请填写走访情况")).toBeVisible();
  const notes = `老人身体状况良好，需要助餐服务 ${Date.now()}`;
  await page.getByTestId("visit-notes").getByRole("textbox").fill(notes);
  await page.getByTestId("photo-uploader").locator('input[type="file"]').setInputFiles({ name: "visit.png", mimeType: "image/png", buffer: makePng() });
  await expect(page.getByTestId("photo-uploader").locator(".adm-image-uploader-cell img")).toHaveCount(1);
  await expect(page.getByTestId("photo-progress")).toHaveCount(0);
  await page.getByTestId("visit-submit").click();

  // Back on the household: the visit heads the history, with its photo.
  await expect(page).toHaveURL(/\/m\/registry\/households\/[^/]+$/);
  const visit = page.getByTestId("mobile-visit").first();
  await expect(visit).toContainText(notes);
  await expect(visit.getByTestId("visit-photo")).toHaveCount(1);

  // The buildings tab drills down to households of the grid.
  await page.goto("/m/registry?tab=buildings");
  await page.getByTestId("compound-list").locator(".adm-collapse-panel-header").first().click();
  await page.getByTestId("mobile-building").first().click();
  await expect(page.getByTestId("mobile-household").first()).toBeVisible();
  await page.getByTestId("mobile-household").first().click();
  await expect(page.getByTestId("mobile-household-detail")).toBeVisible();
});
