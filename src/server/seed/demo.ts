import type { Db } from "../db/client";
import { areas, buildings, compounds, households, installation, mapFeatures, partyMembers, partyOrgs, persons, places, users } from "../db/schema/index";
import { hashPassword as argon2Hash } from "../platform/passwords";
import type { PersonalDataCipher } from "../platform/personal-data";
import { assignResidentPhone, buildAccounts, type AccountSummary } from "./accounts";
import { buildAreaTree } from "./areas";
import { seedCases } from "./cases";
import { seedPatrols } from "./patrols";
import { seedDeliberation } from "./deliberation";
import { seedPersonTags } from "./tags";
import { seedPartners } from "./partners";
import { seedAuditHistory } from "./audit-history";
import { seedEnterprise } from "./enterprise";
import { seedNotices } from "./notices";
import { COMMUNITIES } from "./communities";
import { buildGeodata } from "./geodata";
import { buildHousing, type BuildingRow, type CompoundRow } from "./housing";
import { CreditCodeRegistry, IdNumberRegistry, PhoneRegistry } from "./identity";
import { insertBatches } from "./insert";
import { buildParty, type PartyMemberRow, type PartyOrgRow } from "./party";
import { seedPartyWork } from "./party-work";
import { seedPartyCommittees } from "./party-committees";
import { buildPeople, toPersonRow, type HouseholdRow, type PersonRow, type PlainPerson } from "./people";
import { buildPlaces, type PlaceRow } from "./places";
import { Rng, seededUuidFactory } from "./random";

/**
 * The demo data set: the area tree of 红康社区 and 怡心桥社区 (Kunming) with their compounds,
 * buildings, households, residents, places, party organisation and sign-in accounts, as described
 * in the source articles, and the history of cases reported there since each community was founded.
 * One seed number always gives the same data; everything is synthetic.
 */

export const DEMO_PASSWORD = "Linli@2026";

export type SeedSummary = {
  accounts: Array<{ username: string | null; phone: string | null; role: string; displayName: string; area: string }>;
  counts: Record<string, number>;
};

