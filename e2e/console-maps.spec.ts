import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { test, expect, apiLogin, consoleLogin, mobileLogin, pickOption, PHONE } from "./support/fixtures";

/** Screenshots for a person to look at (not committed). */
const SHOTS = path.join("test-results", "console-maps");
const RAW_POINT = /^\s*\d{2,3}\.\d+\s*,\s*\d{1,2}\.\d+\s*$/;

async function shoot(target: Page | Locator, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await target.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: "disabled" });
}

/** The cases a map of `map` has drawn: the counts of its circles plus its single dots. */
async function drawnCount(map: Locator): Promise<number> {
  const counts = await map.locator(".ll-cluster-count").allInnerTexts();
  const dots = await map.locator("path.ll-case-dot").count();
  return counts.reduce((sum, text) => sum + Number(text), 0) + dots;
}

const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

test.use({ viewport: { width: 1440, height: 900 } });

test("staff see the case map clustered, filter it, lay the heat over it and open a case with its small map", async ({ page, request }) => {
  // What the map should show: the cases of the last 30 days that have a place, by category.
  await apiLogin(request, "hk_staff");
  const listed = (await (await request.get(`/api/cases?from=${day(-29)}&to=${day(0)}&limit=200`)).json()).items as Array<{
    categoryName: string;
    location: [number, number] | null;
  }>;
  const placed = listed.filter((c) => c.location);
  const byCategory = new Map<string, number>();
  for (const c of placed) byCategory.set(c.categoryName, (byCategory.get(c.categoryName) ?? 0) + 1);
  const [category, inCategory] = [...byCategory.entries()].sort((a, b) => b[1] - a[1]).find(([, n]) => n < placed.length) ?? [];
  expect(placed.length, "cases with a place in the last 30 days").toBeGreaterThan(3);
  expect(category, "a category with some but not all of them").toBeDefined();

  await consoleLogin(page, "hk_staff");
  await page.getByTestId("side-menu").getByText("事件管理", { exact: true }).click();
  await page.getByTestId("case-tabs").getByText("地图", { exact: true }).click();
  const map = page.getByTestId("case-map");
  await expect(map).toHaveAttribute("data-count", String(placed.length));
  await expect(page.getByTestId("map-period").locator(".ant-segmented-item-selected")).toHaveText("近30天");

  // Clusters with counts, every case drawn once; the legend names the states.
  const clusters = map.locator(".ll-cluster-count");
  await expect(clusters.first()).toBeVisible();
  expect(Number(await clusters.first().innerText())).toBeGreaterThan(1);
  expect(await drawnCount(map)).toBe(placed.length);
  const legend = page.getByTestId("case-map-legend");
  for (const label of ["超时", "未办结", "已办结"]) await expect(legend).toContainText(label);
  await shoot(page.getByTestId("case-map-bar").locator(".."), "case-map-clusters");

  // A click on a circle zooms in.
  const zoomBefore = Number(await map.getAttribute("data-zoom"));
  await map.locator("path.ll-cluster").first().click();
  await expect.poll(async () => Number(await map.getAttribute("data-zoom"))).toBeGreaterThan(zoomBefore);

  // One category: fewer cases.
  await pickOption(page, page.getByTestId("filter-category"), category!);
  await expect(map).toHaveAttribute("data-count", String(inCategory));
  await expect(page).toHaveURL(/categoryCode=/);
  await page.getByTestId("filter-category").locator(".ant-select-clear").click();
  await expect(map).toHaveAttribute("data-count", String(placed.length));

  // The heat layer: a canvas with the reports drawn on it, and its ramp in the legend.
  await page.getByTestId("map-heat").click();
  const heat = map.locator("canvas.ll-heat-canvas");
  await expect(heat).toHaveAttribute("data-drawn", /^[1-9]\d*$/);
  const painted = await heat.evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  expect(painted, "heat pixels").toBeGreaterThan(500);
  await expect(page.getByTestId("heat-legend")).toContainText("上报密度");
  await shoot(page.getByTestId("case-map-bar").locator(".."), "case-map-heat");

  // Open a case from the map: zoom into circles until a single case is there, then its popup.
  // (a dot outside the view is kept in the layer with an empty path: only the drawn ones are clickable)
  const dot = map.locator("path.ll-case-dot").filter({ visible: true });
  for (let i = 0; i < 6 && (await dot.count()) === 0; i++) await map.locator("path.ll-cluster").first().click();
  if ((await dot.count()) > 0) await dot.first().click();
  else await map.locator("path.ll-cluster").first().click();
  await page.locator(".leaflet-popup [data-testid=map-open-case]").first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);

  // The case's place in words, with the small map of its pin and grid.
  const place = page.getByTestId("case-place");
  await expect(place).toBeVisible();
  const mini = page.getByTestId("case-mini-map");
  await expect(mini.locator(".ll-mini-pin")).toHaveCount(1);
  await expect(mini.locator("path.ll-mini-grid")).toHaveCount(1);
  const grid = await mini.getAttribute("data-grid");
  expect(grid).toMatch(/网格/);
  await expect(page.getByTestId("case-place-area")).toContainText(grid!);
  const address = (await page.getByTestId("case-place-address").innerText()).trim();
  expect(address.length).toBeGreaterThan(1);
  expect(address).not.toMatch(RAW_POINT);
  await expect(page.getByTestId("case-fields")).not.toContainText(/\d{3}\.\d{4,}, \d{2}\.\d{4,}/);
  await expect(page.getByTestId("mini-map-legend")).toContainText("问题位置");
  await page.waitForTimeout(300);
  await shoot(page, "case-detail");
});

