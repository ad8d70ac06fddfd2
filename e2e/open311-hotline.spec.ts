import ExcelJS from "exceljs";
import { consoleLogin, expect, microgridCentre, pickOption, test } from "./support/fixtures";

/**
 * Open interfaces, as partner systems and the community's staff live them: the secretary issues an
 * Open311 key on the console; an Open311 client written here from the GeoReport v2 spec (plain
 * fetch, form fields, nothing of Linli's code) lists the services, posts a request with the key and
 * reads it back; a 12345 workbook is imported twice through the console without duplicates, and the
 * reply appears once the case is closed.
 */
const RUN = Date.now().toString().slice(-8);

test("an Open311 client and a 12345 workbook through the console", async ({ openPage, request, baseURL }) => {
  const { center } = await microgridCentre(request, "hk_grid1");
  const page = await openPage();
  await consoleLogin(page, "hk_secretary");
  await page.goto("/open-interfaces");

  // the key, clicked through and copied from the dialog that shows it once
  await page.getByTestId("apikey-new").click();
  await page.getByTestId("apikey-name").fill(`市民App ${RUN}`);
  await pickOption(page, page.getByTestId("apikey-area"), "红康社区");
  await page.locator(".ant-modal-footer:visible .ant-btn-primary").click();
  const key = (await page.getByTestId("apikey-secret").innerText()).trim();
  expect(key).toMatch(/^ll_/);
  await page.getByTestId("apikey-copied").click();
  await expect(page.getByTestId("apikey-list")).toContainText(key.slice(0, 10));
  await expect(page.getByTestId("apikey-list")).not.toContainText(key.slice(12));

  // the Open311 client
  const endpoint = `${baseURL}/open311/v2`;
  const services = (await (await fetch(`${endpoint}/services.json`)).json()) as Array<{ service_code: string; metadata: boolean; type: string }>;
  const noise = services.find((s) => s.service_code === "noise");
  expect(noise).toMatchObject({ metadata: false, type: "realtime" });
  const posted = await fetch(`${endpoint}/requests.json`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ api_key: key, service_code: "noise", lat: String(center[1]), long: String(center[0]), description: `夜间施工噪音 ${RUN}`, first_name: "明", last_name: "王" }).toString(),
  });
  expect(posted.status).toBe(200);
  const [{ service_request_id: id }] = (await posted.json()) as Array<{ service_request_id: string }>;
  const back = (await (await fetch(`${endpoint}/requests/${id}.json`)).json()) as Array<{ service_request_id: string; status: string; description: string }>;
  expect(back[0]).toMatchObject({ service_request_id: id, status: "open", description: `夜间施工噪音 ${RUN}` });
  const xml = await (await fetch(`${endpoint}/requests/${id}.xml`)).text();
  expect(xml).toContain(`<service_request_id>${id}</service_request_id>`);
  const refused = await fetch(`${endpoint}/requests.json`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "service_code=noise&lat=1&long=1" });
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as Array<{ code: number }>)[0].code).toBe(403);

  // a 12345 workbook, imported twice
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("工单");
  ws.addRow(["工单编号", "办结时限", "来电人", "来电号码", "诉求内容", "地址", "事件分类", "经度", "纬度", "社区"]);
  ws.addRow([`GD${RUN}1`, "2030-01-10 18:00", "李女士", "13800138000", `楼道堆物 ${RUN}`, "康宁花园", "消防安全隐患", center[0], center[1], null]);
  ws.addRow([`GD${RUN}2`, "2030-01-11", null, null, `路灯不亮 ${RUN}`, null, null, null, null, "红康社区"]);
  const file = { name: "12345.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
  const upload = async () => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByTestId("hotline-import").click();
    await (await chooser).setFiles(file);
    await expect(page.getByTestId("hotline-report")).toBeVisible();
  };
  await upload();
  await expect(page.getByTestId("hotline-outcome")).toHaveText(["已新建", "已新建"]);
  await upload();
  await expect(page.getByTestId("hotline-outcome")).toHaveText(["已导入过", "已导入过"]);
  await expect(page.getByTestId("hotline-orders")).toContainText(`GD${RUN}1`);
  await expect(page.getByTestId("hotline-orders")).toContainText("138****8000");

  // the case closes: the reply is produced
  await page.request.post("/api/auth/login", { data: { username: "hk_secretary", password: "Linli@2026" } });
  const orders = (await (await page.request.get("/api/hotline/orders")).json()) as { items: Array<{ orderNumber: string; caseId: string }> };
  const caseId = orders.items.find((o) => o.orderNumber === `GD${RUN}1`)!.caseId;
  for (const [action, extra] of [["take", {}], ["handle", { note: `已清理楼道 ${RUN}` }], ["verify", {}], ["close", { closureKind: "resolved", note: "已办结" }]] as const) {
    const version = ((await (await page.request.get(`/api/cases/${caseId}`)).json()) as { version: number }).version;
    const r = await page.request.post(`/api/cases/${caseId}/transitions`, { data: { action, version, ...extra } });
    expect(r.ok(), await r.text()).toBeTruthy();
  }
  await page.reload();
  await expect(page.getByTestId("hotline-orders")).toContainText(`已清理楼道 ${RUN}`);
});
