import { test as base, expect, type APIRequestContext, type BrowserContextOptions, type Page } from "@playwright/test";

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
  await page.getByTestId("username").locator("input").fill(username);
  await page.getByTestId("password").locator("input").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("home-area")).toBeVisible();
}

/**
 * Signs a phone in with a one-time code (demo mode shows it on screen and fills it in).
 * A phone may ask for a code once a minute: each spec uses its own demo phone.
 */
export async function mobileOtpLogin(page: Page, phone: string) {
  await page.goto("/m/login");
  await page.getByText("验证码登录", { exact: true }).click();
  await page.getByTestId("phone").locator("input").fill(phone);
  await page.getByTestId("get-code").click();
  await expect(page.getByTestId("demo-code")).toBeVisible();
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
