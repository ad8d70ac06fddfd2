import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "../src/server/db/client";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";

let t: TestApp;
let hkSecretary: Client;
let hkStaff: Client;
let hkBranch: Client;
let hkGrid: Client;
let yxqStaff: Client;
let hyStreet: Client;
let hk = "";
let yxq = "";

const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
type Figure = { key: string; value: number | null };
async function figures(c: Client, communityId: string, from: string, to: string): Promise<Record<string, number | null>> {
  const res = await c.get(`/api/party/figures?communityId=${communityId}&from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries((res.json().figures as Figure[]).map((f) => [f.key.replace(/^party\./, ""), f.value]));
}
const patch = (c: Client, url: string, payload: unknown) => c.request({ method: "PATCH", url, payload: payload as object });
/** One client per phone for the whole file: a phone may ask for a sign-in code once a minute. */
const phones = new Map<string, Client>();
async function phone(number: string): Promise<Client> {
  const known = phones.get(number);
  if (known) return known;
  const c = await phoneClient(t, number);
  phones.set(number, c);
  return c;
}
const put = (c: Client, url: string, payload: unknown) => c.request({ method: "PUT", url, payload: payload as object });

beforeAll(async () => {
  t = await createTestApp();
  [hkSecretary, hkStaff, hkBranch, hkGrid, yxqStaff, hyStreet] = await Promise.all(
    ["hk_secretary", "hk_staff", "hk_branch", "hk_grid1", "yxq_staff", "hy_street"].map((u) => as(t, u)),
  );
  [{ id: hk }, { id: yxq }] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE level = 'community' ORDER BY name = '红康社区' DESC`);
});
afterAll(() => t.close());

describe("the demo reproduces the articles' party figures", () => {
  it("红康: 1 committee, 10 branches, 429 transferred in, 4 兼职委员 units, 7 joint meetings in the article's year", async () => {
    const y = await figures(hkSecretary, hk, "2023-12-01", "2024-12-31");
    expect(y.branches).toBe(10);
    expect(y.members_transferred_in).toBe(429);
    expect(y.members).toBe(429);
    expect(y.joint_units).toBe(4);
    expect(y.joint_meetings).toBe(7);
    expect(y.projects_completed).toBe(1);
    // 20-odd days: 18 March to 10 April 2024
    expect(y.project_days).toBe(23);
    const tree = (await hkSecretary.get(`/api/party/tree?communityId=${hk}`)).json();
    expect(tree.orgs.filter((o: { kind: string }) => o.kind === "committee")).toHaveLength(1);
    expect(tree.orgs.filter((o: { kind: string }) => o.kind === "branch")).toHaveLength(10);
    // 楼栋长 placed in real buildings, 中心户 looking after neighbours
    const groups = tree.orgs.filter((o: { kind: string }) => o.kind === "group");
    expect(groups.length).toBeGreaterThan(10);
    expect(groups.every((g: { buildings: unknown[]; leader: unknown }) => g.buildings.length > 0 && g.leader)).toBe(true);
    expect(y.anchor_households).toBeGreaterThan(0);
  });

  it("红康 over its whole history: 6 joint 主题党日, 80+ 群团 activities, in-service members' hours from their check-ins", async () => {
    const all = await figures(hkSecretary, hk, "2023-12-01", "2026-11-15");
    expect(all.party_days).toBe(6);
    expect(all.joint_party_days).toBe(6);
    expect(all.mass_org_activities).toBeGreaterThanOrEqual(80);
    const [m] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM activities a WHERE a.community_id = ${hk}
      AND a.kind IN ('anti_fraud', 'festival', 'free_clinic', 'health_run', 'blood_drive') AND a.status <> 'cancelled' AND a.ends_at <= now()
      AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2023-12-01' AND '2026-11-15'`);
    expect(all.mass_org_activities).toBe(Number(m.n));
    expect(all.members_in_service).toBeGreaterThan(10);
    const [h] = await q<{ h: number }>(sql`SELECT coalesce(sum(a.hours), 0)::float AS h FROM signups s JOIN activities a ON a.id = s.activity_id
      JOIN users u ON u.id = s.user_id JOIN party_members pm ON pm.person_id = u.person_id AND pm.kind = 'in_service'
      WHERE s.checked_in_at IS NOT NULL AND s.status = 'confirmed' AND a.community_id = ${hk} AND a.ends_at <= now()
        AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2023-12-01' AND '2026-11-15'`);
    expect(Number(h.h)).toBeGreaterThan(0);
    expect(all.in_service_hours).toBeCloseTo(Number(h.h), 1);
  });

  it("怡心桥: 大党委 of 9 units, 星秀文化传媒's branch founded 2024-10, 两新 surveyed and covered", async () => {
    const y = await figures(yxqStaff, yxq, "2024-01-01", "2024-12-31");
    expect(y.joint_units).toBe(9);
    expect(y.members).toBe(210);
    expect(y.members_two_new).toBe(9);
    expect(y.members_floating).toBe(12);
    // 星秀 and the three firms of the joint branch
    expect(y.two_new_founded).toBe(4);
    expect(y.two_new_coverage).toBeGreaterThan(50);
    expect(y.two_new_coverage).toBeLessThan(100);
    const list = (await yxqStaff.get("/api/party/two-new")).json();
    const xingxiu = list.items.find((i: { place: { name: string } }) => i.place.name === "星秀文化传媒(昆明)有限公司");
    expect(xingxiu).toMatchObject({ stage: "founded", foundedOn: "2024-10-18", employees: 216, partyMembers: 9, covered: true });
    expect(xingxiu.partyOrg.name).toBe("星秀文化传媒(昆明)有限公司党支部");
    expect(list.coverage).toBe(y.two_new_coverage);
  });
});

