import type { Page } from "@playwright/test";
import { test, expect, consoleLogin } from "./support/fixtures";

/**
 * The secretary's day starts with 待办: hk_secretary opens the home, sees the inbox with counts and
 * clears three items from it — closes a handled case after verifying it, records the minutes of a
 * meeting whose time has passed (shown 待补录, not 待召开) and approves a talent application — and each
 * count goes down by one. The home is looked at at 1440 px and at 390 px (the header keeps one line).
 */
const count = async (page: Page, kind: string) => Number(await page.getByTestId(`inbox-${kind}`).getAttribute("data-count"));

async function home(page: Page) {
  await page.getByTestId("side-menu").getByRole("menuitem").first().click();
  await expect(page.getByTestId("inbox")).toBeVisible();
}

test("the secretary clears three inbox items from the home page", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_secretary");
  await page.goto("/");
  await expect(page.getByTestId("inbox")).toBeVisible();
  await expect(page.getByTestId("inbox-verify")).toBeVisible();
  const verify = await count(page, "verify");
  const minutes = await count(page, "minutes");
  const applications = await count(page, "applications");
  expect(verify).toBeGreaterThan(0);
  expect(minutes).toBeGreaterThan(0);
  expect(applications).toBeGreaterThan(0);
  // the navigation carries the same numbers as badges
  await expect(page.getByTestId("nav-badge-talent")).toContainText(String(applications));
  await expect(page.getByTestId("week-trend")).toBeVisible();
  await expect(page.getByTestId("grid-share")).toBeVisible();
  await page.screenshot({ path: "test-results/secretary-home-1440.png", fullPage: true });

  // 1. A handled case: one click opens it; verify, then close it as resolved.
  await page.getByTestId("inbox-verify").getByTestId("inbox-item-link").first().click();
  await expect(page.getByTestId("case-actions")).toBeVisible();
  if (await page.getByTestId("action-verify").isVisible()) {
    await page.getByTestId("action-verify").click();
    await expect(page.getByTestId("action-verify")).toHaveCount(0);
  }
  await page.getByTestId("action-close").click();
  await page.getByTestId("action-submit").click();
  await expect(page.getByTestId("action-close")).toHaveCount(0);
  await home(page);
  await expect(page.getByTestId("inbox-verify")).toHaveAttribute("data-count", String(verify - 1));

  // 2. A meeting past its time without minutes: 待补录 in the list and on the meeting; record the minutes.
  await page.getByTestId("inbox-minutes").getByTestId("inbox-item-link").first().click();
  await expect(page.getByTestId("meeting-detail")).toBeVisible();
  await expect(page.getByTestId("meeting-detail").getByTestId("meeting-status").first()).toHaveAttribute("data-status", "needsMinutes");
  await expect(page.getByTestId("meeting-detail").getByTestId("meeting-status").first()).toHaveText("待补录");
  await page.locator('textarea[data-testid="minutes-text"]').fill("补录：会议如期召开，各方同意按议定方案推进。");
  await page.getByTestId("minutes-record-close").click();
  await expect(page.getByTestId("meeting-detail")).toHaveAttribute("data-status", "closed");
  await home(page);
  await expect(page.getByTestId("inbox-minutes")).toHaveAttribute("data-count", String(minutes - 1));

  // 3. A talent application: approved right on the home page.
  await page.getByTestId("inbox-applications").getByTestId("inbox-approve").first().click();
  await expect(page.getByTestId("inbox-applications")).toHaveAttribute("data-count", String(applications - 1));
  await expect(page.getByTestId("nav-badge-talent")).toContainText(String(applications - 1));

  // The home on a phone-sized screen: the header stays one line high.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await expect(page.getByTestId("inbox")).toBeVisible();
  const header = await page.locator(".ll-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(72);
  await page.screenshot({ path: "test-results/secretary-home-390.png", fullPage: true });
  // the header on one line: the area name never wraps, the language switch and sign-out stay on screen
  const lines = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
    });
  expect(await lines("header-area")).toBe(1);
  await expect(page.getByTestId("logout")).toBeVisible();
  await expect(page.getByTestId("language-switch")).toBeVisible();
  const logout = await page.getByTestId("logout").boundingBox();
  expect(logout!.x + logout!.width).toBeLessThanOrEqual(390);
});
