import ExcelJS from "exceljs";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";
import { testIdNumber } from "./support/ids";
import { rowsOf } from "../src/server/db/client";
import { can } from "../src/server/platform/policy";
import { inGroup } from "../src/server/platform/roles";
import { idNumberCheckChar } from "../src/server/platform/personal-data";
import type { Role } from "../src/server/db/schema/accounts";

/**
 * The authorization matrix (issue "Trust"). Generated from the registered routes: every GET under
 * /api and a sample of writes, called as each caller below with ids and area filters from the other
 * community (怡心桥, 前卫街道) and, for a grid worker, from another grid of 红康. It fails on
 *   - a 5xx;
 *   - a 2xx for another community's object (read or write), or for another grid's object where the
 *     resource is grid-scoped (table OTHER_GRID);
 *   - foreign data anywhere in a JSON (or xlsx) answer: ids, names, case numbers, usernames of 怡心桥;
 *     for hk_grid1 the ids of persons, households, cases, patrols and visits of the other grids;
 *   - an unmasked mobile or ID number;
 *   - 重点人员 (the restricted tag) for a role without `person:restricted`: the tag itself anywhere
 *     outside /api/patrols/* (where 重点人员 names a kind of target and its checklist template), and
 *     its persons as the subject of a patrol plan, task, submission, ledger line, visit or case —
 *     except the plans and tasks assigned to the caller (`restrictedSubjectRule`). In the register
 *     (`/api/people`, `/api/registry/*`, `/api/me/person`) such a person is a resident like any other,
 *     shown without the tag (docs/ARCHITECTURE.md: "Restricted tags are filtered out of every answer").
 * The exceptions allowed are named with their reasons: NOT_OWNED, NOT_JSON, NOT_CALLED,
 * PUBLIC_BY_DESIGN, ALLOWED_AT, UNMASK_CALLS, OTHER_GRID_ALLOWED, NOT_THEIRS_ALLOWED, WRITES_LEFT_OUT.
 * Besides: a role outside the staff sees no case it did not report and no register record but its
 * own; a department officer no case of another department (`caseRule`); the photos of a case and of
 * a visit to a 重点人员 follow the same rules.
 * Each caller's failures are collected and asserted at the end of its test, one line per finding.
 * Each test file works on its own database copy, so writes that wrongly succeed harm nobody.
 */

// ---------------------------------------------------------------------------------------------
// The expectation table
// ---------------------------------------------------------------------------------------------

type Caller = { key: string; username?: string; phone?: string; role: Role };

/** Who calls. 红康社区 roles, a resident and a rider (phone code), and two officers of 红云街道. */
const CALLERS: Caller[] = [
  { key: "hk_secretary", username: "hk_secretary", role: "community_secretary" },
  { key: "hk_staff", username: "hk_staff", role: "community_staff" },
  { key: "hk_grid1", username: "hk_grid1", role: "grid_worker" },
  { key: "hk_branch", username: "hk_branch", role: "branch_secretary" },
  { key: "hk_partner", username: "hk_partner", role: "partner_contact" },
  { key: "hk_volunteer", username: "hk_volunteer", role: "volunteer" },
  { key: "hk_resident", phone: "13900000001", role: "resident" },
  { key: "hk_rider", phone: "13900000002", role: "rider" },
  { key: "hy_street", username: "hy_street", role: "street_officer" },
  { key: "hy_police", username: "hy_police", role: "department_officer" },
];

/** Resource kinds an id parameter (or id query filter) may name. */
type Kind =
  | "case" | "linkedCase" | "compound" | "building" | "household" | "person" | "place" | "importJob" | "correction"
  | "plan" | "task" | "submission" | "topic" | "meeting" | "attendance" | "resolution" | "questionnaire"
  | "unit" | "call" | "application" | "team" | "talent" | "assignment" | "activity" | "activityPhoto" | "series"
  | "pointUser" | "reward" | "file" | "mapFeature" | "gridWorker" | "staffUser" | "notice" | "apiKey"
  | "enterprise" | "campaign" | "need" | "cultivation" | "programme" | "rectification"
  | "partyOrg" | "partyMember" | "twoNew" | "project" | "committeeMember";

/**
 * What an id of another grid of 红康 answers for hk_grid1 (grid worker of 红康第一网格).
 * "hidden": grid-scoped resources (area rule on the grid subtree): 404 or 403, never 2xx.
 * "either": community-wide resources (activities, teams, units, rewards, calls; deliberation, whose
 * public community view shows the community's topics to everyone in it): not asserted here.
 */
const OTHER_GRID: Partial<Record<Kind, "hidden" | "either">> = {
  case: "hidden",
  linkedCase: "hidden",
  household: "hidden",
  person: "hidden",
  building: "hidden",
  plan: "hidden",
  task: "hidden",
  submission: "hidden",
  topic: "either",
  meeting: "either",
  activity: "either",
  enterprise: "hidden",
  need: "hidden",
  rectification: "hidden",
  campaign: "either",
  programme: "either",
  // party work is community-wide (a grid worker holds no party permission at all)
  partyOrg: "either",
  partyMember: "either",
  committeeMember: "either",
  twoNew: "either",
  project: "either",
};