/** Persons of 红康 on nobody's roll, with no account. */
async function freePersons(n: number, where = sql`true`) {
  return q<{ id: string; household_id: string; building_id: string; area_id: string }>(sql`SELECT p.id, p.household_id, h.building_id, p.area_id FROM persons p JOIN households h ON h.id = p.household_id
    WHERE p.community_id = ${hk} AND p.status = 'active' AND p.birth_date < '1995-01-01' AND ${where}
      AND NOT EXISTS (SELECT 1 FROM party_members m WHERE m.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
    ORDER BY p.id LIMIT ${n}`);
}
const committeeOf = async (c: string) => (await q<{ id: string }>(sql`SELECT id FROM party_orgs WHERE kind = 'committee' AND community_id = ${c}`))[0].id;
/**
 * The finished object of a project goes under grid patrol: a public facility of 红康 (a place of
 * kind public_unit, which the patrols give their fire-safety checklist, as assign-in-bulk does)
 * that has no active plan yet, with the current template of that checklist.
 */
async function facilityTarget() {
  const [target] = await q<{ family_id: string; place_id: string; target_kind: string }>(sql`SELECT t.family_id, t.target_kind, p.id AS place_id
    FROM checklist_templates t, places p
    WHERE t.target_kind = 'fire_point' AND t.current AND t.community_id IS NULL AND p.community_id = ${hk} AND p.kind = 'public_unit' AND p.active
      AND NOT EXISTS (SELECT 1 FROM patrol_plans pl WHERE pl.place_id = p.id AND pl.active) ORDER BY p.id LIMIT 1`);
  expect(target, "a public facility of 红康 without a patrol plan").toBeDefined();
  return target;
}
const grid1 = async () => (await q<{ id: string }>(sql`SELECT area_id AS id FROM users WHERE username = 'hk_grid1'`))[0].id;

