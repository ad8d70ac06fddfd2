import { test as base, expect, type APIRequestContext, type ConsoleMessage, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Linli@2026";

/**
 * Signed-out visits ask `/api/auth/me` once and get 401, which Chromium logs as a failed resource.
 * That answer is the expected "nobody is signed in"; every other console error counts.
 */
function isExpectedSignedOutProbe(msg: ConsoleMessage): boolean {
  return /status of 401/.test(msg.text()) && /\/api\/auth\/me$/.test(msg.location().url);
}

/** Collects console errors and uncaught page errors of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && !isExpectedSignedOutProbe(msg)) errors.push(`console: ${msg.text()} @ ${msg.location().url}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** The console errors of a test's page; `allow` excuses one a test expects (e.g. a refused sign-in). */
export interface PageErrors {
  list: string[];
  allow: (pattern: RegExp) => void;
}

/** Every test fails if its page logged an error it did not expect. */
export const test = base.extend<{ pageErrors: PageErrors }>({
  pageErrors: [
    async ({ page }, use) => {
      const list = collectErrors(page);
      const allowed: RegExp[] = [];
      await use({ list, allow: (pattern) => allowed.push(pattern) });
      expect(list.filter((e) => !allowed.some((re) => re.test(e))), "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
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

/** Signs the API request context in, for looking data up from inside a test. */
export async function apiLogin(request: APIRequestContext, username: string) {
  const res = await request.post("/api/auth/login", { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBeTruthy();
}

/** The 390 × 844 phone viewport used by the phone-app specs. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
