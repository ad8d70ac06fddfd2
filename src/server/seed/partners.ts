import type { Tx } from "../db/client";
import { users } from "../db/schema/accounts";
import { caseLinks } from "../db/schema/patrols";
import {
  activities,
  activityUnits,
  agreementItems,
  agreements,
  assignments,
  booths,
  partnerUnits,
  pointAccounts,
  pointEntries,
  recruitmentCalls,
  redemptions,
  resourceGivings,
  rewards,
  riderServices,
  signups,
  talentApplications,
  talents,
  teamMembers,
  teams,
} from "../db/schema/partners";
import { buildActivities } from "./partner-activities";
import { loadPartnerSeed } from "./partner-context";
import { buildTalent } from "./partner-talent";
import { buildUnits } from "./partner-units";
import { insertRows } from "./partner-insert";
import type { Rng } from "./random";

/**
 * The community partners of the demo (社区合伙人), as the articles tell them: 红康's four member
 * units of its part-time committee-member scheme, four recruitment calls, 200+ talents in six teams
 * that solved 140+ problems, six joint party days, 60+ anti-fraud sessions with 500+ leaflets,
 * monthly riverside markets with booths, the legal tea stall (60+ questions) and Friday services;
 * 怡心桥's nine 大党委 member units, rider services beside its eight stations, and riders in 21
 * clean-ups and 14 fire checks. The series run up to the data set's present (the day of the seed)
 * and a few weeks beyond it, so next week's activities are open for sign-up. Runs after the cases are written.
 */
export async function seedPartners(tx: Tx, rng: Rng): Promise<void> {
  const s = await loadPartnerSeed(tx, rng);
  const u = buildUnits(s);
  const t = await buildTalent(s);
  const a = buildActivities(s, u, t);

  await insertRows(tx, users, t.users);
  await insertRows(tx, partnerUnits, u.units);
  await insertRows(tx, agreements, u.agreements);
  await insertRows(tx, agreementItems, u.items);
  await insertRows(tx, resourceGivings, u.givings);
  await insertRows(tx, rewards, u.rewards);
  await insertRows(tx, riderServices, u.riderServices);
  await insertRows(tx, recruitmentCalls, t.calls);
  await insertRows(tx, talentApplications, t.applications);
  await insertRows(tx, talents, t.talents);
  await insertRows(tx, teams, t.teams);
  await insertRows(tx, teamMembers, t.members);
  await insertRows(tx, assignments, t.assignments);
  await insertRows(tx, caseLinks, t.caseLinks);
  await insertRows(tx, activities, a.activities);
  await insertRows(tx, activityUnits, a.activityUnits);
  await insertRows(tx, booths, a.booths);
  await insertRows(tx, signups, a.signups);
  await insertRows(tx, pointAccounts, a.accounts);
  await insertRows(tx, pointEntries, a.entries);
  await insertRows(tx, redemptions, a.redemptions);
}