describe("party figures against a hand-computed fixture (红康, 1990)", () => {
  it("counts each figure as defined", async () => {
    const period = ["1990-01-01", "1990-12-31"] as const;
    const before = await figures(hkSecretary, hk, ...period);
    expect(before).toMatchObject({ branches: 0, members: 0, joint_meetings: 0, party_days: 0, projects_completed: 0, project_days: null, two_new_coverage: null });
    const committee = await committeeOf(hk);
    const g1 = await grid1();
    // a branch founded in 1990
    const branch = await hkStaff.post("/api/party/orgs", { parentId: committee, kind: "branch", name: "测试党支部", gridIds: [g1], foundedOn: "1990-03-01" });
    expect(branch.statusCode, branch.body).toBe(200);
    const branchId = branch.json().id;
    // three transfers: two inside the year, one after it
    const [p1, p2, p3] = await freePersons(3);
    for (const [p, on] of [[p1, "1990-04-01"], [p2, "1990-12-31"], [p3, "1991-01-02"]] as const) {
      const res = await hkStaff.post("/api/party/members", { personId: p.id, orgId: branchId, kind: "transferred_in", transferredOn: on });
      expect(res.statusCode, res.body).toBe(200);
    }
    // an in-service member with an account (a talent of the pool), who checks in to one party day
    const [talent] = await q<{ user_id: string; person_id: string; phone_enc: string }>(sql`SELECT u.id AS user_id, u.person_id, u.phone_enc FROM users u JOIN talents tl ON tl.user_id = u.id
      JOIN persons p ON p.id = u.person_id WHERE p.community_id = ${hk} AND u.phone_enc IS NOT NULL AND NOT EXISTS (SELECT 1 FROM party_members m WHERE m.person_id = u.person_id) ORDER BY u.id LIMIT 1`);
    const inService = await hkStaff.post("/api/party/members", { personId: talent.person_id, orgId: branchId, kind: "in_service", workplace: "五华区人民医院", commitment: "每月参加一次志愿服务" });
    expect(inService.statusCode, inService.body).toBe(200);
    const member = await phone(t.deps.cipher.decrypt(talent.phone_enc));
    expect((await member.post("/api/party/me/services", { day: "1990-03-03", hours: 1.5, description: "帮邻居清理楼道" })).statusCode).toBe(200);
    // a unit linked in 1990
    const [unit] = await q<{ id: string }>(sql`SELECT id FROM partner_units WHERE community_id = ${hk} AND NOT big_committee ORDER BY id LIMIT 1`);
    expect((await hkStaff.post("/api/party/joint-units", { unitId: unit.id, kind: "part_time_member", since: "1990-05-01" })).statusCode).toBe(200);
    // two 两新 surveyed: one guided in 1990 (covered), one founding only in 1991 (not yet covered)
    const [e1, e2] = await q<{ id: string }>(sql`SELECT p.id FROM places p WHERE p.community_id = ${hk} AND p.kind = 'enterprise'
      AND NOT EXISTS (SELECT 1 FROM two_new_orgs t WHERE t.place_id = p.id) ORDER BY p.id LIMIT 2`);
    expect((await put(hkStaff, `/api/party/two-new/${e1.id}`, { employees: 60, partyMembers: 0, surveyedOn: "1990-01-10" })).statusCode).toBe(200);
    expect((await hkStaff.post(`/api/party/two-new/${e1.id}/guide`, { instructorName: "王指导", guidedOn: "1990-02-01" })).statusCode).toBe(200);
    expect((await put(hkStaff, `/api/party/two-new/${e2.id}`, { employees: 10, partyMembers: 3, surveyedOn: "1990-01-11" })).statusCode).toBe(200);
    const founded = await hkStaff.post(`/api/party/two-new/${e2.id}/found`, { branchName: "测试企业党支部", foundedOn: "1991-01-01" });
    expect(founded.statusCode, founded.body).toBe(200);
    // meetings: one joint meeting held, one cancelled
    await t.database.db.execute(sql`INSERT INTO meetings (id, community_id, area_id, kind, title, starts_at, ends_at, place, status) VALUES
      (gen_random_uuid(), ${hk}, ${hk}, 'party_joint', '测试联席会', '1990-06-01T07:00:00Z', '1990-06-01T09:00:00Z', '会议室', 'closed'),
      (gen_random_uuid(), ${hk}, ${hk}, 'party_joint', '测试联席会（取消）', '1990-06-02T07:00:00Z', '1990-06-02T09:00:00Z', '会议室', 'cancelled')`);
    // activities: a joint party day (with a unit), a party day of the branch, a cancelled one, an anti-fraud session by 妇联, a festival by the branch
    const act = async (kind: string, day: string, status = "done") => {
      const [{ id }] = await q<{ id: string }>(sql`INSERT INTO activities (id, community_id, kind, title, starts_at, ends_at, place, capacity, hours, points, status)
        VALUES (gen_random_uuid(), ${hk}, ${kind}, '测试活动', ${day + "T01:00:00Z"}, ${day + "T03:30:00Z"}, '党群服务中心', 30, 2.5, 25, ${status}) RETURNING id`);
      return id;
    };
    const joint = await act("party_day", "1990-07-01");
    await t.database.db.execute(sql`INSERT INTO activity_units (activity_id, unit_id) VALUES (${joint}, ${unit.id})`);
    await act("party_day", "1990-08-01");
    await act("party_day", "1990-08-02", "cancelled");
    const fraud = await act("anti_fraud", "1990-09-01");
    const fest = await act("festival", "1990-09-15");
    expect((await put(hkStaff, `/api/party/activities/${fraud}/organiser`, { organiser: "women_federation" })).statusCode).toBe(200);
    expect((await put(hkStaff, `/api/party/activities/${fest}/organiser`, { organiser: "branch", orgId: branchId })).statusCode).toBe(200);
    await t.database.db.execute(sql`INSERT INTO signups (id, activity_id, user_id, status, checked_in_at) VALUES (gen_random_uuid(), ${joint}, ${talent.user_id}, 'confirmed', '1990-07-01T01:10:00Z')`);
    await t.database.db.execute(sql`INSERT INTO signups (id, activity_id, user_id, status) VALUES (gen_random_uuid(), ${fest}, ${talent.user_id}, 'confirmed')`);
    // a project started 1 January 1990, completed on the 21st
    const target = await facilityTarget();
    const project = await hkSecretary.post("/api/party/projects", { title: "测试项目", startedOn: "1990-01-01", milestones: [{ title: "完工", plannedOn: "1990-01-20" }] });
    expect(project.statusCode, project.body).toBe(200);
    const pid = project.json().id;
    expect((await hkSecretary.post(`/api/party/projects/${pid}/milestones/1/done`, { doneOn: "1990-01-20" })).statusCode).toBe(200);
    const done = await hkSecretary.post(`/api/party/projects/${pid}/complete`, { completedOn: "1990-01-21", patrol: { templateFamilyId: target.family_id, placeId: target.place_id } });
    expect(done.statusCode, done.body).toBe(200);
    expect(await q(sql`SELECT 1 FROM patrol_plans WHERE id = ${done.json().patrolPlanId} AND place_id = ${target.place_id} AND active`)).toHaveLength(1);

    const after = await figures(hkSecretary, hk, ...period);
    expect(after).toMatchObject({
      branches: 1,
      members: 2,
      members_transferred_in: 2,
      members_in_service: 0,
      members_floating: 0,
      members_two_new: 0,
      in_service_hours: 2.5,
      in_service_serving: 1,
      recorded_service_hours: 1.5,
      joint_units: 1,
      joint_meetings: 1,
      party_days: 2,
      joint_party_days: 1,
      mass_org_activities: 1,
      two_new_coverage: 50,
      two_new_founded: 0,
      projects_completed: 1,
      project_days: 20,
    });
    // 1991: the third transfer and the founding count, the rest of 1990 does not
    const next = await figures(hkSecretary, hk, "1991-01-01", "1991-12-31");
    expect(next).toMatchObject({ branches: 2, members_transferred_in: 3, two_new_founded: 1, two_new_coverage: 100, joint_meetings: 0, party_days: 0, projects_completed: 0 });
    // each organiser's record
    const rec = (await hkStaff.get(`/api/party/organisers?from=1990-01-01&to=1990-12-31`)).json();
    expect(rec.items.find((i: { organiser: string }) => i.organiser === "women_federation")).toMatchObject({ activities: 1, hours: 0 });
    expect(rec.items.find((i: { organiser: string }) => i.organiser === "branch")).toMatchObject({ activities: 1, org: { id: branchId } });
  });
});

