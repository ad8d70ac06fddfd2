import { maskIdNumber, maskPhone, type PersonalDataCipher } from "../../platform/personal-data";
import type { persons } from "../../db/schema/places";

type PersonRow = typeof persons.$inferSelect;
export type TagView = { code: string; name: string; attrs: Record<string, string>; setAt: string; setBy: string | null };

export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split("-").map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}

/** A registry person for the wire: phone and ID number always masked here. */
export function presentMember(p: PersonRow, tags: TagView[], cipher: PersonalDataCipher) {
  return {
    id: p.id,
    name: p.name,
    sex: p.sex,
    age: ageOn(p.birthDate),
    relation: p.relation,
    residence: p.residence,
    status: p.status,
    phone: p.phoneEnc ? maskPhone(cipher.decrypt(p.phoneEnc)) : null,
    idNumber: maskIdNumber(cipher.decrypt(p.idNumberEnc)) ?? "",
    tags,
  };
}
