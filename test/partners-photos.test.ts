import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";

let t: TestApp;
let staff: Client;

async function signIn(phone: string, address: string) {
  const c = new Client(t.app);
  await c.request({ method: "POST", url: "/api/auth/otp/request", payload: { phone }, remoteAddress: address });
  const res = await c.request({ method: "POST", url: "/api/auth/otp/verify", payload: { phone, code: t.deps.sms.lastCodeFor(phone) }, remoteAddress: address });
  expect(res.statusCode, res.body).toBe(200);
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await as(t, "hk_staff");
});
afterAll(() => t.close());

describe("activity photos", () => {
  it("are files shown to whoever may see the activity, and to nobody through another activity", async () => {
    const start = new Date(Date.now() + 48 * 3600_000);
    const body = { kind: "festival", title: "重阳节敬老活动", place: "社区活动室", capacity: 30, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString() };
    const [a, b] = await Promise.all([staff.post("/api/activities", body), staff.post("/api/activities", { ...body, title: "另一场活动" })]);
    const activityId = a.json().items[0].id as string;
    const otherId = b.json().items[0].id as string;
    const up = await staff.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
    expect(up.statusCode, up.body).toBe(200);
    const fileId = up.json().id as string;
    const recorded = await staff.post(`/api/activities/${activityId}/outputs`, { outputs: { served: 80 }, photoIds: [fileId] });
    expect(recorded.statusCode, recorded.body).toBe(200);

    const neighbour = await signIn("13900000001", "10.9.0.1");
    const detail = (await neighbour.get(`/api/activities/${activityId}`)).json();
    expect(detail.photos).toEqual([{ id: fileId, url: `/api/activities/${activityId}/photos/${fileId}`, thumbUrl: `/api/activities/${activityId}/photos/${fileId}/thumb` }]);
    // The uploader's own file route stays closed to others; the activity's route opens it.
    expect((await neighbour.get(`/api/files/${fileId}`)).statusCode).toBe(404);
    const photo = await neighbour.get(detail.photos[0].url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    expect(photo.rawPayload.subarray(0, 2).toString("hex")).toBe("ffd8");
    const thumb = await neighbour.get(detail.photos[0].thumbUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.rawPayload.length).toBeLessThan(photo.rawPayload.length);

    // Not through an activity it does not belong to, nor from another community.
    expect((await neighbour.get(`/api/activities/${otherId}/photos/${fileId}`)).statusCode).toBe(404);
    const stranger = await signIn("13900000011", "10.9.0.2");
    expect((await stranger.get(`/api/activities/${activityId}/photos/${fileId}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/activities/${activityId}/photos/${fileId}/thumb`)).statusCode).toBe(404);
  });
});