describe("bad input and access", () => {
  it("refuses a member in two branches, a branch over another community's grid, a 中心户 outside the group, milestones before the start", async () => {
    const committee = await committeeOf(hk);
    const g1 = await grid1();
    const [yxqGrid] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE level = 'grid' AND community_id = ${yxq} LIMIT 1`);
    const foreign = await hkStaff.post("/api/party/orgs", { parentId: committee, kind: "branch", name: "越界支部", gridIds: [yxqGrid.id] });
    expect(foreign.statusCode).toBe(400);
    const [someMember] = await q<{ id: string; person_id: string }>(sql`SELECT id, person_id FROM party_members WHERE community_id = ${hk} ORDER BY id LIMIT 1`);
    const branch = (await hkStaff.post("/api/party/orgs", { parentId: committee, kind: "branch", name: "第二测试支部", gridIds: [g1] })).json().id;
    const twice = await hkStaff.post("/api/party/members", { personId: someMember.person_id, orgId: branch, kind: "transferred_in", transferredOn: "2024-01-01" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details.reason).toBe("already_member");
    // a group over two buildings of grid 1; a member living there; a 中心户 naming a household elsewhere
    const [b1, b2, far] = await q<{ id: string }>(sql`(SELECT b.id FROM buildings b JOIN areas a ON a.id = b.area_id WHERE a.parent_id = ${g1}
        AND NOT EXISTS (SELECT 1 FROM party_group_buildings gb WHERE gb.building_id = b.id) ORDER BY b.id LIMIT 2)
      UNION ALL (SELECT b.id FROM buildings b JOIN areas a ON a.id = b.area_id WHERE a.parent_id <> ${g1} AND b.community_id = ${hk} ORDER BY b.id LIMIT 1)`);
    const outsideGrid = await hkStaff.post("/api/party/orgs", { parentId: branch, kind: "group", name: "越界小组", buildingIds: [far.id] });
    expect(outsideGrid.statusCode).toBe(400);
    const group = await hkStaff.post("/api/party/orgs", { parentId: branch, kind: "group", name: "测试党小组", buildingIds: [b1.id, b2.id] });
    expect(group.statusCode, group.body).toBe(200);
    const [p] = await freePersons(1, sql`h.building_id = ${b1.id}`);
    const m = (await hkStaff.post("/api/party/members", { personId: p.id, orgId: branch, groupId: group.json().id, kind: "transferred_in", transferredOn: "2024-02-01" })).json().id;
    const [farHousehold] = await q<{ id: string }>(sql`SELECT id FROM households WHERE building_id = ${far.id} AND status = 'active' LIMIT 1`);
    const [nearHousehold] = await q<{ id: string }>(sql`SELECT id FROM households WHERE building_id = ${b2.id} AND status = 'active'
      AND NOT EXISTS (SELECT 1 FROM party_anchor_links l WHERE l.household_id = households.id) LIMIT 1`);
    const bad = await put(hkStaff, `/api/party/members/${m}/anchor`, { householdIds: [nearHousehold.id, farHousehold.id] });
    expect(bad.statusCode).toBe(400);
    expect(await q(sql`SELECT 1 FROM party_anchor_households WHERE member_id = ${m}`)).toHaveLength(0);
    expect((await put(hkStaff, `/api/party/members/${m}/anchor`, { householdIds: [nearHousehold.id] })).statusCode).toBe(200);
    // the 楼栋长 and 中心户 are shown beside the register's household
    expect((await patch(hkStaff, `/api/party/orgs/${group.json().id}`, { leaderMemberId: m })).statusCode).toBe(200);
    const contacts = (await hkGrid.get(`/api/party/households/${nearHousehold.id}/contacts`)).json();
    expect(contacts.buildingLeader.group).toBe("测试党小组");
    expect(contacts.anchor).not.toBeNull();
    // milestones before the start
    const early = await hkSecretary.post("/api/party/projects", { title: "早于开工", startedOn: "2025-03-01", milestones: [{ title: "x", plannedOn: "2025-02-28" }] });
    expect(early.statusCode).toBe(400);
    const ok = (await hkSecretary.post("/api/party/projects", { title: "测试", startedOn: "2025-03-01", milestones: [{ title: "x", plannedOn: "2025-03-05" }] })).json().id;
    expect((await hkSecretary.post(`/api/party/projects/${ok}/milestones/1/done`, { doneOn: "2025-02-27" })).statusCode).toBe(400);
  });

  it("keeps member records to party-work roles in scope; unmasking is audited", async () => {
    const [m] = await q<{ id: string; name: string }>(sql`SELECT m.id, p.name FROM party_members m JOIN persons p ON p.id = m.person_id WHERE m.community_id = ${hk} ORDER BY m.id LIMIT 1`);
    expect((await hkGrid.get(`/api/party/members/${m.id}`)).statusCode).toBe(403);
    expect((await hkGrid.get(`/api/party/members`)).statusCode).toBe(403);
    expect((await (await phone("13900000001")).get(`/api/party/members/${m.id}`)).statusCode).toBe(403);
    expect((await yxqStaff.get(`/api/party/members/${m.id}`)).statusCode).toBe(404);
    const seen = (await hkStaff.get(`/api/party/members/${m.id}`)).json();
    expect(seen.name).not.toBe(m.name);
    expect(seen.name.endsWith("*")).toBe(true);
    const list = (await hkStaff.get(`/api/party/members`)).json();
    expect(list.items.some((i: { name: string }) => i.name === m.name)).toBe(false);
    expect((await hkBranch.post(`/api/party/members/${m.id}/unmask`, { reason: "核对身份" })).statusCode).toBe(403);
    expect((await yxqStaff.post(`/api/party/members/${m.id}/unmask`, { reason: "核对身份" })).statusCode).toBe(404);
    const un = await hkStaff.post(`/api/party/members/${m.id}/unmask`, { reason: "核对组织关系转接" });
    expect(un.statusCode).toBe(200);
    expect(un.json().name).toBe(m.name);
    const audit = await q<{ reason: string }>(sql`SELECT reason FROM audit_log WHERE action = 'party.member_unmask' AND target_id = ${m.id}`);
    expect(audit.map((a) => a.reason)).toEqual(["核对组织关系转接"]);
    // the street reads, masked, and cannot unmask
    expect((await hyStreet.get(`/api/party/members/${m.id}`)).statusCode).toBe(200);
    expect((await hyStreet.post(`/api/party/members/${m.id}/unmask`, { reason: "核对" })).statusCode).toBe(403);
    // membership details are stored encrypted
    const [row] = await q<{ details_enc: string | null }>(sql`SELECT details_enc FROM party_members WHERE kind = 'in_service' AND details_enc IS NOT NULL LIMIT 1`);
    expect(row.details_enc).toMatch(/^v1\./);
    expect(row.details_enc).not.toContain("医院");
  });
});

describe("a secretary-led project from two cases to grid patrol, followed by residents", () => {
  it("starts, passes milestones with photos, completes, creates the patrol plan and closes the cases", async () => {
    const resident = await phone("13900000001");
    const [loc] = await q<{ lng: number; lat: number }>(sql`SELECT (location[0])::float AS lng, (location[1])::float AS lat FROM buildings WHERE community_id = ${hk} AND location IS NOT NULL ORDER BY id LIMIT 1`);
    const cases: string[] = [];
    for (const d of ["北仓路口没有人行横道，过马路危险", "北仓路口缺少信号灯，老人过街困难"]) {
      const res = await resident.post("/api/cases", { categoryCode: "road", description: d, location: [loc.lng, loc.lat] });
      expect(res.statusCode, res.body).toBe(200);
      cases.push(res.json().id);
    }
    const start = "2026-10-01";
    const created = await hkSecretary.post("/api/party/projects", {
      title: "北仓路口人行横道和信号灯",
      summary: "居民反映北仓路口过街危险，书记领办施划人行横道、加装信号灯。",
      startedOn: start,
      departments: ["五华区交警大队"],
      origins: cases.map((id) => ({ kind: "case", id })),
      milestones: [{ title: "方案", plannedOn: "2026-10-05" }, { title: "施工", plannedOn: "2026-10-20" }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    // completing with a milestone open is refused
    const target = await facilityTarget();
    const patrol = { templateFamilyId: target.family_id, placeId: target.place_id };
    expect((await hkSecretary.post(`/api/party/projects/${id}/complete`, { completedOn: "2026-10-25", patrol })).statusCode).toBe(409);
    for (const [seq, day] of [[1, "2026-10-04"], [2, "2026-10-22"]] as const) {
      const up = await hkSecretary.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
      expect(up.statusCode, up.body).toBe(200);
      const res = await hkSecretary.post(`/api/party/projects/${id}/milestones/${seq}/done`, { doneOn: day, note: `第${seq}步完成`, photoIds: [up.json().id] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const done = await hkSecretary.post(`/api/party/projects/${id}/complete`, { completedOn: "2026-10-25", patrol });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ days: 24, closedCases: expect.arrayContaining(cases) });
    const closed = await q<{ status: string; closed_by_ref: string }>(sql`SELECT status, closed_by_ref FROM cases WHERE id IN ${cases}`);
    expect(closed.every((c) => c.status === "closed" && c.closed_by_ref === `project:${id}`)).toBe(true);
    const [plan] = await q<{ place_id: string; active: boolean; template_family_id: string; target_kind: string; community_id: string }>(
      sql`SELECT place_id, active, template_family_id, target_kind, community_id FROM patrol_plans WHERE id = ${done.json().patrolPlanId}`,
    );
    expect(plan).toMatchObject({ place_id: target.place_id, active: true, template_family_id: target.family_id, target_kind: target.target_kind, community_id: hk });
    // the plan's first task is there for the grid worker, and the staff detail links the plan and the closed cases
    expect(await q(sql`SELECT 1 FROM patrol_tasks WHERE plan_id = ${plan ? done.json().patrolPlanId : null}`)).not.toHaveLength(0);
    const detail = (await hkSecretary.get(`/api/party/projects/${id}`)).json();
    expect(detail.patrolPlanId).toBe(done.json().patrolPlanId);
    expect(detail.origins.map((o: { id: string; status: string }) => [o.id, o.status]).sort()).toEqual(cases.map((c) => [c, "closed"]).sort());
    // the lists answer with it, for staff and for the resident
    const staffList = await hkSecretary.get(`/api/party/projects?communityId=${hk}`);
    expect(staffList.statusCode, staffList.body).toBe(200);
    expect(staffList.json().items.find((p: { id: string }) => p.id === id)).toMatchObject({ status: "completed", days: 24, community: { id: hk, name: "红康社区" } });
    const publicList = await resident.get("/api/community/projects");
    expect(publicList.statusCode, publicList.body).toBe(200);
    expect(publicList.json().items.some((p: { id: string }) => p.id === id)).toBe(true);
    expect(publicList.json().items.every((p: { origins?: unknown }) => p.origins === undefined)).toBe(true);
    // the resident follows it: progress and photos, no internal origins
    const pub = await resident.get(`/api/community/projects/${id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: "completed", progress: 100, days: 24 });
    expect(pub.json().origins).toBeUndefined();
    expect(pub.json().milestones[0].photos).toHaveLength(1);
    // the progress photo is readable by the community's residents, not by another community's
    const photo = pub.json().milestones[0].photos[0] as { url: string; thumbUrl: string };
    expect((await resident.get(photo.url)).statusCode).toBe(200);
    expect((await resident.get(photo.thumbUrl)).statusCode).toBe(200);
    expect((await (await phone("13900000011")).get(photo.url)).statusCode).toBe(404);
    expect((await (await phone("13900000011")).get(`/api/community/projects/${id}`)).statusCode).toBe(404);
    expect((await resident.post(`/api/party/projects/${id}/complete`, { completedOn: "2026-10-25", patrol })).statusCode).toBe(403);
  });
});

