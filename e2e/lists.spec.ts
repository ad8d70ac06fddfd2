import { test, expect, consoleLogin, mobileLogin, mobileOtpLogin, PHONE } from "./support/fixtures";

/**
 * Lists people can trust: the console case list says how many cases match and puts the overdue ones
 * first; the patrol board opens on today's and overdue tasks; the phone's care list pages on with
 * its total; the resident filters the community's topics; the console at 390 px keeps its header on
 * one line and offers the phone app.
 */
test("the console case list shows its total and the overdue cases first", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_staff");
  await page.goto("/cases");
  const total = page.getByTestId("case-total");
  await expect(total).toHaveText(/^共 [\d,]+\+? 条$/);
  expect(Number(await total.getAttribute("data-total"))).toBeGreaterThan(0);
  const rows = page.locator(".ant-table-row");
  await expect(rows.first()).toBeVisible();
  // The overdue filter's total equals the overdue cases at the top of the unfiltered list.
  const api = await page.request.get("/api/cases?overdue=true&limit=200");
  const overdue = (await api.json()) as { items: Array<{ id: string }>; total: number };
  const all = (await (await page.request.get(`/api/cases?limit=${Math.min(200, Math.max(1, overdue.total))}`)).json()) as { items: Array<{ id: string; timer: string; status: string }> };
  if (overdue.total > 0) {
    expect(all.items.slice(0, Math.min(200, overdue.total)).every((c) => c.timer === "red" && c.status !== "closed")).toBe(true);
    await expect(rows.first()).toHaveClass(/ll-case-row-red/);
  }
  await page.screenshot({ path: "test-results/lists-cases-1440.png" });
});

test("the patrol board opens on today's and overdue tasks, with their total", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_staff");
  await page.goto("/patrols");
  const board = page.getByTestId("patrol-board");
  await expect(board).toBeVisible();
  await expect(board.getByTestId("board-status")).toContainText("今日及逾期");
  await expect(board.getByTestId("board-total")).toHaveText(/^共 [\d,]+\+? 条$/);
  const shown = Number(await board.getByTestId("board-total").getAttribute("data-total"));
  const api = (await (await page.request.get("/api/patrols/tasks?status=current&limit=1")).json()) as { total: number };
  expect(shown).toBe(api.total);
  // No task of a later period: every period shown started by today.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const periods = await board.getByTestId("board-table").locator(".ant-table-row td:nth-child(3)").allTextContents();
  for (const p of periods) expect(p.slice(0, 10) <= today, p).toBe(true);
});

test("the phone's care list pages on and says how many there are", async ({ openPage }) => {
  test.setTimeout(120_000);
  const page = await openPage(PHONE);
  await mobileLogin(page, "hk_grid1");
  await page.goto("/m/registry");
  await expect(page.getByTestId("care-list")).toBeVisible();
  const total = Number(await page.getByTestId("care-total").getAttribute("data-total"));
  expect(total).toBeGreaterThan(0);
  const people = page.getByTestId("care-person");
  await expect(people.first()).toBeVisible();
  const first = await people.count();
  expect(first).toBe(Math.min(total, 200));
  if (total > first) {
    await expect(page.getByTestId("care-shown")).toContainText(`${first} / ${total}`);
    await page.getByTestId("care-load-more").click();
    await expect(people).toHaveCount(Math.min(total, 400));
  } else {
    await expect(page.getByTestId("care-load-more")).toHaveCount(0);
  }
});

test("the resident filters the community's topics by state and by words", async ({ openPage, pageErrors }) => {
  test.setTimeout(200_000);
  pageErrors.allow(/status of 429/);
  const page = await openPage(PHONE);
  await mobileOtpLogin(page, "13900000001");
  await page.goto("/m/deliberation");
  const topics = page.getByTestId("public-topic");
  await expect(topics.first()).toBeVisible();
  const total = page.getByTestId("public-topics-total");
  const all = Number(await total.getAttribute("data-total"));
  await page.getByTestId("topic-status-settled").click();
  await expect(total).not.toHaveAttribute("data-total", String(all));
  const settled = Number(await total.getAttribute("data-total"));
  expect(settled).toBeLessThan(all);
  if (settled > 0) await expect(topics.first().locator(".adm-tag").first()).toHaveText("已落实");
  await page.getByTestId("topic-status-all").click();
  await expect(total).toHaveAttribute("data-total", String(all));
  const title = (await topics.first().locator(".dlm-card-title").textContent()) ?? "";
  const word = [...title].slice(0, 4).join("");
  const search = page.getByTestId("topic-search").locator("input");
  await search.fill(word);
  await search.press("Enter");
  await expect(total).not.toHaveAttribute("data-total", String(all));
  const found = await topics.allTextContents();
  expect(found.length).toBeGreaterThan(0);
  for (const text of found) expect(text).toContain(word);
});

test("the console at 390 px: one-line header, the phone app offered, the lists still usable", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await consoleLogin(page, "hk_secretary");
  await page.goto("/");
  await expect(page.getByTestId("inbox")).toBeVisible();
  const header = page.locator(".ll-header");
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(72);
  await expect(page.getByTestId("phone-offer")).toBeVisible();
  await expect(page.getByTestId("phone-offer-link")).toHaveAttribute("href", "/m/");
  // Nothing in the header is laid out one character per line: every text of two characters or more
  // is at least two characters wide and no taller than the header.
  const headerBox = (await header.boundingBox())!;
  for (const el of await header.locator("span, button").all()) {
    const box = await el.boundingBox();
    const text = ((await el.textContent()) ?? "").trim();
    if (!box || box.width === 0 || text.length < 2) continue;
    expect(box.width, text).toBeGreaterThanOrEqual(20);
    expect(box.height, text).toBeLessThanOrEqual(headerBox.height);
  }
  await page.screenshot({ path: "test-results/lists-home-390.png" });
  await page.goto("/cases");
  await expect(page.getByTestId("case-total")).toBeVisible();
  await page.screenshot({ path: "test-results/lists-cases-390.png" });
  await page.locator(".ant-table-row").first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}/);
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await page.screenshot({ path: "test-results/lists-case-detail-390.png" });
  // At 1440 px the offer is not there.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByTestId("phone-offer")).toBeHidden();
});
