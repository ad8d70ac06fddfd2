import type { APIRequestContext, Page } from "@playwright/test";
import { apiLogin, consoleLogin, expect, mobileOtpLogin, pickOption, PHONE, test } from "./support/fixtures";

/**
 * Community partners, as a resident lives it: answers a recruitment call through its public link,
 * is approved into the Friday service team, signs up on the phone (first on the waiting list, then
 * confirmed when staff add a place), checks in by the venue's QR code, earns hours and points and
 * spends them on a reward; staff correct the points with a reason and record what a unit gave in
 * its yearly record; a rider finds the rider stations and services on the map.
 */

// Fresh every run, so that the spec also passes against a server that has seen it before.
const RUN = Date.now().toString();
const VOLUNTEER_PHONE = `139${RUN.slice(-8)}`;
const VOLUNTEER_NAME = `测试志愿者${RUN.slice(-4)}`;

/** The input inside an antd InputNumber carrying a test id. */
const numberInput = (page: Page, testId: string) => page.getByTestId(testId).locator("input").or(page.locator(`input[data-testid="${testId}"]`)).first();

/** Signs a phone in by one-time code through the API, waiting out the one-code-a-minute limit. */
async function otpSignIn(request: APIRequestContext, phone: string) {
  for (let attempt = 0; attempt < 15; attempt++) {
    const res = await request.post("/api/auth/otp/request", { data: { phone } });
    if (res.ok()) {
      const { demoCode } = (await res.json()) as { demoCode?: string };
      const verify = await request.post("/api/auth/otp/verify", { data: { phone, code: demoCode } });
      expect(verify.ok(), await verify.text()).toBeTruthy();
      return;
    }
    expect(res.status(), await res.text()).toBe(429);
    await new Promise((r) => setTimeout(r, 5000));
  }
  throw new Error(`no one-time code for ${phone}`);
}

