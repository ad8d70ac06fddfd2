import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { rowsOf, type Tx } from "../src/server/db/client";
import { Rng } from "../src/server/seed/random";
import { seedDeliberation } from "../src/server/seed/deliberation";
import { TEST_SEED } from "./support/constants";

let t: TestApp;
let secretary: Client;
let yxqSecretary: Client;

const rows = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(q));

/** A fingerprint of everything the deliberation demo writes. */
async function digest(tx: Tx): Promise<string> {
  const [r] = rowsOf<{ d: string }>(
    await tx.execute(sql`SELECT md5(
      (SELECT string_agg(id::text || title || status || created_at::text, ',' ORDER BY id) FROM topics) ||
      (SELECT string_agg(id::text || title || starts_at::text || coalesce(minutes, ''), ',' ORDER BY id) FROM meetings) ||
      (SELECT string_agg(id::text || name || party_kind, ',' ORDER BY id) FROM meeting_attendance) ||
      (SELECT string_agg(id::text || text || due_on::text || status || five_party::text, ',' ORDER BY id) FROM resolutions) ||
      (SELECT string_agg(response_id::text || value::text, ',' ORDER BY response_id, question_id) FROM answers)
    ) AS d`),
  );
  return r.d;
}

/** Every row the deliberation demo writes, children first. */
const SEEDED_TABLES = [
  "answers",
  "responses",
  "questions",
  "questionnaires",
  "resolution_updates",
  "resolution_owners",
  "resolutions",
  "meeting_opinions",
  "meeting_attendance",
  "meeting_topics",
  "meeting_parties",
  "meetings",
  "topic_supports",
  "topic_cases",
  "topics",
];

beforeAll(async () => {
  t = await createTestApp();
  // The demo loaded the deliberation data; loading it again from scratch with the same seed gives the same rows.
  const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM topics`);
  expect(Number(n)).toBeGreaterThan(100);
  const loaded = await t.database.db.transaction((tx) => digest(tx));
  let again = "";
  await t.database.db
    .transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM case_links WHERE kind IN ('topic', 'resolution')`);
      for (const table of SEEDED_TABLES) await tx.execute(sql.raw(`DELETE FROM ${table}`));
      await seedDeliberation(tx, new Rng(TEST_SEED).fork("deliberation"));
      again = await digest(tx);
      throw new Error("rollback");
    })
    .catch((e: Error) => {
      if (e.message !== "rollback") throw e;
    });
  expect(again).toBe(loaded);
  [secretary, yxqSecretary] = await Promise.all([as(t, "hk_secretary"), as(t, "yxq_secretary")]);
}, 240_000);
afterAll(() => t.close());

