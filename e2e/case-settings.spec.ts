import { test, expect, consoleLogin, microgridCentre, mobileOtpLogin, PHONE } from "./support/fixtures";

test("a community secretary sends a category straight to the community; a resident's next report of it starts there", async ({ page, openPage, request, pageErrors }) => {
  test.setTimeout(240_000);
  // A refused code request (rate limit) logs a 429 in the phone's console; the login retries it.
  pageErrors.allow(/status of 429/);
  const { center: here } = await microgridCentre(request, "yxq_grid1");

  // The secretary of 怡心桥社区 sets the rule for 户外广告牌 on the console.
  await consoleLogin(page, "yxq_secretary");
  await page.getByTestId("side-menu").getByText("事件设置", { exact: true }).click();
  await expect(page).toHaveURL(/\/case-settings$/);
  const level = page.getByTestId("rule-level-billboard");
  await expect(level).toHaveText("按网格派给网格员");
  await page.getByTestId("rule-edit-billboard").click();
  const modal = page.getByTestId("rule-modal");
  await expect(modal).toContainText("分派规则 · 户外广告牌");
  await modal.getByTestId("rule-level-community").click();
  await page.getByTestId("rule-save").click();
  await expect(modal.locator(".ant-modal")).toBeHidden();
  await expect(level).toHaveText("社区");
  await expect(page.locator(".ant-table-row", { has: level })).toContainText("社区调度员分派");

  // A resident reports a billboard problem from inside a grid of 怡心桥 on the phone.
  const resident = await openPage({ ...PHONE, geolocation: { longitude: here[0], latitude: here[1] }, permissions: ["geolocation"] });
  await mobileOtpLogin(resident, "13900000011");
  await expect(resident.getByTestId("home-area")).toHaveText("怡心桥社区");
  await resident.getByTestId("entry-report").click();
  await expect(resident).toHaveURL(/\/m\/report$/);
  await resident.getByTestId("category").getByText("户外广告牌", { exact: true }).click();
  await resident.getByTestId("description").getByRole("textbox").fill(`e2e 商铺门头广告牌松动 ${Date.now()}`);
  await resident.getByTestId("use-location").click();
  await expect(resident.getByTestId("place-chosen")).toContainText("怡心桥");
  await resident.getByTestId("report-submit").click();
  const done = resident.getByTestId("report-done");
  await expect(done.or(resident.getByTestId("submit-anyway"))).toBeVisible();
  if (await resident.getByTestId("submit-anyway").isVisible()) await resident.getByTestId("submit-anyway").click();
  await expect(done).toBeVisible();
  const number = (await resident.getByTestId("done-number").textContent())!.trim();
  expect(number).toMatch(/^YXQ-\d{8}-\d{4}$/);

  // On the console the case starts at the community level, not at the grid.
  await page.getByTestId("side-menu").getByText("事件管理", { exact: true }).click();
  const search = page.getByTestId("filter-q").locator("input");
  await search.fill(number);
  await search.press("Enter");
  const row = page.locator(".ant-table-row", { hasText: number });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("社区");
  await row.click();
  await expect(page.getByTestId("case-number")).toHaveText(number);
  await expect(page.getByTestId("case-detail")).toHaveAttribute("data-level", "community");

  // Resetting the rule sends the category by grid again.
  await page.getByTestId("side-menu").getByText("事件设置", { exact: true }).click();
  await page.getByTestId("rule-remove-billboard").click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "确定" }).click();
  await expect(level).toHaveText("按网格派给网格员");
});

test("the admin adds a holiday in the working calendar, sees it listed and removes it", async ({ page }) => {
  await consoleLogin(page, "admin");
  await page.goto("/case-settings?tab=calendar");
  await expect(page.getByTestId("calendar-table")).toBeVisible();

  const add = page.getByTestId("calendar-add");
  await add.getByTestId("calendar-day").click();
  await page.keyboard.type("2030-10-09");
  await page.keyboard.press("Enter");
  await add.getByTestId("calendar-name").fill("e2e 临时停工");
  await add.getByTestId("calendar-submit").click();

  // The list switches to the year of the new day and shows it as a holiday.
  const row = page.getByTestId("calendar-table").locator(".ant-table-row", { hasText: "2030-10-09" });
  await expect(row).toContainText("节假日");
  await expect(row).toContainText("e2e 临时停工");
  await expect(page.getByTestId("calendar-summary")).toContainText("2030 年");

  await page.getByTestId("calendar-remove-2030-10-09").click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "确定" }).click();
  await expect(row).toHaveCount(0);
});

test("the admin changes a time limit; a community secretary sees the limits but cannot change them", async ({ page, openPage }) => {
  await consoleLogin(page, "admin");
  await page.goto("/case-settings?tab=limits");
  const cell = page.getByTestId("limit-river-department");
  await cell.click();
  const modal = page.getByTestId("limit-modal");
  await expect(modal).toContainText("河道问题 · 职能部门");
  await modal.getByTestId("limit-accept").fill("9");
  await modal.getByTestId("limit-handle").fill("84");
  await expect(modal).toContainText("约 12 个工作日");
  await page.getByTestId("limit-save").click();
  await expect(modal.locator(".ant-modal")).toBeHidden();
  await expect(cell).toContainText("受理 9 小时");
  await expect(cell).toContainText("办结 84 小时");

  const secretary = await openPage();
  await consoleLogin(secretary, "hk_secretary");
  await secretary.goto("/case-settings?tab=limits");
  await expect(secretary.getByTestId("limits-table")).toContainText("办结 84 小时");
  await expect(secretary.getByTestId("limit-river-department")).toHaveCount(0);
  await expect(secretary.getByText("修改需要街道或平台管理员权限")).toBeVisible();
});
