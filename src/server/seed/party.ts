import type { partyMembers, partyOrgs } from "../db/schema/party";
import type { CommunityAreas } from "./areas";
import type { CompoundRow } from "./housing";
import { randomDateIn } from "./identity";
import { REFERENCE_YEAR, type PlainPerson } from "./people";
import type { Rng } from "./random";

/**
 * The party organisation beside the area tree: one 社区党委, its 党支部 (per grid, per compound or
 * community-wide), and members chosen among the community's adult residents, all transferred in.
 */

export type PartyOrgRow = typeof partyOrgs.$inferInsert & { id: string };
export type PartyMemberRow = typeof partyMembers.$inferInsert;

/** Likelihood of being a member by age: older residents are more often party members. */
function memberWeight(age: number): number {
  if (age < 23) return 0;
  if (age < 35) return 0.3;
  if (age < 60) return 0.6;
  return 1;
}

export function buildParty(
  rng: Rng,
  ca: CommunityAreas,
  compounds: CompoundRow[],
  people: PlainPerson[],
  newId: () => string,
): { orgs: PartyOrgRow[]; members: PartyMemberRow[] } {
  const { spec } = ca;
  const communityId = ca.community.row.id;
  const committee: PartyOrgRow = { id: newId(), communityId, areaId: communityId, parentId: null, kind: "committee", name: spec.committee };
  const branches = spec.branches.map((b): PartyOrgRow & { scope: (typeof spec.branches)[number]["scope"] } => {
    const s = b.scope;
    const areaId = "grid" in s ? ca.grids[s.grid].row.id : "compound" in s ? compounds[s.compound].areaId : communityId;
    return { id: newId(), communityId, areaId, parentId: committee.id, kind: "branch", name: b.name, scope: s };
  });

  // Choose members: walk the residents in random order, accepting each by an age-based chance.
  const gridOf = new Map(ca.microgrids.map((m) => [m.row.id, m.grid]));
  const order = rng.shuffle(people.map((_, i) => i));
  const chosen: PlainPerson[] = [];
  const taken = new Set<number>();
  for (let pass = 0; chosen.length < spec.partyMembers && pass < 10; pass++) {
    for (const i of order) {
      if (chosen.length === spec.partyMembers) break;
      const p = people[i];
      if (!taken.has(i) && rng.chance(memberWeight(p.age) * 0.5)) {
        taken.add(i);
        chosen.push(p);
      }
    }
  }
  if (chosen.length < spec.partyMembers) throw new Error(`Not enough adults for ${spec.partyMembers} party members`);

  const byBranch = new Map<string, PartyMemberRow[]>();
  const members = chosen.map((p): PartyMemberRow => {
    const grid = gridOf.get(p.areaId);
    const candidates = branches.filter(({ scope: s }) =>
      "grid" in s ? s.grid === grid : "compound" in s ? s.compound === p.compound : s.community === (p.age >= 60 ? "retired" : "working"),
    );
    const branch = candidates.length > 0 ? rng.pick(candidates) : branches[0];
    const birthYear = REFERENCE_YEAR - 1 - p.age;
    const joinYear = rng.int(birthYear + 18, Math.min(REFERENCE_YEAR - 3, birthYear + 55));
    const row: PartyMemberRow = {
      id: newId(),
      communityId,
      personId: p.id,
      orgId: branch.id,
      joinedOn: randomDateIn(rng, joinYear),
      transferredIn: true,
      role: rng.weighted([["member", 0.8], ["building_leader", 0.11], ["anchor_household", 0.09]] as const),
    };
    const list = byBranch.get(branch.id) ?? [];
    list.push(row);
    byBranch.set(branch.id, list);
    return row;
  });
  // Each branch's secretary is one of its members.
  for (const b of branches) {
    const list = byBranch.get(b.id);
    if (list?.length) rng.pick(list).role = "secretary";
  }

  const orgs: PartyOrgRow[] = [committee, ...branches.map(({ scope: _scope, ...row }) => row)];
  return { orgs, members };
}