test("a resident answers a recruitment call, is approved into a team, signs up, checks in by QR, earns and spends points", async ({ page, openPage, request }) => {
  test.setTimeout(240_000);
  const slug = `e2e-${Date.now().toString(36)}`;
  const callTitle = `周五志愿服务招募令（${slug}）`;
  const activityTitle = `周五志愿服务（${slug}）`;
  const rewardName = `测试理发券${slug.slice(-4)}`;

  // Staff publish a recruitment call and take its sign-up link from the QR code window.
  await consoleLogin(page, "hk_staff");
  await page.goto("/talent");
  await page.getByTestId("new-call").click();
  await page.getByTestId("call-title").fill(callTitle);
  await page.getByTestId("call-body").fill("招募热心居民参加每周五的志愿服务：义务理发、家电维修、政策宣传。");
  await page.getByTestId("call-categories").locator("input").fill("便民服务");
  await page.keyboard.press("Enter");
  await page.getByTestId("call-categories").locator("input").fill("调解");
  await page.keyboard.press("Enter");
  await page.getByTestId("call-slug").fill(slug);
  await page.getByTestId("call-submit").click();
  const row = page.getByTestId("call-table").locator("tr", { hasText: callTitle });
  await expect(row).toBeVisible();
  await row.getByTestId("call-qr-open").click();
  await expect(page.getByTestId("call-qr-image")).toBeVisible();
  const signupUrl = (await page.getByTestId("call-signup-url").getAttribute("href"))!;
  expect(signupUrl).toContain(`/m/join/${slug}`);
  await expect(page.getByTestId("call-qr-image")).toHaveAttribute("data-value", signupUrl);
  await page.keyboard.press("Escape");

  // The resident answers on the phone, without an account.
  const phone = await openPage(PHONE);
  await phone.goto(signupUrl);
  await expect(phone.getByTestId("join-title")).toHaveText(callTitle);
  await phone.getByTestId("join-name").locator("input").fill(VOLUNTEER_NAME);
  await phone.getByTestId("join-phone").locator("input").fill(VOLUNTEER_PHONE);
  await phone.getByTestId("join-category").getByText("便民服务").click();
  await phone.getByTestId("join-skills").locator("input").fill("理发，家电维修");
  await phone.getByTestId("join-submit").click();
  await expect(phone.getByTestId("join-done")).toBeVisible();

  // Staff approve the application into the Friday service team.
  await page.getByRole("tab", { name: "报名审核" }).click();
  const application = page.getByTestId("application-table").locator("tr", { hasText: VOLUNTEER_NAME });
  await expect(application).toContainText("便民服务");
  await expect(application).not.toContainText(VOLUNTEER_PHONE);
  await application.getByTestId("application-approve").click();
  await pickOption(page, page.getByTestId("approve-team"), "周五志愿服务队");
  await page.getByTestId("approve-submit").click();
  await expect(page.getByText("已通过，已加入人才库")).toBeVisible();
  await page.getByRole("tab", { name: "服务队伍" }).click();
  await page.getByTestId("team-table").getByText("周五志愿服务队").click();
  await expect(page.getByTestId("team-drawer")).toContainText(VOLUNTEER_NAME);
  await page.keyboard.press("Escape");

  // Staff add a reward offered by a partner unit.
  await page.goto("/points?tab=rewards");
  await page.getByTestId("reward-add").click();
  const rewardModal = page.locator(".ant-modal:visible");
  await rewardModal.getByLabel("商品名称").fill(rewardName);
  await rewardModal.getByLabel("所需积分").fill("20");
  await rewardModal.getByLabel("库存").fill("5");
  await pickOption(page, rewardModal.getByLabel("提供单位"), "红康便民理发店");
  await rewardModal.getByRole("button", { name: /确\s*定|OK/ }).click();
  await expect(page.getByTestId("reward-table").locator("tr", { hasText: rewardName })).toContainText("红康便民理发店");

  // Staff publish the Friday service as a weekly series of three, with one place.
  await page.goto("/activities");
  await page.getByTestId("activity-add").click();
  await page.getByTestId("activity-title-input").fill(activityTitle);
  await page.getByTestId("activity-place").fill("红康社区党群服务中心广场");
  // It starts in half an hour: check-in pays hours and points only from an hour before the start.
  const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
  const timeInputs = page.locator(".ant-modal:visible .ant-picker-range input");
  await timeInputs.nth(0).click();
  await timeInputs.nth(0).fill(beijing(Date.now() + 30 * 60_000));
  await timeInputs.nth(0).press("Enter");
  await timeInputs.nth(1).fill(beijing(Date.now() + 150 * 60_000));
  await timeInputs.nth(1).press("Enter");
  await numberInput(page, "activity-capacity").fill("1");
  await numberInput(page, "activity-hours").fill("2");
  await numberInput(page, "activity-points").fill("30");
  await pickOption(page, page.getByTestId("activity-repeat"), "每周同一时间");
  await numberInput(page, "activity-count").fill("3");
  await page.getByTestId("activity-submit").click();
  await expect(page.getByText("已发布 3 场活动")).toBeVisible();
  await expect(page.getByTestId("activity-detail-title")).toHaveText(activityTitle);
  const activityId = page.url().split("/activities/")[1];
  await expect(page.getByTestId("checkin-qr")).toBeVisible();
  const checkinUrl = (await page.getByTestId("checkin-url").getAttribute("href"))!;
  expect(checkinUrl).toContain(`/m/checkin/${activityId}?code=`);

  // The demo volunteer takes the only place first.
  await apiLogin(request, "hk_volunteer");
  expect((await request.post(`/api/activities/${activityId}/signups`, { data: {} })).ok()).toBeTruthy();

  // The new volunteer signs in with the phone and signs up: the activity is full, so onto the waiting list.
  await mobileOtpLogin(phone, VOLUNTEER_PHONE);
  await phone.getByTestId("entry-activities").click();
  await phone.getByTestId("activity-card").filter({ hasText: activityTitle }).first().click();
  await expect(phone.getByTestId("activity-places")).toContainText("1/1");
  await expect(phone.getByTestId("activity-signup")).toHaveText("加入候补");
  await phone.getByTestId("activity-signup").click();
  await expect(phone.getByTestId("my-signup")).toHaveText("候补第 1 位");

  // Staff add a place: the waiting list moves up.
  await page.reload();
  await expect(page.getByTestId("roster")).toContainText(VOLUNTEER_NAME);
  await page.locator(".ant-descriptions").getByPlaceholder("1").fill("2");
  await page.getByRole("button", { name: "调整名额" }).click();
  await expect(page.getByText("名额已调整，候补人员按顺序递补")).toBeVisible();
  await expect(page.getByTestId("roster").locator("tr", { hasText: VOLUNTEER_NAME })).toContainText("已报名");
  await phone.reload();
  await expect(phone.getByTestId("my-signup")).toHaveText("已报名");

  // At the venue the volunteer scans the QR code and checks in; a second scan pays nothing more.
  await phone.goto(checkinUrl);
  await phone.getByTestId("checkin-submit").click();
  await expect(phone.getByTestId("checkin-earned")).toHaveText("获得 2 小时志愿时长、30 积分");
  await expect(phone.getByTestId("checkin-balance")).toContainText("当前积分 30");
  await phone.goto(checkinUrl);
  await phone.getByTestId("checkin-submit").click();
  await expect(phone.getByText("您已签到过本活动")).toBeVisible();
  await expect(phone.getByTestId("checkin-balance")).toContainText("当前积分 30");
  await page.reload();
  await expect(page.getByTestId("roster").locator("tr", { hasText: VOLUNTEER_NAME }).getByTestId("roster-checked-in")).toBeVisible();

  // Hours and points appear, and the points buy the reward.
  await phone.getByTestId("checkin-to-points").click();
  await expect(phone.getByTestId("my-points-value")).toHaveText("30");
  await expect(phone.getByTestId("my-hours")).toHaveText("2");
  await expect(phone.getByTestId("my-entries")).toContainText(activityTitle);
  await phone.getByTestId("to-rewards").click();
  const reward = phone.locator(`[data-testid="reward-item"][data-name="${rewardName}"]`);
  await reward.getByTestId("reward-redeem").click();
  await phone.locator(".adm-dialog").getByRole("button", { name: "兑换" }).click();
  await expect(phone.getByText("兑换成功，凭兑换记录到社区领取")).toBeVisible();
  await expect(phone.getByTestId("rewards-balance")).toHaveText("10");
  await expect(reward).toContainText("库存 4");

  // Staff correct the points with a reason; the volunteer's record shows it.
  await page.goto("/points");
  await page.getByTestId("account-search").locator("input").fill(VOLUNTEER_NAME);
  await page.keyboard.press("Enter");
  await page.getByTestId("account-table").getByText(VOLUNTEER_NAME).click();
  await expect(page.getByTestId("record-points")).toHaveText("10");
  await numberInput(page, "correct-points").fill("5");
  await page.getByTestId("correct-reason").fill("补录周五服务现场理发积分");
  await page.getByTestId("correct-submit").click();
  await expect(page.getByTestId("record-points")).toHaveText("15");
  await expect(page.getByTestId("entry-table")).toContainText("补录周五服务现场理发积分");
  await expect(page.getByTestId("entry-table")).toContainText("积分兑换");
});

