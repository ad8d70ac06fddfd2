import { test, expect, consoleLogin } from "./support/fixtures";

/** The street officer's day: communities side by side, the weaker one opened, the street queue. */
test("admin compares the two communities, sorts by overdue rate and opens the weaker one's cases", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "admin");
  await page.getByTestId("side-menu").getByText("街道概览").click();
  await expect(page).toHaveURL(/\/street$/);
  const table = page.getByTestId("street-table");
  // A wider period than the running month: the last three months.
  await page.getByTestId("street-period").first().click();
  await page.locator(".ant-picker-presets").getByText("近三个月").click();
  await expect(table.getByTestId("open-community")).toHaveCount(2);
  // The three months' figures have arrived (the demo's cases lie in them).
  await expect(table.getByTestId("cell-total").first()).not.toHaveText("0");
  await expect(page.locator(".ant-spin-spinning")).toHaveCount(0);
  await expect(table).toContainText("红康社区");
  await expect(table).toContainText("怡心桥");

  // Sort by 超期率, highest first: the weaker community comes first.
  await table.locator("th").filter({ hasText: "超期率" }).click();
  await expect(table.locator("th").filter({ hasText: "超期率" })).toHaveAttribute("aria-sort", "descending");
  const rates = await table.getByTestId("cell-overdueRate").allInnerTexts();
  const values = rates.map((r) => (r === "—" ? -1 : Number.parseFloat(r)));
  expect(values).toEqual([...values].sort((a, b) => b - a));
  await expect(page.getByTestId("street-chart")).toBeVisible();
  await expect(page.getByTestId("street-queue")).toBeVisible();
  await expect(page.getByTestId("street-queue-total")).toContainText("共");
  await page.screenshot({ path: "test-results/street-admin-1440.png", fullPage: true });

  const weaker = table.getByTestId("open-community").first();
  const name = (await weaker.innerText()).trim();
  await weaker.click();
  await expect(page).toHaveURL(/\/cases\?communityId=/);
  // The case list shows the 社区 column and the community filter, and only that community's cases.
  await expect(page.getByTestId("filter-community")).toContainText(name);
  const cells = page.getByTestId("case-community-cell");
  await expect(cells.first()).toBeVisible();
  for (const text of await cells.allInnerTexts()) expect(text).toBe(name);
  await page.screenshot({ path: "test-results/street-cases-1440.png" });
});

test("the street officer starts from the street overview: his community and the street queue", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hy_street");
  await expect(page).toHaveURL(/\/street$/);
  const table = page.getByTestId("street-table");
  await expect(table.getByTestId("open-community")).toHaveCount(1);
  await expect(table.getByTestId("open-community")).toHaveText("红康社区");
  await expect(page.getByTestId("street-queue-total")).toContainText("共");
  await page.screenshot({ path: "test-results/street-hy-1440.png", fullPage: true });
});
