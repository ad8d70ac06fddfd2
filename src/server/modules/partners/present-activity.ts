import type { ActivitySummary } from "../../../contracts/partners";
import type { ActivityListRow } from "./activity-queries";
import { ACTIVITY_KIND_NAMES, nameOf } from "./labels";
import { isoInstant } from "../../platform/instants";

/** Where the photo ids live inside `outputs` until the schema has a table for them (see the report). */
export const PHOTOS_KEY = "_photos";

/** Splits the stored outputs into the counted outputs and the photo file ids. */
export function splitOutputs(stored: Record<string, unknown>): { outputs: Record<string, number>; photoIds: string[] } {
  const outputs: Record<string, number> = {};
  for (const [k, v] of Object.entries(stored ?? {})) if (typeof v === "number") outputs[k] = v;
  const raw = (stored ?? {})[PHOTOS_KEY];
  return { outputs, photoIds: Array.isArray(raw) ? raw.filter((x): x is string => typeof x === "string") : [] };
}

export function presentActivity(r: ActivityListRow): ActivitySummary {
  const a = r.a;
  return {
    id: a.id,
    community: { id: a.communityId, name: r.communityName },
    kind: a.kind,
    kindName: nameOf(ACTIVITY_KIND_NAMES, a.kind),
    title: a.title,
    description: a.description,
    seriesId: a.seriesId,
    startsAt: isoInstant(a.startsAt),
    endsAt: isoInstant(a.endsAt),
    place: a.place,
    location: a.location,
    capacity: a.capacity,
    confirmed: Number(r.confirmed),
    waitlisted: Number(r.waitlisted),
    hours: a.hours,
    points: a.points,
    status: a.status,
    team: a.teamId && r.teamName ? { id: a.teamId, name: r.teamName } : null,
    mySignup: r.mine ? { status: r.mine.status, position: r.mine.position, checkedIn: Boolean(r.mine.checkedIn) } : null,
  };
}

/**
 * An activity photo is served through its activity (`/api/activities/<id>/photos/<file>`), so that
 * whoever may see the activity may see its photos, not only the staff member who uploaded them.
 */
export const presentPhoto = (activityId: string) => (id: string) => ({
  id,
  url: `/api/activities/${activityId}/photos/${id}`,
  thumbUrl: `/api/activities/${activityId}/photos/${id}/thumb`,
});
