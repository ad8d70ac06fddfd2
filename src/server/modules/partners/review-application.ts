import { and, eq, isNull } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { areas } from "../../db/schema/areas";
import { persons } from "../../db/schema/places";
import { personTags } from "../../db/schema/registry";
import { recruitmentCalls, talentApplications, talents, teamMembers, teams } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { communityPath, communityVisible } from "./community-scope";
import { localDay } from "../../platform/clock";
import { inGroup, SELF_REGISTERED_ROLE } from "../../platform/roles";

type Decision = { decision: "approve" | "reject"; teamId?: string; note?: string };
export type DecisionResult = { id: string; status: "approved" | "rejected"; talentId: string | null; accountCreated: boolean; tagged: boolean };

/** The account of a phone, created as a resident of the community if there is none. */
async function accountFor(tx: Tx, deps: AppDeps, input: { phone: string; phoneHash: string; name: string; communityId: string; personId: string | null; personAreaId: string | null }) {
  const [existing] = await tx.select().from(users).where(eq(users.phoneHash, input.phoneHash)).limit(1);
  if (existing) {
    // A phone that signed in before being registered has no area yet: bind it to the community now.
    if (!existing.areaId) await tx.update(users).set({ areaId: input.personAreaId ?? input.communityId, personId: existing.personId ?? input.personId }).where(eq(users.id, existing.id));
    return { user: existing, created: false };
  }
  const [created] = await tx
    .insert(users)
    .values({
      id: uuidv7(),
      displayName: input.name,
      role: SELF_REGISTERED_ROLE,
      phoneEnc: deps.cipher.encrypt(input.phone),
      phoneHash: input.phoneHash,
      phoneTail: input.phone.slice(-4),
      areaId: input.personAreaId ?? input.communityId,
      personId: input.personId,
    })
    .onConflictDoNothing({ target: users.phoneHash })
    .returning();
  if (created) return { user: created, created: true };
  const [raced] = await tx.select().from(users).where(eq(users.phoneHash, input.phoneHash)).limit(1);
  return { user: raced, created: false };
}

/**
 * Approves or rejects a sign-up. Approval makes the applicant a talent of the call's community:
 * the phone's account (a new resident account bound to the community if there is none, so they can
 * sign in by one-time code), the 治理人才 tag on the registered person with that phone (found by
 * blind index), and optionally a place in a team. The application row is locked, so a double
 * click approves once; a decided application answers 409.
 */
export async function reviewApplication(
  deps: AppDeps,
  ctx: SignedInContext,
  tx: Tx,
  applicationId: string,
  input: Decision,
): Promise<{ result: DecisionResult; notify: NotificationInput[] }> {
  const [row] = await tx
    .select({ app: talentApplications, call: recruitmentCalls })
    .from(talentApplications)
    .innerJoin(recruitmentCalls, eq(recruitmentCalls.id, talentApplications.callId))
    .where(and(eq(talentApplications.id, applicationId), communityVisible(ctx.user, recruitmentCalls.communityId)))
    .limit(1)
    .for("update", { of: talentApplications });
  if (!row) throw notFound("application");
  const { app, call } = row;
  if (app.status !== "pending") throw new AppError("INVALID_TRANSITION", { status: app.status });
  const communityId = call.communityId;
  const now = new Date();
  const audit = { targetType: "talent_application", targetId: app.id, areaPath: communityPath(communityId) } as const;

  if (input.decision === "reject") {
    await tx.update(talentApplications).set({ status: "rejected", reviewedBy: ctx.user.id, reviewedAt: now }).where(eq(talentApplications.id, app.id));
    await writeAudit(tx, ctx, { ...audit, action: "talent_application.reject", before: { status: "pending" }, after: { status: "rejected" }, reason: input.note ?? null });
    return { result: { id: app.id, status: "rejected", talentId: null, accountCreated: false, tagged: false }, notify: [] };
  }

  if (input.teamId) {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.id, input.teamId), eq(teams.communityId, communityId))).limit(1);
    if (!team) throw new AppError("VALIDATION_FAILED", [{ path: "/teamId", message: "no such team in the call's community" }]);
  }
  const phone = deps.cipher.decrypt(app.phoneEnc);
  const [person] = await tx
    .select({ id: persons.id, areaId: persons.areaId })
    .from(persons)
    .innerJoin(areas, eq(areas.id, persons.areaId))
    .where(and(eq(persons.phoneHash, app.phoneHash), eq(persons.communityId, communityId), eq(persons.status, "active")))
    .limit(1);
  const { user, created } = await accountFor(tx, deps, { phone, phoneHash: app.phoneHash, name: app.name, communityId, personId: person?.id ?? null, personAreaId: person?.areaId ?? null });
  if (created) await writeAudit(tx, ctx, { action: "user.create_for_talent", targetType: "user", targetId: user.id, areaPath: communityPath(communityId), after: { role: SELF_REGISTERED_ROLE, phone } });

  await tx
    .insert(talents)
    .values({
      id: uuidv7(),
      communityId,
      userId: user.id,
      personId: person?.id ?? user.personId ?? null,
      name: app.name,
      category: app.category,
      skills: app.skills,
      isRider: inGroup(user.role, "riders"),
      joinedOn: localDay(now),
    })
    .onConflictDoNothing({ target: [talents.communityId, talents.userId] });
  const [talent] = await tx.select().from(talents).where(and(eq(talents.communityId, communityId), eq(talents.userId, user.id))).limit(1);
  // Someone answering a second call keeps one talent row; new skills are added to it.
  const skills = [...new Set([...talent.skills, ...app.skills])];
  if (skills.length !== talent.skills.length) await tx.update(talents).set({ skills }).where(eq(talents.id, talent.id));

  if (input.teamId) await tx.insert(teamMembers).values({ teamId: input.teamId, talentId: talent.id }).onConflictDoNothing();

  let tagged = false;
  if (person) {
    const [active] = await tx.select({ id: personTags.id }).from(personTags).where(and(eq(personTags.personId, person.id), eq(personTags.tagCode, "talent"), isNull(personTags.removedAt))).limit(1);
    if (!active) {
      await tx.insert(personTags).values({ id: uuidv7(), personId: person.id, tagCode: "talent", attrs: { category: app.category }, setBy: ctx.user.id });
      await writeAudit(tx, ctx, { action: "person.tag_set", targetType: "person", targetId: person.id, areaPath: communityPath(communityId), after: { tag: "talent", source: "recruitment" } });
    }
    tagged = true;
  }

  await tx.update(talentApplications).set({ status: "approved", reviewedBy: ctx.user.id, reviewedAt: now, userId: user.id }).where(eq(talentApplications.id, app.id));
  await writeAudit(tx, ctx, { ...audit, action: "talent_application.approve", before: { status: "pending" }, after: { status: "approved", talentId: talent.id, userId: user.id, teamId: input.teamId ?? null }, reason: input.note ?? null });
  return {
    result: { id: app.id, status: "approved", talentId: talent.id, accountCreated: created, tagged },
    notify: [{ userId: user.id, kind: "talent.approved", title: `您已加入治理人才库：${call.title}`, body: "欢迎加入社区治理人才库，可在手机端报名志愿服务。", link: "talent:me" }],
  };
}