test("the area map names each grid's worker, today's patrol period done of due, with a legend", async ({ page }) => {
  await consoleLogin(page, "hk_staff");
  await page.getByTestId("side-menu").getByText("区域与网格").click();
  const map = page.getByTestId("area-map");
  // Grids and micro-grids stay the clickable polygons; the cards take no clicks.
  await expect(map.locator("path.leaflet-interactive")).toHaveCount(9);
  const cards = map.locator("[data-testid=grid-card]");
  await expect(cards).toHaveCount(3);
  await expect(cards.first()).toContainText(/网格员 \S+/);
  const coverage = map.locator("[data-testid=grid-coverage]");
  await expect(coverage).toHaveCount(3);
  await expect(coverage.first()).toHaveText(/^本期巡查 \d+\/\d+$|^本月无巡查任务$/);
  const legend = page.getByTestId("area-map-legend");
  await expect(legend).toContainText("红康第一网格");
  await expect(page.getByTestId("coverage-legend")).toContainText("本期巡查完成率");
  await page.waitForTimeout(300);
  await shoot(page.locator(".ll-map-card"), "area-map");
});

test("on the phone a case shows its address, its grid and a small map of the pin", async ({ openPage, request }) => {
  await apiLogin(request, "hk_grid1");
  const items = (await (await request.get("/api/cases?limit=50")).json()).items as Array<{ id: string; address: string | null; location: [number, number] | null }>;
  const withPlace = items.find((c) => c.location && c.address);
  expect(withPlace, "a case of 红康第一网格 with a place").toBeDefined();
  const phone = await openPage(PHONE);
  await mobileLogin(phone, "hk_grid1");
  await phone.goto(`/m/cases/${withPlace!.id}`);
  const place = phone.getByTestId("case-place");
  await expect(place).toContainText(withPlace!.address!);
  await expect(place).toContainText("红康第一网格");
  await expect(place).not.toContainText(/\d{3}\.\d{4,}/);
  await expect(phone.getByTestId("case-mini-map").locator(".ll-mini-pin")).toHaveCount(1);
  await phone.waitForTimeout(300);
  await shoot(phone, "phone-case-detail");
});
