import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import {
  partyAnchorHouseholds,
  partyAnchorLinks,
  partyGroupBuildings,
  partyJointUnits,
  partyOrgs,
  partyProjectMilestones,
  partyProjectOrigins,
  partyProjects,
  twoNewOrgs,
} from "../db/schema/party";
import { patrolPlans } from "../db/schema/patrols";
import { places } from "../db/schema/places";
import type { PersonalDataCipher } from "../platform/personal-data";
import { insertBatches } from "./insert";
import { Rng, seededUuidFactory } from "./random";

/**
 * The party work of the demo, laid over the organisation `party.ts` built and what the other seeds
 * wrote: the grids each branch covers and its secretary; party groups with a 党员楼栋长 over real
 * buildings and 党员中心户 looking after their neighbours; in-service members (双报到) among 红康's
 * volunteers; 红康's four 兼职委员制 units and 怡心桥's nine 大党委 units linked from the partner
 * units; organisers of the activities (主题党日 by the committee, 群团 activities by 工会, 团委, 妇联:
 * 80+ in 红康); 两新 surveys, with 星秀文化传媒's branch founded in October 2024 and a joint branch;
 * floating and 两新 members; and the 书记领办 pavement (970 m × 3 m, 金水湾 south gate to the 北仓村
 * bus stop, done in 23 days, then under grid patrol). Runs after the partner seed.
 */

type Community = { id: string; name: string };

const q = async <T>(tx: Tx, query: SQL) => rowsOf<T>(await tx.execute(query));

