/**
 * Keyset cursors: an opaque (timestamp, id) pair from the previous page. A stored time JavaScript
 * cannot read (before 1901, see platform/instants.ts) cannot be a cursor: the list ends there.
 */
export function encodeCursor(at: Date, id: string): string | null {
  if (Number.isNaN(at.getTime())) return null;
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const d = new Date(at);
  return Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? "") ? null : { at: d, id };
}
