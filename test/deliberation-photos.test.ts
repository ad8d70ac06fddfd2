import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";

/** Photos of a resolution's progress are seen by whoever may see the resolution, and by nobody else. */

let t: TestApp;
let staff: Client;
let grid1: Client;
let yxqStaff: Client;

const H = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const localDay = (ms = 0) => new Date(Date.now() + ms + 8 * H).toISOString().slice(0, 10);

/** Phone sign-in, once per phone (a second code within a minute would be refused). */
const phones = new Map<string, Client>();
async function phoneOnce(phone: string) {
  const known = phones.get(phone);
  if (known) return known;
  const c = await phoneClient(t, phone);
  phones.set(phone, c);
  return c;
}

async function upload(c: Client): Promise<string> {
  const res = await c.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

/** A topic (optionally gathering a case), decided at a meeting then closed, with a resolution owned by hk_grid1. */
async function resolution(topicBody: { caseIds?: string[] } = {}) {
  const topic = topicBody.caseIds
    ? (await staff.post("/api/topics/from-cases", { caseIds: topicBody.caseIds, title: "敏感事项议题" })).json().id
    : (await staff.post("/api/topics", { title: "楼道灯修复", description: "3栋楼道灯长期不亮" })).json().id;
  const meeting = (await staff.post("/api/meetings", { kind: "grid_governance", title: "网格综治会", startsAt: iso(-H), endsAt: iso(H), place: "网格工作站", topicIds: [topic] })).json().id;
  expect((await staff.post(`/api/meetings/${meeting}/open`)).statusCode).toBe(200);
  const me = (await grid1.get("/api/auth/me")).json().user;
  const r = await staff.post(`/api/meetings/${meeting}/resolutions`, { topicId: topic, text: "一周内修复楼道灯", dueOn: localDay(7 * 24 * H), owners: [{ userId: me.id }] });
  expect(r.statusCode, r.body).toBe(200);
  // a closed meeting is read-only; its resolution's follow-up goes on
  expect((await staff.post(`/api/meetings/${meeting}/close`, {})).statusCode).toBe(200);
  return { topic, id: r.json().id as string };
}

beforeAll(async () => {
  t = await createTestApp();
  [staff, grid1, yxqStaff] = await Promise.all(["hk_staff", "hk_grid1", "yxq_staff"].map((u) => as(t, u)));
});
afterAll(() => t.close());

describe("photos of a resolution's progress", () => {
  it("are readable by staff of the scope, the owner and the residents of the community, not by others", async () => {
    const { topic, id } = await resolution();
    const photo = await upload(grid1);
    expect((await grid1.post(`/api/resolutions/${id}/progress`, { text: "已更换灯具", percent: 50, photoIds: [photo] })).statusCode).toBe(200);
    const resident = await phoneOnce("13900000001");
    const yxqResident = await phoneOnce("13900000011");

    for (const c of [grid1, staff, resident]) {
      expect((await c.get(`/api/files/${photo}`)).statusCode).toBe(200);
      expect((await c.get(`/api/files/${photo}/thumb`)).statusCode).toBe(200);
    }
    for (const c of [yxqStaff, yxqResident]) expect((await c.get(`/api/files/${photo}`)).statusCode).toBe(404);

    // the residents' view carries the photo addresses
    const pub = (await resident.get(`/api/community/topics/${topic}`)).json();
    expect(pub.resolutions[0].updates[0]).toMatchObject({ photoCount: 1, photos: [{ id: photo, url: `/api/files/${photo}`, thumbUrl: expect.any(String) }] });

    // an upload attached to nothing stays its owner's
    const loose = await upload(grid1);
    expect((await resident.get(`/api/files/${loose}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/files/${loose}`)).statusCode).toBe(404);
  });

  it("of a topic about a sensitive case stay with staff and owners", async () => {
    const resident = await phoneOnce("13900000001");
    const reported = await staff.post("/api/cases", { categoryCode: "dispute_family", description: "家庭纠纷需要调解", channel: "phone", reporterName: "李女士" });
    expect(reported.statusCode, reported.body).toBe(200);
    const caseId = reported.json().id as string;
    const { id } = await resolution({ caseIds: [caseId] });
    const photo = await upload(grid1);
    expect((await grid1.post(`/api/resolutions/${id}/progress`, { text: "已上门调解", percent: 40, photoIds: [photo] })).statusCode).toBe(200);
    expect((await staff.get(`/api/files/${photo}`)).statusCode).toBe(200);
    expect((await resident.get(`/api/files/${photo}`)).statusCode).toBe(404);
    const rider = await phoneOnce("13900000002");
    expect((await rider.get(`/api/files/${photo}`)).statusCode).toBe(404);
  });
});
