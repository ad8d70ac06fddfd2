import type { SessionUser } from "../../../contracts/auth";
import type { AuthUser } from "../../platform/context";
import type { PersonalDataCipher } from "../../platform/personal-data";
import { maskPhone } from "../../platform/personal-data";
import { permissionsOf } from "../../platform/policy";

/** The wire shape of the signed-in user; the phone is masked. */
export function presentSessionUser(user: AuthUser, cipher: PersonalDataCipher): SessionUser {
  return {
    id: user.id,
    displayName: user.displayName,
    username: user.username,
    phone: user.phoneEnc ? maskPhone(cipher.decrypt(user.phoneEnc)) : null,
    role: user.role,
    department: user.department,
    area:
      user.areaId && user.areaPath && user.areaName && user.areaLevel
        ? {
            id: user.areaId,
            name: user.areaName,
            level: user.areaLevel as NonNullable<SessionUser["area"]>["level"],
            path: user.areaPath,
            communityId: user.communityId,
          }
        : null,
    community: user.communityId && user.communityName ? { id: user.communityId, name: user.communityName } : null,
    permissions: permissionsOf(user.role),
  };
}
