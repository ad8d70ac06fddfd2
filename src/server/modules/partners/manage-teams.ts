import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { teamBody, teamPatchBody } from "../../../contracts/partners";
import { talents, teamMembers, teams } from "../../db/schema/partners";
import type { DbOrTx, Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath, communityVisible, targetCommunity } from "./community-scope";

export async function loadTeam(db: DbOrTx, user: AuthUser, id: string) {
  const [row] = await db.select().from(teams).where(and(eq(teams.id, id), communityVisible(user, teams.communityId))).limit(1);
  if (!row) throw notFound("team");
  return row;
}

/** Talents must be of the team's community. */
async function assertTalents(tx: Tx, communityId: string, ids: string[], path: string) {
  if (ids.length === 0) return;
  const found = await tx.select({ id: talents.id }).from(talents).where(and(inArray(talents.id, ids), eq(talents.communityId, communityId)));
  if (found.length !== ids.length) throw new AppError("VALIDATION_FAILED", [{ path, message: "unknown talent in this community" }]);
}

/** Forms a team (调解队, 义诊团 …); the leader is always a member. */
export async function createTeam(ctx: SignedInContext, tx: Tx, body: z.infer<typeof teamBody>): Promise<{ id: string }> {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  const members = [...new Set([...body.memberTalentIds, ...(body.leaderTalentId ? [body.leaderTalentId] : [])])];
  await assertTalents(tx, community.id, members, "/memberTalentIds");
  const id = uuidv7();
  await tx.insert(teams).values({ id, communityId: community.id, name: body.name, kind: body.kind, leaderTalentId: body.leaderTalentId ?? null });
  if (members.length) await tx.insert(teamMembers).values(members.map((talentId) => ({ teamId: id, talentId })));
  await writeAudit(tx, ctx, { action: "team.create", targetType: "team", targetId: id, areaPath: communityPath(community.id), after: body });
  return { id };
}

export async function updateTeam(ctx: SignedInContext, tx: Tx, teamId: string, body: z.infer<typeof teamPatchBody>): Promise<void> {
  const team = await loadTeam(tx, ctx.user, teamId);
  if (body.leaderTalentId) {
    await assertTalents(tx, team.communityId, [body.leaderTalentId], "/leaderTalentId");
    await tx.insert(teamMembers).values({ teamId: team.id, talentId: body.leaderTalentId }).onConflictDoNothing();
  }
  const set = { ...(body.name ? { name: body.name } : {}), ...(body.leaderTalentId !== undefined ? { leaderTalentId: body.leaderTalentId } : {}) };
  if (Object.keys(set).length) await tx.update(teams).set(set).where(eq(teams.id, team.id));
  await writeAudit(tx, ctx, { action: "team.update", targetType: "team", targetId: team.id, areaPath: communityPath(team.communityId), before: { name: team.name, leaderTalentId: team.leaderTalentId }, after: body });
}

export async function addTeamMember(ctx: SignedInContext, tx: Tx, teamId: string, talentId: string): Promise<void> {
  const team = await loadTeam(tx, ctx.user, teamId);
  await assertTalents(tx, team.communityId, [talentId], "/talentId");
  const added = await tx.insert(teamMembers).values({ teamId: team.id, talentId }).onConflictDoNothing().returning();
  if (added.length) await writeAudit(tx, ctx, { action: "team.member_add", targetType: "team", targetId: team.id, areaPath: communityPath(team.communityId), after: { talentId } });
}

export async function removeTeamMember(ctx: SignedInContext, tx: Tx, teamId: string, talentId: string): Promise<void> {
  const team = await loadTeam(tx, ctx.user, teamId);
  const removed = await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.talentId, talentId))).returning();
  if (removed.length === 0) throw notFound("team member");
  if (team.leaderTalentId === talentId) await tx.update(teams).set({ leaderTalentId: null }).where(eq(teams.id, team.id));
  await writeAudit(tx, ctx, { action: "team.member_remove", targetType: "team", targetId: team.id, areaPath: communityPath(team.communityId), before: { talentId } });
}
