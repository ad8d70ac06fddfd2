import type { Page } from "@playwright/test";
import { test, expect, consoleLogin, microgridCentre, mobileLogin, mobileOtpLogin, pickOption, PHONE } from "./support/fixtures";
import { makePng } from "./support/png";

/**
 * 议事协商, the whole loop: a resident's case escalated to the community goes on the agenda, the
 * meeting is held with sign-ins from phones, a resolution is recorded and followed until done, and
 * the resident sees the case closed with the resolution.
 */

/** The text box of a console field, whether the test id sits on the box or on its wrapper. */
function box(scope: Page | ReturnType<Page["getByTestId"]>, testId: string) {
  return scope.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first();
}

test("an escalated case goes on the agenda, the meeting decides, the resolution is done and the resident sees the case closed", async ({ page, openPage, request, pageErrors }) => {
  test.setTimeout(300_000);
  // A refused second sign-in (meeting over) and a refused code request are expected answers.
  pageErrors.allow(/status of 409/);
  pageErrors.allow(/status of 429/);
  const stamp = Date.now().toString().slice(-6);
  const { center: here } = await microgridCentre(request, "hk_grid1");

  // 1. The resident reports on the phone; the grid worker takes it and escalates it to the community.
  const resident = await openPage(PHONE);
  await mobileOtpLogin(resident, "13900000001");
  const description = `e2e 茉莉苑旁废品收购站夜间噪音扰民 ${stamp}`;
  const reported = await resident.request.post("/api/cases", {
    data: { categoryCode: "sanitation", description, location: here },
    headers: { "Idempotency-Key": `e2e-delib-${stamp}` },
  });
  expect(reported.ok(), await reported.text()).toBeTruthy();
  const { id: caseId, number } = (await reported.json()) as { id: string; number: string };
  for (const body of [{ action: "accept" }, { action: "escalate", note: "涉及多方，需社区协调" }]) {
    const res = await request.post(`/api/cases/${caseId}/transitions`, { data: body });
    expect(res.ok(), await res.text()).toBeTruthy();
  }

  // 2. Staff find it among the cases waiting for a meeting and put it on the agenda.
  await consoleLogin(page, "hk_staff");
  await page.getByTestId("side-menu").getByText("议事协商", { exact: true }).click();
  await expect(page).toHaveURL(/\/deliberation\/topics$/);
  await box(page, "candidate-search").fill(number);
  await box(page, "candidate-search").press("Enter");
  const candidate = page.locator(`[data-testid="candidate"][data-case-numbers~="${number}"]`);
  // Alone it is an escalated case; beside earlier reports of the same kind nearby, a repeated problem.
  await expect(candidate).toHaveCount(1);
  await expect(candidate).toContainText(number);
  await candidate.getByTestId("put-on-agenda").click();
  await expect(page.getByTestId("topic-detail")).toHaveAttribute("data-status", "proposed");
  await expect(page.getByTestId("linked-case").filter({ hasText: number })).toHaveCount(1);
  const topicId = page.url().split("/").pop()!;

  // 3. A bench meeting on site, with the five parties invited.
  await page.getByTestId("topic-schedule").click();
  const form = page.getByTestId("meeting-create-form");
  await pickOption(page, form.getByTestId("meeting-kind"), "板凳议事会");
  await box(form, "meeting-title").fill(`废品收购站现场板凳议事会 ${stamp}`);
  await box(form, "meeting-place").fill("茉莉苑3栋楼下长椅");
  await form.getByTestId("fill-five").click();
  await expect(form.locator(".dl-party-row")).toHaveCount(5);
  await page.getByTestId("meeting-create-ok").click();
  const meeting = page.getByTestId("meeting-detail");
  await expect(meeting).toHaveAttribute("data-status", "planned");
  await expect(page.getByTestId("agenda-item")).toHaveAttribute("data-topic-id", topicId);

  // 4. Sign-in opens: the QR code and its address appear.
  await page.getByTestId("meeting-open").click();
  await page.getByTestId("confirm-ok").click();
  await expect(meeting).toHaveAttribute("data-status", "open");
  await expect(page.getByTestId("checkin-qr")).toBeVisible();
  const checkinUrl = (await page.getByTestId("checkin-url").getAttribute("href"))!;
  expect(checkinUrl).toMatch(/\/m\/meetings\/[0-9a-f-]+\/checkin\?code=/);
  const checkinPath = new URL(checkinUrl).pathname + new URL(checkinUrl).search;

  // 5. Phones scan it: the resident (counted as a resident representative), the partner unit's contact.
  await resident.goto(checkinPath);
  await resident.getByTestId("checkin-submit").click();
  await expect(resident.getByTestId("checkin-result")).toHaveAttribute("data-already", "false");
  await expect(resident.getByTestId("checkin-result")).toContainText("签到成功");
  // Scanning twice is harmless.
  await resident.goto(checkinPath);
  await resident.getByTestId("checkin-submit").click();
  await expect(resident.getByTestId("checkin-result")).toContainText("您已签到");

  const partner = await openPage(PHONE);
  await mobileLogin(partner, "hk_partner");
  await partner.goto(checkinPath);
  await partner.getByTestId("checkin-submit").click();
  await expect(partner.getByTestId("checkin-result")).toContainText("签到成功");

  // Staff tick the others from the paper sheet; the count comes from the sign-ins.
  await page.reload();
  await expect(page.getByTestId("attendee-count")).toHaveAttribute("data-count", "2");
  for (const [party, name] of [
    ["社区党委", "王书记"],
    ["小区物委会", "张德明"],
    ["物业公司", "周经理"],
  ]) {
    await pickOption(page, page.getByTestId("tick-party"), party);
    await box(page, "tick-name").fill(name);
    await page.getByTestId("tick-submit").click();
    await expect(page.getByTestId("attendance")).toContainText(name);
  }
  await expect(page.getByTestId("attendee-count")).toHaveAttribute("data-count", "5");
  await expect(page.getByTestId("five-present")).toBeVisible();

  // 6. Opinions, minutes and the resolution (the staff member owns it).
  await box(page, "opinion-speaker").fill("周经理");
  await box(page, "opinion-text").fill("物业配合清运，协助做好搬离后的场地清理");
  await page.getByTestId("opinion-add").click();
  await expect(page.getByTestId("opinions")).toContainText("物业配合清运");
  await box(page, "minutes-text").fill("各方同意联合整治，督促废品收购站选新址搬离。");
  await page.getByTestId("minutes-save").click();
  await expect(page.getByTestId("minutes-save")).toBeDisabled();
  const resolutionText = `联合整治，督促废品收购站选新址搬离 ${stamp}`;
  await page.getByTestId("record-resolution").click();
  await box(page, "resolution-text").fill(resolutionText);
  await page.getByTestId("resolution-ok").click();
  const line = page.getByTestId("meeting-resolution");
  await expect(line).toContainText(resolutionText);
  await expect(line.getByTestId("five-party")).toBeVisible();
  await page.getByTestId("meeting-close").click();
  await page.getByTestId("confirm-ok").click();
  await expect(meeting).toHaveAttribute("data-status", "closed");

  // Signing in to a meeting that is over is refused.
  await resident.goto(checkinPath);
  await resident.getByTestId("checkin-submit").click();
  await expect(resident.getByTestId("checkin-error")).toHaveAttribute("data-code", "CONFLICT");

  // 7. Follow-up: progress with a photo, then done — the case closes with the resolution.
  await line.getByTestId("resolution-link").click();
  const detail = page.getByTestId("resolution-detail");
  await expect(detail).toHaveAttribute("data-status", "open");
  await page.getByTestId("resolution-progress").click();
  await box(page, "progress-text").fill("联合整治已开展，收购站已找到新址");
  await page.locator(".ant-modal:visible input[type=file]").setInputFiles({ name: "site.png", mimeType: "image/png", buffer: makePng() });
  await expect(page.locator(".ant-modal:visible .ant-upload-list-item-done")).toHaveCount(1);
  await page.getByTestId("progress-ok").click();
  await expect(page.getByTestId("resolution-update")).toHaveCount(1);
  await expect(page.getByTestId("resolution-update").locator("img")).toHaveCount(1);
  await page.getByTestId("resolution-complete").click();
  await box(page, "complete-text").fill("废品收购站已搬离，原址清理完毕");
  await page.getByTestId("complete-ok").click();
  await expect(detail).toHaveAttribute("data-status", "done");
  const linked = page.getByTestId("resolution-cases");
  await expect(linked.getByTestId("linked-case").filter({ hasText: number })).toHaveCount(1);
  await expect(linked.locator('[data-testid="linked-case-status"]:not([data-status="closed"])')).toHaveCount(0);

  // 8. The resident sees the case closed with the resolution, and the topic settled in the public view.
  await resident.goto(`/m/cases/${caseId}`);
  await expect(resident.getByTestId("case-detail")).toHaveAttribute("data-status", "closed");
  await expect(resident.getByTestId("case-result")).toContainText(resolutionText);
  await resident.goto(`/m/deliberation/topics/${topicId}`);
  await expect(resident.getByTestId("public-topic-detail")).toHaveAttribute("data-status", "settled");
  await expect(resident.getByTestId("public-resolution")).toHaveAttribute("data-status", "done");
  await expect(resident.getByTestId("public-resolution").locator("img")).toHaveCount(1);
});

