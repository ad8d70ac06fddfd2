import { test, expect, consoleLogin, mobileLogin, PHONE } from "./support/fixtures";

// The `pageErrors` fixture fails a test on any console error or uncaught page error; these tours
// walk every page of both shells so that each one is checked.

test("the console pages log no errors", async ({ page }) => {
  await consoleLogin(page, "hk_secretary");
  await expect(page.getByTestId("stat-residents")).toBeVisible();
  const menu = page.getByTestId("side-menu");
  for (const [label, path] of [
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
  await expect(page.locator(".ant-table-row").first().or(page.getByTestId("stat-residents"))).toBeVisible();
  // English switches every label, including antd's own.
  await page.getByTestId("language-switch").click();
  await page.getByText("English", { exact: true }).click();
  await expect(page.getByTestId("side-menu")).toContainText("People");
  await page.getByTestId("language-switch").click();
  await page.getByText("简体中文", { exact: true }).click();
  await expect(page.getByTestId("side-menu")).toContainText("人口查询");
});

test.describe("phone", () => {
  test.use(PHONE);

  test("the phone pages log no errors", async ({ page }) => {
    await mobileLogin(page, "yxq_grid1");
    await page.getByText("我的", { exact: true }).click();
    await expect(page.getByTestId("mine-name")).toBeVisible();
    await page.getByText("首页", { exact: true }).click();
    await expect(page.getByTestId("overview")).toBeVisible();
    await page.waitForLoadState("networkidle");
  });

  test("a rider finds the rider stations", async ({ page }) => {
    await page.goto("/m/login");
    await page.getByText("验证码登录", { exact: true }).click();
    await page.getByTestId("phone").locator("input").fill("13900000012");
    await page.getByTestId("get-code").click();
    await expect(page.getByTestId("demo-code")).toBeVisible();
    await page.getByTestId("otp-submit").click();
    await expect(page.getByTestId("home-area")).toHaveText("怡心桥社区");
    await page.getByTestId("entry-stations").click();
    await expect(page).toHaveURL(/\/m\/stations$/);
    const list = page.getByTestId("station-list");
    await expect(list.locator(".adm-list-item")).toHaveCount(8);
    await expect(list).toContainText("08:00-22:00");
    await expect(list).toContainText("热水");
  });
});
