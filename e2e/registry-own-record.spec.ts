import type { Page } from "@playwright/test";
import { test, expect, consoleLogin, mobileOtpLogin, PHONE } from "./support/fixtures";

/** 我的 → 我的档案 */
async function openOwnRecord(page: Page) {
  await page.locator(".m-tabbar").getByText("我的", { exact: true }).click();
  await page.getByTestId("mine-record").click();
  await expect(page).toHaveURL(/\/m\/me\/record$/);
}

test("a resident sees their own record masked, asks for a phone correction, staff accept it and the resident sees it done", async ({ page, openPage, pageErrors }) => {
  test.setTimeout(240_000);
  pageErrors.allow(/status of 429/);
  const phone = await openPage(PHONE);
  await mobileOtpLogin(phone, "13900000001");
  await openOwnRecord(phone);

  // The record: ID number and phone masked, the household address, no request yet.
  await expect(phone.getByTestId("own-id-number")).toHaveText(/^\d{4}\*{10}[\dX]{4}$/);
  await expect(phone.getByTestId("own-phone")).toHaveText("139****0001");
  await expect(phone.getByTestId("own-address")).not.toHaveText("—");
  await expect(phone.getByTestId("own-requests")).toContainText("暂无更正申请");
  const name = (await phone.getByTestId("own-name").textContent())!.trim();

  // A correction of the phone: a malformed number is refused on the spot, then sent.
  await phone.getByTestId("own-request-open").click();
  await phone.getByTestId("own-request-field").getByText("手机号", { exact: true }).click();
  const proposed = phone.getByTestId("own-request-proposed").locator("input");
  await proposed.fill("1390000");
  await phone.getByTestId("own-request-submit").click();
  await expect(phone.getByText("请输入 11 位手机号")).toBeVisible();
  await proposed.fill("13900009901");
  await phone.getByTestId("own-request-note").getByRole("textbox").fill("已更换手机号码");
  await phone.getByTestId("own-request-submit").click();
  await expect(phone.getByText("申请已提交，社区工作人员核实后处理")).toBeVisible();
  const request = phone.getByTestId("own-request").first();
  await expect(request).toContainText("手机号：139****9901");
  await expect(request.getByTestId("own-request-status")).toHaveText("待处理");

  // Staff of 红康 see it under 更正申请 (masked too) and accept it.
  await consoleLogin(page, "hk_staff");
  await page.getByTestId("side-menu").getByText("房屋台账").click();
  await page.getByRole("tab", { name: "更正申请" }).click();
  const row = page.locator(".ant-table-tbody tr.ant-table-row").filter({ hasText: name }).filter({ hasText: "139****9901" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("已更换手机号码");
  await expect(page.locator(".ant-table-tbody")).not.toContainText("13900009901");
  await row.getByRole("button", { name: "已更正" }).click();
  await expect(row).toHaveCount(0);

  // 场所单位: enterprises carry their credit code, grid and contact, the contact's phone masked.
  await page.getByRole("tab", { name: "场所单位" }).click();
  await page.getByTestId("places-kind").click();
  await page.locator(".ant-select-dropdown:visible").getByText("企业", { exact: true }).click();
  const place = page.getByTestId("places-table").locator("tbody tr.ant-table-row").first();
  await expect(place).toContainText(/91[0-9A-HJ-NPQRTUWXY]{16}/);
  await expect(place.getByTestId("place-contact")).toContainText(/1\d{2}\*{4}\d{4}/);

  // The resident sees the request settled and the record holding the new phone.
  await phone.reload();
  await expect(phone.getByTestId("own-request").first().getByTestId("own-request-status")).toHaveText("已更正");
  await expect(phone.getByTestId("own-phone")).toHaveText("139****9901");
});

test("a phone the register does not know gets an explanation instead of a record", async ({ openPage, pageErrors }) => {
  test.setTimeout(180_000);
  pageErrors.allow(/status of 429/);
  const phone = await openPage(PHONE);
  // 红康's demo rider has an account but no entry in the register.
  await mobileOtpLogin(phone, "13900000002");
  await openOwnRecord(phone);
  await expect(phone.getByTestId("own-record-none")).toContainText("暂未找到您的档案");
  await expect(phone.getByTestId("own-record-none")).toContainText("请联系社区工作人员登记");
});
