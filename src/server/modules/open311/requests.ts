import { and, desc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { caseCategories, cases } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import { AppError } from "../../platform/errors";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";
import type { Locale } from "../../platform/messages";
import { knownNamesIn, publicText } from "../../platform/personal-data";
import type { Open311RequestsQuery } from "../../../contracts/open311";
import { publicPlace } from "../cases/nearby";

/** Longest text shown for a request's description and status notes. */
const TEXT_MAX = 500;
/** Without dates, the spec's default window: the last 90 days. */
const DEFAULT_DAYS = 90;
const DEFAULT_PAGE_SIZE = 50;

export type Open311Request = {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

const list = (s: string | undefined) => (s ? [...new Set(s.split(",").map((x) => x.trim()))] : []);

/**
 * Service requests as the public sees them, under the same rules as the public view of cases
 * (`cases/nearby.ts`): only categories that are not sensitive, no withdrawn, rejected or merged case,
 * the description and the status notes with phones, ID numbers and the registry's names masked
 * (`publicText`), the place on the public grid unless the case is about a public thing
 * (`publicPlace`), and no address, reporter or photo. Newest first, a page at a time.
 */
export async function listRequests(db: DbOrTx, query: Open311RequestsQuery, locale: Locale, only?: string): Promise<Open311Request[]> {
  const ids = only ? [only] : list(query.service_request_id);
  const codes = list(query.service_code);
  const statuses = list(query.status);
  const end = query.end_date ? new Date(query.end_date) : null;
  const start = query.start_date ? new Date(query.start_date) : null;
  if (start && end && end <= start) throw new AppError("VALIDATION_FAILED", [{ path: "/end_date", message: "end_date must be after start_date" }]);
  // The 90-day default applies only to a search without dates or ids.
  const from = start ?? (ids.length || end ? null : new Date(Date.now() - DEFAULT_DAYS * 86400_000));
  const size = query.page_size ?? DEFAULT_PAGE_SIZE;
  const page = query.page ?? 1;
  const conditions: Array<SQL | undefined> = [
    eq(caseCategories.sensitive, false),
    sql`coalesce(${cases.closureKind}, '') NOT IN ('withdrawn', 'rejected', 'duplicate')`,
    ids.length ? inArray(cases.number, ids) : undefined,
    codes.length ? inArray(cases.categoryCode, codes) : undefined,
    from ? gte(cases.createdAt, from) : undefined,
    end ? lt(cases.createdAt, end) : undefined,
    statuses.length === 1 ? (statuses[0] === "closed" ? eq(cases.status, "closed") : ne(cases.status, "closed")) : undefined,
  ];
  const rows = await db
    .select({
      number: cases.number,
      categoryCode: cases.categoryCode,
      categoryName: caseCategories.name,
      categoryNameEn: caseCategories.nameEn,
      description: cases.description,
      resultText: cases.resultText,
      status: cases.status,
      location: cases.location,
      communityId: cases.communityId,
      communityName: areas.name,
      acceptDueAt: cases.acceptDueAt,
      handleDueAt: cases.handleDueAt,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .leftJoin(areas, eq(areas.id, cases.communityId))
    .where(and(...conditions))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(size)
    .offset((page - 1) * size);
  const names = await knownNamesIn(
    db,
    rows.flatMap((r) => [{ communityId: r.communityId, text: r.description }, ...(r.resultText ? [{ communityId: r.communityId, text: r.resultText }] : [])]),
  );
  return rows.map((r) => {
    const known = names.get(r.communityId ?? "") ?? [];
    const place = r.location ? publicPlace(r.categoryCode, r.location) : null;
    const closed = r.status === "closed";
    return {
      service_request_id: r.number,
      status: closed ? "closed" : "open",
      status_notes: r.resultText ? publicText(r.resultText, known, TEXT_MAX) : null,
      service_name: locale === "en" ? r.categoryNameEn : r.categoryName,
      service_code: r.categoryCode,
      description: publicText(r.description, known, TEXT_MAX),
      agency_responsible: r.communityName ?? null,
      service_notice: null,
      requested_datetime: isoInstant(r.createdAt),
      updated_datetime: isoInstant(r.updatedAt),
      expected_datetime: closed ? null : isoInstantOrNull(r.handleDueAt ?? r.acceptDueAt),
      address: null,
      address_id: null,
      zipcode: null,
      lat: place ? place[1] : null,
      long: place ? place[0] : null,
      media_url: null,
    };
  });
}
