import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, apiLogin, consoleLogin, microgridCentre, mobileLogin, mobileOtpLogin, PHONE } from "./support/fixtures";
import { makePng } from "./support/png";

interface CaseItem {
  id: string;
  number: string;
  timer: "normal" | "yellow" | "red";
  level: string;
  status: string;
}

/** The centre of 红康第一网格's first micro-grid, read as its grid worker (hk_grid1). */
async function hkGrid1Centre(request: APIRequestContext): Promise<[number, number]> {
  const { grid, center } = await microgridCentre(request, "hk_grid1");
  expect(grid).toBe("红康第一网格");
  return center;
}

/** Files a case through the API as the signed-in user of `request`. */
async function reportByApi(request: APIRequestContext, body: Record<string, unknown>): Promise<{ id: string; number: string }> {
  const res = await request.post("/api/cases", { data: body, headers: { "Idempotency-Key": `e2e-${Date.now()}-${Math.random()}` } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return res.json();
}

/** Opens a case on the console by its number, through the list's search box. */
async function openOnConsole(page: Page, number: string) {
  await page.getByTestId("side-menu").getByText("事件管理", { exact: true }).click();
  await expect(page).toHaveURL(/\/cases/);
  const search = page.getByTestId("filter-q").locator("input");
  await search.fill(number);
  await search.press("Enter");
  const row = page.locator(".ant-table-row", { hasText: number });
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(page.getByTestId("case-number")).toHaveText(number);
}

test("a resident's report goes to the grid worker, is handled, checked, closed and rated", async ({ page, openPage, request, pageErrors }) => {
  // A retry signs the demo phone in again: its next code may be a minute away (mobileOtpLogin waits for it).
  test.setTimeout(180_000);
  pageErrors.allow(/status of 429/);
  const here = await hkGrid1Centre(request);
  const description = `e2e 3栋楼下垃圾堆放 ${Date.now()}`;

  // The resident, on the phone, at a point inside 红康第一网格's first micro-grid.
  const resident = await openPage({ ...PHONE, geolocation: { longitude: here[0], latitude: here[1] }, permissions: ["geolocation"] });
  await mobileOtpLogin(resident, "13900000001");
  await resident.getByTestId("entry-report").click();
  await expect(resident).toHaveURL(/\/m\/report$/);
  await resident.getByTestId("category").getByText("环境卫生", { exact: true }).click();
  await resident.getByTestId("description").getByRole("textbox").fill(description);
  await resident.getByTestId("photo-uploader").locator('input[type="file"]').setInputFiles({ name: "scene.png", mimeType: "image/png", buffer: makePng() });
  await expect(resident.locator(".adm-image-uploader-cell img")).toHaveCount(1);
  await expect(resident.getByTestId("photo-progress")).toHaveCount(0);
  await resident.getByTestId("use-location").click();
  await expect(resident.getByTestId("place-chosen")).toContainText("红康第一网格");
  await resident.getByTestId("report-submit").click();
  // Earlier runs on the same data may have left the same problem close by: report anyway.
  const done = resident.getByTestId("report-done");
  await expect(done.or(resident.getByTestId("submit-anyway"))).toBeVisible();
  if (await resident.getByTestId("submit-anyway").isVisible()) await resident.getByTestId("submit-anyway").click();
  await expect(done).toBeVisible();
  const number = (await resident.getByTestId("done-number").textContent())!.trim();
  expect(number).toMatch(/^HK-\d{8}-\d{4}$/);

  // The grid worker finds it in the queue on the phone: open it, take it, report the result.
  const worker = await openPage(PHONE);
  await mobileLogin(worker, "hk_grid1");
  await worker.getByTestId("entry-cases").click();
  await expect(worker).toHaveURL(/\/m\/queue$/);
  const card = worker.locator(`[data-testid="case-card"][data-case-number="${number}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText(description);
  await card.click();
  await expect(worker.getByTestId("case-number")).toHaveText(number);
  await expect(worker.getByTestId("case-photos").locator("img")).toHaveCount(1);
  await worker.getByTestId("action-take").click();
  await expect(worker.getByTestId("case-detail")).toHaveAttribute("data-status", "in_progress");
  await worker.getByTestId("action-handle").click();
  await worker.getByTestId("action-text").getByRole("textbox").fill("已联系物业清运，现场已清理干净");
  await worker.getByTestId("action-submit").click();
  await expect(worker.getByTestId("case-detail")).toHaveAttribute("data-status", "handled");

  // Community staff check the result on the console and close the case as resolved.
  await consoleLogin(page, "hk_staff");
  await openOnConsole(page, number);
  await expect(page.getByTestId("case-result")).toContainText("已联系物业清运");
  await page.getByTestId("action-verify").click();
  await expect(page.getByTestId("case-detail")).toHaveAttribute("data-status", "verified");
  await page.getByTestId("action-close").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page.getByTestId("action-closure").getByLabel("已解决")).toBeChecked();
  await page.getByTestId("action-submit").click();
  await expect(page.getByTestId("case-detail")).toHaveAttribute("data-status", "closed");
  await expect(page.getByTestId("case-timeline")).toContainText("办结");

  // The resident sees it closed among 我的诉求 and rates it 满意.
  await resident.goto("/m/my-cases");
  const mine = resident.locator(`[data-testid="case-card"][data-case-number="${number}"]`);
  await expect(mine.getByTestId("status-tag")).toHaveText("已办结");
  await mine.click();
  await expect(resident.getByTestId("case-detail")).toHaveAttribute("data-status", "closed");
  await expect(resident.getByTestId("case-result")).toContainText("已联系物业清运");
  await resident.getByTestId("action-rate").click();
  await resident.getByTestId("rating").getByText("满意", { exact: true }).click();
  await resident.getByTestId("action-submit").click();
  await expect(resident.getByTestId("case-rating")).toHaveText("满意");
  await expect(resident.getByTestId("action-rate")).toHaveCount(0);

  // Each step reached the resident as a notification.
  await resident.goto("/m/notifications");
  await expect(resident.getByTestId("notification").filter({ hasText: number }).filter({ hasText: "已办结" })).toHaveCount(1);
});

test("staff escalate a case to the street office, which dispatches it to the police station", async ({ page, openPage, request }) => {
  // A phone call entered by staff without a place: it starts with the community.
  await apiLogin(request, "hk_staff");
  const { id, number } = await reportByApi(request, { categoryCode: "public_safety", description: `e2e 沿街商铺私拉电线 ${Date.now()}`, channel: "phone", reporterName: "王先生" });

  await consoleLogin(page, "hk_staff");
  await openOnConsole(page, number);
  await expect(page.getByTestId("case-detail")).toHaveAttribute("data-level", "community");
  await page.getByTestId("action-escalate").click();
  await expect(page.getByTestId("action-modal")).toContainText("上报街道");
  await page.getByTestId("action-text").fill("涉及多家商铺，需要街道协调派出所联合整治");
  await page.getByTestId("action-submit").click();
  await expect(page.getByTestId("case-detail")).toHaveAttribute("data-level", "street");
  // Staff can no longer act on it as its owner.
  await expect(page.getByTestId("action-escalate")).toHaveCount(0);

  const street = await openPage();
  await consoleLogin(street, "hy_street");
  await street.goto(`/cases/${id}`);
  await expect(street.getByTestId("case-number")).toHaveText(number);
  await street.getByTestId("action-dispatch").click();
  await street.getByTestId("action-department").getByText("派出所", { exact: true }).click();
  await street.getByTestId("action-submit").click();
  await expect(street.getByTestId("case-detail")).toHaveAttribute("data-level", "department");
  await expect(street.getByTestId("case-detail")).toHaveAttribute("data-status", "dispatched");

  // The levels passed: the community, the street office, the department (never the grid).
  const levels = street.getByTestId("levels-passed");
  for (const level of ["社区", "街道", "职能部门"]) await expect(levels.locator(".ant-steps-item-finish, .ant-steps-item-process", { hasText: level })).toHaveCount(1);
  await expect(levels.locator(".ant-steps-item-wait", { hasText: "网格" })).toHaveCount(1);
  await expect(levels).toContainText("涉及多家商铺");
  await expect(street.getByTestId("case-timeline")).toContainText("上报至街道");
  await expect(street.getByTestId("case-timeline")).toContainText("部门：派出所");
});

test("the case dashboard draws its figures and charts for 红康社区", async ({ page, request }) => {
  await apiLogin(request, "hk_staff");
  await reportByApi(request, { categoryCode: "noise", description: `e2e 夜间施工噪音 ${Date.now()}`, channel: "hotline_12345" });

  await consoleLogin(page, "hk_staff");
  await page.getByTestId("side-menu").getByText("事件统计", { exact: true }).click();
  await expect(page).toHaveURL(/\/case-stats$/);
  await expect(page.getByTestId("dashboard-scope")).toContainText("红康社区");
  await expect(page.getByTestId("dashboard-preset").getByText("今年")).toBeVisible();
  const total = page.getByTestId("kpi-total").locator(".ant-statistic-content-value");
  await expect(total).toHaveText(/^[1-9][\d,]*$/);
  for (const kpi of ["open", "shareGrid", "shareCommunity", "shareBeyond", "medianAccept", "medianClose", "overdueRate", "satisfaction", "riders"]) {
    await expect(page.getByTestId(`kpi-${kpi}`)).toBeVisible();
  }
  for (const chart of ["chart-category", "chart-channel", "chart-split", "chart-monthly"]) {
    await expect(page.getByTestId(chart).locator("canvas")).toHaveCount(1);
  }
  // The period presets change the figures' period.
  await page.getByTestId("dashboard-preset").getByText("2023-07至2024-12").click();
  await expect(page.getByTestId("dashboard-scope")).toContainText("2023-07-01 至 2024-12-31");

  // The list exports what it shows as a spreadsheet.
  await page.getByTestId("side-menu").getByText("事件管理", { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  // The home page counts the overdue cases in today's work, linking to the list.
  await page.getByTestId("side-menu").getByText("首页", { exact: true }).click();
  const overdue = page.getByTestId("inbox-overdue");
  await expect(overdue.getByTestId("inbox-count")).toHaveText(/^[1-9][\d,]*$/);
  await overdue.getByTestId("inbox-all").click();
  await expect(page).toHaveURL(/\/cases\?status=open&overdue=true$/);
  await expect(page.locator(".ant-table-row").first()).toBeVisible();
});

test.describe("phone", () => {
  test.use(PHONE);

  test("a grid worker's queue marks each case by its time limit", async ({ page, request }) => {
    const here = await hkGrid1Centre(request);
    // A new case in the grid, so that the queue is not empty.
    await apiLogin(request, "hk_staff");
    const { number } = await reportByApi(request, { categoryCode: "road", description: `e2e 人行道地砖松动 ${Date.now()}`, channel: "phone", location: here });
    await apiLogin(request, "hk_grid1");
    const queue = (await (await request.get("/api/cases", { params: { scope: "queue", limit: 100 } })).json()).items as CaseItem[];
    expect(queue.map((c) => c.number)).toContain(number);

    await mobileLogin(page, "hk_grid1");
    await expect(page.getByTestId("queue-card")).toContainText(String(queue.length));
    await page.getByTestId("entry-cases").click();
    const cards = page.getByTestId("case-card");
    await expect(cards).toHaveCount(queue.length);
    for (const c of queue) {
      const card = page.locator(`[data-testid="case-card"][data-case-number="${c.number}"]`);
      await expect(card).toHaveAttribute("data-timer", c.timer);
      await expect(card).toHaveClass(new RegExp(`m-case-timer-${c.timer}`));
      if (c.timer === "red") await expect(card.getByTestId("timer-tag")).toHaveText("已超时");
      else if (c.timer === "yellow") await expect(card.getByTestId("timer-tag")).toHaveText("即将超时");
      else await expect(card.getByTestId("timer-tag")).toHaveCount(0);
    }
    // Overdue first, then near the limit, as the server orders them.
    const shown = await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-timer")));
    expect(shown).toEqual(queue.map((c) => c.timer));
    // The new case is marked as such; two taps act on it.
    const fresh = page.locator(`[data-testid="case-card"][data-case-number="${number}"]`);
    await expect(fresh).toContainText("新");
    await fresh.click();
    await page.getByTestId("action-take").click();
    await expect(page.getByTestId("case-detail")).toHaveAttribute("data-status", "in_progress");
  });

  test("a rider's snapshot survives a dropped connection and is marked as from a mobile grid reporter", async ({ page, pageErrors }) => {
    await mobileOtpLogin(page, "13900000002");
    await page.getByTestId("entry-snapshot").click();
    await page.getByTestId("category").getByText("消防安全隐患", { exact: true }).click();
    await page.getByTestId("description").getByRole("textbox").fill(`e2e 商铺门口消防通道被电动车堵住 ${Date.now()}`);
    // The first attempt to send never reaches the server; the app tries again with the same key.
    const keys: string[] = [];
    pageErrors.allow(/ERR_INTERNET_DISCONNECTED/);
    await page.route("**/api/cases", (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      keys.push(route.request().headers()["idempotency-key"]);
      return keys.length === 1 ? route.abort("internetdisconnected") : route.fallback();
    });
    await page.getByTestId("report-submit").click();
    await expect(page.getByTestId("report-done")).toBeVisible();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await expect(page.getByTestId("report-done").getByTestId("mobile-reporter")).toHaveText("流动网格员");
    await page.getByTestId("done-view").click();
    await expect(page.getByTestId("mobile-reporter")).toHaveText("流动网格员");
    // A reporter may withdraw a case nobody has handled yet.
    await expect(page.getByTestId("action-withdraw")).toBeVisible();
  });
});
