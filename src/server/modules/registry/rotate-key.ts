import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db, type Tx } from "../../db/client";
import { PersonalDataCipher } from "../../platform/personal-data";
import { writeAudit } from "../../platform/audit";

/** Every encrypted column, with the blind-index column computed from it (if any). */
const ENCRYPTED: Array<{ table: string; enc: string; hash?: string; only?: SQL }> = [
  { table: "persons", enc: "id_number_enc", hash: "id_number_hash" },
  { table: "persons", enc: "phone_enc", hash: "phone_hash" },
  { table: "users", enc: "phone_enc", hash: "phone_hash" },
  { table: "places", enc: "contact_phone_enc" },
  { table: "cases", enc: "reporter_phone_enc" },
  // A resident's proposed phone or ID number is sealed like the column it corrects.
  { table: "correction_requests", enc: "proposed", only: sql`field IN ('phone', 'idNumber') AND proposed LIKE 'v1.%'` },
];
const PAGE = 2000;

async function rotateColumn(tx: Tx, from: PersonalDataCipher, to: PersonalDataCipher, c: (typeof ENCRYPTED)[number]): Promise<number> {
  let last = "00000000-0000-0000-0000-000000000000";
  let done = 0;
  for (;;) {
    const rows = rowsOf<{ id: string; v: string }>(
      await tx.execute(sql`SELECT id::text AS id, ${sql.identifier(c.enc)} AS v FROM ${sql.identifier(c.table)}
        WHERE id > ${last}::uuid AND ${sql.identifier(c.enc)} IS NOT NULL ${c.only ? sql`AND ${c.only}` : sql``} ORDER BY id LIMIT ${PAGE}`),
    );
    if (rows.length === 0) return done;
    const values = rows.map((r) => {
      const plain = from.decrypt(r.v);
      return sql`(${r.id}::uuid, ${to.encrypt(plain)}, ${c.hash ? to.blindIndex(plain) : null})`;
    });
    await tx.execute(sql`UPDATE ${sql.identifier(c.table)} t SET ${sql.identifier(c.enc)} = v.enc
      ${c.hash ? sql`, ${sql.identifier(c.hash)} = v.hash` : sql``}
      FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, enc, hash) WHERE t.id = v.id`);
    done += rows.length;
    last = rows[rows.length - 1].id;
  }
}

/**
 * Re-encrypts every personal field under a new key and recomputes the blind indexes, in one
 * transaction: either all rows move to the new key or none do. One-time codes are dropped (their
 * hashes depend on the key).
 */
export async function rotatePersonalDataKey(db: Db, from: PersonalDataCipher, to: PersonalDataCipher): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const c of ENCRYPTED) counts[`${c.table}.${c.enc}`] = await rotateColumn(tx, from, to, c);
    await tx.execute(sql`DELETE FROM otp_codes`);
    await writeAudit(tx, { user: null, ip: "cli", locale: "zh-CN" }, { action: "key.rotate", targetType: "key", targetId: to.keyId, before: { keyId: from.keyId }, after: counts });
    return counts;
  });
}

/** A sample encrypted value, to tell which key the data is under. */
export async function sampleCiphertext(db: Db): Promise<string | null> {
  const rows = rowsOf<{ v: string }>(
    await db.execute(sql`SELECT id_number_enc AS v FROM persons LIMIT 1`),
  );
  if (rows[0]) return rows[0].v;
  const u = rowsOf<{ v: string }>(await db.execute(sql`SELECT phone_enc AS v FROM users WHERE phone_enc IS NOT NULL LIMIT 1`));
  return u[0]?.v ?? null;
}

export function decrypts(cipher: PersonalDataCipher, token: string | null): boolean {
  if (!token) return true;
  try {
    cipher.decrypt(token);
    return true;
  } catch {
    return false;
  }
}
