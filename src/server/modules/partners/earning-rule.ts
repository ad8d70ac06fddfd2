/** Points per service hour when an activity sets none. */
export const POINTS_PER_HOUR = 10;

/**
 * What one check-in earns. An activity may fix its hours and points; when it leaves them at 0 the
 * rule is its duration rounded down to the half hour (capped at 8 h a day), 10 points an hour.
 */
export function earningsOf(a: { hours: number; points: number; startsAt: Date; endsAt: Date }): { hours: number; points: number } {
  const hours = a.hours > 0 ? a.hours : Math.min(8, Math.floor(((a.endsAt.getTime() - a.startsAt.getTime()) / 3600_000) * 2) / 2);
  const points = a.points > 0 ? a.points : Math.round(hours * POINTS_PER_HOUR);
  return { hours, points };
}
