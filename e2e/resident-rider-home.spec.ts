import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, consoleLogin, mobileOtpLogin, PHONE } from "./support/fixtures";
import { makePng } from "./support/png";

const SHOTS = path.join("test-results", "homes");
fs.mkdirSync(SHOTS, { recursive: true });
test.use(PHONE);

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: "disabled" });

/** A notice that looks like markup: it must be shown as the very same text, never run. */
const NOTICE_TITLE = `停水通知<script>window.__pwned=1</script>`;
const NOTICE_BODY = `明天 9:00-17:00 金水湾小区停水。<img src=x onerror="window.__pwned=1">`;

test("the resident's home: grid worker, a staff notice, an open report urged once a day and a photo added", async ({ page, openPage, pageErrors }) => {
  test.setTimeout(240_000);
  pageErrors.allow(/status of 409/);
  pageErrors.allow(/status of 429/);

  // hk_staff publishes a notice in the console (社区公告).
  const consolePage = await openPage({ viewport: { width: 1440, height: 900 } });
  await consoleLogin(consolePage, "hk_staff");
  await consolePage.goto("/notices");
  await consolePage.getByTestId("notice-new").click();
  await consolePage.getByTestId("notice-title").fill(NOTICE_TITLE);
  await consolePage.getByTestId("notice-body").fill(NOTICE_BODY);
  await consolePage.getByTestId("notice-submit").click();
  // (the demo's own notices are there too, the pinned one first)
  await expect(consolePage.getByTestId("notice-item").filter({ hasText: NOTICE_TITLE })).toHaveCount(1);
  await shot(consolePage, "console-notices-1440");

  // The resident signs in with a code (the first tab), and has an open report.
  await page.goto("/m/login");
  await expect(page.locator(".adm-tabs-tab-active")).toHaveText("验证码登录");
  // The code field takes the SMS auto-fill and a number pad.
  const codeInput = page.getByTestId("code").locator("input");
  await expect(codeInput).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeInput).toHaveAttribute("inputmode", "numeric");
  await mobileOtpLogin(page, "13900000001");
  const reported = await page.request.post("/api/cases", { data: { categoryCode: "sanitation", description: "e2e：楼下垃圾桶满了三天没人清运" } });
  expect(reported.ok(), await reported.text()).toBeTruthy();
  const { id, number } = (await reported.json()) as { id: string; number: string };
  await page.reload();

  // 我的网格员 with a call link, the notice as text, the open report.
  await expect(page.getByTestId("grid-worker-name")).not.toBeEmpty();
  await expect(page.getByTestId("grid-worker-call")).toHaveAttribute("href", /^tel:0871/);
  const notice = page.getByTestId("home-notice").filter({ hasText: "window.__pwned" }).first();
  await expect(notice).toContainText(NOTICE_TITLE);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const card = page.locator(`[data-testid="home-report"][data-case-number="${number}"]`);
  await expect(card).toBeVisible();
  await shot(page, "resident-home-390");

  // 催办 from the card; a second one the same day is refused with the time of the next.
  await card.getByTestId("home-report-remind").click();
  await expect(page.getByText("已催办，处置人员会尽快处理")).toBeVisible();
  await expect(card).toContainText("已催办 1 次");
  await card.getByTestId("home-report-remind").click();
  await expect(page.getByText(/今天已催办过，\d{2}-\d{2} 00:00 后可再次催办/)).toBeVisible();

  // The detail: the next time is shown, 撤回 is a secondary outline button, 补充说明 with a photo.
  await page.goto(`/m/cases/${id}`);
  await expect(page.getByTestId("remind-next")).toContainText("后可再次催办");
  await expect(page.getByTestId("action-remind")).toHaveClass(/adm-button-large/);
  await expect(page.getByTestId("action-withdraw")).not.toHaveClass(/adm-button-large/);
  await page.getByTestId("action-remind").click();
  await expect(page.getByText(/今天已催办过/).first()).toBeVisible();
  await page.getByTestId("action-supplement").click();
  await page.getByTestId("action-text").locator("textarea:not([readonly])").fill("晚上还有异味，附上照片");
  await page.getByTestId("photo-uploader").locator('input[type="file"]').setInputFiles({ name: "bin.png", mimeType: "image/png", buffer: makePng() });
  await expect(page.locator(".adm-image-uploader-cell img")).toHaveCount(1);
  await expect(page.getByTestId("photo-progress")).toHaveCount(0);
  await page.getByTestId("action-submit").click();
  const timeline = page.getByTestId("case-timeline");
  await expect(timeline).toContainText("补充说明");
  await expect(timeline).toContainText("晚上还有异味，附上照片");
  await expect(timeline.getByTestId("case-photos").locator("img")).toHaveCount(1);
  await expect(timeline).toContainText("群众催办");
  await page.waitForTimeout(2500); // the toast fades
  await shot(page, "resident-case-390");

  // 撤回 asks first.
  await page.getByTestId("action-withdraw").click();
  await expect(page.getByText("确定要撤回吗？")).toBeVisible();
  await page.getByText("取消", { exact: true }).last().click();
  await expect(page.getByTestId("case-detail")).toHaveAttribute("data-status", "reported");
});

