import { test, expect, PHONE } from "./support/fixtures";

test.use(PHONE);

test("a resident signs in on the phone app with a one-time code", async ({ page }) => {
  await page.goto("/m/");
  await expect(page).toHaveURL(/\/m\/login$/);
  await page.getByText("验证码登录", { exact: true }).click();
  await page.getByTestId("phone").locator("input").fill("13900000001");
  await page.getByTestId("get-code").click();
  // Demo mode: the code comes back from the server, is shown on screen and filled in.
  const notice = page.getByTestId("demo-code");
  await expect(notice).toContainText(/验证码为 \d{6}/);
  const shown = (await notice.textContent())!.match(/\d{6}/)![0];
  await expect(page.getByTestId("code").locator("input")).toHaveValue(shown);
  await page.getByTestId("otp-submit").click();

  await expect(page).toHaveURL(/\/m\/?$/);
  await expect(page.getByText("我的社区")).toBeVisible();
  await expect(page.getByTestId("home-area")).toHaveText("红康社区");
  await expect(page.getByText("居民", { exact: true })).toBeVisible();
  await expect(page.getByTestId("entry-report")).toBeVisible();
});
