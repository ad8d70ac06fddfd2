import { and, eq, isNull, sql } from "drizzle-orm";
import { buildings, compounds, households, persons } from "../../db/schema/places";
import { personTags, residenceEvents } from "../../db/schema/registry";
import type { Tx, DbOrTx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { localDay } from "../../platform/clock";
import { areaPathInScope } from "../../platform/scope";
import { parseIdNumber, type PersonalDataCipher } from "../../platform/personal-data";
import { assertTagVisible } from "./tag-visibility";

type NewPerson = { name: string; idNumber: string; phone?: string; relation: (typeof persons.$inferSelect)["relation"]; residence: (typeof persons.$inferSelect)["residence"] };

const today = () => localDay();

/** Loads a row's area path and refuses what lies outside the caller's scope (as not found). */
async function scoped<T extends { areaId: string }>(db: DbOrTx, ctx: SignedInContext, row: T | undefined, what: string): Promise<T & { path: string }> {
  if (!row) throw notFound(what);
  const path = await areaPathInScope(db, ctx.user, row.areaId);
  if (!path) throw notFound(what);
  return { ...row, path };
}

export async function loadPersonInScope(db: DbOrTx, ctx: SignedInContext, personId: string) {
  const [p] = await db.select().from(persons).where(eq(persons.id, personId)).limit(1);
  return scoped(db, ctx, p, "person");
}

export async function loadHouseholdInScope(db: DbOrTx, ctx: SignedInContext, householdId: string) {
  const [h] = await db.select().from(households).where(eq(households.id, householdId)).limit(1);
  return scoped(db, ctx, h, "household");
}

export async function loadBuildingInScope(db: DbOrTx, ctx: SignedInContext, buildingId: string) {
  const [b] = await db.select().from(buildings).where(eq(buildings.id, buildingId)).limit(1);
  return scoped(db, ctx, b, "building");
}

/** Builds the encrypted columns of a new person; the ID number decides birth date and sex. */
export function personColumns(cipher: PersonalDataCipher, p: NewPerson) {
  const id = p.idNumber.trim().toUpperCase();
  const parsed = parseIdNumber(id);
  if (!parsed) throw new AppError("VALIDATION_FAILED", [{ path: "/idNumber", message: "invalid ID number (checksum or birth date)" }]);
  return {
    name: p.name,
    sex: parsed.sex,
    birthDate: parsed.birthDate,
    idNumberEnc: cipher.encrypt(id),
    idNumberHash: cipher.blindIndex(id),
    idNumberTail: id.slice(-4),
    phoneEnc: p.phone ? cipher.encrypt(p.phone) : null,
    phoneHash: p.phone ? cipher.blindIndex(p.phone) : null,
    phoneTail: p.phone ? p.phone.slice(-4) : null,
    relation: p.relation,
    residence: p.residence,
  };
}

async function assertNotRegistered(tx: Tx, cipher: PersonalDataCipher, idNumber: string) {
  const [dup] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.idNumberHash, cipher.blindIndex(idNumber.trim().toUpperCase())), sql`${persons.status} IN ('active', 'moved_out')`))
    .limit(1);
  if (dup) throw new AppError("CONFLICT", { reason: "ID number already registered" });
}

