import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { claimPhotos } from "../../platform/uploads";

/** Photos of a progress update: the caller's own uploads, attached nowhere yet (the one photo claim). */
export function checkPhotos(tx: Tx, ctx: SignedInContext, photoIds: string[]): Promise<string[]> {
  return claimPhotos(tx, ctx.user.id, photoIds);
}