describe("the member's phone", () => {
  it("registers an in-service member (双报到), shows the branch and records a service", async () => {
    const resident = await phone("13900000001");
    expect((await resident.get("/api/party/me")).json().member).toBeNull();
    expect((await resident.post("/api/party/me/services", { day: "2026-11-01", hours: 1, description: "x" })).statusCode).toBe(403);
    const reg = await resident.post("/api/party/me/register", { workplace: "五华区人民医院", commitment: "每月参加一次河道清洁" });
    expect(reg.statusCode, reg.body).toBe(200);
    expect((await resident.post("/api/party/me/register", { workplace: "x", commitment: "y" })).statusCode).toBe(409);
    expect((await resident.post("/api/party/me/services", { day: "2026-11-01", hours: 2, description: "陪伴独居老人" })).statusCode).toBe(200);
    const me = (await resident.get("/api/party/me")).json();
    expect(me.member).toMatchObject({ kind: "in_service", serviceHours: expect.any(Number) });
    expect(me.member.branch.name).toMatch(/党支部$/);
    expect(me.services[0]).toMatchObject({ hours: 2, description: "陪伴独居老人" });
  });

  it("shows a 楼栋长 the open cases at their buildings", async () => {
    const [leader] = await q<{ member_id: string; building_id: string; phone_enc: string | null; person_id: string }>(sql`SELECT m.id AS member_id, gb.building_id, p.phone_enc, p.id AS person_id
      FROM party_orgs g JOIN party_members m ON m.id = g.leader_member_id JOIN persons p ON p.id = m.person_id JOIN party_group_buildings gb ON gb.org_id = g.id
      JOIN buildings b ON b.id = gb.building_id WHERE g.community_id = ${hk} AND p.phone_enc IS NOT NULL AND b.location IS NOT NULL ORDER BY g.id LIMIT 1`);
    const leaderPhone = t.deps.cipher.decrypt(leader.phone_enc!);
    const c = await phone(leaderPhone);
    const [b] = await q<{ lng: number; lat: number }>(sql`SELECT (location[0])::float AS lng, (location[1])::float AS lat FROM buildings WHERE id = ${leader.building_id}`);
    const reported = await c.post("/api/cases", { categoryCode: "sanitation", description: "楼道堆放杂物", location: [b.lng, b.lat] });
    expect(reported.statusCode, reported.body).toBe(200);
    const me = (await c.get("/api/party/me")).json();
    const building = me.buildings.find((x: { id: string }) => x.id === leader.building_id);
    expect(building.openCases.map((k: { id: string }) => k.id)).toContain(reported.json().id);
  });
});