/** Registers a household in a room of a building, with its members, in one transaction. */
export async function createHousehold(
  deps: AppDeps,
  ctx: SignedInContext,
  input: { buildingId: string; unitNo: number; roomNo: string; movedInOn: string; members: NewPerson[] },
) {
  const heads = input.members.filter((m) => m.relation === "head").length;
  if (heads !== 1) throw new AppError("VALIDATION_FAILED", [{ path: "/members", message: "exactly one head of household" }]);
  const ids = input.members.map((m) => m.idNumber.trim().toUpperCase());
  if (new Set(ids).size !== ids.length) throw new AppError("VALIDATION_FAILED", [{ path: "/members", message: "the same ID number twice" }]);
  return deps.database.db.transaction(async (tx) => {
    const b = await loadBuildingInScope(tx, ctx, input.buildingId);
    const [compound] = await tx.select({ name: compounds.name }).from(compounds).where(eq(compounds.id, b.compoundId)).limit(1);
    const taken = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.buildingId, b.id), eq(households.unitNo, input.unitNo), eq(households.roomNo, input.roomNo), eq(households.status, "active")))
      .limit(1);
    if (taken.length) throw new AppError("CONFLICT", { reason: "an active household lives in this room" });
    const householdId = uuidv7();
    const address = `${compound?.name ?? ""}${b.name}${input.unitNo}单元${input.roomNo}`;
    await tx.insert(households).values({ id: householdId, communityId: b.communityId, areaId: b.areaId, buildingId: b.id, unitNo: input.unitNo, roomNo: input.roomNo, address, movedInOn: input.movedInOn });
    const personIds: string[] = [];
    for (const m of input.members) {
      await assertNotRegistered(tx, deps.cipher, m.idNumber);
      const id = uuidv7();
      personIds.push(id);
      await tx.insert(persons).values({ id, communityId: b.communityId, areaId: b.areaId, householdId, ...personColumns(deps.cipher, m) });
    }
    await tx.insert(residenceEvents).values({ id: uuidv7(), householdId, kind: "move_in", on: input.movedInOn, actorId: ctx.user.id });
    await writeAudit(tx, ctx, {
      action: "household.create",
      targetType: "household",
      targetId: householdId,
      areaPath: b.path,
      after: { address, members: input.members.map((m) => ({ name: m.name, idNumber: m.idNumber, phone: m.phone ?? null, relation: m.relation })) },
    });
    return { id: householdId, personIds };
  });
}

/** A member joins an existing household. */
export async function addMember(deps: AppDeps, ctx: SignedInContext, householdId: string, m: NewPerson & { joinedOn?: string }) {
  return deps.database.db.transaction(async (tx) => {
    const h = await loadHouseholdInScope(tx, ctx, householdId);
    if (h.status !== "active") throw new AppError("INVALID_TRANSITION", { reason: "household is not active" });
    if (m.relation === "head") throw new AppError("VALIDATION_FAILED", [{ path: "/relation", message: "the household already has a head" }]);
    await assertNotRegistered(tx, deps.cipher, m.idNumber);
    const id = uuidv7();
    await tx.insert(persons).values({ id, communityId: h.communityId, areaId: h.areaId, householdId, ...personColumns(deps.cipher, m) });
    await tx.insert(residenceEvents).values({ id: uuidv7(), householdId, personId: id, kind: "join", on: m.joinedOn ?? today(), actorId: ctx.user.id });
    await writeAudit(tx, ctx, { action: "person.create", targetType: "person", targetId: id, areaPath: h.path, after: { name: m.name, idNumber: m.idNumber, phone: m.phone ?? null, relation: m.relation } });
    return { id };
  });
}

/** Changes a person's name, phone, relation or residence type; the change is kept in the household history. */
export async function updatePerson(
  deps: AppDeps,
  ctx: SignedInContext,
  personId: string,
  input: { name?: string; phone?: string | null; relation?: NewPerson["relation"]; residence?: NewPerson["residence"] },
) {
  return deps.database.db.transaction(async (tx) => {
    const p = await loadPersonInScope(tx, ctx, personId);
    if (p.status !== "active") throw new AppError("INVALID_TRANSITION", { reason: "person is not active" });
    const set: Partial<typeof persons.$inferInsert> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.relation !== undefined) set.relation = input.relation;
    if (input.residence !== undefined) set.residence = input.residence;
    if (input.phone !== undefined) {
      set.phoneEnc = input.phone ? deps.cipher.encrypt(input.phone) : null;
      set.phoneHash = input.phone ? deps.cipher.blindIndex(input.phone) : null;
      set.phoneTail = input.phone ? input.phone.slice(-4) : null;
    }
    if (Object.keys(set).length === 0) return { id: p.id };
    await tx.update(persons).set(set).where(eq(persons.id, p.id));
    if (p.householdId) {
      await tx.insert(residenceEvents).values({ id: uuidv7(), householdId: p.householdId, personId: p.id, kind: "update", on: today(), note: Object.keys(input).join(","), actorId: ctx.user.id });
    }
    const before = { name: p.name, relation: p.relation, residence: p.residence, phone: p.phoneEnc ? deps.cipher.decrypt(p.phoneEnc) : null };
    await writeAudit(tx, ctx, { action: "person.update", targetType: "person", targetId: p.id, areaPath: p.path, before, after: input });
    return { id: p.id };
  });
}

