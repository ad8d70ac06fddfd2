import { apiGet } from "../../api/client";
import type { LngLat, PublicCase } from "./types";

/** Open or recent cases of the same category within 100 m and 14 days: a duplicate suggestion before submitting. */
export async function fetchSimilarCases(at: LngLat, categoryCode: string): Promise<PublicCase[]> {
  const reply = await apiGet<{ items: PublicCase[] }>("/cases/similar", { lng: at[0], lat: at[1], categoryCode });
  return reply.items;
}
