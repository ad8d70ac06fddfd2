import { and, eq, sql } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { cases } from "../../db/schema/cases";
import { hotlineOrders } from "../../db/schema/open-interfaces";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import { writeAudit } from "../../platform/audit";
import { uuidv7 } from "../../platform/ids";
import type { NotificationRow } from "../../platform/notify";
import { areaWithin, pathUnder } from "../../platform/scope";
import type { HotlineImportReport, HotlineOrderInput, HotlineRowReport } from "../../../contracts/hotline";
import { selectAreasAtPoint } from "../areas/queries";
import { reportCase } from "../cases/report-case";
import { activeCategory, allCategories } from "../cases/reference-cache";
import { type HotlinePrincipal } from "./principal";

/** The category of an order that names none. */
export const DEFAULT_CATEGORY = "other";

/** One order to import: its row (the workbook's row number, or its place in the batch) and either its fields or why they are malformed. */
export type OrderRow = { row: number; orderNumber: string; input: HotlineOrderInput | null; errors: string[] };

type Planned = { row: OrderRow; input: HotlineOrderInput; communityId: string };

/**
 * Imports a batch of 12345 work orders. Every row is checked first (fields, category, place within
 * the caller's area, the order number not repeated in the batch nor already imported); if one is
 * rejected nothing is written and every row is reported. Otherwise the new orders become cases in
 * one transaction (`write`), through the app's intake (`cases/report-case.ts`, channel
 * hotline_12345, the caller's phone encrypted, the hotline's deadline as the case's imposed time
 * limit), each linked to its order number. Already imported orders are reported, never duplicated;
 * one whose case is closed here is reported as such and refused.
 */
export async function importOrders(
  deps: AppDeps,
  p: HotlinePrincipal,
  rows: OrderRow[],
  source: "api" | "xlsx",
  write: <T>(fn: (tx: Tx) => Promise<{ value: T }>) => Promise<T>,
): Promise<HotlineImportReport> {
  const { db } = deps.database;
  const reports: HotlineRowReport[] = rows.map((r) => ({ row: r.row, orderNumber: r.orderNumber, outcome: r.errors.length ? "rejected" : "valid", caseId: null, caseNumber: null, errors: [...r.errors] }));

  // Already imported: reported (with the case when the caller may see it), never written again.
  const numbers = [...new Set(rows.map((r) => r.orderNumber).filter((n) => n.length > 0))];
  const existing = numbers.length
    ? rowsOf<{ order_number: string; case_id: string; number: string; status: string; visible: boolean }>(
        await db.execute(sql`SELECT h.order_number, c.id AS case_id, c.number, c.status, ${withinPath(p, sql`h.area_id`)} AS visible
          FROM hotline_orders h JOIN cases c ON c.id = h.case_id
          WHERE h.order_number = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb)))`),
      )
    : [];
  const known = new Map(existing.map((e) => [e.order_number, e]));
  const seen = new Set<string>();
  const planned: Planned[] = [];
  const communities = await communitiesOf(db, p);

  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const report = reports[i];
    if (r.orderNumber && seen.has(r.orderNumber)) {
      report.outcome = "repeated";
      report.errors.push("order number repeated in this batch");
      continue;
    }
    if (r.orderNumber) seen.add(r.orderNumber);
    const before = known.get(r.orderNumber);
    if (before) {
      report.outcome = before.status === "closed" ? "already_closed" : "already_imported";
      if (before.visible) {
        report.caseId = before.case_id;
        report.caseNumber = before.number;
      }
      if (before.status === "closed") report.errors.push("already closed here: the reply has been produced");
      continue;
    }
    if (!r.input || report.errors.length) {
      report.outcome = "rejected";
      continue;
    }
    const errors = await checkOrder(db, p, r.input, communities);
    if (typeof errors === "string") {
      planned.push({ row: r, input: r.input, communityId: errors });
    } else {
      report.outcome = "rejected";
      report.errors.push(...errors);
    }
  }

  const rejected = reports.filter((r) => r.outcome === "rejected").length;
  if (rejected === 0 && planned.length > 0) {
    let notified: NotificationRow[] = [];
    const created = await write(async (tx) => {
      const out: Array<{ row: number; id: string; number: string }> = [];
      for (const plan of planned) {
        const r = await reportCase(
          deps,
          p.who.ctx,
          tx,
          {
            categoryCode: plan.input.categoryCode ?? DEFAULT_CATEGORY,
            description: plan.input.content,
            location: plan.input.location,
            address: plan.input.address || undefined,
            photoIds: [],
            anonymous: false,
          },
          {
            channel: "hotline_12345",
            actorName: p.actorName,
            reporterName: plan.input.callerName || null,
            reporterPhone: plan.input.callerPhone ? plan.input.callerPhone.replace(/[^\d+]/g, "") : null,
            communityId: plan.communityId,
            imposedDueAt: new Date(plan.input.deadline),
          },
        );
        const [placed] = await tx.select({ communityId: cases.communityId, areaId: cases.areaId }).from(cases).where(eq(cases.id, r.created.id));
        await tx.insert(hotlineOrders).values({
          id: uuidv7(),
          orderNumber: plan.input.orderNumber,
          caseId: r.created.id,
          communityId: placed.communityId!,
          areaId: placed.areaId!,
          deadlineAt: new Date(plan.input.deadline),
          source,
          apiKeyId: p.who.kind === "key" ? p.who.key.id : null,
          importedBy: p.who.kind === "user" ? p.who.ctx.user.id : null,
        });
        await writeAudit(tx, p.who.ctx, {
          action: "hotline.import",
          targetType: "case",
          targetId: r.created.id,
          areaPath: sql`(SELECT path FROM areas WHERE id = ${placed.areaId})`,
          after: { orderNumber: plan.input.orderNumber, source, apiKeyId: p.who.kind === "key" ? p.who.key.id : null, deadline: plan.input.deadline },
        });
        notified = notified.concat(r.notified);
        out.push({ row: plan.row.row, id: r.created.id, number: r.created.number });
      }
      return { value: out };
    });
    deps.notifications.publish(notified);
    const byRow = new Map(created.map((c) => [c.row, c]));
    for (const report of reports) {
      const c = report.outcome === "valid" ? byRow.get(report.row) : undefined;
      if (c) Object.assign(report, { outcome: "created", caseId: c.id, caseNumber: c.number });
    }
  }
  const count = (o: HotlineRowReport["outcome"]) => reports.filter((r) => r.outcome === o).length;
  return {
    written: rejected === 0,
    total: reports.length,
    created: count("created"),
    alreadyImported: count("already_imported"),
    alreadyClosed: count("already_closed"),
    repeated: count("repeated"),
    rejected,
    rows: reports,
  };
}

