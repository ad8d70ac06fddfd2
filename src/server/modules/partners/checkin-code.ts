import { randomBytes, timingSafeEqual } from "node:crypto";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** The secret of an activity's check-in QR code: 8 characters without look-alikes. */
export function newCheckinCode(): string {
  let s = "";
  for (const b of randomBytes(8)) s += ALPHABET[b % ALPHABET.length];
  return s;
}

export function sameCode(a: string | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a.toUpperCase());
  const y = Buffer.from(b.trim().toUpperCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What the QR code at the venue holds: the phone app's check-in page of that activity. */
export const checkinUrl = (activityId: string, code: string) => `/m/checkin/${activityId}?code=${code}`;
