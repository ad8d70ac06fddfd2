import type { DbOrTx } from "../../db/client";
import type { Locale } from "../../platform/messages";
import { GROUP_NAMES } from "../cases/labels";
import { allCategories } from "../cases/reference-cache";

const GROUP_NAMES_EN: Record<string, string> = {
  dispute: "Disputes",
  nuisance: "Nuisance",
  hazard: "Safety hazards",
  city: "City appearance and facilities",
  environment: "Environment and river",
  market: "Market supervision",
  security: "Public order",
  other: "Other",
};

/** A case category as an Open311 service. */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime";
  keywords: string;
  group: string;
};

/**
 * The services: the active case categories that are not sensitive (a sensitive one never appears in
 * public, so it is not offered to other systems either), in the dictionary's order. A case is made at
 * once (`type` realtime) and needs no extra attributes (`metadata` false).
 */
export async function listServices(db: DbOrTx, locale: Locale): Promise<Open311Service[]> {
  const categories = [...(await allCategories(db)).values()].filter((c) => c.active && !c.sensitive).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  return categories.map((c) => {
    const en = locale === "en";
    const group = (en ? GROUP_NAMES_EN : GROUP_NAMES)[c.groupCode] ?? c.groupCode;
    return {
      service_code: c.code,
      service_name: en ? c.nameEn : c.name,
      description: en ? `${c.nameEn} (${group})` : `${c.name}（${group}）`,
      metadata: false,
      type: "realtime" as const,
      keywords: [c.name, c.nameEn, group].join(", "),
      group,
    };
  });
}

/** One offered service by code, or null. */
export async function findService(db: DbOrTx, code: string, locale: Locale): Promise<Open311Service | null> {
  return (await listServices(db, locale)).find((s) => s.service_code === code) ?? null;
}
