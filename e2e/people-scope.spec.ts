import { request as playwrightRequest } from "@playwright/test";
import { test, expect, apiLogin, consoleLogin } from "./support/fixtures";

interface PeoplePage {
  items: Array<{ name: string; communityName: string }>;
}

test("people search stays inside the caller's community", async ({ page, request, baseURL }) => {
  // A name living in 红康, looked up as 红康 staff, and checked (as the platform admin, who sees
  // every community) to be carried by nobody outside 红康.
  await apiLogin(request, "hk_staff");
  const hk = (await (await request.get("/api/people", { params: { limit: 100 } })).json()) as PeoplePage;
  expect(hk.items.length).toBeGreaterThan(0);
  expect(new Set(hk.items.map((p) => p.communityName))).toEqual(new Set(["红康社区"]));
  const admin = await playwrightRequest.newContext({ baseURL });
  await apiLogin(admin, "admin");
  let hkOnlyName: string | undefined;
  for (const person of hk.items) {
    const everywhere = (await (await admin.get("/api/people", { params: { q: person.name, limit: 200 } })).json()) as PeoplePage;
    if (everywhere.items.length > 0 && everywhere.items.every((p) => p.communityName === "红康社区")) {
      hkOnlyName = person.name;
      break;
    }
  }
  await admin.dispose();
  expect(hkOnlyName, "a name found only in 红康").toBeDefined();

  await consoleLogin(page, "yxq_staff");
  await page.getByTestId("side-menu").getByText("人口查询").click();
  await expect(page).toHaveURL(/\/people$/);
  const search = page.getByTestId("people-search").locator("input");
  const rows = page.locator(".ant-table-tbody tr.ant-table-row");

  // A surname: every row found is a resident of 怡心桥.
  await search.fill("李");
  await search.press("Enter");
  await expect(rows.first().locator("td.col-name")).toContainText("李");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i).locator("td.col-name")).toContainText("李");
    await expect(rows.nth(i).locator("td.col-community")).toHaveText("怡心桥社区");
  }
  // Personal data is masked.
  await expect(rows.first()).toContainText("****");

  // The 红康 resident does not exist for 怡心桥 staff.
  await search.fill(hkOnlyName!);
  await search.press("Enter");
  await expect(page.locator(".ant-table-tbody .ant-empty")).toBeVisible();
  await expect(rows).toHaveCount(0);
});
