import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import { communityCommitteeMembers } from "../db/schema/party";
import { insertBatches } from "./insert";
import { Rng, seededUuidFactory } from "./random";

/**
 * 社区“两委” of both communities, elected when each was founded: the party committee (书记, 副书记,
 * 委员) and the residents' committee (主任, 副主任, 委员), the secretary also chairing the residents'
 * committee (一肩挑). In 红康 the secretaries of the three grid branches (红康第一/二/三网格党支部)
 * are 委员 of the party committee — "社区“两委”成员中的党员主动担任3个居民区党支部书记" — and no
 * other 居民区 branch secretary sits on the 两委; one 红康 residents' committee member stepped down
 * in June 2025 and was replaced. The people are residents of the demo register (its synthetic
 * names); runs after the party-work seed (which names each branch's secretary).
 */

type Seat = { communityId: string; personId: string; committee: "party_committee" | "residents_committee"; position: string; fromOn: string; toOn?: string };

const q = async <T>(tx: Tx, query: SQL) => rowsOf<T>(await tx.execute(query));

export async function seedPartyCommittees(tx: Tx, rng: Rng): Promise<Record<string, number>> {
  const newId = seededUuidFactory(rng.fork("ids"), Date.UTC(2023, 6, 28));
  const communities = await q<{ id: string; name: string }>(tx, sql`SELECT id, name FROM areas WHERE level = 'community' AND name IN ('红康社区', '怡心桥社区') ORDER BY name`);
  const seats: Seat[] = [];
  for (const c of communities) {
    const hk = c.name === "红康社区";
    const elected = hk ? "2023-12-26" : "2023-07-28";
    // Party members who lead no branch, and residents who are not party members: adults of the register, no demo account.
    const plain = sql`p.community_id = ${c.id} AND p.status = 'active' AND p.birth_date BETWEEN '1962-01-01' AND '1995-12-31'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)`;
    const members = await q<{ id: string }>(tx, sql`SELECT p.id FROM persons p JOIN party_members m ON m.person_id = p.id
      WHERE ${plain} AND m.kind = 'transferred_in' AND m.role = 'member' AND NOT EXISTS (SELECT 1 FROM party_orgs o WHERE o.leader_member_id = m.id)
      ORDER BY md5(p.id::text || ${c.name}) LIMIT 2`);
    const others = await q<{ id: string }>(tx, sql`SELECT p.id FROM persons p
      WHERE ${plain} AND NOT EXISTS (SELECT 1 FROM party_members m WHERE m.person_id = p.id)
      ORDER BY md5(p.id::text || ${c.name}) LIMIT 5`);
    if (members.length < 2 || others.length < 5) throw new Error(`party committees seed: not enough residents in ${c.name}`);
    const [secretary, deputy] = members.map((m) => m.id);
    // The 两委's 书记 leads the community party committee (the root of the organisation tree).
    await tx.execute(sql`UPDATE party_orgs SET leader_member_id = (SELECT m.id FROM party_members m WHERE m.person_id = ${secretary} LIMIT 1)
      WHERE community_id = ${c.id} AND kind = 'committee' AND leader_member_id IS NULL`);
    seats.push(
      { communityId: c.id, personId: secretary, committee: "party_committee", position: "书记", fromOn: elected },
      { communityId: c.id, personId: deputy, committee: "party_committee", position: "副书记", fromOn: elected },
      { communityId: c.id, personId: secretary, committee: "residents_committee", position: "主任", fromOn: elected },
      { communityId: c.id, personId: others[0].id, committee: "residents_committee", position: "副主任", fromOn: elected },
      { communityId: c.id, personId: others[1].id, committee: "residents_committee", position: "委员", fromOn: elected },
    );
    if (hk) {
      // The three grid branches' secretaries sit on the party committee.
      const grid = await q<{ person_id: string }>(tx, sql`SELECT m.person_id FROM party_orgs o JOIN party_members m ON m.id = o.leader_member_id
        WHERE o.community_id = ${c.id} AND o.kind = 'branch' AND o.name LIKE '红康第_网格党支部' ORDER BY o.name`);
      if (grid.length !== 3) throw new Error("party committees seed: 红康's three grid branches have no secretaries");
      for (const g of grid) seats.push({ communityId: c.id, personId: g.person_id, committee: "party_committee", position: "委员", fromOn: elected });
      seats.push(
        { communityId: c.id, personId: others[2].id, committee: "residents_committee", position: "委员", fromOn: elected, toOn: "2025-06-30" },
        { communityId: c.id, personId: others[3].id, committee: "residents_committee", position: "委员", fromOn: "2025-07-01" },
      );
    } else {
      seats.push({ communityId: c.id, personId: others[2].id, committee: "residents_committee", position: "委员", fromOn: elected });
    }
  }
  await insertBatches(
    tx,
    communityCommitteeMembers,
    seats.map((s) => ({ id: newId(), ...s, toOn: s.toOn ?? null, createdAt: new Date(`${s.fromOn}T10:00:00+08:00`) })),
  );
  return { "party.committeeMembers": seats.length };
}
