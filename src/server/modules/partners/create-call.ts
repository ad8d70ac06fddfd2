import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { callBody } from "../../../contracts/partners";
import { recruitmentCalls } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath, targetCommunity } from "./community-scope";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A short public code: 8 characters without look-alikes, about 40 bits. */
export function randomSlug(): string {
  const bytes = randomBytes(8);
  let s = "";
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s;
}

/** The public sign-up page of a call; the same text goes into its QR code. */
export const signupUrl = (slug: string) => `/m/join/${slug}`;

/** Publishes a recruitment call (招募令) with a public sign-up page. */
export async function createCall(ctx: SignedInContext, tx: Tx, body: z.infer<typeof callBody>): Promise<{ id: string; slug: string }> {
  if (body.closesOn < body.opensOn) throw new AppError("VALIDATION_FAILED", [{ path: "/closesOn", message: "closes before it opens" }]);
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  let slug = body.slug ?? randomSlug();
  for (let i = 0; ; i++) {
    const [taken] = await tx.select({ id: recruitmentCalls.id }).from(recruitmentCalls).where(eq(recruitmentCalls.slug, slug)).limit(1);
    if (!taken) break;
    if (body.slug) throw new AppError("CONFLICT", { reason: "slug taken" });
    if (i > 5) throw new AppError("INTERNAL");
    slug = randomSlug();
  }
  const id = uuidv7();
  await tx.insert(recruitmentCalls).values({
    id,
    communityId: community.id,
    title: body.title,
    body: body.body,
    slug,
    categories: body.categories,
    channels: body.channels,
    opensOn: body.opensOn,
    closesOn: body.closesOn,
  });
  await writeAudit(tx, ctx, { action: "recruitment_call.create", targetType: "recruitment_call", targetId: id, areaPath: communityPath(community.id), after: { ...body, slug } });
  return { id, slug };
}
