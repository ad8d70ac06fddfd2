import { test as base, expect, type APIRequestContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { makePng } from "./png";

export const DEMO_PASSWORD = "Linli@2026";

/** Collects console errors and uncaught page errors of a page into `errors`. */
export function collectErrors(page: Page, errors: string[] = []): string[] {
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()} @ ${msg.location().url}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** The console errors of a test's pages; `allow` excuses one a test expects (e.g. a refused sign-in). */
export interface PageErrors {
  list: string[];
  allow: (pattern: RegExp) => void;
}

/**
 * Every test fails if one of its pages logged an error it did not expect. `openPage` gives a test
 * another signed-out browser (e.g. a second user's phone), watched the same way.
 */
export const test = base.extend<{ pageErrors: PageErrors; openPage: (options?: BrowserContextOptions) => Promise<Page> }>({
  pageErrors: [
    async ({ page }, use) => {
      const list = collectErrors(page);
      const allowed: RegExp[] = [];
      await use({ list, allow: (pattern) => allowed.push(pattern) });
      expect(list.filter((e) => !allowed.some((re) => re.test(e))), "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
  openPage: async ({ browser, pageErrors }, use, testInfo) => {
    const contexts: Array<Awaited<ReturnType<typeof browser.newContext>>> = [];
    const { baseURL, locale, timezoneId } = testInfo.project.use;
    await use(async (options) => {
      const context = await browser.newContext({ baseURL, locale, timezoneId, ...options });
      contexts.push(context);
      const page = await context.newPage();
      collectErrors(page, pageErrors.list);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/** Signs in on the staff console with user name and password and waits for the layout. */
export async function consoleLogin(page: Page, username: string) {
  await page.goto("/login");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("header-user")).toBeVisible();
}

/** Signs in on the phone app with user name and password and waits for the home page. */
export async function mobileLogin(page: Page, username: string) {
  await page.goto("/m/login");
  // The code tab comes first on the phone; staff switch to the password tab.
  await page.getByText("密码登录", { exact: true }).click();
  await page.getByTestId("username").locator("input").fill(username);
  await page.getByTestId("password").locator("input").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("home-area")).toBeVisible();
}

/**
 * Signs a phone in with a one-time code (demo mode shows it on screen and fills it in). A phone may
 * ask for a code once a minute and several specs share the demo phones, so a refused request is
 * asked again after the minute: a test that may meet this allows the 429 in its console
 * (`pageErrors.allow(/status of 429/)`) and gives itself the time.
 */
export async function mobileOtpLogin(page: Page, phone: string) {
  await page.goto("/m/login");
  await page.getByText("验证码登录", { exact: true }).click();
  await page.getByTestId("phone").locator("input").fill(phone);
  for (let attempt = 0; ; attempt++) {
    await page.getByTestId("get-code").click();
    const shown = await page
      .getByTestId("demo-code")
      .waitFor({ state: "visible", timeout: 8_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    expect(attempt, "a one-time code within two minutes").toBeLessThan(2);
    await page.waitForTimeout(62_000);
  }
  await page.getByTestId("otp-submit").click();
  await expect(page.getByTestId("home-area")).toBeVisible();
}

/** Signs the API request context in, for looking data up from inside a test. */
export async function apiLogin(request: APIRequestContext, username: string) {
  const res = await request.post("/api/auth/login", { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBeTruthy();
}

/** The 390 × 844 phone viewport used by the phone-app specs. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

/** Picks an option of an antd Select on the console, opened from `trigger`. */
export async function pickOption(page: Page, trigger: Locator, option: string) {
  await trigger.click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first().click();
}

/**
 * The grid of a demo grid worker and the centre of its first micro-grid, read as that worker
 * through the API: a place there routes a new case to them.
 */
export async function microgridCentre(request: APIRequestContext, username: string): Promise<{ grid: string; center: [number, number] }> {
  await apiLogin(request, username);
  const me = (await (await request.get("/api/auth/session")).json()).user as { area: { id: string; name: string } };
  const tree = (await (await request.get("/api/areas/tree")).json()).items as Array<{ parentId: string | null; level: string; center: [number, number] | null }>;
  const micro = tree.find((a) => a.level === "microgrid" && a.parentId === me.area.id && a.center);
  expect(micro, `a micro-grid of ${username}'s grid`).toBeDefined();
  return { grid: me.area.name, center: micro!.center! };
}

/** A checklist item of a patrol task, as the task detail answers it. */
export type ChecklistItem = { id: string; seq: number; type: string; options: string[] | null; required: boolean; failWhen: { equals?: boolean; in?: string[] } | null };

/**
 * Fills the phone's checklist form of a task with passing answers (a photo where one is required);
 * `failed` is answered the failing way, with a photo of it.
 */
export async function fillChecklist(page: Page, task: { template: { items: ChecklistItem[] } }, failed?: ChecklistItem) {
  for (const item of task.template.items) {
    const row = page.getByTestId(`item-${item.seq}`);
    if (item.id === failed?.id) {
      await row.getByTestId(`item-${item.seq}-${String(failed.failWhen!.equals)}`).click();
      await expect(row).toHaveAttribute("data-failed", "true");
      await row.getByTestId(`item-${item.seq}-photos-input`).setInputFiles({ name: "exit.png", mimeType: "image/png", buffer: makePng(80, 60) });
      await expect(row.locator(".p-photo")).toHaveCount(1);
    } else if (item.type === "yes_no") {
      await row.getByTestId(`item-${item.seq}-${String(!(item.failWhen?.equals ?? false))}`).click();
    } else if (item.type === "choice") {
      const ok = item.options!.find((o) => !item.failWhen?.in?.includes(o))!;
      await row.getByTestId(`item-${item.seq}-${ok}`).click();
    } else if (item.type === "text" && item.required) {
      await row.getByTestId(`item-${item.seq}-input`).getByRole("textbox").fill("情况正常");
    } else if (item.type === "number" && item.required) {
      await row.getByTestId(`item-${item.seq}-input`).getByRole("textbox").fill("3");
    } else if (item.type === "photo" && item.required) {
      await row.getByTestId(`item-${item.seq}-photos-input`).setInputFiles({ name: "visit.png", mimeType: "image/png", buffer: makePng(80, 60) });
    }
  }
}