/** SQL: an area id column lies under the caller's area path. */
function withinPath(p: HotlinePrincipal, areaId: ReturnType<typeof sql>) {
  return areaWithin(areaId, sql`${p.areaPath}::text`);
}

/** The communities of the caller's area, by name (for orders that name their community). */
async function communitiesOf(db: DbOrTx, p: HotlinePrincipal): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: areas.id, name: areas.name })
    .from(areas)
    .where(and(eq(areas.level, "community"), pathUnder(areas.path, p.areaPath)));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** The community an order goes to, or why it cannot be taken. */
async function checkOrder(db: DbOrTx, p: HotlinePrincipal, input: HotlineOrderInput, communities: Map<string, string>): Promise<string | string[]> {
  const errors: string[] = [];
  if (input.categoryCode && !(await activeCategory(db, input.categoryCode))) errors.push(`unknown category ${input.categoryCode}`);
  let communityId: string | null = null;
  if (input.location) {
    const hit = (await selectAreasAtPoint(db, input.location)).find((h) => h.level === "community");
    if (!hit) errors.push("the point lies outside every community");
    else if (![...communities.values()].includes(hit.id)) errors.push("the point lies outside your area");
    else communityId = hit.id;
  } else if (input.community) {
    communityId = communities.get(input.community) ?? null;
    if (!communityId) errors.push(`no community named ${input.community} in your area`);
  } else if (p.communityId && [...communities.values()].includes(p.communityId)) {
    communityId = p.communityId;
  } else {
    errors.push("a point or a community is required");
  }
  return errors.length || !communityId ? errors : communityId;
}

/** Category codes by their Chinese or English name, for workbooks that name the category. */
export async function categoryCodesByName(db: DbOrTx): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of (await allCategories(db)).values()) {
    if (!c.active) continue;
    out.set(c.name, c.code);
    out.set(c.nameEn, c.code);
    out.set(c.code, c.code);
  }
  return out;
}
