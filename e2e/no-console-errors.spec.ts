import type { Page } from "@playwright/test";
import { test, expect, apiLogin, consoleLogin, mobileLogin, mobileOtpLogin, PHONE } from "./support/fixtures";

/** Picks a language from the header's menu (a click that lands while the menu still opens is tried again). */
async function switchLanguage(page: Page, label: string) {
  const item = page.getByRole("menuitem", { name: label });
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByTestId("language-switch").click();
    await item.click({ timeout: 2000 });
    await expect(item).toBeHidden({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
}

// The `pageErrors` fixture fails a test on any console error or uncaught page error; these tours
// walk every page of both shells so that each one is checked.

test("the console pages log no errors", async ({ page, request }) => {
  // At least one case to open.
  await apiLogin(request, "hk_secretary");
  const filed = await request.post("/api/cases", { data: { categoryCode: "other", description: "e2e 巡查记录", channel: "meeting" } });
  expect(filed.ok(), await filed.text()).toBeTruthy();

  await consoleLogin(page, "hk_secretary");
  await expect(page.getByTestId("inbox")).toBeVisible();
  const menu = page.getByTestId("side-menu");
  for (const [label, path] of [
    ["事件管理", "/cases"],
    ["事件统计", "/case-stats"],
    ["区域与网格", "/areas"],
    ["人口查询", "/people"],
    ["审计日志", "/audit"],
    ["账号", "/account"],
    ["首页", "/"],
  ] as const) {
    await menu.getByText(label, { exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/" : path}$`));
    await page.waitForLoadState("networkidle");
  }
  await expect(page.locator(".ant-table-row").first().or(page.getByTestId("inbox"))).toBeVisible();
  // The case map, the registration form, and a case's page.
  await menu.getByText("事件管理", { exact: true }).click();
  await page.getByTestId("case-tabs").getByText("地图", { exact: true }).click();
  await expect(page.getByTestId("case-map").locator("path.leaflet-interactive").first()).toBeVisible();
  await page.getByTestId("register").click();
  await expect(page.getByTestId("register-map")).toBeVisible();
  await page.getByRole("button", { name: "取 消" }).or(page.getByRole("button", { name: "取消" })).click();
  await page.getByTestId("case-tabs").getByText("列表", { exact: true }).click();
  await page.locator(".ant-table-row").first().click();
  await expect(page.getByTestId("case-detail")).toBeVisible();
  await page.waitForLoadState("networkidle");
  // English switches every label, including antd's own.
  await switchLanguage(page, "English");
  await expect(page.getByTestId("side-menu")).toContainText("People");
  await expect(page.getByTestId("case-detail")).toContainText("History");
  await switchLanguage(page, "简体中文");
  await expect(page.getByTestId("side-menu")).toContainText("人口查询");
});

test.describe("phone", () => {
  test.use(PHONE);

  // The phone app keeps an event stream open, so "network idle" never comes: each page is
  // awaited by what it shows instead.
  test("the phone pages log no errors", async ({ page }) => {
    await mobileLogin(page, "yxq_grid1");
    await expect(page.getByTestId("overview")).toBeVisible();
    await expect(page.getByTestId("queue-card")).toBeVisible();
    await page.getByText("我的", { exact: true }).click();
    await expect(page.getByTestId("mine-name")).toBeVisible();
    await page.getByText("消息", { exact: true }).click();
    await expect(page).toHaveURL(/\/m\/notifications$/);
    await expect(page.getByTestId("notification-list").or(page.getByText("暂无消息"))).toBeVisible();
    await page.getByText("首页", { exact: true }).click();
    await page.getByTestId("entry-cases").click();
    await expect(page.getByTestId("queue-summary")).toBeVisible();
    await page.goto("/m/report");
    await expect(page.getByTestId("report-form")).toBeVisible();
    await page.getByTestId("pick-on-map").click();
    await expect(page.getByTestId("place-map").locator("path").first()).toBeVisible();
    await page.getByTestId("place-map").click({ position: { x: 150, y: 120 } });
    await page.getByTestId("confirm-place").click();
    await expect(page.getByTestId("place-chosen")).toBeVisible();
    await page.goto("/m/residents");
    await expect(page.getByTestId("mobile-people")).toBeVisible();
    await expect(page.locator(".adm-list-item").first()).toBeVisible();
  });

  test("a rider finds the rider stations", async ({ page, pageErrors }) => {
    // The maps spec signed this rider in moments ago: wait out the one-code-a-minute limit.
    test.setTimeout(180_000);
    pageErrors.allow(/status of 429/);
    await mobileOtpLogin(page, "13900000012");
    await expect(page.getByTestId("home-area")).toHaveText("怡心桥社区");
    await page.getByTestId("entry-stations").click();
    await expect(page).toHaveURL(/\/m\/stations$/);
    const list = page.getByTestId("station-list");
    await expect(list.locator(".adm-list-item")).toHaveCount(8);
    await expect(list).toContainText("08:00-22:00");
    await expect(list).toContainText("热水");
  });
});
