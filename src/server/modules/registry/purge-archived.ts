import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../../db/client";
import { writeAudit } from "../../platform/audit";
import { addDays, localDay } from "../../platform/clock";

/**
 * Deletes households archived (moved out) more than `days` ago, with their members and everything
 * recorded about them. Run by the `purge` command; the retention period is configurable.
 */
export async function purgeArchived(db: Db, days: number, now = new Date()): Promise<{ households: number; persons: number }> {
  const before = addDays(localDay(now), -days);
  return db.transaction(async (tx) => {
    await tx.execute(sql`CREATE TEMP TABLE purge_h ON COMMIT DROP AS
      SELECT id FROM households WHERE status = 'archived' AND moved_out_on IS NOT NULL AND moved_out_on < ${before}::date`);
    await tx.execute(sql`CREATE TEMP TABLE purge_p ON COMMIT DROP AS SELECT id FROM persons WHERE household_id IN (SELECT id FROM purge_h)`);
    const [{ h, p }] = rowsOf<{ h: number; p: number }>(await tx.execute(sql`SELECT (SELECT count(*) FROM purge_h)::int AS h, (SELECT count(*) FROM purge_p)::int AS p`));
    if (Number(h) > 0) {
      await tx.execute(sql`DELETE FROM visit_photos WHERE visit_id IN (SELECT id FROM visits WHERE household_id IN (SELECT id FROM purge_h) OR person_id IN (SELECT id FROM purge_p))`);
      await tx.execute(sql`DELETE FROM visits WHERE household_id IN (SELECT id FROM purge_h) OR person_id IN (SELECT id FROM purge_p)`);
      await tx.execute(sql`DELETE FROM person_tags WHERE person_id IN (SELECT id FROM purge_p)`);
      await tx.execute(sql`DELETE FROM correction_requests WHERE person_id IN (SELECT id FROM purge_p)`);
      await tx.execute(sql`DELETE FROM party_members WHERE person_id IN (SELECT id FROM purge_p)`);
      await tx.execute(sql`UPDATE users SET person_id = NULL WHERE person_id IN (SELECT id FROM purge_p)`);
      await tx.execute(sql`DELETE FROM residence_events WHERE household_id IN (SELECT id FROM purge_h)`);
      await tx.execute(sql`DELETE FROM persons WHERE id IN (SELECT id FROM purge_p)`);
      await tx.execute(sql`DELETE FROM households WHERE id IN (SELECT id FROM purge_h)`);
    }
    await writeAudit(tx, { user: null, ip: "cli", locale: "zh-CN" }, { action: "registry.purge", targetType: "household", after: { olderThan: before, households: Number(h), persons: Number(p) } });
    return { households: Number(h), persons: Number(p) };
  });
}
