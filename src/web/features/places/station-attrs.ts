import type { Place } from "./use-places";

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value : undefined);

/**
 * The parts of a rider station's free-form `attrs` that the app shows. The keys are read
 * leniently because the attributes are data entered by each community.
 */
export function stationAttrs(place: Place): { amenities: string[]; hours?: string; phone?: string } {
  const a = place.attrs;
  const list = Array.isArray(a.amenities) ? a.amenities : Array.isArray(a.facilities) ? a.facilities : [];
  return {
    amenities: list.filter((x): x is string => typeof x === "string"),
    hours: text(a.hours) ?? text(a.openHours) ?? text(a.opening_hours),
    phone: text(a.phone) ?? text(a.contactPhone),
  };
}
