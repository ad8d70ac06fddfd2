import type { households, persons } from "../db/schema/places";
import type { PersonalDataCipher } from "../platform/personal-data";
import type { CommunityAreas } from "./areas";
import type { Room } from "./housing";
import { IdNumberRegistry, PhoneRegistry, randomDateIn, REGION_WUHUA, REGION_XISHAN, type Sex } from "./identity";
import { personName, surname } from "./names";
import type { Rng } from "./random";

/**
 * Households (户) and residents (居民): household sizes that add up to the community's exact
 * population, family compositions with plausible ages, and ID numbers / phones that agree with them.
 */

/** Ages are counted at 2026-01-01: someone aged `a` was born in 2025 − a. */
export const REFERENCE_YEAR = 2026;

export type HouseholdRow = typeof households.$inferInsert & { id: string };
export type PersonRow = typeof persons.$inferInsert;
type Relation = NonNullable<PersonRow["relation"]>;
type Residence = NonNullable<PersonRow["residence"]>;

/** A resident before encryption; later steps (party, accounts) pick people from these. */
export type PlainPerson = {
  id: string;
  communityId: string;
  areaId: string;
  householdId: string;
  compound: number;
  name: string;
  sex: Sex;
  age: number;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  relation: Relation;
  residence: Residence;
};

type Member = { relation: Relation; sex: Sex; age: number; surname: string };

const SIZE_WEIGHTS: Array<readonly [number, number]> = [[1, 0.3], [2, 0.34], [3, 0.23], [4, 0.09], [5, 0.04]];

/** `count` household sizes of 1–5 summing to exactly `people`. */
export function householdSizes(rng: Rng, count: number, people: number): number[] {
  if (people < count || people > count * 5) throw new Error("Impossible household sizes");
  const sizes = Array.from({ length: count }, () => rng.weighted(SIZE_WEIGHTS));
  let sum = sizes.reduce((a, b) => a + b, 0);
  while (sum !== people) {
    const i = rng.int(0, count - 1);
    if (sum > people && sizes[i] > 1) {
      sizes[i]--;
      sum--;
    } else if (sum < people && sizes[i] < 5) {
      sizes[i]++;
      sum++;
    }
  }
  return sizes;
}

const opposite = (s: Sex): Sex => (s === "M" ? "F" : "M");
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Family members of a household of `size` people, head first. */
function compose(rng: Rng, size: number): Member[] {
  const r = rng.float();
  const family = surname(rng);
  const out: Member[] = [];
  const head = (lo: number, hi: number, sex: Sex = rng.chance(0.7) ? "M" : "F") => {
    const m: Member = { relation: "head", sex, age: rng.int(lo, hi), surname: family };
    out.push(m);
    return m;
  };
  const spouse = (h: Member) => {
    const gap = rng.int(-2, 5);
    const age = clamp(h.sex === "M" ? h.age - gap : h.age + gap, 20, 99);
    out.push({ relation: "spouse", sex: opposite(h.sex), age, surname: surname(rng) });
  };
  // Children take the father's surname: the head's, or the husband's if the head is a woman.
  const paternal = () => (out[0].sex === "M" ? family : (out.find((m) => m.relation === "spouse")?.surname ?? family));
  const child = (h: Member, minAge = 0) => {
    const age = Math.max(minAge, h.age - rng.int(22, Math.min(40, Math.max(22, h.age))));
    const m: Member = { relation: "child", sex: rng.chance(0.51) ? "M" : "F", age, surname: paternal() };
    out.push(m);
    return m;
  };
  const parent = (h: Member, sex: Sex) =>
    out.push({ relation: "parent", sex, age: Math.min(99, h.age + rng.int(22, 34)), surname: sex === "M" ? family : surname(rng) });
  const grandchild = (lastName: string, parentAge: number) => {
    const age = parentAge >= 22 ? parentAge - rng.int(22, Math.min(36, parentAge)) : rng.int(0, 12);
    out.push({ relation: "grandchild", sex: rng.chance(0.51) ? "M" : "F", age, surname: lastName });
  };

  if (size === 1) {
    const old = rng.chance(0.45);
    head(old ? 60 : 20, old ? 92 : 59, rng.chance(old ? 0.4 : 0.55) ? "M" : "F");
  } else if (size === 2) {
    if (r < 0.62) spouse(head(23, 88));
    else if (r < 0.84) child(head(30, 80, rng.chance(0.35) ? "M" : "F"));
    else if (r < 0.94) parent(head(22, 60), rng.chance(0.4) ? "M" : "F");
    else {
      const h = head(20, 70);
      out.push({ relation: "sibling", sex: rng.chance(0.5) ? "M" : "F", age: clamp(h.age + rng.int(-8, 8), 16, 95), surname: family });
    }
  } else if (size === 3) {
    if (r < 0.68) {
      const h = head(25, 62);
      spouse(h);
      child(h);
    } else if (r < 0.83) {
      const h = head(26, 60);
      spouse(h);
      parent(h, rng.chance(0.4) ? "M" : "F");
    } else if (r < 0.93) {
      // Grandparents raising a grandchild (隔代抚养).
      const h = head(52, 78);
      spouse(h);
      out.push({ relation: "grandchild", sex: rng.chance(0.51) ? "M" : "F", age: rng.int(1, 15), surname: paternal() });
    } else {
      const h = head(30, 55, rng.chance(0.3) ? "M" : "F");
      child(h);
      child(h);
    }
  } else if (size === 4) {
    const h = head(r < 0.85 ? 28 : 26, r < 0.55 ? 55 : 60);
    spouse(h);
    if (r < 0.55) {
      child(h);
      child(h);
    } else if (r < 0.85) {
      child(h);
      parent(h, rng.chance(0.4) ? "M" : "F");
    } else {
      parent(h, "M");
      parent(h, "F");
    }
  } else {
    if (r < 0.75) {
      const h = head(r < 0.45 ? 30 : 28, r < 0.45 ? 58 : 55);
      spouse(h);
      child(h);
      if (r < 0.45) {
        child(h);
        parent(h, rng.chance(0.4) ? "M" : "F");
      } else {
        parent(h, "M");
        parent(h, "F");
      }
    } else {
      // Three generations: an older couple, a grown child with spouse, and a grandchild.
      const h = head(52, 75);
      spouse(h);
      const c = child(h, 22);
      const inLaw = surname(rng);
      out.push({ relation: "other", sex: opposite(c.sex), age: clamp(c.age + rng.int(-3, 3), 20, 80), surname: inLaw });
      grandchild(c.sex === "M" ? c.surname : inLaw, c.age);
    }
  }
  return out;
}

