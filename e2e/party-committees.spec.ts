import type { Locator, Page } from "@playwright/test";
import { test, expect, consoleLogin } from "./support/fixtures";

/**
 * 社区“两委” on the 党建 page's 组织体系 tab: 红康's roster names the three grid branches whose
 * secretaries sit on it; the secretary puts a resident on the residents' committee, then ends the term.
 */

async function pick(page: Page, trigger: Locator, title: string, search: string) {
  await expect(async () => {
    if (!(await page.locator(".ant-select-dropdown:visible").count())) await trigger.click();
    await trigger.locator("input").first().fill(search);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).first().click({ timeout: 5_000 });
    await expect(trigger).toContainText(title, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test("the 两委 roster: three grid branch secretaries; a member added and their term ended", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await consoleLogin(page, "hk_secretary");
  await page.goto("/party");
  const card = page.getByTestId("party-committee-members");
  await expect(card).toContainText("红康第一网格党支部");
  await expect(card).toContainText("红康第二网格党支部");
  await expect(card).toContainText("红康第三网格党支部");
  await expect(page.getByTestId("party-committee-summary")).toContainText("其中 3 人兼任居民区党支部书记");
  await page.screenshot({ path: "/tmp/party-committees.png", fullPage: true });

  // A resident of the register, not on the roster yet.
  const roster = (await (await page.request.get("/api/party/committee-members")).json()) as { items: Array<{ person: { id: string } }>; current: number };
  const people = (await (await page.request.get("/api/people?q=%E6%9D%8E&limit=50")).json()) as { items: Array<{ id: string; name: string; address: string | null; communityName: string }> };
  const person = people.items.find((p) => p.address && !roster.items.some((m) => m.person.id === p.id))!;
  await page.getByTestId("party-committee-add").click();
  await pick(page, page.getByTestId("party-committee-person"), `${person.name} · ${person.address}`, person.name);
  await page.getByTestId("party-committee-position").fill("委员");
  await page.getByTestId("party-committee-submit").click();
  await expect(page.locator(".ant-modal:visible")).toHaveCount(0);
  await expect(page.getByTestId("party-committee-summary")).toContainText(`在任 ${roster.current + 1} 人`);

  const after = (await (await page.request.get("/api/party/committee-members")).json()) as { items: Array<{ id: string; person: { id: string } }> };
  const added = after.items.find((m) => m.person.id === person.id)!;
  const row = card.locator(`tr[data-row-key="${added.id}"]`);
  await expect(row).toContainText("居民委员会");
  await row.getByTestId("party-committee-end").click();
  await page.locator(".ant-modal:visible .ant-btn-primary").click();
  await expect(page.locator(".ant-modal:visible")).toHaveCount(0);
  // The term ends today: the row shows its last day and no longer offers to end it.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await expect(row.getByTestId("party-committee-to")).toHaveText(today);
  await expect(row.getByTestId("party-committee-end")).toHaveCount(0);
});