/** Which kind each `:param` of a route names (first match by url prefix). */
const PARAM_KINDS: Array<[RegExp, string, Kind]> = [
  [/^\/api\/files\//, "id", "file"],
  [/^\/api\/cases\//, "id", "case"],
  [/^\/api\/registry\/compounds\//, "id", "compound"],
  [/^\/api\/registry\/buildings\//, "id", "building"],
  [/^\/api\/registry\/households\//, "id", "household"],
  [/^\/api\/registry\/people\//, "id", "person"],
  [/^\/api\/registry\/imports\//, "id", "importJob"],
  [/^\/api\/registry\/corrections\//, "id", "correction"],
  [/^\/api\/patrols\/plans\//, "id", "plan"],
  [/^\/api\/patrols\/tasks\//, "id", "task"],
  [/^\/api\/patrols\/submissions\//, "id", "submission"],
  [/^\/api\/patrols\/case-links\//, "id", "linkedCase"],
  [/^\/api\/(community\/)?topics\//, "id", "topic"],
  [/^\/api\/meetings\//, "id", "meeting"],
  [/^\/api\/meetings\//, "attendanceId", "attendance"],
  [/^\/api\/resolutions\//, "id", "resolution"],
  [/^\/api\/questionnaires\//, "id", "questionnaire"],
  [/^\/api\/partners\/units\//, "id", "unit"],
  [/^\/api\/talent\/applications\//, "id", "application"],
  [/^\/api\/talent\/teams\//, "id", "team"],
  [/^\/api\/talent\/teams\//, "talentId", "talent"],
  [/^\/api\/talent\/assignments\//, "id", "assignment"],
  [/^\/api\/activities\//, "id", "activity"],
  [/^\/api\/activities\//, "fileId", "activityPhoto"],
  [/^\/api\/points\/accounts\//, "userId", "pointUser"],
  [/^\/api\/rewards\//, "id", "reward"],
  [/^\/api\/map\/features\//, "id", "mapFeature"],
  [/^\/api\/notices\//, "id", "notice"],
  [/^\/api\/api-keys\//, "id", "apiKey"],
  [/^\/api\/hotline\/cases\//, "id", "case"],
  [/^\/api\/enterprises\//, "id", "enterprise"],
  [/^\/api\/enterprise-campaigns\//, "id", "campaign"],
  [/^\/api\/enterprise-needs\//, "id", "need"],
  [/^\/api\/cultivations\//, "placeId", "cultivation"],
  [/^\/api\/inspection-programmes\//, "id", "programme"],
  [/^\/api\/rectifications\//, "id", "rectification"],
  [/^\/api\/party\/orgs\//, "id", "partyOrg"],
  [/^\/api\/party\/members\//, "id", "partyMember"],
  [/^\/api\/party\/committee-members\//, "id", "committeeMember"],
  [/^\/api\/party\/households\//, "id", "household"],
  [/^\/api\/party\/buildings\//, "id", "building"],
  [/^\/api\/party\/two-new\//, "placeId", "twoNew"],
  [/^\/api\/party\/activities\//, "id", "activity"],
  [/^\/api\/(party|community)\/projects\//, "id", "project"],
];

/** Parameters that name nothing a community owns, with the reason; called with a fixed value. */
const NOT_OWNED: Array<[RegExp, string, string, () => string]> = [
  [/^\/api\/patrols\/templates\//, "id", "checklist templates are installation-wide (community_id null)", () => fx.template],
  [/^\/api\/public\/recruitment\//, "slug", "the public sign-up page of a call is public by design", () => fx.ownSlug],
  [/^\/api\/case-settings\//, "categoryCode", "case categories are reference data", () => "noise"],
  [/^\/api\/case-settings\//, "level", "case levels are reference data", () => "grid"],
  [/^\/api\/case-settings\//, "day", "the working calendar is installation-wide", () => "2030-01-05"],
  [/^\/api\/registry\/people\//, "code", "a tag code (reference data)", () => fx.foreignTagCode],
  [/^\/api\/party\/projects\//, "seq", "a milestone's position within the project named by :id", () => "1"],
];

/** GET routes whose body is not parsed as JSON, and why. Their status is still checked. */
const NOT_JSON: Record<string, string> = {
  "/api/files/:id": "a JPEG image",
  "/api/files/:id/thumb": "a JPEG image",
  "/api/activities/:id/photos/:fileId": "a JPEG image",
  "/api/activities/:id/photos/:fileId/thumb": "a JPEG image",
  "/api/registry/imports/:id/report": "an xlsx download (scanned as xlsx when 200)",
  "/api/registry/import/template": "an xlsx download (scanned as xlsx)",
  "/api/registry/export": "an xlsx download (scanned as xlsx)",
  "/api/cases/export": "an xlsx download (scanned as xlsx)",
  "/api/patrols/ledger/monthly.xlsx": "an xlsx download (scanned as xlsx)",
  "/api/hotline/import/template": "an xlsx download (scanned as xlsx)",
  "/api/reports/monthly/xlsx": "an xlsx download (scanned as xlsx)",
  "/api/reports/monthly/pdf": "an A4 PDF of a community's month (its status is checked; the same figures are scanned in /api/reports/monthly/one)",
};

/** GET routes not called at all, and why. */
const NOT_CALLED: Record<string, string> = {
  "/api/notifications/stream": "server-sent events: the answer never ends under inject (takes no id or filter)",
};

/**
 * Routes that may show another community's (or grid's) data by design, and why. Only the markers
 * named are exempted there.
 */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  "/api/public/cases/nearby": "the public view of non-sensitive cases around a point (coarsened, anyone)",
  "/api/cases/similar": "duplicate suggestion: non-sensitive cases near the point being reported",
  "/api/riders/friendly": "rider stations and rider services are public facilities with nothing personal; riders cross community borders, so any community may be asked for (partners/rider-friendly.ts)",
};

/** Answers (route, JSON path prefix) that may carry personal or foreign data by design, and why. */
const ALLOWED_AT: Array<[string, string, string]> = [
  ["/api/config", "$.demoAccounts", "in demo mode, and only to a request from this machine, the sign-in page lists the seeded demo accounts with their synthetic phones (checked below: none for another address)"],
];

/**
 * Deliberate unmasking, for roles with `person:unmask` only, with a typed reason, audited: the full
 * numbers are the point of these calls (the masking check is skipped there, nothing else is).
 * `POST /api/registry/people/:id/unmask` is called with foreign ids only (sample of writes).
 */
const UNMASK_CALLS: Record<string, string> = {
  "/api/registry/export?tag=low_income&unmask=true&reason=%E7%9F%A9%E9%98%B5%E6%A0%B8%E5%AF%B9": "the register export unmasked (person:unmask, reason, audited)",
};

/** Routes where hk_grid1 may see ids of another grid's rows, and why. */
const OTHER_GRID_ALLOWED: Record<string, string> = {
  "/api/talent/teams/:id": "teams are community-wide; an assignment names the case it works on (id, number and category only)",
  "/api/talent/assignments": "teams are community-wide; an assignment names the case it works on (id, number and category only)",
};

/**
 * Rows of 红康 a caller reaches only when they are theirs: a role outside the staff reads only the
 * cases it reported and no one's register record but its own; a department officer only the cases
 * of its department (and those it reported). Routes that may name such rows anyway, and why:
 */
const NOT_THEIRS_ALLOWED: Record<string, string> = {
  "/api/talent/teams/:id": "an assignment names the case its team works on (id, number and category only)",
  "/api/talent/assignments": "an assignment names the case its team works on (id, number and category only)",
  "/api/talent/me": "a talent's own assignments name the case they work on (id, number and category only)",
};
async function notTheirs(caller: Caller, userId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!inGroup(caller.role, "staff")) {
    for (const r of await q<{ id: string }>(sql`SELECT id::text AS id FROM cases WHERE reporter_id IS DISTINCT FROM ${userId}`)) out.set(r.id, "a case the caller did not report");
    for (const r of await q<{ id: string }>(sql`SELECT id::text AS id FROM persons WHERE community_id = ${fx.hk}
        AND id IS DISTINCT FROM (SELECT person_id FROM users WHERE id = ${userId})`))
      out.set(r.id, "another resident's register record");
  }
  if (inGroup(caller.role, "departmentBound"))
    for (const r of await q<{ id: string }>(sql`SELECT id::text AS id FROM cases WHERE department IS DISTINCT FROM (SELECT department FROM users WHERE id = ${userId})
        AND reporter_id IS DISTINCT FROM ${userId}`))
      out.set(r.id, "a case of another department");
  return out;
}

/** Where a person with a restricted tag is an ordinary resident (the tag itself is hidden). */
const REGISTER_ROUTES = /^\/api\/(people|registry\/|me\/person)/;
/** Where the word 重点人员 / key_person names a kind of patrol target or template, not a person's tag. */
const PATROL_ROUTES = /^\/api\/patrols\//;

// ---------------------------------------------------------------------------------------------
// Fixtures: ids of both communities, read from the test database
// ---------------------------------------------------------------------------------------------

let t: TestApp;
const q = async <T = Record<string, string>>(query: SQL) => rowsOf<T>(await t.database.db.execute(query));
const one = async (query: SQL): Promise<string | null> => {
  const r = await q<{ id: string | null }>(query);
  return r[0]?.id ?? null;
};

/** Fixed values and ids filled in beforeAll. */
const fx = {} as {
  hk: string;
  yxq: string;
  hkPath: string;
  grid1Path: string;
  grid1: string;
  grid2: string;
  yxqGrid: string;
  hkPoint: [number, number];
  template: string;
  ownSlug: string;
  foreignTagCode: string;
  month: string;
  today: string;
  from: string;
  users: Record<string, string>;
};
/** Ids of each kind: the other community's, 红康's own (grid 1 where it matters), another grid's. */
const FOREIGN: Partial<Record<Kind, string>> = {};
const OWN: Partial<Record<Kind, string>> = {};
const GRID: Partial<Record<Kind, string>> = {};
/** Markers of 怡心桥: every id of its rows, its persons' names (those not found in 红康), strings. */
const foreignIds = new Map<string, string>();
const foreignNames = new Set<string>();
const foreignStrings: string[] = ["怡心桥", "YXQ-", "yxq_", "前卫街道", "西山区"];
/** Markers of the other grids of 红康 (for hk_grid1): ids of grid-scoped rows. */
const otherGridIds = new Map<string, string>();
/** 重点人员: restricted persons, key-person plans/tasks/submissions, with their assignees. */
type Restricted = { id: string; what: string; assignee: string | null; personId: string | null };
const restricted: Restricted[] = [];
const restrictedLabels: Array<{ label: string; assignee: string | null }> = [];
const restrictedNames = new Map<string, string | null>();
const restrictedPersonAssignees = new Map<string, Set<string>>();
const latestTaskOf = new Map<string, string>();
/** The note of the fixture's visit to a 重点人员 (a marker: the visitor only may read it back). */
const KEY_VISIT_NOTE = "矩阵测试重点走访备注";
const keyVisit = {} as { photo: string; household: string };
/** A photo of a case the demo resident reported in grid 2. */
let grid2CasePhoto = "";
/** Who may read that photo: staff whose scope holds grid 2 (not a department's case) and the reporter. */
const GRID2_CASE_PHOTO_READERS = ["hk_secretary", "hk_staff", "hk_branch", "hy_street", "hk_resident"];

type AreaCond = (col: SQL) => SQL;
const anyArea: AreaCond = () => sql`true`;
const under = (path: string): AreaCond => (col) => sql`${col} IN (SELECT id FROM areas WHERE path LIKE ${path + "%"})`;
const notUnder = (path: string): AreaCond => (col) => sql`${col} NOT IN (SELECT id FROM areas WHERE path LIKE ${path + "%"})`;

/** One id of a kind in a community (and an area condition for area-scoped kinds). */
async function pick(kind: Kind, cid: string, A: AreaCond): Promise<string | null> {
  switch (kind) {
    case "case":
      return one(sql`SELECT id FROM cases WHERE community_id = ${cid} AND ${A(sql`area_id`)} ORDER BY created_at DESC, id LIMIT 1`);
    case "linkedCase":
      return one(sql`SELECT c.id FROM cases c WHERE c.community_id = ${cid} AND ${A(sql`c.area_id`)} AND EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = c.id) ORDER BY c.created_at DESC, c.id LIMIT 1`);
    case "compound":
      return one(sql`SELECT c.id FROM compounds c WHERE c.community_id = ${cid} AND EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = c.id AND ${A(sql`b.area_id`)}) ORDER BY c.id LIMIT 1`);
    case "building":
      return one(sql`SELECT id FROM buildings WHERE community_id = ${cid} AND ${A(sql`area_id`)} ORDER BY id LIMIT 1`);
    case "household":
      return one(sql`SELECT h.id FROM households h WHERE h.community_id = ${cid} AND h.status = 'active' AND ${A(sql`h.area_id`)}
        AND EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id) ORDER BY h.id LIMIT 1`);
    case "person":
      return one(sql`SELECT p.id FROM persons p WHERE p.community_id = ${cid} AND p.status = 'active' AND ${A(sql`p.area_id`)}
        AND EXISTS (SELECT 1 FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code WHERE pt.person_id = p.id AND pt.removed_at IS NULL AND NOT d.restricted)
        AND NOT EXISTS (SELECT 1 FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code WHERE pt.person_id = p.id AND pt.removed_at IS NULL AND d.restricted)
        ORDER BY p.id LIMIT 1`);
    case "place":
      return one(sql`SELECT id FROM places WHERE community_id = ${cid} AND ${A(sql`area_id`)} ORDER BY id LIMIT 1`);
    case "importJob":
      return one(sql`SELECT id FROM import_jobs WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "correction":
      return one(sql`SELECT r.id FROM correction_requests r JOIN persons p ON p.id = r.person_id WHERE p.community_id = ${cid} ORDER BY r.id LIMIT 1`);
    case "plan":
      return one(sql`SELECT id FROM patrol_plans WHERE community_id = ${cid} AND target_kind <> 'key_person' AND active AND ${A(sql`area_id`)}
        AND EXISTS (SELECT 1 FROM patrol_tasks t WHERE t.plan_id = patrol_plans.id AND t.status = 'open') ORDER BY id LIMIT 1`);
    case "task":
      return one(sql`SELECT t.id FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id WHERE t.community_id = ${cid} AND p.target_kind <> 'key_person'
        AND ${A(sql`t.area_id`)} ORDER BY (t.status = 'open') DESC, t.period_start DESC, t.id LIMIT 1`);
    case "submission":
      return one(sql`SELECT s.id FROM patrol_submissions s JOIN patrol_tasks t ON t.id = s.task_id JOIN patrol_plans p ON p.id = t.plan_id
        WHERE s.community_id = ${cid} AND p.target_kind <> 'key_person' AND ${A(sql`s.area_id`)} ORDER BY s.received_at DESC, s.id LIMIT 1`);
    case "topic":
      return one(sql`SELECT id FROM topics WHERE community_id = ${cid} AND ${A(sql`area_id`)}
        ORDER BY EXISTS (SELECT 1 FROM topic_cases c WHERE c.topic_id = topics.id) DESC, created_at DESC, id LIMIT 1`);
    case "meeting":
      return one(sql`SELECT m.id FROM meetings m WHERE m.community_id = ${cid} AND ${A(sql`m.area_id`)}
        AND EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = m.id) ORDER BY m.starts_at DESC, m.id LIMIT 1`);
    case "resolution":
      return one(sql`SELECT id FROM resolutions WHERE community_id = ${cid} ORDER BY created_at DESC, id LIMIT 1`);
    case "questionnaire":
      return one(sql`SELECT id FROM questionnaires WHERE community_id = ${cid} ORDER BY created_at DESC, id LIMIT 1`);
    case "unit":
      return one(sql`SELECT id FROM partner_units WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "call":
      return one(sql`SELECT id FROM recruitment_calls WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "application":
      return one(sql`SELECT a.id FROM talent_applications a JOIN recruitment_calls c ON c.id = a.call_id WHERE c.community_id = ${cid} ORDER BY (a.status = 'pending') DESC, a.id LIMIT 1`);
    case "team":
      return one(sql`SELECT t.id FROM teams t WHERE t.community_id = ${cid} AND EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id) ORDER BY t.id LIMIT 1`);
    case "assignment":
      return one(sql`SELECT id FROM assignments WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "activity":
      return one(sql`SELECT id FROM activities WHERE community_id = ${cid} ORDER BY starts_at DESC, id LIMIT 1`);
    case "series":
      return one(sql`SELECT series_id AS id FROM activities WHERE community_id = ${cid} AND series_id IS NOT NULL ORDER BY id LIMIT 1`);
    case "pointUser":
      return one(sql`SELECT u.id FROM users u JOIN point_accounts pa ON pa.user_id = u.id JOIN areas a ON a.id = u.area_id WHERE a.community_id = ${cid} ORDER BY u.id LIMIT 1`);
    case "reward":
      return one(sql`SELECT id FROM rewards WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "file":
      return one(sql`SELECT id FROM files WHERE community_id = ${cid} ORDER BY created_at, id LIMIT 1`);
    case "mapFeature":
      return one(sql`SELECT id FROM map_features WHERE community_id = ${cid} AND ${A(sql`area_id`)} ORDER BY id LIMIT 1`);
    case "notice":
      return one(sql`SELECT id FROM notices WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "partyOrg":
      return one(sql`SELECT id FROM party_orgs WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "partyMember":
      return one(sql`SELECT id FROM party_members WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "committeeMember":
      return one(sql`SELECT id FROM community_committee_members WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "twoNew":
      return one(sql`SELECT place_id AS id FROM two_new_orgs WHERE community_id = ${cid} ORDER BY place_id LIMIT 1`);
    case "project":
      return one(sql`SELECT id FROM party_projects WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "apiKey":
      return one(sql`SELECT id FROM api_keys WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "enterprise":
      return one(sql`SELECT id FROM places WHERE community_id = ${cid} AND kind IN ('enterprise', 'shop') AND ${A(sql`area_id`)} ORDER BY id LIMIT 1`);
    case "campaign":
      return one(sql`SELECT id FROM visit_campaigns WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "need":
      return one(sql`SELECT id FROM enterprise_needs WHERE community_id = ${cid} AND ${A(sql`area_id`)} ORDER BY (status = 'open') DESC, id LIMIT 1`);
    case "cultivation":
      return one(sql`SELECT place_id AS id FROM cultivations WHERE community_id = ${cid} AND ${A(sql`area_id`)} ORDER BY place_id LIMIT 1`);
    case "programme":
      return one(sql`SELECT id FROM inspection_programmes WHERE community_id = ${cid} ORDER BY id LIMIT 1`);
    case "rectification":
      return one(sql`SELECT id FROM rectifications WHERE community_id = ${cid} AND ${A(sql`area_id`)} ORDER BY id LIMIT 1`);
    default:
      return null;
  }
}

/** A client signed in by phone code, as a resident or rider does. */
async function upload(c: Client): Promise<string> {
  const res = await c.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps(64, 48)) });
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Rows 怡心桥 owns that the routes below never see otherwise: a visit with a photo, an activity photo, a correction, an import job. */
const fixtureProblems: string[] = [];
async function makeForeignFixtures() {
  const [yxqStaff, yxqGrid1] = await Promise.all([as(t, "yxq_staff"), as(t, "yxq_grid1")]);
  const yxqResident = await phoneClient(t, "13900000011");
  const household = await one(sql`SELECT h.id FROM households h JOIN areas a ON a.id = h.area_id WHERE a.path LIKE ${"%" + fx.yxqGrid + "/%"} AND h.status = 'active' ORDER BY h.id LIMIT 1`);
  const visitPhoto = await upload(yxqGrid1);
  const visit = await yxqGrid1.post("/api/registry/visits", { householdId: household, notes: "矩阵测试走访", photoIds: [visitPhoto] });
  if (visit.statusCode !== 200) fixtureProblems.push(`yxq visit: ${visit.statusCode} ${visit.body.slice(0, 200)}`);
  const activity = await pick("activity", fx.yxq, anyArea);
  const photo = await upload(yxqStaff);
  const out = await yxqStaff.post(`/api/activities/${activity}/outputs`, { outputs: { served: 3 }, photoIds: [photo] });
  if (out.statusCode !== 200) fixtureProblems.push(`yxq activity photo: ${out.statusCode} ${out.body.slice(0, 200)}`);
  FOREIGN.activity = activity!;
  FOREIGN.activityPhoto = photo;
  const survey = await yxqStaff.post("/api/questionnaires", { title: "矩阵测试问卷", questions: [{ text: "是否同意加装电梯", type: "single", options: ["同意", "不同意"], isVote: true }] });
  if (survey.statusCode !== 200) fixtureProblems.push(`yxq questionnaire: ${survey.statusCode} ${survey.body.slice(0, 200)}`);
  else {
    const opened = await yxqStaff.post(`/api/questionnaires/${survey.json().id}/open`, {});
    if (opened.statusCode !== 200) fixtureProblems.push(`yxq questionnaire open: ${opened.statusCode} ${opened.body.slice(0, 200)}`);
  }
  // a community notice each side (notices are read by everyone of their community only)
  const yxqNotice = await yxqStaff.post("/api/notices", { title: "矩阵测试公告", body: "怡心桥社区的公告" });
  if (yxqNotice.statusCode !== 200) fixtureProblems.push(`yxq notice: ${yxqNotice.statusCode} ${yxqNotice.body.slice(0, 200)}`);
  const hkNotice = await (await as(t, "hk_staff")).post("/api/notices", { title: "红康社区公告", body: "红康社区的公告" });
  if (hkNotice.statusCode !== 200) fixtureProblems.push(`hk notice: ${hkNotice.statusCode} ${hkNotice.body.slice(0, 200)}`);
  const corr = await yxqResident.post("/api/me/person/corrections", { field: "name", proposed: "矩阵测试更正" });
  if (corr.statusCode !== 200) fixtureProblems.push(`yxq correction: ${corr.statusCode} ${corr.body.slice(0, 200)}`);
  // a partner-system key each side (keys are listed and revoked within the issuer's scope only)
  for (const [id, cid, user] of [["018c22ac-d000-7fff-8000-00000000a101", fx.yxq, fx.users.yxq_secretary], ["018c22ac-d000-7fff-8000-00000000a102", fx.hk, fx.users.hk_secretary]] as const) {
    await t.database.db.execute(sql`INSERT INTO api_keys (id, name, purpose, prefix, key_hash, area_id, community_id, created_by)
      VALUES (${id}, '矩阵测试接口', 'open311', 'll_matrix', ${"matrix-" + id}, ${cid}, ${cid}, ${user})`);
  }
  // 怡心桥's own enterprise campaign, 入库 cultivation and secretary-led project (its demo data has none).
  await t.database.db.execute(sql`INSERT INTO visit_campaigns (id, community_id, name, starts_on, ends_on, created_by)
    VALUES ('018c22ac-d000-7fff-8000-00000000a201', ${fx.yxq}, '矩阵测试走访活动', '2026-01-01', '2026-12-31', ${fx.users.yxq_secretary})`);
  await t.database.db.execute(sql`INSERT INTO cultivations (place_id, community_id, area_id, thresholds, candidate_on)
    SELECT p.id, p.community_id, p.area_id, '矩阵测试：年营业额接近 2000 万元', '2026-01-01' FROM places p
    WHERE p.community_id = ${fx.yxq} AND p.kind IN ('enterprise', 'shop') AND NOT EXISTS (SELECT 1 FROM cultivations c WHERE c.place_id = p.id)
    ORDER BY p.id LIMIT 1`);
  await t.database.db.execute(sql`INSERT INTO party_projects (id, community_id, area_id, title, summary, lead_name, started_on)
    VALUES ('018c22ac-d000-7fff-8000-00000000a301', ${fx.yxq}, ${fx.yxq}, '矩阵测试项目', '怡心桥社区的书记领办项目', '矩阵', '2026-01-01')`);
  await t.database.db.execute(sql`INSERT INTO party_project_milestones (id, project_id, seq, title, planned_on)
    VALUES ('018c22ac-d000-7fff-8000-00000000a302', '018c22ac-d000-7fff-8000-00000000a301', 1, '矩阵测试节点', '2026-02-01')`);
  await t.database.db.execute(sql`INSERT INTO import_jobs (id, user_id, community_id, mode, file_name, status, total_rows, imported_rows, rejected_rows, report_key)
    VALUES ('018c22ac-d000-7fff-8000-00000000a001', ${fx.users.yxq_staff}, ${fx.yxq}, 'valid_only', 'matrix.xlsx', 'done', 1, 0, 1, 'matrix-report.xlsx')`);
  // 红康's own: a visit in grid 2 (a marker for hk_grid1), a correction of the demo resident proposing a phone (must stay masked).
  const hkGrid2 = await as(t, "hk_grid2");
  const h2 = await one(sql`SELECT h.id FROM households h JOIN areas a ON a.id = h.area_id WHERE a.path LIKE ${"%" + fx.grid2 + "/%"} AND h.status = 'active' ORDER BY h.id LIMIT 1`);
  const v2 = await hkGrid2.post("/api/registry/visits", { householdId: h2, notes: "第二网格走访" });
  if (v2.statusCode !== 200) fixtureProblems.push(`hk grid2 visit: ${v2.statusCode} ${v2.body.slice(0, 200)}`);
  // A visit of hk_grid1 to a 重点人员 of its grid (the plan's assignee), with a photo: hidden from
  // every role without person:restricted but the visitor.
  const hkGrid1 = await as(t, "hk_grid1");
  const kp = (await q<{ id: string; household: string }>(sql`SELECT p.person_id::text AS id, h.id::text AS household FROM patrol_plans p JOIN persons x ON x.id = p.person_id
    JOIN households h ON h.id = x.household_id WHERE p.target_kind = 'key_person' AND p.assignee_id = ${fx.users.hk_grid1} ORDER BY p.id LIMIT 1`))[0];
  const kpPhoto = await upload(hkGrid1);
  const kv = await hkGrid1.post("/api/registry/visits", { personId: kp.id, notes: KEY_VISIT_NOTE, photoIds: [kpPhoto] });
  if (kv.statusCode !== 200) fixtureProblems.push(`hk key-person visit: ${kv.statusCode} ${kv.body.slice(0, 200)}`);
  keyVisit.photo = kpPhoto;
  // The secretary marks a resident of grid 3 as 重点人员 and plans their visits by hk_grid3.
  const secretary = await as(t, "hk_secretary");
  const newKp = await one(sql`SELECT p.id FROM persons p JOIN areas a ON a.id = p.area_id JOIN users u ON u.username = 'hk_grid3'
    WHERE p.community_id = ${fx.hk} AND p.status = 'active' AND a.path LIKE (SELECT path FROM areas WHERE id = u.area_id) || '%'
    AND NOT EXISTS (SELECT 1 FROM patrol_plans x WHERE x.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM person_tags x WHERE x.person_id = p.id AND x.removed_at IS NULL)
    ORDER BY p.id LIMIT 1`);
  const tagged = await secretary.post(`/api/registry/people/${newKp}/tags`, { tagCode: "key_person" });
  if (tagged.statusCode !== 200) fixtureProblems.push(`hk key-person tag: ${tagged.statusCode} ${tagged.body.slice(0, 200)}`);
  const family = await one(sql`SELECT family_id AS id FROM checklist_templates WHERE target_kind = 'key_person' AND current ORDER BY id LIMIT 1`);
  const planned = await secretary.post("/api/patrols/plans", { templateFamilyId: family, target: { type: "person", personId: newKp }, assigneeId: fx.users.hk_grid3 });
  if (planned.statusCode !== 200) fixtureProblems.push(`hk key-person plan: ${planned.statusCode} ${planned.body.slice(0, 200)}`);
  keyVisit.household = kp.household;
}

async function loadMarkers() {
  // Every id of a row of 怡心桥: tables with community_id, and rows hanging off them.
  const tables = await q<{ table_name: string }>(sql`SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'community_id' AND table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id')`);
  for (const { table_name } of tables) {
    const rows = await q<{ id: string }>(sql`SELECT id::text AS id FROM ${sql.identifier(table_name)} WHERE community_id = ${fx.yxq}`);
    for (const r of rows) foreignIds.set(r.id, table_name);
  }
  const children: Array<[string, SQL]> = [
    ["areas", sql`SELECT id::text AS id FROM areas WHERE community_id = ${fx.yxq} OR name IN ('前卫街道', '西山区')`],
    ["users", sql`SELECT u.id::text AS id FROM users u JOIN areas a ON a.id = u.area_id WHERE a.community_id = ${fx.yxq} OR a.name = '前卫街道'`],
    ["meeting_attendance", sql`SELECT x.id::text AS id FROM meeting_attendance x JOIN meetings m ON m.id = x.meeting_id WHERE m.community_id = ${fx.yxq}`],
    ["meeting_opinions", sql`SELECT x.id::text AS id FROM meeting_opinions x JOIN meetings m ON m.id = x.meeting_id WHERE m.community_id = ${fx.yxq}`],
    ["talent_applications", sql`SELECT x.id::text AS id FROM talent_applications x JOIN recruitment_calls c ON c.id = x.call_id WHERE c.community_id = ${fx.yxq}`],
    ["case_events", sql`SELECT x.id::text AS id FROM case_events x JOIN cases c ON c.id = x.case_id WHERE c.community_id = ${fx.yxq}`],
    ["questions", sql`SELECT x.id::text AS id FROM questions x JOIN questionnaires c ON c.id = x.questionnaire_id WHERE c.community_id = ${fx.yxq}`],
    ["correction_requests", sql`SELECT x.id::text AS id FROM correction_requests x JOIN persons p ON p.id = x.person_id WHERE p.community_id = ${fx.yxq}`],
  ];
  for (const [name, query] of children) for (const r of await q<{ id: string }>(query)) foreignIds.set(r.id, name);
  // Names of 怡心桥's persons that no one in 红康 (persons, users, talents) carries.
  const names = await q<{ name: string }>(sql`SELECT DISTINCT p.name FROM persons p WHERE p.community_id = ${fx.yxq}
    AND NOT EXISTS (SELECT 1 FROM persons h WHERE h.community_id = ${fx.hk} AND h.name = p.name)
    AND NOT EXISTS (SELECT 1 FROM users u WHERE u.display_name = p.name AND u.area_id NOT IN (SELECT id FROM areas WHERE community_id = ${fx.yxq}))
    AND NOT EXISTS (SELECT 1 FROM talents x WHERE x.community_id = ${fx.hk} AND x.name = p.name)
    AND NOT EXISTS (SELECT 1 FROM places x WHERE x.community_id = ${fx.hk} AND x.contact_name = p.name)
    AND NOT EXISTS (SELECT 1 FROM partner_units x WHERE x.community_id = ${fx.hk} AND x.contact_name = p.name)
    AND NOT EXISTS (SELECT 1 FROM cases x WHERE x.community_id = ${fx.hk} AND x.reporter_name = p.name)
    AND NOT EXISTS (SELECT 1 FROM talent_applications x JOIN recruitment_calls c ON c.id = x.call_id WHERE c.community_id = ${fx.hk} AND x.name = p.name)
    AND NOT EXISTS (SELECT 1 FROM meeting_attendance x JOIN meetings m ON m.id = x.meeting_id WHERE m.community_id = ${fx.hk} AND x.name = p.name)
    AND NOT EXISTS (SELECT 1 FROM meeting_opinions x JOIN meetings m ON m.id = x.meeting_id WHERE m.community_id = ${fx.hk} AND x.speaker = p.name)
    AND NOT EXISTS (SELECT 1 FROM meeting_parties x JOIN meetings m ON m.id = x.meeting_id WHERE m.community_id = ${fx.hk} AND x.name = p.name)
    AND NOT EXISTS (SELECT 1 FROM resolution_owners x JOIN resolutions r ON r.id = x.resolution_id WHERE r.community_id = ${fx.hk} AND x.name = p.name)
    AND NOT EXISTS (SELECT 1 FROM case_events x JOIN cases c ON c.id = x.case_id WHERE c.community_id = ${fx.hk} AND x.actor_name = p.name)`);
  for (const r of names) foreignNames.add(r.name);
  // Compound names of 怡心桥 found nowhere in 红康's addresses and names.
  const compounds = await q<{ name: string }>(sql`SELECT c.name FROM compounds c WHERE c.community_id = ${fx.yxq}
    AND NOT EXISTS (SELECT 1 FROM compounds h WHERE h.community_id = ${fx.hk} AND h.name LIKE '%' || c.name || '%')
    AND NOT EXISTS (SELECT 1 FROM places h WHERE h.community_id = ${fx.hk} AND (h.name LIKE '%' || c.name || '%' OR h.address LIKE '%' || c.name || '%'))
    AND NOT EXISTS (SELECT 1 FROM cases h WHERE h.community_id = ${fx.hk} AND (h.address LIKE '%' || c.name || '%' OR h.description LIKE '%' || c.name || '%'))`);
  for (const r of compounds) foreignStrings.push(r.name);

  // The other grids of 红康 (for hk_grid1).
  const grid1User = fx.users.hk_grid1;
  const gridSets: Array<[string, SQL]> = [
    ["persons", sql`SELECT id::text AS id FROM persons WHERE community_id = ${fx.hk} AND ${notUnder(fx.grid1Path)(sql`area_id`)}`],
    ["households", sql`SELECT id::text AS id FROM households WHERE community_id = ${fx.hk} AND ${notUnder(fx.grid1Path)(sql`area_id`)}`],
    ["cases", sql`SELECT id::text AS id FROM cases WHERE community_id = ${fx.hk} AND area_id <> ${fx.hk} AND ${notUnder(fx.grid1Path)(sql`area_id`)}
      AND reporter_id IS DISTINCT FROM ${grid1User} AND handler_id IS DISTINCT FROM ${grid1User}`],
    ["patrol_plans", sql`SELECT id::text AS id FROM patrol_plans WHERE community_id = ${fx.hk} AND ${notUnder(fx.grid1Path)(sql`area_id`)}`],
    ["patrol_tasks", sql`SELECT id::text AS id FROM patrol_tasks WHERE community_id = ${fx.hk} AND ${notUnder(fx.grid1Path)(sql`area_id`)} AND assignee_id IS DISTINCT FROM ${grid1User}`],
    ["patrol_submissions", sql`SELECT id::text AS id FROM patrol_submissions WHERE community_id = ${fx.hk} AND ${notUnder(fx.grid1Path)(sql`area_id`)}`],
    ["visits", sql`SELECT id::text AS id FROM visits WHERE community_id = ${fx.hk} AND ${notUnder(fx.grid1Path)(sql`area_id`)}`],
  ];
  for (const [name, query] of gridSets) for (const r of await q<{ id: string }>(query)) otherGridIds.set(r.id, name);

  // 重点人员 of 红康: the persons, the key-person plans and their tasks and submissions.
  const persons = await q<{ id: string; name: string; n: number }>(sql`SELECT p.id::text AS id, p.name,
      (SELECT count(*)::int FROM persons o WHERE o.name = p.name) + (SELECT count(*)::int FROM users u WHERE u.display_name = p.name) + (SELECT count(*)::int FROM talents x WHERE x.name = p.name) AS n
    FROM persons p WHERE p.community_id = ${fx.hk} AND EXISTS (SELECT 1 FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code
      WHERE pt.person_id = p.id AND pt.removed_at IS NULL AND d.restricted)`);
  const plans = await q<{ id: string; label: string; assignee: string | null; person: string | null }>(sql`SELECT id::text AS id, target_label AS label,
      assignee_id::text AS assignee, person_id::text AS person FROM patrol_plans
    WHERE community_id = ${fx.hk} AND (target_kind = 'key_person' OR person_id IN (SELECT pt.person_id FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code WHERE pt.removed_at IS NULL AND d.restricted))`);
  for (const p of plans) {
    restricted.push({ id: p.id, what: "key-person plan", assignee: p.assignee, personId: p.person });
    restrictedLabels.push({ label: p.label, assignee: p.assignee });
    if (p.person && p.assignee) restrictedPersonAssignees.set(p.person, (restrictedPersonAssignees.get(p.person) ?? new Set()).add(p.assignee));
  }
  const planIds = plans.map((p) => p.id);
  if (planIds.length) {
    const tasks = await q<{ id: string; plan: string; assignee: string | null; person: string | null }>(sql`SELECT t.id::text AS id, t.plan_id::text AS plan,
        t.assignee_id::text AS assignee, p.person_id::text AS person
      FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id WHERE t.plan_id IN (${sql.join(planIds.map((id) => sql`${id}`), sql`, `)}) ORDER BY t.period_start`);
    for (const x of tasks) {
      latestTaskOf.set(x.plan, x.id);
      restricted.push({ id: x.id, what: "key-person task", assignee: x.assignee, personId: x.person });
      if (x.person && x.assignee) restrictedPersonAssignees.get(x.person)?.add(x.assignee);
    }
    const subs = await q<{ id: string; assignee: string | null; person: string | null }>(sql`SELECT s.id::text AS id, t.assignee_id::text AS assignee, p.person_id::text AS person
      FROM patrol_submissions s JOIN patrol_tasks t ON t.id = s.task_id JOIN patrol_plans p ON p.id = t.plan_id WHERE t.plan_id IN (${sql.join(planIds.map((id) => sql`${id}`), sql`, `)})`);
    for (const x of subs) restricted.push({ id: x.id, what: "key-person submission", assignee: x.assignee, personId: x.person });
  }
  const visits = await q<{ id: string; visitor: string; person: string }>(sql`SELECT v.id::text AS id, v.visitor_id::text AS visitor, v.person_id::text AS person FROM visits v
    WHERE v.community_id = ${fx.hk} AND v.person_id IN (SELECT pt.person_id FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code WHERE pt.removed_at IS NULL AND d.restricted)`);
  for (const v of visits) restricted.push({ id: v.id, what: "key-person visit", assignee: v.visitor, personId: v.person });
  restrictedLabels.push({ label: KEY_VISIT_NOTE, assignee: fx.users.hk_grid1 });
  for (const p of persons) {
    restricted.push({ id: p.id, what: "restricted person", assignee: null, personId: p.id });
    if (p.n === 1) restrictedNames.set(p.name, p.id);
  }
}

// ---------------------------------------------------------------------------------------------
// Scanning an answer
// ---------------------------------------------------------------------------------------------

const PHONE = /(?<![\d.])1[3-9]\d{9}(?![\d.])/;
const ID_NUMBER = /(?<![\d.])\d{17}[\dXx](?![\d.\w])/g;
/** An 18-character resident ID number: a birth date and the ISO 7064 check character (credit codes are not). */
function isIdNumber(s: string): boolean {
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && idNumberCheckChar(s.slice(0, 17)) === s[17].toUpperCase();
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Who = { caller: Caller; userId: string; seesRestricted: boolean; grid: boolean; notTheirs?: Map<string, string> };

/** Every string value in a JSON answer, with its path. */
function* strings(value: unknown, path = "$"): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

/** What a caller must not find in an answer of a route (template url), one line per kind of finding. */
function scan(who: Who, route: string, values: Iterable<[string, string]>, unmasked = false): string[] {
  const found = new Map<string, string>();
  const note = (what: string, path: string, s: string) => {
    if (!found.has(what)) found.set(what, `${what} at ${path}: ${JSON.stringify(s.length > 80 ? s.slice(0, 80) + "…" : s)}`);
  };
  const publicView = route in PUBLIC_BY_DESIGN;
  const register = REGISTER_ROUTES.test(route);
  const patrol = PATROL_ROUTES.test(route);
  for (const [path, s] of values) {
    if (ALLOWED_AT.some(([r, prefix]) => r === route && path.startsWith(prefix))) continue;
    if (UUID.test(s)) {
      const f = foreignIds.get(s);
      if (f && !publicView) note(`foreign id (${f})`, path, s);
      const n = who.notTheirs?.get(s);
      if (n && !publicView && !(route in NOT_THEIRS_ALLOWED)) note(n, path, s);
      if (who.grid && !publicView && !(route in OTHER_GRID_ALLOWED)) {
        const g = otherGridIds.get(s);
        if (g) note(`other grid's id (${g})`, path, s);
      }
      if (!who.seesRestricted) {
        const r = restrictedById.get(s);
        if (r && !(r.what === "restricted person" && register) && !(r.assignee && r.assignee === who.userId) && !(r.what === "restricted person" && restrictedPersonAssignees.get(s)?.has(who.userId) && patrol))
          note(`重点人员 ${r.what}`, path, s);
      }
      continue;
    }
    if (!publicView) {
      if (foreignNames.has(s)) note("foreign person name", path, s);
      const m = foreignStrings.find((x) => s.includes(x));
      if (m) note(`foreign marker "${m}"`, path, s);
    }
    if (!unmasked && PHONE.test(s)) note("unmasked mobile number", path, s);
    if (!unmasked && [...s.matchAll(ID_NUMBER)].some((m) => isIdNumber(m[0]))) note("unmasked ID number", path, s);
    if (!who.seesRestricted) {
      if (!patrol && (s.includes("重点人员") || s === "key_person")) note("restricted tag 重点人员", path, s);
      for (const l of restrictedLabels) if (s.includes(l.label) && l.assignee !== who.userId) note("重点人员 plan target", path, s);
      const pid = restrictedNames.get(s);
      if (pid !== undefined && !register && !(patrol && restrictedPersonAssignees.get(pid!)?.has(who.userId))) note("重点人员 name", path, s);
    }
  }
  return [...found.values()];
}
const restrictedById = new Map<string, Restricted>();

type Answer = { status: number; values: Array<[string, string]> | null; note: string };

async function xlsxStrings(buf: Buffer): Promise<Array<[string, string]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: Array<[string, string]> = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const v = cell.value as unknown;
        const text = v == null ? "" : typeof v === "object" ? ((v as { text?: string; richText?: Array<{ text: string }> }).richText?.map((x) => x.text).join("") ?? (v as { text?: string }).text ?? JSON.stringify(v)) : String(v);
        out.push([`${ws.name}!R${r}C${c}`, text]);
      }),
    ),
  );
  return out;
}

async function call(c: Client, method: string, url: string, payload?: unknown): Promise<Answer> {
  const res = await c.request({ method: method as "GET", url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const type = String(res.headers["content-type"] ?? "");
  let values: Array<[string, string]> | null = null;
  if (type.includes("json")) {
    try {
      values = [...strings(res.json())];
    } catch {
      values = [["$", res.body]];
    }
  } else if (type.includes("spreadsheetml") && res.statusCode === 200) values = await xlsxStrings(res.rawPayload);
  else if (type.startsWith("text/")) values = [["$", res.body]];
  const note = res.statusCode >= 400 && type.includes("json") ? ` ${res.body.slice(0, 160)}` : "";
  return { status: res.statusCode, values, note };
}

// ---------------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------------

type Route = { method: string; url: string; policy: string; query: string[] };
let ROUTES: Route[] = [];

function paramsOf(url: string): string[] {
  return [...url.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]);
}
function kindOf(url: string, param: string): Kind | null {
  return PARAM_KINDS.find(([re, p]) => p === param && re.test(url))?.[2] ?? null;
}
function fixedOf(url: string, param: string): (() => string) | null {
  return NOT_OWNED.find(([re, p]) => p === param && re.test(url))?.[3] ?? null;
}

/** Fills a route's params from an id table (null when one is missing there). */
function fill(url: string, ids: Partial<Record<Kind, string>>): string | null {
  let out = url;
  for (const p of paramsOf(url)) {
    const fixed = fixedOf(url, p);
    const kind = kindOf(url, p);
    const v = fixed ? fixed() : kind ? ids[kind] : undefined;
    if (!v) return null;
    out = out.replace(`:${p}`, v);
  }
  return out;
}

/** Required query values per route, and narrowing filters that keep the heavy answers small. */
function baseQuery(url: string, caller?: Caller): Record<string, string> {
  // Street and city officers name the community where a route needs one.
  const street = caller && ["street_officer", "department_officer", "platform_admin"].includes(caller.role);
  const [lng, lat] = fx.hkPoint;
  const range = { from: fx.from, to: fx.today };
  const table: Record<string, Record<string, string>> = {
    "/api/areas/locate": { lng: String(lng), lat: String(lat) },
    "/api/cases/similar": { lng: String(lng), lat: String(lat), categoryCode: "noise" },
    "/api/public/cases/nearby": { lng: String(lng), lat: String(lat) },
    "/api/cases/measures": range,
    "/api/deliberation/measures": range,
    "/api/partners/measures": range,
    "/api/case-settings/calendar": { year: fx.today.slice(0, 4) },
    "/api/patrols/ledger/target": { type: "person", id: OWN.person! },
    "/api/patrols/ledger/monthly": { month: fx.month, targetKind: "key_person", ...(street ? { areaId: fx.hk } : {}) },
    "/api/patrols/ledger/monthly.xlsx": { month: fx.month, targetKind: "key_person", ...(street ? { areaId: fx.hk } : {}) },
    "/api/case-settings/routing-rules": street ? { communityId: fx.hk } : {},
    "/api/partners/match": { resourceKind: "venue" },
    "/api/patrols/coverage": { month: fx.month },
    "/api/registry/export": { tag: "low_income" },
    "/api/cases/export": { from: fx.from },
    "/api/people": { limit: "50" },
    "/api/map/search": { q: "康宁" },
    "/api/map/reverse": { lng: String(lng), lat: String(lat) },
    "/api/reports/work": range,
    "/api/reports/monthly": { month: fx.month },
    "/api/reports/monthly/one": { communityId: fx.hk, month: fx.month },
    "/api/reports/monthly/xlsx": { communityId: fx.hk, month: fx.month },
    "/api/reports/monthly/pdf": { communityId: fx.hk, month: fx.month },
    "/api/party/organisers": { ...range, ...(street ? { communityId: fx.hk } : {}) },
    "/api/party/figures": { ...range, ...(street ? { communityId: fx.hk } : {}) },
    "/api/party/tree": street ? { communityId: fx.hk } : {},
    "/api/party/two-new": street ? { communityId: fx.hk } : {},
    "/api/party/joint-units": street ? { communityId: fx.hk } : {},
    "/api/party/projects": street ? { communityId: fx.hk } : {},
    "/api/party/members": street ? { communityId: fx.hk } : {},
    "/api/party/committee-members": street ? { communityId: fx.hk } : {},
    "/api/party/map": street ? { communityId: fx.hk } : {},
  };
  return table[url] ?? {};
}
const qs = (o: Record<string, string>) => {
  const s = new URLSearchParams(o).toString();
  return s ? `?${s}` : "";
};

/** Query filters that take an id, and the kind of id to try. */
const QUERY_IDS: Record<string, Kind | "community"> = {
  areaId: "community",
  communityId: "community",
  topicId: "topic",
  callId: "call",
  teamId: "team",
  talentId: "talent",
  planId: "plan",
  assigneeId: "gridWorker",
  actorId: "staffUser",
  buildingId: "building",
  compoundId: "compound",
  seriesId: "series",
};

/** Extra GET calls: the restricted-tag probes and the other kinds of the monthly ledger. */
function extraGets(caller: Caller): Array<[string, string]> {
  const street = ["street_officer", "department_officer", "platform_admin"].includes(caller.role) ? `&areaId=${fx.hk}` : "";
  const kp = restricted.filter((r) => r.what === "key-person plan");
  // the latest task of each key-person plan
  const kpTask = kp.map((p) => restricted.find((r) => r.what === "key-person task" && r.id === latestTaskOf.get(p.id))).filter((r): r is Restricted => !!r);
  const kpPerson = restricted.filter((r) => r.what === "restricted person");
  const list: Array<[string, string]> = [
    ["/api/patrols/plans", "/api/patrols/plans?targetKind=key_person"],
    ["/api/patrols/tasks", "/api/patrols/tasks?targetKind=key_person"],
    ["/api/patrols/my/tasks", "/api/patrols/my/tasks?targetKind=key_person"],
    ["/api/patrols/coverage", `/api/patrols/coverage?month=${fx.month}&targetKind=key_person`],
    ["/api/patrols/ledger/monthly", `/api/patrols/ledger/monthly?month=${fx.month}&targetKind=special_household${street}`],
    ["/api/people", "/api/people?tag=key_person"],
    ["/api/registry/care-people", "/api/registry/care-people?limit=200"],
    // a compound name of 怡心桥 typed into the address search
    ["/api/map/search", `/api/map/search?q=${encodeURIComponent(foreignStrings.find((x) => /苑|园|院/.test(x)) ?? "怡心苑")}`],
  ];
  for (const p of kp) list.push(["/api/patrols/plans/:id", `/api/patrols/plans/${p.id}`]);
  for (const p of kpTask) list.push(["/api/patrols/tasks/:id", `/api/patrols/tasks/${p.id}`]);
  list.push(["/api/registry/households/:id", `/api/registry/households/${keyVisit.household}`]);
  list.push(["/api/patrols/ledger/target", `/api/patrols/ledger/target?type=household&id=${keyVisit.household}`]);
  for (const p of kpPerson) {
    list.push(["/api/patrols/ledger/target", `/api/patrols/ledger/target?type=person&id=${p.id}`]);
    list.push(["/api/registry/people/:id", `/api/registry/people/${p.id}`]);
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// The sample of writes, with foreign ids and a body valid enough to reach the access check
// ---------------------------------------------------------------------------------------------

type Write = { method: string; url: string; body?: (ids: Partial<Record<Kind, string>>) => unknown; query?: (ids: Partial<Record<Kind, string>>) => string };
const WRITES: Write[] = [
  { method: "POST", url: "/api/cases/:id/transitions", body: () => ({ action: "note", version: 1, note: "矩阵测试" }) },
  { method: "POST", url: "/api/registry/households/:id/members", body: () => ({ name: "矩阵测试", idNumber: testIdNumber(4242), relation: "other" }) },
  { method: "POST", url: "/api/registry/households/:id/move-out", body: () => ({ on: fx.today }) },
  { method: "PATCH", url: "/api/registry/people/:id", body: () => ({ name: "矩阵改名" }) },
  { method: "POST", url: "/api/registry/people/:id/move-out", body: () => ({ on: fx.today }) },
  { method: "POST", url: "/api/registry/people/:id/unmask", body: () => ({ reason: "矩阵测试核对" }) },
  { method: "POST", url: "/api/registry/people/:id/tags", body: () => ({ tagCode: "low_income" }) },
  { method: "DELETE", url: "/api/registry/people/:id/tags/:code" },
  { method: "POST", url: "/api/registry/corrections/:id", body: () => ({ status: "rejected" }) },
  { method: "POST", url: "/api/patrols/plans/:id/deactivate", body: () => ({}) },
  { method: "POST", url: "/api/patrols/plans/:id/reassign", body: () => ({ assigneeId: fx.users.hk_grid1 }) },
  { method: "POST", url: "/api/patrols/tasks/:id/submissions", body: () => ({ clientId: `matrix-${Math.random().toString(36).slice(2)}`, filledAt: new Date().toISOString(), answers: {} }) },
  { method: "POST", url: "/api/patrols/tasks/:id/reassign", body: () => ({ assigneeId: fx.users.hk_grid1 }) },
  { method: "POST", url: "/api/topics/:id/supports", body: () => ({}) },
  { method: "POST", url: "/api/topics/:id/drop", body: () => ({ reason: "矩阵测试" }) },
  { method: "POST", url: "/api/meetings/:id/agenda", body: (ids) => ({ topicIds: [ids.topic] }) },
  { method: "POST", url: "/api/meetings/:id/parties", body: () => ({ parties: [{ partyKind: "other", name: "矩阵测试" }] }) },
  { method: "POST", url: "/api/meetings/:id/open", body: () => ({}) },
  { method: "POST", url: "/api/meetings/:id/checkin", body: () => ({ code: "matrix-wrong-code" }) },
  { method: "POST", url: "/api/meetings/:id/attendance", body: () => ({ name: "矩阵测试", partyKind: "other" }) },
  { method: "DELETE", url: "/api/meetings/:id/attendance/:attendanceId" },
  { method: "PUT", url: "/api/meetings/:id/minutes", body: () => ({ minutes: "矩阵测试" }) },
  { method: "POST", url: "/api/meetings/:id/opinions", body: (ids) => ({ topicId: ids.topic, partyKind: "other", speaker: "矩阵", text: "矩阵测试" }) },
  { method: "POST", url: "/api/meetings/:id/close", body: () => ({ minutes: "矩阵测试" }) },
  { method: "POST", url: "/api/meetings/:id/cancel", body: () => ({ reason: "矩阵测试" }) },
  { method: "POST", url: "/api/meetings/:id/resolutions", body: (ids) => ({ topicId: ids.topic, text: "矩阵测试", dueOn: fx.today, owners: [{ partyKind: "other", name: "矩阵" }] }) },
  { method: "POST", url: "/api/resolutions/:id/progress", body: () => ({ text: "矩阵测试", percent: 50 }) },
  { method: "POST", url: "/api/resolutions/:id/complete", body: () => ({ text: "矩阵测试" }) },
  { method: "POST", url: "/api/questionnaires/:id/open", body: () => ({}) },
  { method: "POST", url: "/api/questionnaires/:id/close", body: () => ({}) },
  { method: "POST", url: "/api/questionnaires/:id/next-round", body: () => ({}) },
  { method: "POST", url: "/api/questionnaires/:id/door-responses", body: (ids) => ({ householdId: ids.household, answers: [] }) },
  { method: "POST", url: "/api/questionnaires/:id/responses", body: () => ({ answers: [] }) },
  { method: "POST", url: "/api/partners/units/:id/agreements", body: () => ({ startsOn: "2031-01-01", endsOn: "2031-12-31", signedOn: fx.from, signatories: ["矩阵"] }) },
  { method: "POST", url: "/api/partners/units/:id/givings", body: () => ({ givenOn: fx.today, resourceKind: "other", description: "矩阵测试" }) },
  { method: "POST", url: "/api/talent/applications/:id/decision", body: () => ({ decision: "reject" }) },
  { method: "PATCH", url: "/api/talent/teams/:id", body: () => ({ name: "矩阵测试队" }) },
  { method: "POST", url: "/api/talent/teams/:id/members", body: (ids) => ({ talentId: ids.talent }) },
  { method: "DELETE", url: "/api/talent/teams/:id/members/:talentId" },
  { method: "POST", url: "/api/talent/assignments/:id/actions", body: () => ({ action: "solve" }) },
  { method: "PATCH", url: "/api/activities/:id", body: () => ({ title: "矩阵测试" }) },
  { method: "POST", url: "/api/activities/:id/signups", body: () => ({}) },
  { method: "POST", url: "/api/activities/:id/signups/cancel", body: () => ({}) },
  { method: "POST", url: "/api/activities/:id/checkin", body: () => ({ code: "matrixwrong" }) },
  { method: "POST", url: "/api/activities/:id/outputs", body: () => ({ outputs: { served: 1 } }) },
  { method: "POST", url: "/api/activities/:id/booths", body: (ids) => ({ name: "矩阵测试", unitId: ids.unit }) },
  { method: "POST", url: "/api/activities/:id/units", body: (ids) => ({ unitId: ids.unit }) },
  { method: "PATCH", url: "/api/rewards/:id", body: () => ({ stock: 0 }) },
  { method: "POST", url: "/api/rewards/:id/redeem", body: () => ({}) },
  { method: "PATCH", url: "/api/map/features/:id", body: () => ({ name: "矩阵测试路" }) },
  { method: "DELETE", url: "/api/map/features/:id" },
  { method: "PATCH", url: "/api/notices/:id", body: () => ({ title: "矩阵测试" }) },
  { method: "POST", url: "/api/notices/:id/withdraw", body: () => ({}) },
  { method: "PATCH", url: "/api/party/orgs/:id", body: () => ({ name: "矩阵测试支部" }) },
  { method: "PATCH", url: "/api/party/members/:id", body: () => ({ role: "member" }) },
  { method: "POST", url: "/api/party/members/:id/unmask", body: () => ({ reason: "矩阵核对" }) },
  { method: "PUT", url: "/api/party/members/:id/anchor", body: (ids) => ({ householdIds: [ids.household] }) },
  { method: "POST", url: "/api/party/committee-members/:id/end", body: () => ({ toOn: fx.today }) },
  { method: "PUT", url: "/api/party/two-new/:placeId", body: () => ({ employees: 30, partyMembers: 2, surveyedOn: fx.from }) },
  { method: "POST", url: "/api/party/two-new/:placeId/guide", body: () => ({ instructorName: "矩阵", guidedOn: fx.from }) },
  { method: "POST", url: "/api/party/two-new/:placeId/found", body: () => ({ branchName: "矩阵测试支部", foundedOn: fx.from }) },
  { method: "PUT", url: "/api/party/activities/:id/organiser", body: () => ({ organiser: "union" }) },
  { method: "POST", url: "/api/party/projects/:id/milestones/:seq/done", body: () => ({ doneOn: fx.from, photoIds: [] }) },
  { method: "POST", url: "/api/party/projects/:id/complete", body: (ids) => ({ completedOn: fx.from, patrol: { templateFamilyId: "018c22ac-d000-7fff-8000-00000000a399", placeId: ids.place } }) },
  { method: "PATCH", url: "/api/enterprises/:id", body: () => ({ industry: "矩阵测试" }) },
  { method: "POST", url: "/api/enterprises/:id/unmask", body: () => ({ reason: "矩阵核对" }) },
  { method: "POST", url: "/api/enterprises/:id/visits", body: () => ({ visitedOn: fx.from, notes: "矩阵测试", needs: [] }) },
  { method: "POST", url: "/api/enterprise-campaigns/:id/assign", body: (ids) => ({ placeIds: [ids.enterprise], assigneeId: fx.users.hk_grid1 }) },
  { method: "POST", url: "/api/enterprise-needs/:id/match", body: () => ({ itemId: "018c22ac-d000-7fff-8000-00000000a398" }) },
  { method: "POST", url: "/api/enterprise-needs/:id/refer", body: () => ({ note: "矩阵测试" }) },
  { method: "POST", url: "/api/enterprise-needs/:id/settle", body: () => ({ settlement: "矩阵测试" }) },
  { method: "POST", url: "/api/cultivations/:placeId/advance", body: () => ({ to: "coached", on: fx.from }) },
  { method: "POST", url: "/api/cultivations/:placeId/documents", body: () => ({ documents: { licence: true } }) },
  { method: "POST", url: "/api/rectifications/:id/rechecks", body: () => ({ checkedOn: fx.from, passed: true, notes: "矩阵测试" }) },
  { method: "POST", url: "/api/api-keys/:id/revoke", body: () => ({}) },
  // writes that name a foreign object in the body or query rather than the path
  { method: "PUT", url: "/api/case-settings/routing-rules/:categoryCode", body: () => ({ communityId: fx.yxq, level: "community" }) },
  { method: "DELETE", url: "/api/case-settings/routing-rules/:categoryCode", query: () => `?communityId=${fx.yxq}` },
  { method: "POST", url: "/api/registry/visits", body: (ids) => ({ householdId: ids.household, notes: "矩阵测试" }) },
  { method: "POST", url: "/api/topics", body: () => ({ title: "矩阵测试", description: "矩阵测试", areaId: fx.yxq }) },
  { method: "POST", url: "/api/patrols/tasks/generate", body: () => ({ until: fx.today, areaId: fx.yxq }) },
  { method: "POST", url: "/api/rewards", body: () => ({ communityId: fx.yxq, name: "矩阵测试", cost: 1, stock: 1 }) },
  { method: "POST", url: "/api/notices", body: () => ({ communityId: fx.yxq, title: "矩阵测试", body: "矩阵测试" }) },
  { method: "POST", url: "/api/party/committee-members", body: (ids) => ({ communityId: fx.yxq, personId: ids.person, committee: "residents_committee", position: "委员", fromOn: fx.from }) },
  { method: "POST", url: "/api/points/corrections", body: (ids) => ({ userId: ids.pointUser, points: 1, reason: "矩阵测试" }) },
];

/** Write routes with a path parameter that the sample leaves out on purpose, and why. */
const WRITES_LEFT_OUT: Record<string, string> = {
  "POST /api/patrols/templates/:id/versions": "checklist templates are installation-wide, not a community's",
  "PUT /api/case-settings/time-limits/:categoryCode/:level": "time limits are installation-wide (street officer, admin)",
  "PUT /api/case-settings/calendar/:day": "the working calendar is installation-wide (street officer, admin)",
  "DELETE /api/case-settings/calendar/:day": "the working calendar is installation-wide (street officer, admin)",
  "POST /api/public/recruitment/:slug/applications": "the public sign-up of a call is open to anyone by design",
};

/** The foreign rows (and rows hanging off them) the writes aim at, as one fingerprint. */
async function fingerprint(ids: Partial<Record<Kind, string>>): Promise<string> {
  const v = (k: Kind) => ids[k] ?? "00000000-0000-7000-8000-000000000000";
  const [r] = await q<{ h: string }>(sql`SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) AS h FROM (
    SELECT t::text AS x FROM cases t WHERE id = ${v("case")}
    UNION ALL SELECT t::text FROM case_events t WHERE case_id = ${v("case")}
    UNION ALL SELECT t::text FROM households t WHERE id = ${v("household")}
    UNION ALL SELECT t::text FROM persons t WHERE household_id = ${v("household")} OR id = ${v("person")}
    UNION ALL SELECT t::text FROM person_tags t WHERE person_id = ${v("person")}
    UNION ALL SELECT t::text FROM residence_events t WHERE household_id = ${v("household")} OR person_id = ${v("person")}
    UNION ALL SELECT t::text FROM visits t WHERE household_id = ${v("household")}
    UNION ALL SELECT t::text FROM correction_requests t WHERE id = ${v("correction")}
    UNION ALL SELECT t::text FROM patrol_plans t WHERE id = ${v("plan")}
    UNION ALL SELECT t::text FROM patrol_tasks t WHERE id = ${v("task")} OR plan_id = ${v("plan")}
    UNION ALL SELECT t::text FROM patrol_submissions t WHERE task_id = ${v("task")}
    UNION ALL SELECT t::text FROM topics t WHERE id = ${v("topic")}
    UNION ALL SELECT t::text FROM topic_supports t WHERE topic_id = ${v("topic")}
    UNION ALL SELECT t::text FROM meetings t WHERE id = ${v("meeting")}
    UNION ALL SELECT t::text FROM meeting_attendance t WHERE meeting_id = ${v("meeting")}
    UNION ALL SELECT t::text FROM meeting_parties t WHERE meeting_id = ${v("meeting")}
    UNION ALL SELECT t::text FROM meeting_topics t WHERE meeting_id = ${v("meeting")}
    UNION ALL SELECT t::text FROM meeting_opinions t WHERE meeting_id = ${v("meeting")}
    UNION ALL SELECT t::text FROM resolutions t WHERE id = ${v("resolution")} OR meeting_id = ${v("meeting")}
    UNION ALL SELECT t::text FROM resolution_updates t WHERE resolution_id = ${v("resolution")}
    UNION ALL SELECT t::text FROM questionnaires t WHERE id = ${v("questionnaire")}
    UNION ALL SELECT t::text FROM responses t WHERE questionnaire_id = ${v("questionnaire")}
    UNION ALL SELECT t::text FROM partner_units t WHERE id = ${v("unit")}
    UNION ALL SELECT t::text FROM agreements t WHERE unit_id = ${v("unit")}
    UNION ALL SELECT t::text FROM resource_givings t WHERE unit_id = ${v("unit")}
    UNION ALL SELECT t::text FROM talent_applications t WHERE id = ${v("application")}
    UNION ALL SELECT t::text FROM teams t WHERE id = ${v("team")}
    UNION ALL SELECT t::text FROM team_members t WHERE team_id = ${v("team")}
    UNION ALL SELECT t::text FROM assignments t WHERE id = ${v("assignment")}
    UNION ALL SELECT t::text FROM activities t WHERE id = ${v("activity")}
    UNION ALL SELECT t::text FROM signups t WHERE activity_id = ${v("activity")}
    UNION ALL SELECT t::text FROM booths t WHERE activity_id = ${v("activity")}
    UNION ALL SELECT t::text FROM activity_units t WHERE activity_id = ${v("activity")}
    UNION ALL SELECT t::text FROM rewards t WHERE id = ${v("reward")} OR community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM redemptions t WHERE reward_id = ${v("reward")}
    UNION ALL SELECT t::text FROM point_accounts t WHERE user_id = ${v("pointUser")}
    UNION ALL SELECT t::text FROM point_entries t WHERE user_id = ${v("pointUser")}
    UNION ALL SELECT t::text FROM case_routing_rules t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM map_features t WHERE id = ${v("mapFeature")}
    UNION ALL SELECT t::text FROM notices t WHERE id = ${v("notice")} OR community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM enterprise_profiles t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT count(*)::text FROM enterprise_visits t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM enterprise_needs t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM cultivations t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM visit_campaigns t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM inspection_programmes t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM rectifications t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT count(*)::text FROM rectification_rechecks t JOIN rectifications r ON r.id = t.rectification_id WHERE r.community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM topics t WHERE community_id = ${fx.yxq} AND title = '矩阵测试'
    UNION ALL SELECT t::text FROM party_orgs t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM party_members t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM community_committee_members t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT count(*)::text FROM party_anchor_links t
    UNION ALL SELECT t::text FROM two_new_orgs t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT count(*)::text FROM party_activity_organisers t
    UNION ALL SELECT t::text FROM party_projects t WHERE community_id = ${fx.yxq}
    UNION ALL SELECT t::text FROM party_project_milestones t JOIN party_projects p ON p.id = t.project_id WHERE p.community_id = ${fx.yxq}
    UNION ALL SELECT count(*)::text FROM patrol_tasks t WHERE community_id = ${fx.yxq}
  ) s`);
  return r.h;
}

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------

const clients = new Map<string, Client>();
const userIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  const areas = await q<{ id: string; name: string; path: string; level: string; center: unknown }>(sql`SELECT id::text AS id, name, path, level, center FROM areas`);
  const byName = (n: string) => areas.find((a) => a.name === n)!;
  fx.hk = byName("红康社区").id;
  fx.yxq = byName("怡心桥社区").id;
  fx.hkPath = byName("红康社区").path;
  const users = await q<{ username: string; id: string; area: string }>(sql`SELECT username, id::text AS id, area_id::text AS area FROM users WHERE username IS NOT NULL`);
  fx.users = Object.fromEntries(users.map((u) => [u.username, u.id]));
  const grid1 = users.find((u) => u.username === "hk_grid1")!.area;
  const grid2 = users.find((u) => u.username === "hk_grid2")!.area;
  fx.grid1 = grid1;
  fx.grid2 = grid2;
  fx.grid1Path = areas.find((a) => a.id === grid1)!.path;
  fx.yxqGrid = users.find((u) => u.username === "yxq_grid1")!.area;
  const micro = await q<{ lng: number; lat: number }>(sql`SELECT (center)[0] AS lng, (center)[1] AS lat FROM areas WHERE parent_id = ${grid1} ORDER BY name LIMIT 1`);
  fx.hkPoint = [Number(micro[0].lng), Number(micro[0].lat)];
  fx.template = (await one(sql`SELECT id FROM checklist_templates WHERE current ORDER BY id LIMIT 1`))!;
  fx.ownSlug = (await q<{ slug: string }>(sql`SELECT slug FROM recruitment_calls WHERE community_id = ${fx.hk} ORDER BY id LIMIT 1`))[0]?.slug ?? "none";
  fx.month = (await q<{ m: string }>(sql`SELECT to_char(max(period_start), 'YYYY-MM') AS m FROM patrol_tasks`))[0].m;
  const now = new Date(Date.now() + 8 * 3600_000);
  fx.today = now.toISOString().slice(0, 10);
  fx.from = new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);

  await makeForeignFixtures();

  const kinds = Object.keys({ ...OTHER_GRID, compound: 1, place: 1, importJob: 1, correction: 1, resolution: 1, questionnaire: 1, unit: 1, call: 1, application: 1, team: 1, assignment: 1, series: 1, pointUser: 1, reward: 1, file: 1, mapFeature: 1, notice: 1, apiKey: 1, partyOrg: 1, partyMember: 1, twoNew: 1, project: 1, enterprise: 1, campaign: 1, need: 1, cultivation: 1, programme: 1, rectification: 1 }) as Kind[];
  for (const k of kinds) {
    FOREIGN[k] ??= (await pick(k, fx.yxq, anyArea)) ?? undefined;
    OWN[k] = (await pick(k, fx.hk, ["compound", "building", "household", "person", "place", "plan", "task", "submission", "case", "linkedCase", "enterprise", "need", "rectification"].includes(k) ? under(fx.grid1Path) : anyArea)) ?? undefined;
    if (OTHER_GRID[k]) GRID[k] = (await pick(k, fx.hk, notUnder(fx.grid1Path))) ?? undefined;
  }
  FOREIGN.attendance = (await one(sql`SELECT id FROM meeting_attendance WHERE meeting_id = ${FOREIGN.meeting!} ORDER BY id LIMIT 1`)) ?? undefined;
  OWN.attendance = (await one(sql`SELECT id FROM meeting_attendance WHERE meeting_id = ${OWN.meeting!} ORDER BY id LIMIT 1`)) ?? undefined;
  FOREIGN.talent = (await one(sql`SELECT talent_id AS id FROM team_members WHERE team_id = ${FOREIGN.team!} ORDER BY talent_id LIMIT 1`)) ?? undefined;
  OWN.talent = (await one(sql`SELECT talent_id AS id FROM team_members WHERE team_id = ${OWN.team!} ORDER BY talent_id LIMIT 1`)) ?? undefined;
  FOREIGN.gridWorker = fx.users.yxq_grid1;
  FOREIGN.staffUser = fx.users.yxq_staff;
  GRID.gridWorker = fx.users.hk_grid2;
  fx.foreignTagCode = (await q<{ code: string }>(sql`SELECT tag_code AS code FROM person_tags WHERE person_id = ${FOREIGN.person!} AND removed_at IS NULL ORDER BY tag_code LIMIT 1`))[0].code;
  // the demo resident proposes a phone correction of their own record: the answer must mask it
  const resident = await phoneClient(t, "13900000001");
  clients.set("hk_resident", resident);
  const own = await resident.post("/api/me/person/corrections", { field: "phone", proposed: "13912345678" });
  if (own.statusCode !== 200) fixtureProblems.push(`hk correction: ${own.statusCode} ${own.body.slice(0, 200)}`);
  OWN.correction = (await pick("correction", fx.hk, anyArea)) ?? undefined;
  // … and reports a case in grid 2 with a photo: readable by staff of its scope and the reporter only
  const g2 = await q<{ lng: number; lat: number }>(sql`SELECT (center)[0] AS lng, (center)[1] AS lat FROM areas WHERE parent_id = ${fx.grid2} ORDER BY name LIMIT 1`);
  const casePhoto = await upload(resident);
  const reported = await resident.post("/api/cases", { categoryCode: "sanitation", description: "矩阵测试上报", location: [Number(g2[0].lng), Number(g2[0].lat)], photoIds: [casePhoto] });
  if (reported.statusCode !== 200) fixtureProblems.push(`hk resident case: ${reported.statusCode} ${reported.body.slice(0, 200)}`);
  grid2CasePhoto = casePhoto;
  for (const c of CALLERS) if (c.phone && !clients.has(c.key)) clients.set(c.key, await phoneClient(t, c.phone));
  for (const c of CALLERS) if (c.username) clients.set(c.key, await as(t, c.username));
  for (const c of CALLERS) {
    const me = await clients.get(c.key)!.get("/api/auth/me");
    userIds.set(c.key, me.json().user.id);
  }

  await loadMarkers();
  for (const r of restricted) restrictedById.set(r.id, r);

  ROUTES = (t.app.routeCatalog as Array<{ method: string | string[]; url: string; config?: { policy?: string }; schema?: { querystring?: { shape?: object } } }>)
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: m, url: r.url, policy: r.config?.policy ?? "", query: Object.keys(r.schema?.querystring?.shape ?? {}) })))
    .filter((r) => r.url.startsWith("/api/") && r.method !== "HEAD");
});
afterAll(() => t.close());

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe("the matrix itself", () => {
  it("has its fixtures, a foreign id for every kind a route names, and detectors that fire", async () => {
    expect(fixtureProblems).toEqual([]);
    const missing: string[] = [];
    const unmapped: string[] = [];
    for (const r of ROUTES) {
      for (const p of paramsOf(r.url)) {
        const kind = kindOf(r.url, p);
        if (!kind && !fixedOf(r.url, p)) unmapped.push(`${r.method} ${r.url} :${p}`);
        if (kind && !FOREIGN[kind]) missing.push(`foreign ${kind} (${r.url})`);
      }
    }
    expect(unmapped, "route parameters with no kind: add them to PARAM_KINDS or NOT_OWNED").toEqual([]);
    expect([...new Set(missing)]).toEqual([]);
    const uncovered = ROUTES.filter((r) => r.method !== "GET" && paramsOf(r.url).length > 0)
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !WRITES.some((w) => `${w.method} ${w.url}` === k) && !(k in WRITES_LEFT_OUT));
    expect(uncovered, "write routes with an id that are neither sampled nor left out with a reason").toEqual([]);
    expect(restricted.filter((r) => r.what === "key-person plan").length).toBeGreaterThan(0);
    expect(foreignNames.size).toBeGreaterThan(100);
    // The demo accounts of /api/config are for this machine only.
    const remote = await t.app.inject({ method: "GET", url: "/api/config", remoteAddress: "203.0.113.7" });
    expect(remote.statusCode).toBe(200);
    expect(remote.json().demoAccounts ?? []).toEqual([]);
    // The community secretary sees the key-person plans (person:restricted); the detector knows them.
    const kp = await call(clients.get("hk_secretary")!, "GET", "/api/patrols/plans?targetKind=key_person");
    expect(kp.status).toBe(200);
    expect((kp.values ?? []).filter(([, s]) => restrictedById.get(s)?.what === "key-person plan").length).toBeGreaterThan(0);
    // … and the restricted detector fires on them for a role without person:restricted.
    expect(scan({ caller: CALLERS[1], userId: "none", seesRestricted: false, grid: false }, "/api/patrols/plans", kp.values ?? []).length).toBeGreaterThan(0);
    // The grid detector fires on the whole community's people list, the masking detectors on full numbers.
    const everyone = await call(clients.get("hk_staff")!, "GET", "/api/people?limit=50");
    expect(scan({ caller: CALLERS[2], userId: "none", seesRestricted: false, grid: true }, "/api/people", everyone.values ?? []).length).toBeGreaterThan(0);
    const plain = scan({ caller: CALLERS[1], userId: "none", seesRestricted: false, grid: false }, "/api/x", [["$.a", "手机13812345678"], ["$.b", testIdNumber(7)], ["$.c", "138****5678"], ["$.d", "925301029489933771"]]);
    expect(plain.map((f) => f.split(" at ")[0]).sort()).toEqual(["unmasked ID number", "unmasked mobile number"]);
    // The detectors see 怡心桥 in 怡心桥's own answers.
    const yxq = await as(t, "yxq_staff");
    const who: Who = { caller: CALLERS[1], userId: "none", seesRestricted: false, grid: false };
    for (const url of ["/api/cases?limit=20", "/api/people?limit=20", "/api/areas/tree"]) {
      const a = await call(yxq, "GET", url);
      expect(scan(who, url.split("?")[0], a.values ?? []).length, url).toBeGreaterThan(0);
    }
  });
});

for (const caller of CALLERS) {
  describe(caller.key, () => {
    const who = (): Who => ({ caller, userId: userIds.get(caller.key)!, seesRestricted: can(caller.role, "person:restricted"), grid: caller.key === "hk_grid1" });

    it("reads: every GET, with its own ids, the other community's ids and area filters, and another grid's", async () => {
      const c = clients.get(caller.key)!;
      const w = { ...who(), notTheirs: await notTheirs(caller, userIds.get(caller.key)!) };
      const failures: string[] = [];
      const check = (label: string, route: string, a: Answer, expect: "any" | "hidden" | "filter", unmasked = false) => {
        if (a.status >= 500) failures.push(`${label} → ${a.status} (5xx)${a.note}`);
        else if (expect === "hidden" && a.status < 300) failures.push(`${label} → ${a.status}: answers for an object the caller may not see`);
        else if (expect === "hidden" && ![403, 404].includes(a.status)) failures.push(`${label} → ${a.status}, expected 404 or 403${a.note}`);
        else if (expect === "any" && a.status === 400) failures.push(`${label} → 400 (the matrix sends a bad request?)${a.note}`);
        if (a.status < 300 && !a.values && !(route in NOT_JSON)) failures.push(`${label} → ${a.status}: a body the matrix cannot read (add the route to NOT_JSON with a reason)`);
        if (a.status < 300 && a.values) for (const f of scan(w, route, a.values, unmasked)) failures.push(`${label} → ${a.status}: ${f}`);
      };
      let calls = 0;
      for (const r of ROUTES.filter((x) => x.method === "GET")) {
        if (r.url in NOT_CALLED) continue;
        const base = baseQuery(r.url, caller);
        // with its own ids (or none): the caller's own scope
        const own = fill(r.url, OWN);
        if (own) {
          check(`GET ${own}${qs(base)}`, r.url, await call(c, "GET", own + qs(base)), paramsOf(r.url).some((p) => kindOf(r.url, p)) ? "filter" : "any");
          calls++;
        }
        // with the other community's id in each id parameter
        for (const p of paramsOf(r.url)) {
          const kind = kindOf(r.url, p);
          if (!kind) continue;
          const ids = { ...OWN, [kind]: FOREIGN[kind] };
          if (kind === "attendance") ids.meeting = FOREIGN.meeting;
          if (kind === "activityPhoto") ids.activity = FOREIGN.activity;
          if (kind === "talent") ids.team = FOREIGN.team;
          const url = fill(r.url, ids);
          if (!url) continue;
          check(`GET ${url} [foreign ${kind}]`, r.url, await call(c, "GET", url + qs(base)), "hidden");
          calls++;
          if (w.grid && OTHER_GRID[kind] === "hidden" && GRID[kind]) {
            const gu = fill(r.url, { ...OWN, [kind]: GRID[kind] });
            if (gu) {
              check(`GET ${gu} [other grid's ${kind}]`, r.url, await call(c, "GET", gu + qs(base)), "hidden");
              calls++;
            }
          }
        }
        // with the other community's id (and another grid's) in each id filter of the query
        if (!own) continue;
        for (const key of r.query) {
          const kind = QUERY_IDS[key];
          if (!kind) continue;
          const foreign = kind === "community" ? [fx.yxq, ...(key === "areaId" ? [fx.yxqGrid] : [])] : [FOREIGN[kind as Kind]];
          for (const f of foreign) {
            if (!f) continue;
            const url = own + qs({ ...base, [key]: f });
            check(`GET ${url} [foreign ${key}]`, r.url, await call(c, "GET", url), "filter");
            calls++;
          }
          if (w.grid) {
            const g = kind === "community" ? (key === "areaId" ? fx.grid2 : undefined) : GRID[kind as Kind];
            if (g) {
              const url = own + qs({ ...base, [key]: g });
              check(`GET ${url} [other grid's ${key}]`, r.url, await call(c, "GET", url), "filter");
              calls++;
            }
          }
        }
        if (r.url === "/api/patrols/ledger/target") {
          for (const [type, kind] of [["person", "person"], ["household", "household"], ["place", "place"]] as const) {
            const url = `${r.url}?type=${type}&id=${FOREIGN[kind]}`;
            check(`GET ${url} [foreign ${kind}]`, r.url, await call(c, "GET", url), "hidden");
            calls++;
            if (w.grid && GRID[kind]) {
              const gu = `${r.url}?type=${type}&id=${GRID[kind]}`;
              check(`GET ${gu} [other grid's ${kind}]`, r.url, await call(c, "GET", gu), "hidden");
              calls++;
            }
          }
        }
      }
      for (const [route, url] of extraGets(caller)) {
        check(`GET ${url}`, route, await call(c, "GET", url), "filter");
        calls++;
      }
      // the photo of a visit to a 重点人员: the visitor and person:restricted only
      const photo = `/api/files/${keyVisit.photo}`;
      check(`GET ${photo} [photo of a visit to a 重点人员]`, "/api/files/:id", await call(c, "GET", photo), w.seesRestricted || caller.key === "hk_grid1" ? "filter" : "hidden");
      for (const url of Object.keys(UNMASK_CALLS)) {
        const may = can(caller.role, "person:unmask");
        check(`GET ${url} [deliberate unmasking]`, "/api/registry/export", await call(c, "GET", url), may ? "any" : "hidden", may);
        calls++;
      }
      const casePhoto = `/api/files/${grid2CasePhoto}`;
      check(`GET ${casePhoto} [photo of a case in grid 2]`, "/api/files/:id", await call(c, "GET", casePhoto), GRID2_CASE_PHOTO_READERS.includes(caller.key) ? "filter" : "hidden");
      calls += 2;
      console.log(`${caller.key}: ${calls} reads, ${failures.length} failures`);
      expect(calls).toBeGreaterThan(100);
      expect(failures.length, "\n" + failures.join("\n") + "\n").toBe(0);
    });

    it("writes: a sample of writes on the other community's objects (and another grid's) answer 404 or 403 and change nothing", async () => {
      const c = clients.get(caller.key)!;
      const failures: string[] = [];
      const targets: Array<[string, Partial<Record<Kind, string>>]> = [["foreign", { ...OWN, ...FOREIGN }]];
      if (who().grid) targets.push(["other grid's", { ...OWN, ...Object.fromEntries(Object.entries(GRID).filter(([k]) => OTHER_GRID[k as Kind] === "hidden")) }]);
      // a key-person plan of 红康 (and its latest task), hidden from roles without person:restricted but its assignee
      const kpPlan = restricted.find((r) => r.what === "key-person plan" && r.assignee !== who().userId && r.assignee === fx.users.hk_grid1);
      if (!who().seesRestricted && kpPlan) targets.push(["重点人员", { ...OWN, plan: kpPlan.id, task: latestTaskOf.get(kpPlan.id) }]);
      for (const [label, ids] of targets) {
        const before = await fingerprint(ids);
        for (const wr of WRITES) {
          // another grid's ids only matter for grid-scoped resources, a key person's for patrol plans and tasks
          if (label === "other grid's" && !paramsOf(wr.url).some((p) => OTHER_GRID[kindOf(wr.url, p) as Kind] === "hidden") && wr.url !== "/api/registry/visits") continue;
          if (label === "重点人员" && !paramsOf(wr.url).some((p) => ["plan", "task"].includes(kindOf(wr.url, p) ?? ""))) continue;
          const url = fill(wr.url, ids);
          if (!url) {
            failures.push(`${wr.method} ${wr.url}: no ${label} id to try`);
            continue;
          }
          const a = await call(c, wr.method, url + (wr.query?.(ids) ?? ""), wr.body?.(ids));
          const line = `${wr.method} ${url} [${label}]`;
          if (a.status >= 500) failures.push(`${line} → ${a.status} (5xx)${a.note}`);
          else if (a.status < 300) failures.push(`${line} → ${a.status}: a write on an object the caller may not see succeeded`);
          else if (![403, 404].includes(a.status)) failures.push(`${line} → ${a.status}, expected 404 or 403${a.note}`);
        }
        const after = await fingerprint(ids);
        if (after !== before) failures.push(`the ${label} objects written to changed`);
      }
      expect(failures.length, "\n" + failures.join("\n") + "\n").toBe(0);
    });
  });
}
