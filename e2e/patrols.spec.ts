import ExcelJS from "exceljs";
import { test, expect, apiLogin, consoleLogin, mobileLogin, PHONE, fillChecklist, type ChecklistItem } from "./support/fixtures";

/**
 * Patrols, end to end: a grid worker fills a checklist on the phone with no network, the form
 * waits in the phone's outbox, syncs exactly once when the network returns (also when the first
 * answer is lost on the way), the failed item becomes a case in the worker's queue, and the staff
 * downloads the month's ledger with that visit in it.
 */

type Item = ChecklistItem & { label: string; opensCase: boolean };
type Task = { id: string; targetKind: string; targetLabel: string; status: string; template: { items: Item[] }; submissions: Array<{ id: string; failures: string[]; photos: unknown[]; cases: Array<{ number: string }> }> };

const shared: { task?: Task; failed?: Item; caseNumber?: string } = {};

test.describe.configure({ mode: "serial" });

test.describe("on the phone", () => {
  test.use({ ...PHONE, permissions: ["geolocation"], geolocation: { longitude: 102.7167, latitude: 25.0722 } });

  test("a grid worker fills a checklist offline; it syncs once when the network returns and its failure becomes a case", async ({ page, context, request, pageErrors }) => {
    // A task of hk_grid1 due now whose checklist has an item that opens a case.
    await apiLogin(request, "hk_grid1");
    const mine = (await (await request.get("/api/patrols/my/tasks?view=today&limit=300")).json()) as { items: Array<{ id: string; targetKind: string }> };
    for (const kind of ["key_enterprise", "fire_point", "billboard", "food_business", "special_household"]) {
      for (const t of mine.items.filter((i) => i.targetKind === kind).slice(0, 3)) {
        const detail = (await (await request.get(`/api/patrols/tasks/${t.id}`)).json()) as Task;
        const failing = detail.template.items.find((i) => i.type === "yes_no" && i.opensCase && i.failWhen?.equals !== undefined);
        if (failing && detail.status === "open") {
          shared.task = detail;
          shared.failed = failing;
          break;
        }
      }
      if (shared.task) break;
    }
    expect(shared.task, "an open task with a checklist item that opens a case").toBeTruthy();
    const task = shared.task!;
    const failed = shared.failed!;

    await mobileLogin(page, "hk_grid1");
    await page.getByTestId("entry-patrols").click();
    await expect(page).toHaveURL(/\/m\/patrols$/);
    await expect(page.getByTestId("patrol-task-list")).toBeVisible();
    // The app shell is installed (service worker in control); a second start goes through it.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
    });
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.goto(`/m/patrols/tasks/${task.id}`);
    await expect(page.getByTestId("checklist-form")).toBeVisible();

    // In the basement: no network. The app still opens the task, from the phone.
    pageErrors.allow(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId("checklist-form")).toBeVisible();
    await expect(page.getByTestId("offline-tag")).toBeVisible();

    // Fill every item: passing answers, except the one that fails, with a photo of it.
    await fillChecklist(page, task, failed);
    await page.getByTestId("patrol-notes").getByRole("textbox").fill("e2e 离线巡查：通道堆放杂物");
    await expect(page.getByTestId("failure-summary")).toContainText("1");
    await page.getByTestId("patrol-submit").click();
    await expect(page.getByTestId("submit-queued")).toBeVisible();
    await expect(page.getByTestId("outbox-pending")).toHaveText("待同步 1 条");

    // Nothing reached the server yet.
    const before = (await (await request.get(`/api/patrols/tasks/${task.id}`)).json()) as Task;
    expect(before.submissions).toHaveLength(0);

    // The list shows the visit as waiting.
    await page.getByTestId("back-to-list").click();
    await expect(page.locator(`[data-testid="patrol-task-card"][data-task-id="${task.id}"]`).getByTestId("task-queued-tag")).toBeVisible();
    await expect(page.getByTestId("outbox-pending")).toHaveText("待同步 1 条");

    // The network returns, but the first answer is lost on its way back: the server has stored
    // the visit, the phone does not know it and sends the same record again.
    let posts = 0;
    await page.route("**/api/patrols/tasks/*/submissions", async (route) => {
      posts++;
      if (posts === 1) {
        await route.fetch();
        return route.abort("internetdisconnected");
      }
      return route.fallback();
    });
    await context.setOffline(false);
    await expect.poll(() => posts, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    // The lost answer counts as no network: the phone sends again by itself once the server answers
    // its probe (within seconds), unless the worker taps 立即同步 first. Either way it is sent once more.
    const done = page.locator(`[data-testid="outbox-item"][data-state="done"]`).first();
    const syncNow = page.getByTestId("outbox-sync");
    await expect(syncNow.or(done)).toBeVisible({ timeout: 20_000 });
    if (await syncNow.isVisible()) await syncNow.click({ timeout: 2_000 }).catch(() => undefined);
    await expect(done).toBeVisible({ timeout: 20_000 });
    await expect(done.getByTestId("outbox-cases")).toContainText(/已生成事件：HK-\d{8}-\d{4}/);
    await expect(page.getByTestId("outbox-pending")).toHaveCount(0);
    expect(posts).toBe(2);

    // Exactly one visit on the server, with its failure, the photo and one case.
    const after = (await (await request.get(`/api/patrols/tasks/${task.id}`)).json()) as Task;
    expect(after.status).toBe("done");
    expect(after.submissions).toHaveLength(1);
    expect(after.submissions[0].failures).toEqual([failed.id]);
    expect(after.submissions[0].photos).toHaveLength(1);
    expect(after.submissions[0].cases).toHaveLength(1);
    shared.caseNumber = after.submissions[0].cases[0].number;
    await expect(done.getByTestId("outbox-cases")).toContainText(shared.caseNumber);

    // The case is in the grid worker's queue.
    await page.goto("/m/queue");
    await expect(page.locator(`[data-testid="case-card"][data-case-number="${shared.caseNumber}"]`)).toBeVisible();
  });

  test("a form filled offline for a task given to someone else meanwhile comes back as a conflict, not lost", async ({ page, context, request, playwright, baseURL, pageErrors }) => {
    await apiLogin(request, "hk_grid1");
    const mine = (await (await request.get("/api/patrols/my/tasks?view=today&limit=300")).json()) as { items: Array<{ id: string; status: string }> };
    const open = mine.items.filter((i) => i.status === "open" && i.id !== shared.task?.id);
    const task = (await (await request.get(`/api/patrols/tasks/${open[open.length - 1].id}`)).json()) as Task;

    await mobileLogin(page, "hk_grid1");
    await page.goto(`/m/patrols/tasks/${task.id}`);
    await expect(page.getByTestId("checklist-form")).toBeVisible();
    pageErrors.allow(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
    await context.setOffline(true);
    await fillChecklist(page, task);
    await page.getByTestId("patrol-submit").click();
    await expect(page.getByTestId("submit-queued")).toBeVisible();

    // Meanwhile the community office gives the task to a staff member.
    const office = await playwright.request.newContext({ baseURL });
    await apiLogin(office, "hk_staff");
    const staff = (await (await office.get("/api/auth/me")).json()).user as { id: string; displayName: string };
    expect((await office.post(`/api/patrols/tasks/${task.id}/reassign`, { data: { assigneeId: staff.id } })).ok()).toBeTruthy();

    await context.setOffline(false);
    const conflict = page.locator(`[data-testid="outbox-item"][data-state="conflict"]`).first();
    await expect(conflict).toBeVisible({ timeout: 20_000 });
    await expect(conflict.getByTestId("outbox-problem")).toContainText(`该任务已改派给 ${staff.displayName}`);
    // The home page says so too until the worker acknowledges it.
    await page.goto("/m/");
    await expect(page.getByTestId("home-outbox")).toContainText("未能入账");
    await page.getByTestId("home-outbox").click();
    await page.locator(`[data-testid="outbox-item"][data-state="conflict"]`).first().getByTestId("outbox-dismiss").click();
    await expect(page.locator(`[data-testid="outbox-item"][data-state="conflict"]`)).toHaveCount(0);
    const after = (await (await office.get(`/api/patrols/tasks/${task.id}`)).json()) as Task;
    expect(after.submissions).toHaveLength(0);
    await office.dispose();
  });
});

