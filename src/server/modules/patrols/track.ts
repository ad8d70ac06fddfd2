/**
 * GPS tracks from the phone are not trusted: points with impossible coordinates, time going
 * backwards or jumps faster than a car are dropped, and length and duration come from what is kept.
 */
export type TrackPoint = [lng: number, lat: number, ms: number];

/** Faster than this between two fixes is a GPS jump, not a walk or a ride. */
export const MAX_SPEED_KMH = 150;
const EARTH_RADIUS_M = 6_371_008.8;
/** Fixes before 2000 or after 2100 are clock garbage. */
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in meters. */
export function haversine(a: readonly number[], b: readonly number[]): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function plausible(p: TrackPoint): boolean {
  const [lng, lat, ms] = p;
  return (
    Number.isFinite(lng) && Number.isFinite(lat) && Number.isFinite(ms) &&
    Math.abs(lng) <= 180 && Math.abs(lat) <= 90 && !(lng === 0 && lat === 0) && ms >= MIN_MS && ms <= MAX_MS
  );
}

/** Keeps each point that moves forward in time at a possible speed from the last kept one. */
function chainFrom(points: TrackPoint[], first: number): TrackPoint[] {
  const kept: TrackPoint[] = [points[first]];
  for (let i = first + 1; i < points.length; i++) {
    const last = kept[kept.length - 1];
    const p = points[i];
    const dt = p[2] - last[2];
    if (dt <= 0) continue;
    const kmh = (haversine(last, p) / dt) * 3600;
    if (kmh > MAX_SPEED_KMH) continue;
    kept.push(p);
  }
  return kept;
}

export type FilteredTrack = { points: TrackPoint[]; meters: number; seconds: number; received: number; dropped: number };

/**
 * Filters a raw track. A bad first fix would make every later point look like a jump, so the chain
 * is also tried from the next few points and the longest one wins.
 */
export function filterTrack(raw: ReadonlyArray<readonly [number, number, number]>): FilteredTrack {
  const points = raw.map((p) => [p[0], p[1], p[2]] as TrackPoint).filter(plausible);
  let best: TrackPoint[] = [];
  for (let first = 0; first < Math.min(points.length, 5); first++) {
    const chain = chainFrom(points, first);
    if (chain.length > best.length) best = chain;
    if (best.length * 2 > points.length) break;
  }
  let meters = 0;
  for (let i = 1; i < best.length; i++) meters += haversine(best[i - 1], best[i]);
  const seconds = best.length > 1 ? Math.round((best[best.length - 1][2] - best[0][2]) / 1000) : 0;
  return { points: best, meters: Math.round(meters * 10) / 10, seconds, received: raw.length, dropped: raw.length - best.length };
}