export async function seedDemo(
  db: Db,
  cipher: PersonalDataCipher,
  opts: { seed: number; hashPassword?: (pw: string) => Promise<string> },
): Promise<SeedSummary> {
  // argon2 is slow: hash the one shared password while the rows are being generated.
  const hashing = (opts.hashPassword ?? argon2Hash)(DEMO_PASSWORD);
  hashing.catch(() => undefined);

  const root = new Rng(opts.seed);
  const newId = seededUuidFactory(root.fork("ids"));
  const tree = buildAreaTree(newId);
  const idNumbers = new IdNumberRegistry();
  const phones = new PhoneRegistry();
  const creditCodes = new CreditCodeRegistry();
  phones.reserve(...COMMUNITIES.flatMap((c) => [c.residentPhone, c.riderPhone]));

  const compoundRows: CompoundRow[] = [];
  const buildingRows: BuildingRow[] = [];
  const householdRows: HouseholdRow[] = [];
  const plainPersons: PlainPerson[] = [];
  const placeRows: PlaceRow[] = [];
  const orgRows: PartyOrgRow[] = [];
  const memberRows: PartyMemberRow[] = [];
  const residents = new Map<string, PlainPerson>();
  const counts: Record<string, number> = {};

  for (const ca of tree.communities) {
    const key = ca.spec.key;
    const rng = root.fork(key);
    const housing = buildHousing(rng.fork("housing"), ca, newId);
    const people = buildPeople(rng.fork("people"), ca, housing.rooms, newId, idNumbers, phones);
    residents.set(key, assignResidentPhone(people.persons, ca.spec.residentPhone));
    const party = buildParty(rng.fork("party"), ca, housing.compounds, people.persons, newId);
    const communityPlaces = buildPlaces(rng.fork("places"), ca, newId, phones, creditCodes, cipher);

    compoundRows.push(...housing.compounds);
    buildingRows.push(...housing.buildings);
    householdRows.push(...people.households);
    plainPersons.push(...people.persons);
    placeRows.push(...communityPlaces);
    orgRows.push(...party.orgs);
    memberRows.push(...party.members);

    const kinds = (k: PlaceRow["kind"]) => communityPlaces.filter((p) => p.kind === k).length;
    Object.assign(counts, {
      [`${key}.grids`]: ca.grids.length,
      [`${key}.microgrids`]: ca.microgrids.length,
      [`${key}.compounds`]: housing.compounds.length,
      [`${key}.buildings`]: housing.buildings.length,
      [`${key}.households`]: people.households.length,
      [`${key}.persons`]: people.persons.length,
      [`${key}.partyOrgs`]: party.orgs.length,
      [`${key}.partyBranches`]: party.orgs.length - 1,
      [`${key}.partyMembers`]: party.members.length,
      [`${key}.places`]: communityPlaces.length,
      [`${key}.publicUnits`]: kinds("public_unit"),
      [`${key}.enterprises`]: kinds("enterprise"),
      [`${key}.shops`]: kinds("shop"),
      [`${key}.commercialCentres`]: kinds("commercial_centre"),
      [`${key}.riderStations`]: kinds("rider_station"),
    });
  }

  // The base map: footprints, outlines, streets, the river; and the address search terms.
  const geodata = buildGeodata(root.fork("geodata"), tree, compoundRows, buildingRows, placeRows);
  const personRows: PersonRow[] = plainPersons.map((p) => toPersonRow(p, cipher));
  const passwordHash = await hashing;
  const accounts = buildAccounts(root.fork("accounts"), tree, residents, passwordHash, cipher, newId);

  await db.transaction(async (tx) => {
    // Marks the database as demo data: demo mode refuses to start over a database without this mark.
    await tx.insert(installation).values({ id: 1, demo: true }).onConflictDoUpdate({ target: installation.id, set: { demo: true } });
    await insertBatches(tx, areas, tree.rows);
    await insertBatches(tx, compounds, compoundRows);
    await insertBatches(tx, buildings, buildingRows);
    await insertBatches(tx, households, householdRows);
    await insertBatches(tx, persons, personRows);
    await insertBatches(tx, places, placeRows);
    await insertBatches(tx, mapFeatures, geodata.features);
    await insertBatches(tx, partyOrgs, orgRows);
    await insertBatches(tx, partyMembers, memberRows);
    await insertBatches(tx, users, accounts.rows);
    const caseCounts = await seedCases(tx, root.fork("cases"), {
      tree,
      accounts,
      compounds: compoundRows,
      buildings: buildingRows,
      places: placeRows,
      persons: plainPersons,
      phones,
      cipher,
    });
    Object.assign(counts, caseCounts);
    await seedPersonTags(tx);
    Object.assign(counts, await seedPatrols(tx, root.fork("patrols")));
    await seedDeliberation(tx, root.fork("deliberation"));
    await seedPartners(tx, root.fork("partners"));
    Object.assign(counts, await seedPartyWork(tx, root.fork("party-work"), cipher));
    Object.assign(counts, await seedPartyCommittees(tx, root.fork("party-committees")));
    Object.assign(counts, await seedEnterprise(tx, root.fork("enterprise")));
    counts.notices = await seedNotices(tx, root.fork("notices"));
    // The audit log of the seeded history, once all of it is in place.
    counts.auditRows = await seedAuditHistory(tx);
    // Every account the seed made (staff, demo phones, volunteers and riders of the partner data)
    // is a demo account: listed in demo mode, refused by a production start while active.
    await tx.update(users).set({ demo: true });
  });

  Object.assign(counts, {
    areas: tree.rows.length,
    compounds: compoundRows.length,
    buildings: buildingRows.length,
    households: householdRows.length,
    persons: personRows.length,
    places: placeRows.length,
    mapFeatures: geodata.features.length,
    partyOrgs: orgRows.length,
    partyMembers: memberRows.length,
    users: accounts.rows.length,
  });
  const summary: AccountSummary[] = accounts.summary;
  return { accounts: summary, counts };
}