test("a partner unit's yearly record shows the resources it gave", async ({ page }) => {
  await consoleLogin(page, "hk_staff");
  await page.goto("/partners");
  await page.getByTestId("unit-table").getByText("昆明市口腔医院", { exact: true }).click();
  await expect(page.getByTestId("unit-title")).toHaveText("昆明市口腔医院");
  await expect(page.getByTestId("agreement-card").first()).toBeVisible();
  const before = Number(await page.getByTestId("record-resources").textContent());
  await page.getByTestId("record-giving").click();
  await page.getByTestId("giving-description").fill("社区口腔义诊，免费检查");
  await numberInput(page, "giving-quantity").fill("120");
  await page.getByTestId("giving-submit").click();
  await expect(page.getByTestId("record-resource-table")).toContainText("社区口腔义诊，免费检查");
  await expect(page.getByTestId("record-resources")).toHaveText(String(before + 1));

  // A need finds the units whose agreements offer it.
  await page.goto("/partners?tab=match");
  await pickOption(page, page.getByTestId("match-kind"), "场地");
  await page.getByTestId("match-submit").click();
  await expect(page.getByTestId("match-item").first()).toBeVisible();
});

test("a rider finds rider stations and rider services on the map", async ({ openPage }) => {
  const phone = await openPage(PHONE);
  await otpSignIn(phone.request, "13900000012");
  await phone.goto("/m/");
  await expect(phone.getByTestId("home-area")).toBeVisible();
  await phone.getByTestId("entry-riderMap").click();
  await expect(phone.getByTestId("rider-stations").getByTestId("rider-station-name")).toHaveCount(8);
  await expect(phone.getByTestId("rider-map")).toHaveAttribute("data-points", /^([89]|[1-9]\d+)$/);
  await expect(phone.getByTestId("rider-services")).toContainText("临时停车");
  await expect(phone.getByTestId("rider-stations")).toContainText("热水");
});
