import { and, eq, inArray, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { caseEvents, caseNumberCounters, casePhotos, cases } from "../../db/schema/cases";
import { notifications } from "../../db/schema/files";
import { rowsOf, type Tx } from "../../db/client";
import { executeHot } from "../../db/prepared";
import { containsPoint } from "../areas/queries";
import type { AppDeps } from "../../platform/deps";
import type { RequestContext, SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { auditInsert, maskForAudit } from "../../platform/audit";
import type { NotificationRow } from "../../platform/notify";
import { compactDay } from "../../platform/clock";
import { inGroup, reportChannelOf, rolesOf } from "../../platform/roles";
import { areaPathOf } from "../../platform/scope";
import { claimPhotos } from "../../platform/uploads";
import type { ReportCaseBody } from "../../../contracts/cases";
import type { LngLat } from "../../../contracts/common";
import { clockFor } from "./time-limits";
import { takeCaseNumber } from "./case-numbers";
import { activeCategory, communityCode, routingRule } from "./reference-cache";
import type { CaseLevel } from "./workflow";

/**
 * The community, grid and microgrid at a point (smallest last) and, beside the grid, the worker a
 * report there goes to by default (the first active grid worker of the grid or its microgrids, by
 * username): one round trip where the hot path of every report made two.
 */
async function areasAndWorkerAtPoint(deps: AppDeps, tx: Tx, [lng, lat]: LngLat) {
  const result = await executeHot(deps.database, tx, sql`
    SELECT a.id, a.level, CASE WHEN a.level = 'grid' THEN (
        SELECT u.id FROM users u WHERE u.role IN ${rolesOf("gridWorkers")} AND u.status = 'active'
          AND u.area_id IN (SELECT g.id FROM areas g WHERE g.id = a.id OR g.parent_id = a.id)
        ORDER BY u.username LIMIT 1) END AS worker
    FROM areas a WHERE ${containsPoint(sql`a.boundary`, [lng, lat])} AND a.level IN ('community', 'grid', 'microgrid')
    ORDER BY a.depth`);
  return rowsOf<{ id: string; level: string; worker: string | null }>(result);
}

function channelOf(ctx: SignedInContext, body: ReportCaseBody) {
  const role = ctx.user.role;
  if (body.channel) {
    if (!inGroup(role, "staffChannel")) throw new AppError("FORBIDDEN", { field: "channel" });
    return body.channel;
  }
  // Staff reporting what they found themselves report from their patrol.
  return reportChannelOf(role) ?? ("grid_patrol" as const);
}

export type ReportedCase = { id: string; number: string };

/**
 * A report handed over by another system (an Open311 client, the 12345 hotline): the channel is
 * fixed, the caller is given (their phone is encrypted like every staff-entered caller's), there are
 * no photos, and a report without a point lies in the community of the key or of the importer.
 */
export type ExternalIntake = {
  channel: "open311" | "hotline_12345";
  /** Who the timeline names when no staff member is signed in (the partner system). */
  actorName: string;
  reporterName: string | null;
  reporterPhone: string | null;
  communityId: string | null;
  /** A time limit imposed from outside (the hotline's deadline): it takes precedence over the category's. */
  imposedDueAt?: Date | null;
};

/**
 * Takes a report from any channel: resolves the place to microgrid/grid/community, routes it by
 * the community's rules (default: the grid's worker; no place or no grid: the community
 * dispatcher), starts the acceptance clock, and writes case, timeline, photos and audit together.
 * Its only write is the one statement at the end (reads before it); claiming photos writes too, so
 * only a report without photos may run outside a transaction (`runWrite`'s `oneStatement`).
 */
export async function reportCase(
  deps: AppDeps,
  ctx: SignedInContext,
  tx: Tx,
  body: ReportCaseBody,
): Promise<{ created: ReportedCase; notified: NotificationRow[] }>;
export async function reportCase(
  deps: AppDeps,
  ctx: RequestContext,
  tx: Tx,
  body: ReportCaseBody,
  intake: ExternalIntake,
): Promise<{ created: ReportedCase; notified: NotificationRow[] }>;
export async function reportCase(
  deps: AppDeps,
  ctx: RequestContext,
  tx: Tx,
  body: ReportCaseBody,
  intake?: ExternalIntake,
): Promise<{ created: ReportedCase; notified: NotificationRow[] }> {
  const now = new Date();
  const category = await activeCategory(tx, body.categoryCode);
  if (!category) throw new AppError("VALIDATION_FAILED", [{ path: "/categoryCode", message: "unknown category" }]);
  const channel = intake ? intake.channel : channelOf(ctx as SignedInContext, body);

  // Where: the smallest area containing the point, else the reporter's community.
  let communityId: string | null = null;
  let gridId: string | null = null;
  let areaId: string | null = null;
  let gridWorker: string | null = null;
  if (body.location) {
    const hits = await areasAndWorkerAtPoint(deps, tx, body.location);
    gridWorker = hits.find((h) => h.level === "grid")?.worker ?? null;
    communityId = hits.find((h) => h.level === "community")?.id ?? null;
    gridId = hits.find((h) => h.level === "grid")?.id ?? null;
    areaId = (hits.find((h) => h.level === "microgrid") ?? hits.find((h) => h.level === "grid") ?? hits.find((h) => h.level === "community"))?.id ?? null;
  }
  if (!communityId) {
    communityId = intake ? intake.communityId : (ctx.user?.communityId ?? null);
    areaId = communityId;
    gridId = null;
    if (!communityId) {
      throw new AppError("VALIDATION_FAILED", [{ path: "/location", message: body.location ? "outside every community" : "a place is required" }]);
    }
  }
  const community = await communityCode(tx, communityId);

  // Who: the routing rule of the community, else the grid's worker, else the community dispatcher.
  const rule = await routingRule(tx, communityId, category.code);
  let level: CaseLevel = rule?.level ?? (gridId ? "grid" : "community");
  let handlerId: string | null = rule?.handlerId ?? null;
  if (handlerId) {
    // A rule naming someone no longer active falls back to the default routing of its level.
    const [named] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, handlerId), eq(users.status, "active"))).limit(1);
    if (!named) handlerId = null;
  }
  // The grid's worker came with the areas at the point (none without a point or a worker there).
  if (level === "grid" && !handlerId) {
    if (gridWorker) handlerId = gridWorker;
    else level = "community";
  }

  // Photos must be the reporter's own uploads, not yet attached anywhere.
  const photoIds = intake || !ctx.user ? [] : await claimPhotos(tx, ctx.user.id, body.photoIds);

  const id = uuidv7();
  const categoryClock = await clockFor(tx, deps.calendar, { categoryCode: category.code, level, kind: "accept", from: now });
  const imposed = intake?.imposedDueAt ?? null;
  // The hotline's deadline wins: acceptance is due by it at the latest.
  const clock = imposed && imposed < categoryClock.dueAt ? { dueAt: imposed, warnAt: imposed < categoryClock.warnAt ? imposed : categoryClock.warnAt } : categoryClock;
  // A staff member entering a call or transfer records the caller; everyone else reports as themselves.
  const staffEntered = intake !== undefined || body.channel !== undefined;
  const reporterPhone = intake ? (intake.reporterPhone ?? undefined) : staffEntered ? body.reporterPhone : undefined;
  const actor = ctx.user;

  let recipients: string[] = handlerId ? [handlerId] : [];
  if (!handlerId) {
    const dispatchers = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.role, rolesOf("communityDispatchers")), eq(users.areaId, communityId), eq(users.status, "active")));
    recipients = [...new Set(dispatchers.map((d) => d.id))];
  }

  // The writes go in one statement: the day's number, the case, its first timeline entry, photos,
  // the audit row and the notifications. The counter row of the community and day is locked from
  // here to COMMIT only, so concurrent reports of one community queue for one round trip, not six.
  const prefix = community?.shortCode ?? "LL";
  const day = compactDay(now);
  // PostgreSQL: the number is taken outside this transaction (case-numbers.ts); PGlite: in the statement.
  const taken = await takeCaseNumber(deps.database, prefix, day);
  const number = taken !== null ? sql`${taken}::text` : sql`(SELECT ${prefix} || '-' || ${day} || '-' || lpad(n.last::text, greatest(4, length(n.last::text)), '0') FROM n)`;
  const counter = tx
    .insert(caseNumberCounters)
    .values({ prefix, day, last: 1 })
    .onConflictDoUpdate({ target: [caseNumberCounters.prefix, caseNumberCounters.day], set: { last: sql`${caseNumberCounters.last} + 1` } })
    .returning({ last: caseNumberCounters.last });
  const caseRow = tx
    .insert(cases)
    .values({
      id,
      number,
      communityId,
      areaId,
      gridId,
      categoryCode: category.code,
      description: body.description,
      location: body.location ?? null,
      address: body.address ?? null,
      channel,
      reporterId: staffEntered ? null : (actor?.id ?? null),
      reporterName: intake ? intake.reporterName : staffEntered ? (body.reporterName ?? null) : (actor?.displayName ?? null),
      reporterPhoneEnc: reporterPhone ? deps.cipher.encrypt(reporterPhone) : actor?.phoneEnc && !staffEntered ? actor.phoneEnc : null,
      anonymous: body.anonymous,
      mobileReporter: !intake && !!actor && inGroup(actor.role, "riders"),
      status: "reported",
      level,
      maxLevel: level,
      handlerId,
      acceptDueAt: clock.dueAt,
      acceptWarnAt: clock.warnAt,
      imposedDueAt: imposed,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ number: cases.number });
  const event = tx.insert(caseEvents).values({
    id: uuidv7(),
    caseId: id,
    at: now,
    actorId: actor?.id ?? null,
    actorName: actor?.displayName ?? intake?.actorName ?? null,
    actorRole: actor?.role ?? null,
    action: "report",
    toStatus: "reported",
    level,
    data: { channel, handlerId, staffEntered },
  });
  const photos = photoIds.length ? tx.insert(casePhotos).values(photoIds.map((fileId) => ({ caseId: id, fileId, stage: "report" as const }))) : null;
  const audit = auditInsert(tx, ctx, {
    action: "case.report",
    targetType: "case",
    targetId: id,
    areaPath: areaPathOf(sql`${areaId}::uuid`),
    after: sql`${JSON.stringify(maskForAudit({ categoryCode: category.code, channel, level, handlerId, reporterPhone: reporterPhone ?? null }))}::jsonb || jsonb_build_object('number', ${number})`,
  });
  const text = body.description.slice(0, 80);
  const notes = recipients.map((userId) => ({ id: uuidv7(), userId, kind: "case.assigned", body: text, link: `case:${id}`, readAt: null, createdAt: now }));
  const noteRows = notes.length
    ? tx.insert(notifications).values(notes.map((n) => ({ ...n, title: sql`'新事件 ' || ${number} || '：' || ${category.name}` })))
    : null;
  const statement = sql`
      WITH ${taken === null ? sql`n AS (${counter.getSQL()}), ` : sql``}c AS (${caseRow.getSQL()}), e AS (${event.getSQL()}), a AS (${audit.getSQL()})
      ${photos ? sql`, p AS (${photos.getSQL()})` : sql``}
      ${noteRows ? sql`, m AS (${noteRows.getSQL()})` : sql``}
      SELECT number FROM c`;
  const [written] = rowsOf<{ number: string }>(await executeHot(deps.database, tx, statement));
  const title = `新事件 ${written.number}：${category.name}`;
  return { created: { id, number: written.number }, notified: notes.map((n) => ({ ...n, title })) };
}
