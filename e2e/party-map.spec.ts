import { test, expect, consoleLogin, mobileLogin, PHONE } from "./support/fixtures";

/**
 * 党建地图 (issue 14: "the map and the registry show who the 楼栋长 and 中心户 of a household are"):
 * staff open the party map, a building with a 楼栋长 names them and lists its households with their
 * 中心户, each household links to the register; a grid worker sees the same on the phone's building.
 */

type MapBuilding = { id: string; name: string; compound: string; leader: { name: string; group: string } | null; households: number; covered: number };

test("the party map shows the buildings, their 楼栋长 and each household's 中心户", async ({ page }) => {
  await consoleLogin(page, "hk_staff");
  await page.goto("/party?tab=map");
  await expect(page.getByTestId("party-tab-map")).toHaveText("党建地图");
  const map = page.getByTestId("party-map");
  await expect(map).toBeVisible();
  await expect(page.getByTestId("party-map-building").first()).toBeAttached();
  const legend = page.getByTestId("party-map-legend");
  await expect(legend).toContainText("已有党员楼栋长");
  await expect(legend).toContainText("未配楼栋长");

  // a building with a 楼栋长 and households looked after by a 中心户
  const reply = await page.request.get("/api/party/map");
  expect(reply.ok(), await reply.text()).toBeTruthy();
  const buildings = ((await reply.json()) as { buildings: MapBuilding[] }).buildings;
  expect(Number(await map.getAttribute("data-buildings"))).toBe(buildings.length);
  const led = buildings.find((b) => b.leader && b.covered > 0)!;
  expect(led, "a 红康 building with a 楼栋长 and a 中心户").toBeTruthy();
  await expect(page.locator('[data-testid="party-map-building"][data-led="1"]').first()).toBeAttached();
  await page.screenshot({ path: "/tmp/party-map-tab.png", fullPage: true });

  const marker = page.locator(`[data-building="${led.id}"]`);
  await marker.dispatchEvent("click");
  const drawer = page.getByTestId("party-building-drawer");
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(`${led.compound}${led.name}`);
  await expect(drawer.getByTestId("party-building-leader")).toContainText(led.leader!.name);
  await expect(drawer.getByTestId("party-building-leader")).toContainText(led.leader!.group);
  await expect(drawer.getByTestId("party-building-household").first()).toBeVisible();
  await expect(drawer.getByTestId("party-household-anchor").first()).toBeVisible();
  await page.screenshot({ path: "/tmp/party-map-drawer.png" });

  // a household of the building opens its register page, where the same 楼栋长 is named
  const household = drawer.getByTestId("party-building-household").first();
  const address = (await household.textContent())!;
  await household.click();
  await expect(page).toHaveURL(/\/registry\/households\/[^/]+$/);
  await expect(page.getByText(address).first()).toBeVisible();
  await expect(page.getByTestId("household-party-contacts")).toContainText(led.leader!.name);
});

test("a grid worker sees the 楼栋长 and the 中心户 of a building on the phone", async ({ openPage }) => {
  const phone = await openPage(PHONE);
  await mobileLogin(phone, "hk_grid1");
  const reply = await phone.request.get("/api/party/map");
  expect(reply.ok(), await reply.text()).toBeTruthy();
  const led = ((await reply.json()) as { buildings: MapBuilding[] }).buildings.find((b) => b.leader && b.covered > 0);
  expect(led, "a building of 红康第一网格 with a 楼栋长 and a 中心户").toBeTruthy();
  await phone.goto(`/m/registry/buildings/${led!.id}`);
  await expect(phone.getByTestId("mobile-building-leader")).toContainText(`党员楼栋长：${led!.leader!.name}`);
  await expect(phone.getByTestId("mobile-household-anchor").first()).toContainText("党员中心户：");
  await phone.screenshot({ path: "/tmp/party-map-phone.png" });
});
