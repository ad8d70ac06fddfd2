const H = 3600_000;

/** The Beijing-time calendar day of an instant, YYYY-MM-DD (no DST in China: UTC+8 all year). */
export function shanghaiDay(d: Date = new Date()): string {
  return new Date(d.getTime() + 8 * H).toISOString().slice(0, 10);
}

/** Start of a Beijing-time day as an instant. */
export const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
/** Start of the next Beijing-time day. */
export const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 24 * H);

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
