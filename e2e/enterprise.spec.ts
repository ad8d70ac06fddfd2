import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, apiLogin, consoleLogin, mobileLogin, PHONE, fillChecklist, type ChecklistItem } from "./support/fixtures";

/**
 * 营商环境 and inspections, end to end in 怡心桥:
 * 1. staff create a visit campaign over two enterprises of yxq_grid1's grid and assign them to the
 *    worker; the worker visits one on the phone and records a financing need, which staff match to
 *    the offer of the partner bank (富滇银行怡心桥支行);
 * 2. a food-safety programme covers two places; the worker's checks of both fail on the phone;
 *    staff issue 责令整改 notices due today and print one; the worker's re-check on the phone passes
 *    and closes it, while the failed re-check of the other becomes a case at 市场监管所;
 * 3. an enterprise goes through the 入库 pipeline to declared.
 * Screenshots go to /tmp/ent-*.png.
 */

type Enterprise = { id: string; name: string; kind: string };
type Item = ChecklistItem & { label: string; opensCase: boolean };
type Task = { id: string; planId: string; targetKind: string; targetLabel: string; status: string; template: { items: Item[] } };

const stamp = Date.now().toString(36).slice(-5);
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/ent-${name}.png`, fullPage: true });

/** Enterprises of yxq_grid1's grid without a food-safety patrol plan (a new programme gives them one). */
async function gridEnterprises(request: APIRequestContext): Promise<Enterprise[]> {
  await apiLogin(request, "yxq_staff");
  const plans = (await (await request.get("/api/patrols/plans?targetKind=food_business&active=all&limit=500")).json()) as { items: Array<{ target: { id: string } }> };
  const planned = new Set(plans.items.map((p) => p.target.id));
  await apiLogin(request, "yxq_grid1");
  const list = (await (await request.get("/api/enterprises?limit=200")).json()) as { items: Enterprise[] };
  return list.items.filter((e) => !planned.has(e.id));
}

/** Picks an option of one of the console's server-searched pickers by typing its name. */
async function pick(page: Page, testId: string, name: string) {
  const select = page.getByTestId(testId);
  await select.click();
  await select.locator("input").fill(name);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: name }).first().click();
  await page.keyboard.press("Escape");
}

/** Picks a day in an antd DatePicker by typing it. */
async function typeDay(page: Page, testId: string, day: string) {
  const input = page.getByTestId(testId).locator("input").or(page.locator(`input[data-testid="${testId}"]`)).first();
  await input.click();
  await input.fill(day);
  await input.press("Enter");
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test.describe.configure({ mode: "serial" });

const shared: { places: Enterprise[] } = { places: [] };

test("a campaign is assigned; the grid worker records a financing need on the phone; it is matched to the partner bank's offer", async ({ page, request, openPage }) => {
  test.setTimeout(240_000);
  const candidates = await gridEnterprises(request);
  expect(candidates.length, "enterprises of yxq_grid1's grid without a food plan").toBeGreaterThanOrEqual(5);
  shared.places = candidates;
  const [a, b] = candidates;
  await apiLogin(request, "yxq_grid1");
  const worker = ((await (await request.get("/api/auth/session")).json()) as { user: { displayName: string } }).user.displayName;

  // The console: a campaign over two enterprises.
  await page.setViewportSize({ width: 1440, height: 960 });
  await consoleLogin(page, "yxq_staff");
  await page.getByTestId("side-menu").getByText("企业服务").click();
  await expect(page.getByTestId("enterprise-table")).toBeVisible();
  await expect(page.getByTestId("enterprise-name").first()).toBeVisible();
  await shot(page, "console-enterprises");
  await page.getByTestId("enterprise-tabs").getByText("走访活动").click();
  await page.getByTestId("campaign-add").click();
  const name = `e2e 企业走访 ${stamp}`;
  await page.getByTestId("campaign-name").fill(name);
  await pick(page, "campaign-places", a.name);
  await pick(page, "campaign-places", b.name);
  await page.getByTestId("campaign-submit").click();
  const drawer = page.getByTestId("campaign-drawer");
  await expect(drawer.getByTestId("campaign-targets").locator("tbody tr.ant-table-row")).toHaveCount(2);

  // Assigned: both targets to yxq_grid1 (reassigned if the grid gave one to someone else).
  await drawer.locator("thead .ant-checkbox-input").check();
  await page.getByTestId("assign-to").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: worker }).first().click();
  await page.getByTestId("assign-submit").click();
  await expect(page.getByText("已改派 2 家")).toBeVisible();
  await expect(drawer.getByTestId("target-assignee")).toHaveText([worker, worker]);
  await expect(drawer.getByTestId("coverage-by-worker")).toContainText(worker);
  await shot(page, "console-campaign");

  // The phone: the worker opens 企业走访 from the home, visits the first enterprise and records a financing need.
  const phone = await openPage(PHONE);
  await mobileLogin(phone, "yxq_grid1");
  await shot(phone, "phone-home");
  await phone.getByTestId("entry-enterpriseVisits").click();
  await expect(phone).toHaveURL(/\/m\/enterprise-visits$/);
  await expect(phone.getByTestId("visit-campaign").filter({ hasText: name })).toContainText("已访 0 / 2");
  await shot(phone, "phone-visits");
  await phone.getByTestId("visit-target").filter({ hasText: a.name }).first().click();
  await expect(phone.getByTestId("visit-enterprise")).toContainText(a.name);
  await phone.getByTestId("visit-notes").getByRole("textbox").fill("经营正常，宣传了助企纾困政策");
  await phone.getByTestId("need-add").click();
  await expect(phone.getByTestId("need-kind-0").locator(".adm-selector-item-active")).toHaveText("融资需求");
  await phone.getByTestId("need-description-0").getByRole("textbox").fill("扩大经营需要银行贷款50万元");
  await phone.getByTestId("need-add").click();
  await phone.getByTestId("need-kind-1").getByText("用工招聘").click();
  await phone.getByTestId("need-description-1").getByRole("textbox").fill("招聘两名厨师");
  await shot(phone, "phone-visit-form");
  await phone.getByTestId("enterprise-visit-submit").click();
  await expect(phone).toHaveURL(/\/m\/enterprise-visits$/);
  await expect(phone.getByTestId("visit-campaign").filter({ hasText: name })).toContainText("已访 1 / 2");
  await expect(phone.getByTestId("visit-target").filter({ hasText: a.name }).first()).toHaveAttribute("data-visited", "true");

  // The console: the need, matched to the bank's loan offer.
  await page.reload();
  await page.getByTestId("enterprise-tabs").getByText("企业诉求").click();
  const row = page.getByTestId("needs-table").locator("tr.ant-table-row", { hasText: a.name }).filter({ hasText: "扩大经营需要银行贷款50万元" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("need-status")).toHaveText("待办理");
  await row.getByTestId("need-match").click();
  const bank = page.getByTestId("need-matches").locator(".ant-list-item", { hasText: "富滇银行怡心桥支行" });
  await expect(bank).toBeVisible();
  await shot(page, "console-need-match");
  await bank.locator(".ll-offer-row", { hasText: "贷款" }).first().getByTestId("match-offer").click();
  await page.getByTestId("needs-status").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "已对接" }).click();
  const matched = page.getByTestId("needs-table").locator("tr.ant-table-row", { hasText: a.name }).filter({ hasText: "扩大经营需要银行贷款50万元" });
  await expect(matched.getByTestId("need-status")).toHaveText("已对接");
  await expect(matched.getByTestId("need-matched-unit")).toContainText("富滇银行怡心桥支行");

  // The hiring need goes to 人社所 as a case with the enterprise as its subject.
  await page.getByTestId("needs-status").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "待办理" }).click();
  const hiring = page.getByTestId("needs-table").locator("tr.ant-table-row", { hasText: a.name }).filter({ hasText: "招聘两名厨师" });
  await hiring.getByTestId("need-refer").click();
  await page.getByRole("dialog").getByRole("button", { name: /转办部门|转 办 部 门/ }).click();
  await expect(page.getByText("已转为部门事件")).toBeVisible();
  await page.getByTestId("needs-status").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "已转办" }).click();
  const referred = page.getByTestId("needs-table").locator("tr.ant-table-row", { hasText: a.name }).filter({ hasText: "招聘两名厨师" });
  await expect(referred.getByTestId("need-status")).toHaveText("已转办");
  await referred.getByTestId("need-case").click();
  await expect(page).toHaveURL(/\/cases\//);
  await expect(page.locator("body")).toContainText("人社所");
  await expect(page.locator("body")).toContainText(a.name);
  await page.goto("/enterprises?tab=campaigns");

  // The campaign's coverage: one of two visited, two needs raised.
  const campaignRow = page.getByTestId("campaign-table").locator("tr.ant-table-row", { hasText: name });
  await expect(campaignRow.getByTestId("coverage")).toHaveText("1/2（50%）");
  await expect(campaignRow.locator("td").nth(3)).toHaveText("2");
  // The enterprise's record: the visit and the need in its history.
  await page.goto(`/enterprises/${a.id}`);
  await expect(page.getByTestId("enterprise-title")).toHaveText(a.name);
  await expect(page.locator('[data-testid="history-item"][data-kind="visit"]', { hasText: name })).toHaveCount(1);
  await expect(page.locator('[data-testid="history-item"][data-kind="need"]', { hasText: "融资需求（已对接）" }).first()).toBeVisible();
  await expect(page.getByTestId("enterprise-needs").locator("tr.ant-table-row", { hasText: "扩大经营需要银行贷款50万元" }).getByTestId("need-matched-unit")).toContainText("富滇银行怡心桥支行");
  // The contact's phone is masked; showing it takes a reason (audited).
  await expect(page.getByTestId("contact-phone")).toContainText("****");
  await page.getByTestId("contact-unmask").click();
  await page.getByTestId("unmask-reason").fill("回访企业融资需求");
  await page.getByTestId("unmask-submit").click();
  await expect(page.getByTestId("contact-phone")).toHaveText(/^1\d{10}$/);
  await shot(page, "console-enterprise");
});

test("a food-safety check fails, the notice is printed, the re-check passes and closes it; another failed re-check becomes a case at 市场监管所", async ({ page, request, openPage }) => {
  test.setTimeout(300_000);
  expect(shared.places.length).toBeGreaterThanOrEqual(5);
  const [, , c, d] = shared.places;
  const day = today();

  // The console: a food-safety programme over two places.
  await page.setViewportSize({ width: 1440, height: 960 });
  await consoleLogin(page, "yxq_staff");
  await page.goto("/inspections");
  await expect(page.getByTestId("programme-table")).toBeVisible();
  await expect(page.getByTestId("programme-name-cell").first()).toBeVisible();
  await shot(page, "console-inspections");
  await page.getByTestId("programme-add").click();
  const name = `e2e 食品安全检查 ${stamp}`;
  await page.getByTestId("programme-name").fill(name);
  await pick(page, "programme-places", c.name);
  await pick(page, "programme-places", d.name);
  await page.getByTestId("programme-submit").click();
  await expect(page.getByTestId("programme-drawer")).toContainText(name);
  await page.getByTestId("programme-drawer").locator(".ant-drawer-close").click();

  // The phone: the worker's food-safety checks of both places, each with a failed item.
  await apiLogin(request, "yxq_grid1");
  const mine = (await (await request.get("/api/patrols/my/tasks?view=today&targetKind=food_business&limit=2000")).json()) as { items: Task[] };
  const phone = await openPage(PHONE);
  await mobileLogin(phone, "yxq_grid1");
  for (const place of [c, d]) {
    const summary = mine.items.find((t) => t.targetLabel.includes(place.name) && t.status === "open");
    expect(summary, `an open food-safety task at ${place.name}`).toBeTruthy();
    const task = (await (await request.get(`/api/patrols/tasks/${summary!.id}`)).json()) as Task;
    const failing = task.template.items.find((i) => i.type === "yes_no" && !i.opensCase && i.failWhen?.equals !== undefined)!;
    expect(failing, "a yes/no item of the food checklist").toBeTruthy();
    await phone.goto(`/m/patrols/tasks/${task.id}`);
    await expect(phone.getByTestId("checklist-form")).toBeVisible();
    await fillChecklist(phone, task, failing);
    await phone.getByTestId("patrol-submit").click();
    await expect(phone.getByTestId("submit-result")).toHaveAttribute("data-outcome", "visited");
  }

  // The console: the failed checks in the programme, a 责令整改 notice for each, due today.
  await page.reload();
  await page.getByTestId("programme-table").locator("tr.ant-table-row", { hasText: name }).click();
  const drawer = page.getByTestId("programme-drawer");
  await expect(drawer.getByTestId("programme-checks")).toHaveText("2");
  await expect(drawer.getByTestId("failed-checks").locator("tr.ant-table-row")).toHaveCount(2);
  for (const place of [c, d]) {
    const checkRow = drawer.getByTestId("failed-checks").locator("tr.ant-table-row", { hasText: place.name });
    await checkRow.getByTestId("failed-item-issue").first().click();
    await page.getByTestId("issue-change").fill("彻底清洁后厨，完善进货查验记录");
    await typeDay(page, "issue-deadline", day);
    await page.getByTestId("issue-submit").click();
    await expect(checkRow.getByTestId("failed-item-notice").first()).toBeVisible();
  }
  await shot(page, "console-programme");

  // The printable notice of the first place.
  await drawer.getByTestId("failed-checks").locator("tr.ant-table-row", { hasText: c.name }).getByTestId("failed-item-notice").first().click();
  const sheet = page.getByTestId("notice-sheet");
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText("责令整改通知书");
  await expect(sheet).toContainText("怡心桥社区");
  await expect(page.getByTestId("notice-sheet-place")).toHaveText(c.name);
  await expect(page.getByTestId("notice-sheet-deadline")).toHaveText(`${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`);
  await expect(sheet).toContainText("市场监管所");
  const number = (await page.getByTestId("notice-sheet-number").innerText()).replace("怡心桥社区", "").trim();
  expect(number).toMatch(/^整改〔\d{4}〕第\d{4}号$/);
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByTestId("notice-print-button").click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await shot(page, "console-notice");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("notice-print-button")).toBeHidden();
  await shot(page, "console-notice-print");
  await page.emulateMedia({ media: "screen" });

  // The phone: the worker's re-check of the first place, on the deadline, passes and closes the notice.
  await phone.goto("/m/");
  await phone.getByTestId("entry-rechecks").click();
  await expect(phone).toHaveURL(/\/m\/rechecks$/);
  await phone.locator(`[data-testid="recheck-item"][data-number="${number}"]`).click();
  await expect(phone.getByTestId("recheck-notice")).toContainText(c.name);
  await phone.getByTestId("recheck-notes").getByRole("textbox").fill("后厨已清洁，进货记录已补齐");
  await phone.getByTestId("recheck-companions").getByRole("textbox").fill("何伟（外卖骑手）");
  await shot(phone, "phone-recheck");
  await phone.getByTestId("recheck-submit").click();
  await expect(phone).toHaveURL(/\/m\/rechecks$/);
  await expect(phone.locator(`[data-testid="recheck-item"][data-number="${number}"]`)).toHaveCount(0);

  // The console: the second notice's re-check fails on its deadline and becomes a case at 市场监管所.
  await page.goto("/inspections");
  await page.getByTestId("programme-table").locator("tr.ant-table-row", { hasText: name }).click();
  const notices = page.getByTestId("programme-drawer").getByTestId("notice-table");
  await expect(notices.locator("tr.ant-table-row", { hasText: c.name }).getByTestId("notice-status")).toHaveText("复查合格");
  const second = notices.locator("tr.ant-table-row", { hasText: d.name });
  await second.getByTestId("notice-recheck").click();
  await page.getByTestId("recheck-outcome").getByText("不合格").click();
  await expect(page.getByTestId("recheck-warning")).toHaveText("已到整改期限，不合格将移交市场监管所处理");
  await page.getByTestId("recheck-notes").fill("后厨依旧脏乱");
  await page.getByTestId("recheck-submit").click();
  await expect(second.getByTestId("notice-status")).toHaveText("已移交部门");
  await expect(second.getByTestId("notice-case")).toContainText("市场监管所");
  await shot(page, "console-notices");
  await second.getByTestId("notice-case").click();
  await expect(page).toHaveURL(/\/cases\//);
  await expect(page.locator("body")).toContainText("市场监管所");

  // The ledger of the programme downloads.
  await page.goto("/inspections");
  await page.getByTestId("programme-table").locator("tr.ant-table-row", { hasText: name }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("programme-ledger").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
});

test("an enterprise goes through the 入库 pipeline to declared", async ({ page, request }) => {
  test.setTimeout(180_000);
  await apiLogin(request, "yxq_staff");
  const pipeline = (await (await request.get("/api/cultivations")).json()) as { items: Array<{ placeId: string }> };
  const inPipeline = new Set(pipeline.items.map((c) => c.placeId));
  const list = (await (await request.get("/api/enterprises?kind=enterprise&limit=200")).json()) as { items: Enterprise[] };
  const [e, other] = list.items.filter((x) => !inPipeline.has(x.id) && !shared.places.slice(0, 4).some((p) => p.id === x.id));
  expect(other, "enterprises not yet in the 入库 pipeline").toBeTruthy();

  await page.setViewportSize({ width: 1440, height: 960 });
  await consoleLogin(page, "yxq_staff");
  await page.goto(`/enterprises/${e.id}`);
  const card = page.getByTestId("cultivation-card");
  await expect(card).toHaveAttribute("data-stage", "none");
  // candidate
  await page.getByTestId("cultivation-add").click();
  await page.getByTestId("cultivation-thresholds").fill("年营业收入接近2000万元");
  await page.getByTestId("cultivation-add-submit").click();
  await expect(card).toHaveAttribute("data-stage", "candidate");
  // coached by a door-to-door briefing
  await page.getByTestId("briefing-add").click();
  await page.getByTestId("briefing-topic").fill("规上企业入库政策上门宣讲");
  // one briefing covers two enterprises
  await expect(page.getByTestId("briefing-places")).toContainText(e.name);
  await pick(page, "briefing-places", other.name);
  await page.getByTestId("briefing-submit").click();
  await expect(card).toHaveAttribute("data-stage", "coached");
  await expect(card).toContainText("规上企业入库政策上门宣讲");
  // documents gathered
  await page.getByTestId("advance-documents").click();
  await page.getByTestId("advance-submit").click();
  await expect(card).toHaveAttribute("data-stage", "documents");
  await expect(page.locator(".ant-modal-wrap:visible")).toHaveCount(0);
  const boxes = page.getByTestId("cultivation-documents").locator(".ant-checkbox-input");
  await expect(boxes).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await boxes.nth(i).check();
    await expect(boxes.nth(i)).toBeChecked();
    await expect(boxes.nth(i)).toBeEnabled();
  }
  // declared
  await page.getByTestId("advance-declared").click();
  await page.getByTestId("advance-submit").click();
  await expect(card).toHaveAttribute("data-stage", "declared");
  await expect(card.getByTestId("advance-accepted")).toBeVisible();
  await expect(page.locator(".ant-modal-wrap:visible")).toHaveCount(0);
  await shot(page, "console-cultivation");
  const after = (await (await request.get(`/api/enterprises/${e.id}`)).json()) as { cultivation: { stage: string; declaredOn: string } };
  expect(after.cultivation).toMatchObject({ stage: "declared", declaredOn: today() });

  // The cultivation tab lists it as declared.
  await page.goto("/enterprises?tab=cultivation");
  await expect(page.getByTestId("cultivation-table").locator("tr.ant-table-row", { hasText: e.name })).toContainText("已申报");
  const briefing = page.getByTestId("briefing-list").locator(".ant-list-item", { hasText: "规上企业入库政策上门宣讲" });
  await expect(briefing).toContainText(e.name);
  await expect(briefing).toContainText(other.name);
  await shot(page, "console-cultivation-list");

  // Staff record a visit from the console too; it shows in the record's history.
  await page.goto(`/enterprises/${e.id}`);
  await page.getByTestId("enterprise-visit").click();
  await page.locator(".ant-modal textarea").first().fill("上门了解申报进度，资料已齐全");
  await page.getByTestId("visit-submit").click();
  await expect(page.locator('[data-testid="history-item"][data-kind="visit"]', { hasText: "上门了解申报进度" })).toBeVisible();

  // In English every label of the page switches.
  const item = page.getByRole("menuitem", { name: "English" });
  await expect(async () => {
    if (!(await item.isVisible())) await page.getByTestId("language-switch").click();
    await item.click({ timeout: 2000 });
    await expect(item).toBeHidden({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("side-menu")).toContainText("Enterprises");
  await expect(page.getByTestId("side-menu")).toContainText("Inspections");
  await expect(card).toContainText("Above-scale cultivation");
  await expect(card).toContainText("Declared");
  await shot(page, "console-cultivation-en");
  const back = page.getByRole("menuitem", { name: "简体中文" });
  await expect(async () => {
    if (!(await back.isVisible())) await page.getByTestId("language-switch").click();
    await back.click({ timeout: 2000 });
    await expect(back).toBeHidden({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("side-menu")).toContainText("企业服务");
});
