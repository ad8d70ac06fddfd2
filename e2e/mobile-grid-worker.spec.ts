import { test, expect, mobileLogin, PHONE } from "./support/fixtures";

test.use(PHONE);

test("a grid worker signs in on the phone app and sees their grid", async ({ page }) => {
  await mobileLogin(page, "hk_grid1");
  await expect(page.getByTestId("home-area")).toHaveText("红康第一网格");
  await expect(page.getByText("我的网格")).toBeVisible();
  // The figures of their own grid, from /api/overview.
  const counts = page.getByTestId("overview");
  await expect(counts).toContainText("居民");
  await expect(counts).toContainText("户数");
  // 巡查任务 opens the patrol list; back returns home.
  await page.getByTestId("entry-patrols").click();
  await expect(page).toHaveURL(/\/m\/patrols$/);
  await expect(page.getByTestId("patrol-tab-today")).toBeVisible();
  await page.locator(".adm-nav-bar-back").click();
  await expect(page).toHaveURL(/\/m\/?$/);
  // 事件处理 opens the queue; back returns home.
  await page.getByTestId("entry-cases").click();
  await expect(page).toHaveURL(/\/m\/queue$/);
  await expect(page.getByTestId("queue-summary")).toBeVisible();
  await page.locator(".adm-nav-bar-back").click();
  await expect(page).toHaveURL(/\/m\/?$/);
  // The tab bar leads to 我的 with the profile.
  await page.getByText("我的", { exact: true }).click();
  await expect(page).toHaveURL(/\/m\/mine$/);
  await expect(page.getByTestId("mine-name")).toBeVisible();
});