/** A member moves out: the person is kept with status moved_out and the date, never deleted. */
export async function moveOutPerson(deps: AppDeps, ctx: SignedInContext, personId: string, input: { on: string; note?: string }) {
  return deps.database.db.transaction(async (tx) => {
    const p = await loadPersonInScope(tx, ctx, personId);
    if (p.status !== "active") throw new AppError("INVALID_TRANSITION", { reason: "person is not active" });
    if (p.relation === "head") throw new AppError("INVALID_TRANSITION", { reason: "move the whole household out, or name a new head first" });
    await tx.update(persons).set({ status: "moved_out" }).where(eq(persons.id, p.id));
    if (p.householdId) await tx.insert(residenceEvents).values({ id: uuidv7(), householdId: p.householdId, personId: p.id, kind: "leave", on: input.on, note: input.note ?? null, actorId: ctx.user.id });
    await writeAudit(tx, ctx, { action: "person.move_out", targetType: "person", targetId: p.id, areaPath: p.path, before: { status: "active" }, after: { status: "moved_out", on: input.on } });
    return { id: p.id };
  });
}

/** The whole household moves out: it is archived with its members, to be purged after the retention period. */
export async function moveOutHousehold(deps: AppDeps, ctx: SignedInContext, householdId: string, input: { on: string; note?: string }) {
  return deps.database.db.transaction(async (tx) => {
    const h = await loadHouseholdInScope(tx, ctx, householdId);
    if (h.status !== "active") throw new AppError("INVALID_TRANSITION", { reason: "household is not active" });
    await tx.update(households).set({ status: "archived", movedOutOn: input.on }).where(eq(households.id, h.id));
    await tx.update(persons).set({ status: "archived" }).where(and(eq(persons.householdId, h.id), eq(persons.status, "active")));
    await tx.insert(residenceEvents).values({ id: uuidv7(), householdId: h.id, kind: "move_out", on: input.on, note: input.note ?? null, actorId: ctx.user.id });
    await writeAudit(tx, ctx, { action: "household.move_out", targetType: "household", targetId: h.id, areaPath: h.path, before: { status: "active" }, after: { status: "archived", movedOutOn: input.on } });
    return { id: h.id };
  });
}

/** Sets a care/attention tag (recording who and when); setting an active tag again changes nothing. */
export async function setTag(deps: AppDeps, ctx: SignedInContext, personId: string, input: { tagCode: string; attrs: Record<string, string> }) {
  return deps.database.db.transaction(async (tx) => {
    const p = await loadPersonInScope(tx, ctx, personId);
    await assertTagVisible(tx, ctx.user, input.tagCode);
    const [active] = await tx.select({ id: personTags.id }).from(personTags).where(and(eq(personTags.personId, p.id), eq(personTags.tagCode, input.tagCode), isNull(personTags.removedAt))).limit(1);
    if (active) return { id: active.id, created: false };
    const id = uuidv7();
    await tx.insert(personTags).values({ id, personId: p.id, tagCode: input.tagCode, attrs: input.attrs, setBy: ctx.user.id });
    await writeAudit(tx, ctx, { action: "person.tag_set", targetType: "person", targetId: p.id, areaPath: p.path, after: { tag: input.tagCode, attrs: input.attrs } });
    return { id, created: true };
  });
}

export async function removeTag(deps: AppDeps, ctx: SignedInContext, personId: string, tagCode: string) {
  return deps.database.db.transaction(async (tx) => {
    const p = await loadPersonInScope(tx, ctx, personId);
    await assertTagVisible(tx, ctx.user, tagCode);
    const removed = await tx
      .update(personTags)
      .set({ removedAt: new Date(), removedBy: ctx.user.id })
      .where(and(eq(personTags.personId, p.id), eq(personTags.tagCode, tagCode), isNull(personTags.removedAt)))
      .returning({ id: personTags.id });
    if (removed.length === 0) throw notFound("tag");
    await writeAudit(tx, ctx, { action: "person.tag_removed", targetType: "person", targetId: p.id, areaPath: p.path, before: { tag: tagCode } });
  });
}

/** Shows the full ID number and phone to a caller with the right, for a typed reason, and audits it. */
export async function unmaskPerson(deps: AppDeps, ctx: SignedInContext, personId: string, reason: string) {
  return deps.database.db.transaction(async (tx) => {
    const p = await loadPersonInScope(tx, ctx, personId);
    await writeAudit(tx, ctx, { action: "person.unmask", targetType: "person", targetId: p.id, areaPath: p.path, reason });
    return { idNumber: deps.cipher.decrypt(p.idNumberEnc), phone: p.phoneEnc ? deps.cipher.decrypt(p.phoneEnc) : null };
  });
}