test("the staff downloads the month's ledger and it contains the visit, its finding and its case", async ({ page }) => {
  test.skip(!shared.caseNumber, "needs the phone visit");
  const task = shared.task!;
  await consoleLogin(page, "hk_staff");
  await page.goto("/patrols?tab=ledger");
  await expect(page.getByTestId("patrol-ledger")).toBeVisible();
  await page.getByTestId("ledger-kind").click();
  await page.locator(".ant-select-item-option").filter({ hasText: new RegExp(`^${kindLabel(task.targetKind)}$`) }).click();
  await expect(page.getByTestId("ledger-title")).toContainText(`${kindLabel(task.targetKind).slice(0, 2)}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ledger-download").click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await streamToBuffer(await download.createReadStream())) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet("红康第一网格")!;
  expect(sheet).toBeTruthy();
  expect((sheet.getRow(3).values as unknown[]).slice(1)).toContain("签字");
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, n) => n > 3 && rows.push(row));
  const visit = rows.find((r) => r.getCell(3).value === task.targetLabel && String(r.getCell(9).value ?? "").includes(shared.caseNumber!));
  expect(visit, "the visit's row").toBeTruthy();
  expect(String(visit!.getCell(8).value)).toContain(shared.failed!.label);
  expect(visit!.getCell(2).value).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
});

test("the staff sees the task board by grid and the differentiated plan list", async ({ page }) => {
  await consoleLogin(page, "hk_staff");
  await page.getByRole("menuitem", { name: "巡查台账" }).click();
  await expect(page).toHaveURL(/\/patrols$/);
  await expect(page.getByTestId("patrol-coverage")).toContainText("红康第一网格");
  await expect(page.getByTestId("board-table").locator("tbody tr").first()).toBeVisible();
  await page.getByTestId("tab-plans").click();
  await expect(page.getByTestId("plans-table").locator("tbody tr").first()).toBeVisible();
  // The differentiated list: households with care tags are visited weekly or monthly.
  await page.getByTestId("plans-kind").click();
  await page.locator(".ant-select-item-option").filter({ hasText: /^特殊群体$/ }).click();
  await expect(page.getByTestId("plans-table").locator("tbody tr").first()).toContainText("特殊群体");
  await expect(page.getByTestId("plans-table")).toContainText(/每周|每月/);
  await page.getByTestId("tab-templates").click();
  await expect(page.getByTestId("patrol-templates")).toContainText("消防安全巡查表");
});

const KIND_LABELS: Record<string, string> = {
  key_enterprise: "重点企业",
  special_household: "特殊群体",
  billboard: "户外广告牌",
  food_business: "食品经营",
  fire_point: "消防安全",
};
function kindLabel(kind: string) {
  return KIND_LABELS[kind];
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
