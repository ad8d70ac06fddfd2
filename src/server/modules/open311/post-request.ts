import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { RequestContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import { authenticateApiKey } from "../../platform/api-keys";
import type { NotificationRow } from "../../platform/notify";
import { runSystemWrite } from "../../platform/write";
import { areaWithin } from "../../platform/scope";
import type { Open311PostBody } from "../../../contracts/open311";
import { selectAreasAtPoint } from "../areas/queries";
import { reportCase } from "../cases/report-case";
import { findService } from "./services";

export type Open311Created = { service_request_id: string; service_notice: string; account_id: null };

/**
 * A partner system reports a case (POST requests): the key is checked and counted first (403 missing,
 * unknown or revoked; 429 over its limit), then the service code (400 unknown), then the point (400
 * without one, outside every community, or outside the key's community or street). The case is made
 * by the same intake as the app's (`cases/report-case.ts`), channel `open311`, in one transaction
 * with an audit row naming the key.
 */
export async function postRequest(deps: AppDeps, ctx: RequestContext, body: Open311PostBody, route: string): Promise<{ created: Open311Created; notified: NotificationRow[] }> {
  const { db } = deps.database;
  const key = await authenticateApiKey(db, ctx, body.api_key, "open311", route);
  const service = await findService(db, body.service_code, ctx.locale);
  if (!service) throw new AppError("VALIDATION_FAILED", [{ path: "/service_code", message: `unknown service_code ${body.service_code}` }]);
  if (body.lat === undefined || body.long === undefined) throw new AppError("VALIDATION_FAILED", [{ path: "/lat", message: "lat and long are required" }]);
  const at: [number, number] = [body.long, body.lat];
  const community = (await selectAreasAtPoint(db, at)).find((h) => h.level === "community");
  if (!community) throw new AppError("VALIDATION_FAILED", [{ path: "/lat", message: "the point lies outside every area served" }]);
  const [inside] = rowsOf<{ ok: boolean }>(await db.execute(sql`SELECT ${areaWithin(sql`${community.id}::uuid`, sql`${key.areaPath}::text`)} AS ok`));
  if (!inside?.ok) throw new AppError("VALIDATION_FAILED", [{ path: "/lat", message: "the point lies outside the area of this api_key" }]);

  const reporterName = [body.last_name, body.first_name].filter((s) => s && s.length).join("") || null;
  const phone = body.phone?.replace(/[^\d+]/g, "") || null;
  let notified: NotificationRow[] = [];
  const created = await runSystemWrite(deps, async (tx) => {
    const r = await reportCase(
      deps,
      ctx,
      tx,
      {
        categoryCode: service.service_code,
        description: body.description?.length ? body.description : service.service_name,
        location: at,
        address: body.address_string || undefined,
        photoIds: [],
        anonymous: false,
      },
      { channel: "open311", actorName: `Open311 · ${key.name}`, reporterName, reporterPhone: phone, communityId: key.communityId },
    );
    await writeAudit(tx, ctx, { action: "open311.request", targetType: "case", targetId: r.created.id, areaPath: key.areaPath, after: { apiKeyId: key.id, prefix: key.prefix, number: r.created.number } });
    notified = r.notified;
    return { value: r.created };
  });
  deps.notifications.publish(notified);
  const notice = ctx.locale === "en" ? `Received by ${community.name}, case ${created.number}` : `已由${community.name}受理，编号${created.number}`;
  return { created: { service_request_id: created.number, service_notice: notice, account_id: null }, notified };
}
