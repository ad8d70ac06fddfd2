import { test, expect, apiLogin, mobileLogin, PHONE, fillChecklist, type ChecklistItem } from "./support/fixtures";

/**
 * The grid worker's day on the phone: 今日任务 grouped along the walk with its total, one 未遇 (the
 * task leaves today's list with its second try planned) and one 已走访 of a care household, which
 * also shows as visited today on the care list (one visit is one record); the total goes down.
 */

type TaskRow = { id: string; targetKind: string; status: string; retryOn: string | null };
type Task = TaskRow & { template: { items: ChecklistItem[] }; plan: { target: { type: "person" | "household" | "place"; id: string } } };
type CarePerson = { id: string; householdId: string | null; tags: Array<{ code: string }> };

test.use({ ...PHONE, permissions: ["geolocation"], geolocation: { longitude: 102.7167, latitude: 25.0722 } });

test("a grid worker works through today's list: one 未遇, one care visit that closes the care item", async ({ page, request }) => {
  await apiLogin(request, "hk_grid1");
  const today = (await (await request.get("/api/patrols/my/tasks?view=today&limit=300")).json()) as { counts: { today: number }; items: TaskRow[] };
  expect(today.counts.today, "a day's work, capped").toBeGreaterThan(2);
  expect(today.items.length).toBe(today.counts.today);

  // A care household (or person) of today that the care list shows in full under one of its tags
  // (the list holds up to 200), and another task for 未遇.
  const tags = (await (await request.get("/api/registry/tags")).json()) as { items: Array<{ code: string; kind: string }> };
  const listed = new Map<string, { person: CarePerson; tag: string }>();
  for (const tag of tags.items.filter((d) => d.kind === "care")) {
    const byTag = (await (await request.get(`/api/registry/care-people?limit=200&tag=${tag.code}`)).json()) as { items: CarePerson[]; total: number };
    if (byTag.total > 200) continue;
    for (const p of byTag.items) {
      listed.set(p.id, { person: p, tag: tag.code });
      if (p.householdId) listed.set(p.householdId, { person: p, tag: tag.code });
    }
  }
  let visit: { task: Task; person: CarePerson; tag: string } | undefined;
  for (const row of today.items.filter((i) => i.targetKind === "special_household" && !i.retryOn)) {
    const task = (await (await request.get(`/api/patrols/tasks/${row.id}`)).json()) as Task;
    const hit = listed.get(task.plan.target.id);
    if (hit) {
      visit = { task, ...hit };
      break;
    }
  }
  expect(visit, "a care household on today's list").toBeTruthy();
  const notHome = today.items.find((i) => i.id !== visit!.task.id && !i.retryOn)!;
  expect(notHome).toBeTruthy();

  await mobileLogin(page, "hk_grid1");
  await page.getByTestId("entry-patrols").click();
  await expect(page).toHaveURL(/\/m\/patrols$/);
  const total = today.counts.today;
  await expect(page.getByTestId("patrol-day-total")).toHaveText(`今日 ${total} 项`);
  // Grouped along the walk: compound headings, then building/unit.
  await expect(page.getByTestId("walk-compound").first()).toBeVisible();
  await expect(page.getByTestId("walk-place").first()).toBeVisible();
  await expect(page.getByTestId("patrol-task-card")).toHaveCount(total);
  await expect(page.getByTestId("patrol-load-more")).toHaveCount(0);
  await page.screenshot({ path: "test-results/grid-worker-day-390.png" });
  await page.getByTestId("walk-place").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/grid-worker-day-walk-390.png" });

  // 未遇: no checklist to answer; the second try is planned and the task leaves today's list.
  await page.locator(`[data-testid="patrol-task-card"][data-task-id="${notHome.id}"]`).click();
  await expect(page.getByTestId("checklist-form")).toBeVisible();
  await expect(page.getByTestId("visit-outcome")).toContainText("已走访");
  await page.getByTestId("outcome-not_home").click();
  await expect(page.getByTestId("outcome-no-checklist")).toBeVisible();
  await page.getByTestId("patrol-submit").click();
  await expect(page.getByTestId("submit-result")).toHaveText(/^未遇，已安排 \d+月\d+日 再次走访$/);
  await page.screenshot({ path: "test-results/grid-worker-day-not-home-390.png" });
  await page.getByTestId("back-to-list").click();
  await expect(page.getByTestId("patrol-day-total")).toHaveText(`今日 ${total - 1} 项`);
  await expect(page.locator(`[data-testid="patrol-task-card"][data-task-id="${notHome.id}"]`)).toHaveCount(0);
  const after = (await (await request.get(`/api/patrols/tasks/${notHome.id}`)).json()) as TaskRow;
  expect(after.status).toBe("open");
  expect(after.retryOn).toBeTruthy();

  // 已走访 of the care household: the checklist answered.
  await page.locator(`[data-testid="patrol-task-card"][data-task-id="${visit!.task.id}"]`).click();
  await expect(page.getByTestId("checklist-form")).toBeVisible();
  await fillChecklist(page, visit!.task);
  await page.getByTestId("patrol-notes").getByRole("textbox").fill("e2e 入户走访：老人身体尚可");
  await page.getByTestId("patrol-submit").click();
  await expect(page.getByTestId("submit-result")).toBeVisible();
  await expect(page.getByTestId("submit-result")).toHaveAttribute("data-outcome", "visited");
  await page.getByTestId("back-to-list").click();
  await expect(page.getByTestId("patrol-day-total")).toHaveText(`今日 ${total - 2} 项`);
  await expect(page.locator(`[data-testid="patrol-task-card"][data-task-id="${visit!.task.id}"]`)).toHaveCount(0);

  // The same visit is the care visit: 入户走访 shows the person visited today.
  await page.goto("/m/registry");
  await expect(page.getByTestId("care-list")).toBeVisible();
  await page.getByTestId(`care-tag-${visit!.tag}`).click();
  const row = page.locator(`[data-testid="care-person"][data-person-id="${visit!.person.id}"]`);
  await expect(row).toHaveAttribute("data-visited-today", "true");
  await row.scrollIntoViewIfNeeded();
  await expect(row.getByTestId("care-visited-today")).toHaveText("今日已走访");
  await page.screenshot({ path: "test-results/grid-worker-care-390.png" });
});