function phoneChance(age: number): number {
  if (age < 12) return 0;
  if (age < 18) return 0.6;
  if (age < 70) return 0.96;
  if (age < 80) return 0.8;
  return 0.5;
}

const RESIDENCE: Array<readonly [Residence, number]> = [["registered", 0.74], ["resident", 0.16], ["floating", 0.1]];

export function buildPeople(
  rng: Rng,
  ca: CommunityAreas,
  rooms: Room[],
  newId: () => string,
  idNumbers: IdNumberRegistry,
  phones: PhoneRegistry,
): { households: HouseholdRow[]; persons: PlainPerson[] } {
  const { spec } = ca;
  const communityId = ca.community.row.id;
  const sizes = householdSizes(rng, rooms.length, spec.persons);
  const householdRows: HouseholdRow[] = [];
  const people: PlainPerson[] = [];
  const otherRegion = spec.region === REGION_WUHUA ? REGION_XISHAN : REGION_WUHUA;

  rooms.forEach((room, i) => {
    const residence = rng.weighted(RESIDENCE);
    const household: HouseholdRow = {
      id: newId(),
      communityId,
      areaId: room.areaId,
      buildingId: room.buildingId,
      unitNo: room.unitNo,
      roomNo: room.roomNo,
      address: room.address,
      status: "active",
      movedInOn: randomDateIn(rng, residence === "registered" ? rng.int(2003, 2024) : rng.int(2016, 2025)),
    };
    householdRows.push(household);
    for (const m of compose(rng, sizes[i])) {
      const birthYear = REFERENCE_YEAR - 1 - m.age;
      const birthDate = randomDateIn(rng, birthYear);
      // Registered residents hold the district's own prefix; others come from either district.
      const region = residence === "registered" || rng.chance(0.5) ? spec.region : otherRegion;
      people.push({
        id: newId(),
        communityId,
        areaId: room.areaId,
        householdId: household.id,
        compound: room.compound,
        name: personName(rng, m.sex, birthYear, m.surname),
        sex: m.sex,
        age: m.age,
        birthDate,
        idNumber: idNumbers.issue(rng, region, birthDate, m.sex),
        phone: rng.chance(phoneChance(m.age)) ? phones.issue(rng) : null,
        relation: m.relation,
        residence,
      });
    }
  });
  return { households: householdRows, persons: people };
}

/** The stored row: ID number and phone encrypted, with blind index and last four characters. */
export function toPersonRow(p: PlainPerson, cipher: PersonalDataCipher): PersonRow {
  return {
    id: p.id,
    communityId: p.communityId,
    areaId: p.areaId,
    householdId: p.householdId,
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    idNumberEnc: cipher.encrypt(p.idNumber),
    idNumberHash: cipher.blindIndex(p.idNumber),
    idNumberTail: p.idNumber.slice(-4),
    phoneEnc: p.phone ? cipher.encrypt(p.phone) : null,
    phoneHash: p.phone ? cipher.blindIndex(p.phone) : null,
    phoneTail: p.phone ? p.phone.slice(-4) : null,
    relation: p.relation,
    residence: p.residence,
    status: "active",
  };
}
