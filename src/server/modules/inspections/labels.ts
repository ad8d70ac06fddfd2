import type { ProgrammeKind } from "../../../contracts/enterprise";

/** What each programme kind checks: the patrol target kind whose checklist it uses. */
export const TARGET_KIND_OF: Record<ProgrammeKind, "food_business" | "fire_point" | "billboard"> = { food: "food_business", fire: "fire_point", billboard: "billboard" };
/** The competent department a failed re-check goes to, and the case category it is reported under. */
export const DEPARTMENT_OF: Record<ProgrammeKind, string> = { food: "市场监管所", fire: "消防队", billboard: "城管" };
export const CASE_CATEGORY_OF: Record<ProgrammeKind, string> = { food: "food_safety", fire: "fire_hazard", billboard: "billboard" };
export const PROGRAMME_NAMES: Record<ProgrammeKind, string> = { food: "食品安全检查", fire: "消防安全检查", billboard: "户外广告牌安全检查" };
