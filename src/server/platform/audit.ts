import { SQL, sql } from "drizzle-orm";
import { auditLog } from "../db/schema/audit";
import type { DbOrTx } from "../db/client";
import type { RequestContext } from "./context";
import { maskIdNumber, maskPhone } from "./personal-data";

const DROP = /(Enc|Hash|passwordHash|password|token|code)$/i;
const PHONE_KEY = /phone/i;
const ID_KEY = /idNumber|id_number/i;

/** Copies a value for the audit log: secrets and ciphertexts dropped, phones and ID numbers masked. */
export function maskForAudit(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (DROP.test(k) && k !== "code") continue;
    if (typeof v === "string" && PHONE_KEY.test(k) && !/Tail$/.test(k)) out[k] = maskPhone(v);
    else if (typeof v === "string" && ID_KEY.test(k) && !/Tail$/.test(k)) out[k] = maskIdNumber(v);
    else out[k] = maskForAudit(v);
  }
  return out;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Area path of the target; a SQL expression is allowed (e.g. the path of a user's area). */
  areaPath?: string | SQL | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Writes one audit row inside the caller's transaction, so it stands or falls with the write. */
export async function writeAudit(tx: DbOrTx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await auditInsert(tx, ctx, entry);
}

/**
 * The insert of one audit row, not yet sent: to await, or to embed in a larger statement (e.g. one
 * data-modifying CTE that writes a record and its audit row together). `after` may be a SQL
 * expression (already masked by the caller) when part of it is only known in the statement.
 */
export function auditInsert(tx: DbOrTx, ctx: RequestContext, entry: Omit<AuditEntry, "after"> & { after?: unknown }) {
  return tx.insert(auditLog).values({
    actorId: ctx.user?.id ?? null,
    actorName: ctx.user?.displayName ?? null,
    actorRole: ctx.user?.role ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    areaPath: entry.areaPath ?? ctx.user?.areaPath ?? null,
    ip: ctx.ip,
    before: entry.before === undefined ? null : maskForAudit(entry.before),
    after: entry.after === undefined ? null : entry.after instanceof SQL ? entry.after : maskForAudit(entry.after),
    reason: entry.reason ?? null,
  });
}

/** The area path of a user's scope node, as a SQL expression for `AuditEntry.areaPath`. */
export function userAreaPath(userId: string): SQL {
  return sql`(SELECT a.path FROM areas a JOIN users u ON u.area_id = a.id WHERE u.id = ${userId})`;
}
