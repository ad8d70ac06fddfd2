import { test, expect, PHONE } from "./support/fixtures";

test.use(PHONE);

// 怡心桥's demo resident: a phone may ask for a code only once a minute, and 红康's resident
// (13900000001) signs in in cases.spec.ts.
test("a resident signs in on the phone app with a one-time code", async ({ page }) => {
  await page.goto("/m/");
  await expect(page).toHaveURL(/\/m\/login$/);
  await page.getByText("验证码登录", { exact: true }).click();
  await page.getByTestId("phone").locator("input").fill("13900000011");
  await page.getByTestId("get-code").click();
  // Demo mode: the code comes back from the server, is shown on screen and filled in.
  const notice = page.getByTestId("demo-code");
  await expect(notice).toContainText(/验证码为 \d{6}/);
  const shown = (await notice.textContent())!.match(/\d{6}/)![0];
  await expect(page.getByTestId("code").locator("input")).toHaveValue(shown);
  await page.getByTestId("otp-submit").click();

  await expect(page).toHaveURL(/\/m\/?$/);
  await expect(page.getByText("我的社区")).toBeVisible();
  await expect(page.getByTestId("home-area")).toHaveText("怡心桥社区");
  await expect(page.getByText("居民", { exact: true })).toBeVisible();
  await expect(page.getByTestId("entry-report")).toBeVisible();
  // 我的诉求 opens the resident's own reports.
  await page.getByTestId("entry-myRequests").click();
  await expect(page).toHaveURL(/\/m\/my-cases$/);
  await expect(page.getByTestId("my-cases").or(page.getByText("您还没有反映过问题"))).toBeVisible();
});