test("a resident proposes a topic on the phone and a neighbour supports it once", async ({ openPage }) => {
  const stamp = Date.now().toString().slice(-6);
  const volunteer = await openPage(PHONE);
  await mobileLogin(volunteer, "hk_volunteer");
  await volunteer.getByTestId("entry-deliberation").click();
  await expect(volunteer).toHaveURL(/\/m\/deliberation$/);
  await volunteer.getByTestId("propose").click();
  const title = `小区东门增设充电桩 ${stamp}`;
  await volunteer.getByTestId("propose-title").locator("input").fill(title);
  await volunteer.getByTestId("propose-description").getByRole("textbox").fill("电动车在楼道充电有火灾隐患，希望在东门空地增设充电桩。");
  await volunteer.getByTestId("propose-submit").click();
  await expect(volunteer.getByTestId("public-topic-detail")).toContainText(title);
  await expect(volunteer.getByTestId("support")).toHaveCount(0);

  const neighbour = await openPage(PHONE);
  await mobileLogin(neighbour, "hk_partner");
  await neighbour.goto("/m/deliberation");
  const card = neighbour.getByTestId("public-topic").filter({ hasText: title });
  await card.getByTestId("support").click();
  await expect(card.getByTestId("supported")).toBeVisible();
  await expect(card).toContainText("1 人附议");
});