/** A day offset from a start, both YYYY-MM-DD. */
function plusDays(day: string, n: number): string {
  const d = new Date(day + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const WORKPLACES = ["五华区人民医院", "昆明市第三中学", "云南省交通投资建设集团", "五华区税务局", "昆明供电局", "云南建投集团", "昆明市自来水公司", "红云街道卫生服务中心"];
const COMMITMENTS = ["每月参加一次社区志愿服务", "结对帮扶一户困难家庭", "参加红心闪耀河道巡查", "为居民提供政策咨询", "参与周五志愿服务"];

export async function seedPartyWork(tx: Tx, rng: Rng, cipher: PersonalDataCipher): Promise<Record<string, number>> {
  const newId = seededUuidFactory(rng.fork("party-ids"), Date.UTC(2024, 0, 2));
  const communities = await q<Community & { key: string }>(tx, sql`SELECT id, name, CASE name WHEN '红康社区' THEN 'hk' ELSE 'yxq' END AS key FROM areas WHERE level = 'community' ORDER BY name`);
  const hk = communities.find((c) => c.key === "hk")!;
  const yxq = communities.find((c) => c.key === "yxq")!;

  // The demo residents stay off the roll, so that on the phone they can register (双报到) themselves.
  await tx.execute(sql`
    UPDATE party_members m SET person_id = (
      SELECT p.id FROM persons p WHERE p.community_id = m.community_id AND p.area_id = (SELECT area_id FROM persons WHERE id = m.person_id)
        AND p.status = 'active' AND p.birth_date < '2000-01-01' AND NOT EXISTS (SELECT 1 FROM party_members x WHERE x.person_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id) ORDER BY p.id LIMIT 1)
    WHERE m.person_id IN (SELECT person_id FROM users WHERE role = 'resident' AND person_id IS NOT NULL)`);

  // Transfer days: 红康 from its founding (December 2023) to mid-2024, 怡心桥 from July 2023.
  await tx.execute(sql`UPDATE party_members SET transferred_on = CASE WHEN community_id = ${hk.id}
      THEN date '2023-12-12' + (('x' || substr(md5(id::text), 1, 6))::bit(24)::int % 200)
      ELSE date '2023-07-20' + (('x' || substr(md5(id::text), 1, 6))::bit(24)::int % 300) END
    WHERE kind = 'transferred_in'`);

  // Grids each branch covers: its own grid; community-wide branches cover every grid of the community.
  await tx.execute(sql`INSERT INTO party_org_grids (org_id, area_id)
    SELECT o.id, CASE WHEN a.level = 'microgrid' THEN a.parent_id ELSE a.id END FROM party_orgs o JOIN areas a ON a.id = o.area_id
    WHERE o.kind = 'branch' AND a.level IN ('grid', 'microgrid')
    UNION
    SELECT o.id, g.id FROM party_orgs o JOIN areas g ON g.parent_id = o.community_id AND g.level = 'grid'
    WHERE o.kind = 'branch' AND o.area_id = o.community_id`);
  await tx.execute(sql`UPDATE party_orgs o SET leader_member_id = (SELECT m.id FROM party_members m WHERE m.org_id = o.id AND m.role = 'secretary' ORDER BY m.id LIMIT 1),
      founded_on = CASE WHEN o.community_id = ${hk.id} THEN date '2023-12-20' ELSE date '2023-07-25' END`);

  // Party groups: each building leader takes their own building and the next free one of the same grid.
  const leaders = await q<{ id: string; org_id: string; building_id: string; compound_id: string; grid_id: string }>(
    tx,
    sql`SELECT m.id, m.org_id, b.id AS building_id, b.compound_id, (SELECT CASE WHEN a.level = 'microgrid' THEN a.parent_id ELSE a.id END FROM areas a WHERE a.id = b.area_id) AS grid_id
      FROM party_members m JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = p.household_id JOIN buildings b ON b.id = h.building_id
      WHERE m.role = 'building_leader' ORDER BY m.id`,
  );
  const buildings = await q<{ id: string; compound_id: string; name: string; compound: string; grid_id: string }>(
    tx,
    sql`SELECT b.id, b.compound_id, b.name, c.name AS compound, (SELECT CASE WHEN a.level = 'microgrid' THEN a.parent_id ELSE a.id END FROM areas a WHERE a.id = b.area_id) AS grid_id
      FROM buildings b JOIN compounds c ON c.id = b.compound_id ORDER BY c.name, length(b.name), b.name`,
  );
  const branchGrids = new Map<string, Set<string>>();
  for (const r of await q<{ org_id: string; area_id: string }>(tx, sql`SELECT org_id, area_id FROM party_org_grids`)) (branchGrids.get(r.org_id) ?? branchGrids.set(r.org_id, new Set()).get(r.org_id)!).add(r.area_id);
  const orgRows = await q<{ id: string; community_id: string; area_id: string }>(tx, sql`SELECT id, community_id, area_id FROM party_orgs WHERE kind = 'branch'`);
  const branchOf = new Map(orgRows.map((o) => [o.id, o]));
  const taken = new Set<string>();
  const groups: Array<typeof partyOrgs.$inferInsert> = [];
  const groupBuildings: Array<typeof partyGroupBuildings.$inferInsert> = [];
  const demoted: string[] = [];
  for (const l of leaders) {
    const grids = branchGrids.get(l.org_id);
    if (taken.has(l.building_id) || !grids?.has(l.grid_id)) {
      demoted.push(l.id);
      continue;
    }
    const own = buildings.find((b) => b.id === l.building_id)!;
    const next = buildings.find((b) => b.compound_id === l.compound_id && b.grid_id === l.grid_id && !taken.has(b.id) && b.id !== l.building_id);
    const covered = next ? [own, next] : [own];
    covered.forEach((b) => taken.add(b.id));
    const id = newId();
    const branch = branchOf.get(l.org_id)!;
    groups.push({ id, communityId: branch.community_id, areaId: branch.area_id, parentId: l.org_id, kind: "group", name: `${own.compound}${covered.map((b) => b.name).join("、")}党小组`, leaderMemberId: l.id });
    covered.forEach((b) => groupBuildings.push({ orgId: id, buildingId: b.id }));
  }
  await insertBatches(tx, partyOrgs, groups);
  await insertBatches(tx, partyGroupBuildings, groupBuildings);
  if (demoted.length) await tx.execute(sql`UPDATE party_members SET role = 'member' WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(demoted)}::jsonb)::uuid)`);
  // Members of a group's branch living in its buildings belong to the group.
  await tx.execute(sql`UPDATE party_members m SET group_id = g.id
    FROM persons p, households h, party_group_buildings gb, party_orgs g
    WHERE p.id = m.person_id AND h.id = p.household_id AND gb.building_id = h.building_id AND g.id = gb.org_id AND g.parent_id = m.org_id`);

  // 党员中心户: members of a group each look after up to six neighbouring households of their building.
  const anchors = await q<{ id: string; community_id: string; household_id: string; building_id: string }>(
    tx,
    sql`SELECT m.id, m.community_id, h.id AS household_id, h.building_id FROM party_members m JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = p.household_id
      WHERE m.role = 'anchor_household' AND m.group_id IS NOT NULL ORDER BY m.id`,
  );
  const linked = new Set<string>();
  const anchorRows: Array<typeof partyAnchorHouseholds.$inferInsert> = [];
  const linkRows: Array<typeof partyAnchorLinks.$inferInsert> = [];
  const householdsByBuilding = new Map<string, string[]>();
  for (const h of await q<{ id: string; building_id: string }>(tx, sql`SELECT h.id, h.building_id FROM households h WHERE h.status = 'active' AND h.building_id IN (SELECT building_id FROM party_group_buildings) ORDER BY h.building_id, h.unit_no, h.room_no`))
    (householdsByBuilding.get(h.building_id) ?? householdsByBuilding.set(h.building_id, []).get(h.building_id)!).push(h.id);
  for (const a of anchors) {
    const own = householdsByBuilding.get(a.building_id) ?? [];
    const at = own.indexOf(a.household_id);
    const near = own.filter((h) => h !== a.household_id && !linked.has(h)).sort((x, y) => Math.abs(own.indexOf(x) - at) - Math.abs(own.indexOf(y) - at)).slice(0, 6);
    if (near.length === 0) continue;
    anchorRows.push({ memberId: a.id, communityId: a.community_id, householdId: a.household_id });
    near.forEach((h) => {
      linked.add(h);
      linkRows.push({ memberId: a.id, householdId: h });
    });
  }
  await insertBatches(tx, partyAnchorHouseholds, anchorRows);
  await insertBatches(tx, partyAnchorLinks, linkRows);
  await tx.execute(sql`UPDATE party_members m SET role = 'member' WHERE m.role = 'anchor_household' AND NOT EXISTS (SELECT 1 FROM party_anchor_households a WHERE a.member_id = m.id)`);

  // 双报到: in-service members among 红康's volunteers who live there, registered with their home grid's branch.
  const volunteers = await q<{ person_id: string; branch_id: string | null }>(
    tx,
    sql`SELECT p.id AS person_id, (SELECT o.id FROM party_orgs o JOIN party_org_grids g ON g.org_id = o.id WHERE o.kind = 'branch' AND o.community_id = p.community_id
        AND g.area_id = (SELECT CASE WHEN a.level = 'microgrid' THEN a.parent_id ELSE a.id END FROM areas a WHERE a.id = p.area_id)
        ORDER BY (SELECT count(*) FROM party_org_grids x WHERE x.org_id = o.id), o.id LIMIT 1) AS branch_id
      FROM users u JOIN persons p ON p.id = u.person_id
      WHERE u.role IN ('volunteer', 'resident') AND EXISTS (SELECT 1 FROM talents tl WHERE tl.user_id = u.id) AND p.community_id = ${hk.id} AND p.status = 'active' AND p.birth_date BETWEEN '1966-01-01' AND '2001-12-31'
        AND NOT EXISTS (SELECT 1 FROM party_members m WHERE m.person_id = p.id)
      AND NOT EXISTS (SELECT 1 FROM users d WHERE d.person_id = p.id AND d.role = 'resident' AND NOT EXISTS (SELECT 1 FROM talents dt WHERE dt.user_id = d.id))
      ORDER BY p.id LIMIT 36`,
  );
  const r = rng.fork("in-service");
  const inService = volunteers
    .filter((v) => v.branch_id)
    .map((v, i) => ({
      id: newId(),
      communityId: hk.id,
      personId: v.person_id,
      orgId: v.branch_id!,
      transferredIn: false,
      kind: "in_service" as const,
      registeredOn: plusDays("2024-01-08", Math.floor((i * 600) / 36) + r.int(0, 10)),
      detailsEnc: cipher.encrypt(JSON.stringify({ workplace: r.pick(WORKPLACES), commitment: r.pick(COMMITMENTS), fromOrg: null })),
    }));
  if (inService.length) await tx.execute(sql`INSERT INTO party_members (id, community_id, person_id, org_id, transferred_in, kind, registered_on, details_enc) VALUES
    ${sql.join(inService.map((m) => sql`(${m.id}, ${m.communityId}, ${m.personId}, ${m.orgId}, false, 'in_service', ${m.registeredOn}, ${m.detailsEnc})`), sql`, `)}`);

  // 兼职委员制 (红康) and 大党委 (怡心桥): the partner units flagged as members, linked to the committee.
  const units = await q<{ id: string; community_id: string; contact_name: string | null; since: string | null }>(
    tx,
    sql`SELECT u.id, u.community_id, u.contact_name, (SELECT min(a.starts_on)::text FROM agreements a WHERE a.unit_id = u.id) AS since
      FROM partner_units u WHERE u.big_committee ORDER BY u.community_id, u.name`,
  );
  const committees = new Map((await q<{ id: string; community_id: string }>(tx, sql`SELECT id, community_id FROM party_orgs WHERE kind = 'committee'`)).map((c) => [c.community_id, c.id]));
  await insertBatches(
    tx,
    partyJointUnits,
    units.map((u) => ({ orgId: committees.get(u.community_id)!, unitId: u.id, kind: u.community_id === hk.id ? ("part_time_member" as const) : ("big_committee" as const), seatHolder: u.contact_name, since: u.since ?? "2024-01-10" })),
  );

  // Organisers: 主题党日 and the river clean-ups by the committee; 群团 activities by 工会, 团委, 妇联.
  await tx.execute(sql`INSERT INTO party_activity_organisers (activity_id, community_id, organiser, org_id)
    SELECT a.id, a.community_id,
      CASE WHEN a.kind = 'party_day' OR a.title LIKE '%河道清洁%' THEN 'committee'
        WHEN a.kind = 'anti_fraud' THEN 'women_federation'
        WHEN a.kind IN ('festival', 'free_clinic') THEN 'union'
        ELSE 'youth_league' END,
      CASE WHEN a.kind = 'party_day' OR a.title LIKE '%河道清洁%' THEN (SELECT id FROM party_orgs o WHERE o.kind = 'committee' AND o.community_id = a.community_id) END
    FROM activities a
    WHERE a.kind IN ('party_day', 'anti_fraud', 'festival', 'free_clinic', 'health_run', 'blood_drive') OR a.title LIKE '%河道清洁%'`);

  const twoNew = await seedTwoNew(tx, rng.fork("two-new"), newId, hk, yxq, cipher);
  const projects = await seedProjects(tx, newId, hk);
  return { "party.groups": groups.length, "party.anchors": anchorRows.length, "party.inService": inService.length, "party.jointUnits": units.length, ...twoNew, ...projects };
}

async function seedTwoNew(tx: Tx, rng: Rng, newId: () => string, hk: Community, yxq: Community, cipher: PersonalDataCipher) {
  const enterprises = await q<{ id: string; name: string; community_id: string; area_id: string }>(
    tx,
    sql`SELECT id, name, community_id, area_id FROM places WHERE kind = 'enterprise' AND active ORDER BY community_id, name`,
  );
  const rows: Array<typeof twoNewOrgs.$inferInsert> = [];
  const survey = (p: { id: string; community_id: string }, employees: number, members: number, surveyedOn: string, more: Partial<typeof twoNewOrgs.$inferInsert> = {}) =>
    rows.push({ placeId: p.id, communityId: p.community_id, employees, partyMembers: members, surveyedOn, stage: "surveyed", ...more });
  const named = (name: string) => enterprises.find((e) => e.name === name);
  const committee = async (c: Community) => (await q<{ id: string }>(tx, sql`SELECT id FROM party_orgs WHERE kind = 'committee' AND community_id = ${c.id}`))[0].id;

  // 红康: the three named firms and twenty more surveyed in 2024; 言之文化传媒 has an instructor.
  const yanzhi = named("云南言之文化传媒有限公司");
  if (yanzhi) survey(yanzhi, 62, 5, "2024-01-22", { stage: "guided", instructorName: "杨志明", guidedOn: "2024-02-26" });
  const xinan = named("云南新安酒店管理有限公司");
  if (xinan) survey(xinan, 85, 2, "2024-01-24");
  const eryun = named("昆明洱韵餐饮管理有限公司");
  if (eryun) survey(eryun, 36, 1, "2024-01-25");
  const hkOthers = enterprises.filter((e) => e.community_id === hk.id && e !== yanzhi && e !== xinan && e !== eryun);
  for (const e of rng.shuffle([...hkOthers]).slice(0, 20)) survey(e, rng.int(3, 40), rng.chance(0.2) ? 1 : 0, plusDays("2024-02-01", rng.int(0, 120)));

  // 怡心桥: the whole 商圈 surveyed; 星秀文化传媒 guided, then its own branch in October 2024; a joint branch for three small firms.
  const yxqCommittee = await committee(yxq);
  const xingxiu = named("星秀文化传媒(昆明)有限公司");
  const orgs: Array<typeof partyOrgs.$inferInsert> = [];
  let xingxiuBranch: string | null = null;
  if (xingxiu) {
    xingxiuBranch = newId();
    orgs.push({ id: xingxiuBranch, communityId: yxq.id, areaId: xingxiu.area_id, parentId: yxqCommittee, kind: "branch", name: "星秀文化传媒(昆明)有限公司党支部", placeId: xingxiu.id, foundedOn: "2024-10-18" });
    survey(xingxiu, 216, 9, "2024-03-12", { stage: "founded", instructorName: "李建华", guidedOn: "2024-04-08", partyOrgId: xingxiuBranch, foundedOn: "2024-10-18" });
  }
  const centre = (await q<{ id: string; area_id: string }>(tx, sql`SELECT id, area_id FROM places WHERE kind = 'commercial_centre' AND community_id = ${yxq.id} ORDER BY name LIMIT 1`))[0];
  const jointId = newId();
  orgs.push({ id: jointId, communityId: yxq.id, areaId: centre.area_id, parentId: yxqCommittee, kind: "branch", name: "南亚风情第壹城商圈联合党支部", placeId: centre.id, foundedOn: "2024-06-20", joint: true });
  const yxqOthers = rng.shuffle(enterprises.filter((e) => e.community_id === yxq.id && e !== xingxiu));
  yxqOthers.forEach((e, i) => {
    const surveyedOn = plusDays("2024-03-01", rng.int(0, 90));
    if (i < 3) survey(e, rng.int(50, 90), rng.int(1, 2), surveyedOn, { stage: "joint", instructorName: "李建华", guidedOn: plusDays(surveyedOn, 20), partyOrgId: jointId, foundedOn: "2024-06-20" });
    else if (i < 7) survey(e, rng.int(50, 120), rng.int(1, 3), surveyedOn, { stage: "guided", instructorName: rng.pick(["王丽", "赵德华"]), guidedOn: plusDays(surveyedOn, rng.int(10, 60)) });
    else if (i < 9) survey(e, rng.int(50, 80), rng.int(0, 2), surveyedOn);
    else survey(e, rng.int(3, 45), rng.chance(0.15) ? 1 : 0, surveyedOn);
  });
  await insertBatches(tx, partyOrgs, orgs);
  if (xingxiuBranch) await tx.execute(sql`INSERT INTO party_org_grids (org_id, area_id) SELECT ${xingxiuBranch}::uuid, CASE WHEN a.level = 'microgrid' THEN a.parent_id ELSE a.id END FROM areas a WHERE a.id = ${xingxiu!.area_id}`);
  await insertBatches(tx, twoNewOrgs, rows);

  // 两新 and floating members of 怡心桥 (the roll stays at its size): nine working at 星秀, twelve floating.
  const young = await q<{ id: string }>(
    tx,
    sql`SELECT m.id FROM party_members m JOIN persons p ON p.id = m.person_id WHERE m.community_id = ${yxq.id} AND m.kind = 'transferred_in' AND m.role = 'member'
      AND m.group_id IS NULL AND p.birth_date > '1980-01-01' ORDER BY m.id LIMIT 21`,
  );
  const twoNewMembers = xingxiuBranch ? young.slice(0, 9).map((m) => m.id) : [];
  const floating = young.slice(twoNewMembers.length, twoNewMembers.length + 12).map((m) => m.id);
  if (twoNewMembers.length) {
    await tx.execute(sql`UPDATE party_members SET kind = 'two_new', transferred_in = false, transferred_on = NULL, registered_on = date '2024-03-12', org_id = ${xingxiuBranch}, place_id = ${xingxiu!.id}
      WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(twoNewMembers)}::jsonb)::uuid)`);
    await tx.execute(sql`UPDATE party_members SET role = 'secretary' WHERE id = ${twoNewMembers[0]}`);
    await tx.execute(sql`UPDATE party_orgs SET leader_member_id = ${twoNewMembers[0]} WHERE id = ${xingxiuBranch}`);
  }
  for (const id of floating) {
    await tx.execute(sql`UPDATE party_members SET kind = 'floating', transferred_in = false, transferred_on = NULL, registered_on = date '2024-05-10',
      details_enc = ${cipher.encrypt(JSON.stringify({ workplace: "南亚风情第壹城商户", commitment: null, fromOrg: rng.pick(["曲靖市麒麟区某村党支部", "昭通市昭阳区某社区党委", "大理州祥云县某村党总支"]) }))}
      WHERE id = ${id}`);
  }
  return { "party.twoNewSurveyed": rows.length, "party.twoNewMembers": twoNewMembers.length, "party.floating": floating.length };
}

/** The 书记领办 pavement of 红康 (done, under grid patrol) and a running project residents follow. */
async function seedProjects(tx: Tx, newId: () => string, hk: Community) {
  const [origin] = await q<{ id: string; area_id: string; grid_id: string; location: string }>(
    tx,
    sql`SELECT id, area_id, grid_id, location::text AS location FROM cases WHERE community_id = ${hk.id} AND description LIKE '%金水湾小区南门至北仓村公交站%' ORDER BY created_at LIMIT 1`,
  );
  const [secretary] = await q<{ id: string; display_name: string }>(tx, sql`SELECT id, display_name FROM users WHERE username = 'hk_secretary'`);
  const [template] = await q<{ family_id: string }>(tx, sql`SELECT family_id FROM checklist_templates WHERE target_kind = 'river' AND current ORDER BY created_at LIMIT 1`);
  if (!origin || !secretary || !template) return { "party.projects": 0 };
  const [worker] = await q<{ id: string }>(tx, sql`SELECT id FROM users WHERE role = 'grid_worker' AND area_id = ${origin.grid_id} ORDER BY username LIMIT 1`);
  const m = /\(([-\d.]+),([-\d.]+)\)/.exec(origin.location);
  const location: [number, number] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  // The finished pavement runs along 江岸路 by the river: a stretch the river-chief checklist covers.
  const placeId = newId();
  await tx.insert(places).values({
    id: placeId,
    communityId: hk.id,
    areaId: origin.area_id,
    kind: "river_stretch",
    name: "金水湾南门至北仓村公交站人行道",
    address: "金水湾小区南门至北仓村公交站路段",
    location,
    attrs: { facility: "sidewalk", lengthM: 970, widthM: 3 },
  });
  const planId = newId();
  await tx.insert(patrolPlans).values({
    id: planId,
    communityId: hk.id,
    areaId: origin.area_id,
    templateFamilyId: template.family_id,
    targetKind: "river",
    placeId,
    targetLabel: "金水湾南门至北仓村公交站人行道",
    location,
    frequency: "weekly",
    assigneeId: worker?.id ?? secretary.id,
    startsOn: "2024-04-12",
  });
  const pavement = newId();
  await tx.insert(partyProjects).values({
    id: pavement,
    communityId: hk.id,
    areaId: hk.id,
    title: "金水湾南门至北仓村公交站人行道修建",
    summary: "金水湾小区南门至北仓村公交站路段没有人行道，老人孩子只能走机动车道。社区党委书记牵头领办，对接职能部门和建设施工方，修建长970米、宽3米的人行道，竣工后纳入网格巡查管护。",
    leadUserId: secretary.id,
    leadName: secretary.display_name,
    departments: ["五华区住房和城乡建设局", "五华区城市管理局", "红云街道城建办"],
    status: "completed",
    startedOn: "2024-03-18",
    completedOn: "2024-04-10",
    patrolPlanId: planId,
  });
  await tx.insert(partyProjectOrigins).values({ projectId: pavement, kind: "case", refId: origin.id });
  const steps: Array<[string, string, string | null, string]> = [
    ["对接职能部门，编制人行道建设方案", "2024-03-21", "2024-03-21", "方案已编制，明确长970米、宽3米的建设标准。"],
    ["施工方进场，路基与铺装施工", "2024-04-05", "2024-04-06", "路基完成，透水砖铺装完毕。"],
    ["竣工验收，移交网格巡查管护", "2024-04-10", "2024-04-10", "验收合格，纳入第三网格每周巡查。"],
  ];
  await insertBatches(tx, partyProjectMilestones, steps.map(([title, plannedOn, doneOn, note], i) => ({ id: newId(), projectId: pavement, seq: i + 1, title, plannedOn, doneOn, note })));
  const ramp = newId();
  await tx.insert(partyProjects).values({
    id: ramp,
    communityId: hk.id,
    areaId: hk.id,
    title: "北仓佳园无障碍坡道改造",
    summary: "北仓佳园老年居民多，单元门口台阶无坡道，轮椅和婴儿车出入不便。社区党委书记领办，联合物业为各单元门口加装无障碍坡道和扶手。",
    leadUserId: secretary.id,
    leadName: secretary.display_name,
    departments: ["红云街道城建办"],
    status: "in_progress",
    startedOn: "2026-11-02",
  });
  const rampSteps: Array<[string, string, string | null, string | null]> = [
    ["入户征求意见，确定改造单元", "2026-11-06", "2026-11-06", "走访42户，确定6个单元门口加装坡道。"],
    ["施工改造", "2026-11-28", null, null],
    ["验收并纳入网格巡查", "2026-12-10", null, null],
  ];
  await insertBatches(tx, partyProjectMilestones, rampSteps.map(([title, plannedOn, doneOn, note], i) => ({ id: newId(), projectId: ramp, seq: i + 1, title, plannedOn, doneOn, note })));
  return { "party.projects": 2 };
}