describe("odd values already stored", () => {
  it("lists and shows projects whose stored days are in year 0001 or 9999", async () => {
    const created = await hkSecretary.post("/api/party/projects", { title: "日期异常的项目", startedOn: "2025-01-01", milestones: [{ title: "一", plannedOn: "2025-01-05" }] });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    const resident = await phone("13900000001");
    for (const [start, end] of [["0001-01-01", "9999-12-31"], ["9999-12-30", "9999-12-31"], ["0001-01-01", "0001-01-02"]]) {
      await t.database.db.execute(sql`UPDATE party_projects SET started_on = ${start}, completed_on = ${end}, status = 'completed', created_at = ${start + "T00:00:00Z"} WHERE id = ${id}`);
      await t.database.db.execute(sql`UPDATE party_project_milestones SET planned_on = ${start}, done_on = ${end} WHERE project_id = ${id}`);
      for (const [c, url] of [[hkSecretary, "/api/party/projects"], [hkSecretary, `/api/party/projects/${id}`], [resident, "/api/community/projects"], [resident, `/api/community/projects/${id}`]] as const) {
        const res = await c.get(url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      }
      const one = (await hkSecretary.get(`/api/party/projects/${id}`)).json();
      expect(one).toMatchObject({ startedOn: start, completedOn: end, milestones: [{ plannedOn: start, doneOn: end }] });
      expect(typeof one.days).toBe("number");
    }
  });
});
