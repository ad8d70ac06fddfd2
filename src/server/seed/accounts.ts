import type { Role, users } from "../db/schema/accounts";
import type { PersonalDataCipher } from "../platform/personal-data";
import type { AreaNode, AreaTree } from "./areas";
import { personName } from "./names";
import type { PlainPerson } from "./people";
import type { Rng } from "./random";

/**
 * Demo sign-in accounts: staff with user name and password (all share one password hash), and
 * per community a resident and a rider who sign in by phone.
 */

export type UserRow = typeof users.$inferInsert;
export type AccountSummary = { username: string | null; phone: string | null; role: string; displayName: string; area: string };

/**
 * Gives the demo resident's phone to a real resident: the first registered household head aged
 * 30–55 with a phone, in the community's first compound.
 */
export function assignResidentPhone(people: PlainPerson[], phone: string): PlainPerson {
  const p =
    people.find((x) => x.compound === 0 && x.relation === "head" && x.residence === "registered" && x.age >= 30 && x.age <= 55 && x.phone) ??
    people.find((x) => x.relation === "head" && x.age >= 18);
  if (!p) throw new Error("No resident for the demo account");
  p.phone = phone;
  return p;
}

type Spec = {
  username: string | null;
  phone?: string;
  role: Role;
  area: AreaNode;
  displayName: string;
  department?: string;
  personId?: string;
};

export function buildAccounts(
  rng: Rng,
  tree: AreaTree,
  residents: Map<string, PlainPerson>,
  passwordHash: string,
  cipher: PersonalDataCipher,
  newId: () => string,
): { rows: UserRow[]; summary: AccountSummary[] } {
  const name = (sex: "M" | "F" = rng.chance(0.5) ? "M" : "F") => personName(rng, sex, rng.int(1968, 1996));
  const [hongyun, qianwei] = tree.streets;
  const specs: Spec[] = [
    { username: "admin", role: "platform_admin", area: tree.city, displayName: "平台管理员" },
    { username: "hy_street", role: "street_officer", area: hongyun, displayName: name() },
    { username: "qw_street", role: "street_officer", area: qianwei, displayName: name() },
    { username: "hy_police", role: "department_officer", area: hongyun, displayName: name(), department: "派出所" },
    { username: "qw_fire", role: "department_officer", area: qianwei, displayName: name("M"), department: "消防队" },
  ];

  for (const ca of tree.communities) {
    const p = ca.spec.key;
    const community = ca.community;
    specs.push(
      { username: `${p}_secretary`, role: "community_secretary", area: community, displayName: name() },
      { username: `${p}_staff`, role: "community_staff", area: community, displayName: name() },
      { username: `${p}_branch`, role: "branch_secretary", area: community, displayName: name() },
      { username: `${p}_partner`, role: "partner_contact", area: community, displayName: name() },
      { username: `${p}_volunteer`, role: "volunteer", area: community, displayName: name() },
    );
    ca.grids.forEach((grid, g) => {
      specs.push({ username: `${p}_grid${g + 1}`, role: "grid_worker", area: grid, displayName: name() });
    });
    const resident = residents.get(p);
    if (!resident) throw new Error(`No demo resident for ${ca.spec.name}`);
    const home = ca.microgrids.find((m) => m.row.id === resident.areaId);
    if (!home) throw new Error("The demo resident's home is outside the community");
    specs.push(
      { username: null, phone: ca.spec.residentPhone, role: "resident", area: home, displayName: resident.name, personId: resident.id },
      { username: null, phone: ca.spec.riderPhone, role: "rider", area: community, displayName: name("M") },
    );
  }

  const rows = specs.map(
    (s): UserRow => ({
      id: newId(),
      username: s.username,
      passwordHash: s.username ? passwordHash : null,
      phoneEnc: s.phone ? cipher.encrypt(s.phone) : null,
      phoneHash: s.phone ? cipher.blindIndex(s.phone) : null,
      phoneTail: s.phone ? s.phone.slice(-4) : null,
      displayName: s.displayName,
      role: s.role,
      areaId: s.area.row.id,
      personId: s.personId ?? null,
      department: s.department ?? null,
      status: "active",
    }),
  );
  const summary = specs.map(
    (s): AccountSummary => ({ username: s.username, phone: s.phone ?? null, role: s.role, displayName: s.displayName, area: s.area.row.name }),
  );
  return { rows, summary };
}
