import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";

/**
 * Care and identity tags of the demo residents, decided by age, household and a deterministic draw
 * from each person's (seeded) id, so the same seed always tags the same people.
 */
export async function seedPersonTags(tx: Tx, refDate = "2026-01-01"): Promise<void> {
  const draw = sql.raw(`(abs(('x' || right(replace(p.id::text, '-', ''), 8))::bit(32)::int) % 10000)`);
  const age = sql`date_part('year', age(${refDate}::date, p.birth_date))`;
  const insert = (code: string, condition: ReturnType<typeof sql>, attrs = sql`'{}'::jsonb`) =>
    tx.execute(sql`
      INSERT INTO person_tags (id, person_id, tag_code, attrs, set_at)
      SELECT (substr(md5(p.id::text || ${code}), 1, 8) || '-' || substr(md5(p.id::text || ${code}), 9, 4) || '-7' || substr(md5(p.id::text || ${code}), 14, 3)
              || '-8' || substr(md5(p.id::text || ${code}), 18, 3) || '-' || substr(md5(p.id::text || ${code}), 21, 12))::uuid,
             p.id, ${code}, ${attrs}, '2024-01-15T09:00:00+08:00'
      FROM persons p WHERE p.status = 'active' AND (${condition})`);
  await insert("elderly_80", sql`${age} >= 80`);
  await insert("elderly_alone", sql`${age} >= 65 AND (SELECT count(*) FROM persons q WHERE q.household_id = p.household_id AND q.status = 'active') = 1`);
  await insert("party_member", sql`EXISTS (SELECT 1 FROM party_members m WHERE m.person_id = p.id)`);
  await insert("disabled", sql`${draw} < 150`);
  await insert("low_income", sql`p.relation = 'head' AND ${draw} BETWEEN 150 AND 259`);
  await insert("veteran", sql`p.sex = 'M' AND ${age} BETWEEN 30 AND 75 AND ${draw} BETWEEN 300 AND 449`);
  await insert("left_behind_child", sql`${age} < 16 AND ${draw} BETWEEN 500 AND 579`);
  await insert(
    "new_employment",
    sql`${age} BETWEEN 20 AND 45 AND ${draw} BETWEEN 600 AND 849`,
    sql`jsonb_build_object('platform', (ARRAY['美团', '饿了么', '顺丰', '京东', '滴滴'])[1 + ${draw} % 5])`,
  );
  await insert("volunteer", sql`${age} BETWEEN 18 AND 75 AND ${draw} BETWEEN 900 AND 1099`);
  await insert("talent", sql`${age} BETWEEN 22 AND 70 AND ${draw} BETWEEN 1100 AND 1209`);
  await insert("key_person", sql`${age} BETWEEN 18 AND 60 AND ${draw} BETWEEN 1300 AND 1307`);
}
