import { test, expect, consoleLogin } from "./support/fixtures";

test("community staff see their community at a glance and its grids on the map", async ({ page }) => {
  await consoleLogin(page, "hk_staff");
  await expect(page.getByTestId("header-area")).toHaveText("红康社区");
  // The home page starts with today's work; the census figures are on 区域与网格.
  await expect(page.getByTestId("inbox")).toBeVisible();
  // 审计日志 needs audit:read, which community staff do not hold.
  const menu = page.getByTestId("side-menu");
  await expect(menu).toContainText("人口查询");
  await expect(menu).not.toContainText("审计日志");

  await menu.getByText("区域与网格").click();
  await expect(page).toHaveURL(/\/areas$/);
  await expect(page.getByRole("heading", { name: "红康社区 · 概况" })).toBeVisible();
  await expect(page.getByTestId("stat-residents")).toContainText("20,563");
  await expect(page.getByTestId("stat-households")).toContainText("9,676");
  await expect(page.getByTestId("stat-partyMembers")).toContainText("429");
  const map = page.getByTestId("area-map");
  // 3 grids and 6 micro-grids are drawn as clickable polygons (the community as an outline).
  await expect(map.locator("path.leaflet-interactive")).toHaveCount(9);
  // Each micro-grid is labelled by name.
  const labels = map.locator(".ll-map-label:not(.ll-map-label-hidden)");
  await expect(labels).toHaveCount(6);
  await expect(labels.first()).toContainText("微网格");

  // Picking a grid in the tree shows that grid's figures.
  await page.locator(".ant-tree").getByText("红康第二网格", { exact: true }).click();
  await expect(page.getByRole("heading", { name: "红康第二网格 · 概况" })).toBeVisible();
});

test("a wrong password shows the server's message", async ({ page, pageErrors }) => {
  // The refusal (401) is logged by the browser as a failed resource; here it is the expected answer.
  pageErrors.allow(/status of 401.*\/api\/auth\/login$/);
  await page.goto("/login");
  await page.getByTestId("username").fill("hk_staff");
  await page.getByTestId("password").fill("wrong-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误");
});