test.describe("the rider's home", () => {
  test("without a position lists stations by name with a note; near 红康 the nearest open station comes first with a navigate link", async ({ page, context, pageErrors }) => {
    test.setTimeout(180_000);
    pageErrors.allow(/status of 429/);
    await mobileOtpLogin(page, "13900000002");

    // No position yet: by name, with a note.
    const list = page.getByTestId("rider-home-stations");
    await expect(list).toHaveAttribute("data-sorted", "name");
    await expect(page.getByTestId("rider-no-position")).toContainText("驿站按名称排列");
    const names = await page.getByTestId("rider-home-station-name").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect([...names].sort((a, b) => a.localeCompare(b, "zh-CN"))).toEqual(names);

    // Allow the position near 红康 and ask again.
    const tree = (await (await page.request.get("/api/areas/tree")).json()) as { items: Array<{ level: string; name: string; center: [number, number] }> };
    const hk = tree.items.find((n) => n.level === "community" && n.name === "红康社区")!;
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ longitude: hk.center[0], latitude: hk.center[1] });
    await page.getByTestId("rider-home-locate").click();
    await expect(list).toHaveAttribute("data-sorted", "distance");

    // The expected nearest station, from the same public list.
    const all = (await (await page.request.get("/api/riders/friendly?everywhere=true")).json()) as { stations: Array<{ name: string; location: [number, number] | null; hours: string | null }> };
    const rad = Math.PI / 180;
    const dist = (a: [number, number], b: [number, number]) => {
      const h = Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
      return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
    };
    const nearest = all.stations.filter((s) => s.location).sort((a, b) => dist(hk.center, a.location!) - dist(hk.center, b.location!))[0];
    const first = page.getByTestId("rider-home-station").first();
    await expect(first.getByTestId("rider-home-station-name")).toHaveText(nearest.name);
    await expect(first.getByTestId("rider-home-distance")).toContainText(/距您 [\d.]+ ?(米|公里)/);
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", hour12: false }).format(new Date())) % 24;
    const openExpected = hour >= 8 && hour < 22; // demo stations: 08:00-22:00
    await expect(first).toHaveAttribute("data-open", String(openExpected));
    await expect(first.getByTestId("rider-home-open")).toHaveText(openExpected ? "营业中" : "已休息");
    const href = await first.getByTestId("rider-home-navigate").getAttribute("href");
    expect(href).toContain("https://uri.amap.com/navigation?to=");
    expect(href).toContain(`${nearest.location![0].toFixed(6)},${nearest.location![1].toFixed(6)}`);
    expect(href).toContain("mode=ride");
    expect(href).toContain("coordinate=wgs84");
    await shot(page, "rider-home-390");

    // 上报隐患 in three taps: the button, a kind, send (with the position).
    await page.getByTestId("rider-report-hazard").click();
    await expect(page.getByTestId("hazard-place")).toContainText("当前位置");
    await page.getByTestId("hazard-fire_hazard").click();
    await page.getByTestId("hazard-submit").click();
    await expect(page).toHaveURL(/\/m\/report\/done\//);
  });
});