describe("the deliberation demo data", () => {
  it("reproduces 红康's figures for December 2023 – December 2024", async () => {
    const m = (await secretary.get("/api/deliberation/measures?from=2023-12-01&to=2024-12-31")).json();
    const kind = (k: string) => m.byKind.find((x: { kind: string }) => x.kind === k);
    expect(m.area.name).toBe("红康社区");
    expect(kind("residents_council").meetings).toBeGreaterThanOrEqual(20);
    expect(kind("residents_council").meetings).toBeLessThan(30);
    expect(kind("residents_council").topicsSettled).toBeGreaterThanOrEqual(60);
    expect(kind("residents_council").topicsSettled).toBeLessThan(70);
    expect(kind("party_joint").meetings).toBe(7);
    expect(kind("resident_meeting").meetings).toBe(3);
    expect(m.fivePartySettled).toBeGreaterThanOrEqual(80);
    expect(m.fivePartySettled).toBeLessThan(90);
    expect(m.resolutions.doneOnTime + m.resolutions.doneLate).toBeGreaterThan(100);
    // the whole history, both communities' pages work
    const all = (await secretary.get("/api/deliberation/measures?from=2023-12-01&to=2026-11-15")).json();
    expect(all.meetings).toBeGreaterThan(m.meetings);
    expect((await yxqSecretary.get("/api/deliberation/measures?from=2023-12-01&to=2026-11-15")).json().byKind.find((x: { kind: string }) => x.kind === "party_joint").meetings).toBeGreaterThanOrEqual(10);
  });

  it("holds the seven 党建联席会议 with the four partner units of the 兼职委员制", async () => {
    const list = (await secretary.get("/api/meetings?kind=party_joint&from=2023-12-01&to=2024-12-31")).json().items as Array<{ id: string; isPublic: boolean }>;
    expect(list).toHaveLength(7);
    const d = (await secretary.get(`/api/meetings/${list[0].id}`)).json();
    const units = d.parties.filter((p: { partyKind: string }) => p.partyKind === "partner_unit").map((p: { name: string }) => p.name);
    expect(units).toEqual(expect.arrayContaining(["昆明有色冶金设计研究院股份公司", "昆明市口腔医院", "五华区第二幼儿园", "云南言之文化传媒有限公司"]));
    expect(d.fivePartyPresent).toBe(true);
    expect(d.attendeeCount).toBe(d.attendance.length);
    expect(d.minutes).toContain("党建联席会议");
    expect(d.resolutions.every((r: { fiveParty: boolean; status: string }) => r.fiveParty && r.status === "done")).toBe(true);
  });

  it("tells the scrap-station story: on-site bench meeting, joint action, moved away, the case closed by the resolution", async () => {
    const topic = (await secretary.get(`/api/topics?q=${encodeURIComponent("废品收购站")}`)).json().items[0];
    const d = (await secretary.get(`/api/topics/${topic.id}`)).json();
    expect(d).toMatchObject({ source: "case", status: "settled", caseCount: 1 });
    expect(d.meetings).toEqual([expect.objectContaining({ kind: "bench", status: "closed" })]);
    const r = d.resolutions[0];
    expect(r).toMatchObject({ status: "done", percent: 100 });
    expect(r.text).toContain("搬离");
    expect(r.owners.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(["五华区消防救援大队红云中队", "红云派出所"]));
    expect(d.cases[0]).toMatchObject({ status: "closed", closedByRef: `resolution:${r.id}` });
    const detail = (await secretary.get(`/api/resolutions/${r.id}`)).json();
    expect(detail.updates.map((u: { percent: number }) => u.percent)).toEqual([30, 70, 100]);
  });

  it("tells the two-property-companies story: four rounds of door-to-door visits, then a property-management committee", async () => {
    const topic = (await secretary.get(`/api/topics?q=${encodeURIComponent("两家物业公司")}`)).json().items.find((x: { source: string }) => x.source === "case");
    const d = (await secretary.get(`/api/topics/${topic.id}`)).json();
    expect(d.status).toBe("settled");
    expect(d.resolutions.map((r: { text: string }) => r.text).join()).toContain("物业管理委员会");
    expect(d.cases[0].closedByRef).toMatch(/^resolution:/);
    const rounds = (await secretary.get(`/api/questionnaires?topicId=${topic.id}`)).json().items as Array<{ id: string; round: number; responses: number }>;
    expect(rounds.map((q) => q.round).sort()).toEqual([1, 2, 3, 4]);
    expect(rounds.every((q) => q.responses >= 50)).toBe(true);
    const fourth = (await secretary.get(`/api/questionnaires/${rounds.find((q) => q.round === 4)!.id}/results`)).json();
    expect(fourth.byChannel.online).toBe(0);
    const vote = fourth.questions.find((q: { isVote: boolean }) => q.isVote);
    expect(vote.counts[0].value).toBe("同意");
    expect(vote.counts[0].count / vote.answered).toBeGreaterThan(0.7);
    expect(fourth.byBuilding.length).toBeGreaterThan(1);
    expect(fourth.byCompound.reduce((s: number, c: { responses: number }) => s + c.responses, 0)).toBe(fourth.responses);
  });

  it("leaves something for the dashboard and the phone: overdue resolutions, proposals, upcoming public meetings", async () => {
    const overdue = (await secretary.get("/api/resolutions?status=overdue")).json().items;
    expect(overdue.length).toBeGreaterThan(0);
    const planned = (await secretary.get("/api/meetings?status=planned")).json().items as Array<{ startsAt: string; isPublic: boolean }>;
    expect(planned.some((m) => m.isPublic && m.startsAt > "2026-11-22")).toBe(true);
    const proposals = (await secretary.get("/api/topics?source=proposal&status=proposed")).json().items;
    expect(proposals.length).toBeGreaterThan(0);
    const [c] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases c WHERE c.closed_by_ref LIKE 'resolution:%'
      AND NOT EXISTS (SELECT 1 FROM resolutions r JOIN topic_cases tc ON tc.topic_id = r.topic_id WHERE 'resolution:' || r.id = c.closed_by_ref AND tc.case_id = c.id AND r.status = 'done')`);
    expect(Number(c.n)).toBe(0);
  });
});
