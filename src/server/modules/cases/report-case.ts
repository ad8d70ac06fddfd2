import { and, eq, inArray } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { RequestContext, SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { maskForAudit } from "../../platform/audit";
import type { NotificationRow } from "../../platform/notify";
import { compactDay } from "../../platform/clock";
import { inGroup, reportChannelOf, rolesOf } from "../../platform/roles";
import { claimPhotos } from "../../platform/uploads";
import type { ReportCaseBody } from "../../../contracts/cases";
import { clockFor } from "./time-limits";
import { takeCaseNumber } from "./case-numbers";
import { areasAtPoints, reportGroups, writeReports, type ReportRow } from "./report-write";
import { activeCategory, communityCode, routingRule } from "./reference-cache";
import type { CaseLevel } from "./workflow";

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
  // Outside a transaction (no photos, no Idempotency-Key) the report joins the group of reports
  // arriving together: one lookup and one write for the whole group (report-write.ts).
  const grouped = tx === (deps.database.db as unknown as Tx);
  const category = await activeCategory(tx, body.categoryCode);
  if (!category) throw new AppError("VALIDATION_FAILED", [{ path: "/categoryCode", message: "unknown category" }]);
  const channel = intake ? intake.channel : channelOf(ctx as SignedInContext, body);

  // Where: the smallest area containing the point, else the reporter's community.
  let communityId: string | null = null;
  let gridId: string | null = null;
  let areaId: string | null = null;
  let gridWorker: string | null = null;
  if (body.location) {
    const hits = grouped
      ? await reportGroups(deps.database).areas.submit(body.location)
      : (await areasAtPoints(deps.database, tx, [body.location]))[0];
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
  // the audit row and the notifications.
  const prefix = community?.shortCode ?? "LL";
  const day = compactDay(now);
  // In a transaction on PostgreSQL the number is taken outside it (case-numbers.ts), so the
  // counter row is not locked until COMMIT; otherwise the statement takes it.
  const taken = grouped ? null : await takeCaseNumber(deps.database, prefix, day);
  const notes = recipients.map((userId) => ({ id: uuidv7(), userId }));
  const row: ReportRow = {
    id,
    number: taken,
    prefix,
    day,
    communityId,
    areaId,
    gridId,
    categoryCode: category.code,
    categoryName: category.name,
    description: body.description,
    lng: body.location?.[0] ?? null,
    lat: body.location?.[1] ?? null,
    address: body.address ?? null,
    channel,
    reporterId: staffEntered ? null : (actor?.id ?? null),
    reporterName: intake ? intake.reporterName : staffEntered ? (body.reporterName ?? null) : (actor?.displayName ?? null),
    reporterPhoneEnc: reporterPhone ? deps.cipher.encrypt(reporterPhone) : actor?.phoneEnc && !staffEntered ? actor.phoneEnc : null,
    anonymous: body.anonymous,
    mobileReporter: !intake && !!actor && inGroup(actor.role, "riders"),
    level,
    handlerId,
    acceptDueAt: clock.dueAt.toISOString(),
    acceptWarnAt: clock.warnAt.toISOString(),
    imposedDueAt: imposed?.toISOString() ?? null,
    at: now.toISOString(),
    eventId: uuidv7(),
    actorId: actor?.id ?? null,
    actorName: actor?.displayName ?? intake?.actorName ?? null,
    actorRole: actor?.role ?? null,
    eventData: { channel, handlerId, staffEntered },
    ip: ctx.ip,
    auditAfter: maskForAudit({ categoryCode: category.code, channel, level, handlerId, reporterPhone: reporterPhone ?? null }) as Record<string, unknown>,
    noteBody: body.description.slice(0, 80),
    notes,
    photos: photoIds,
  };
  const number = grouped ? await reportGroups(deps.database).write.submit(row) : (await writeReports(deps.database, tx, [row]))[0];
  const title = `新事件 ${number}：${category.name}`;
  return {
    created: { id, number },
    notified: notes.map((n) => ({ id: n.id, userId: n.userId, kind: "case.assigned", title, body: row.noteBody, link: `case:${id}`, readAt: null, createdAt: now })),
  };
}
