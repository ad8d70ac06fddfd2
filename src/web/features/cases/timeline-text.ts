import type { TFunction } from "i18next";
import { formatDateTime } from "../../lib/format";
import { departmentKey } from "./departments";
import type { CaseEvent } from "./types";

/** "接单处理", "上报至社区" …: what a timeline entry did, in the UI language. */
export function eventTitle(e: CaseEvent, t: TFunction): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  if (e.action === "escalate" && typeof data.toLevel === "string") return t("cases.event.escalateTo", { level: t(`cases.level.${data.toLevel}`) });
  if ((e.action === "approve_delay" || e.action === "reject_delay") && data.approved !== undefined) return t(`cases.event.${e.action}`);
  return t(`cases.event.${e.action}`, { defaultValue: e.action });
}

/** Who and when: "2026-05-01 14:03:22 · 张三（网格员）". */
export function eventByline(e: CaseEvent, t: TFunction): string {
  const who = !e.actorName
    ? t("cases.event.system")
    : e.actorRole
      ? t("cases.event.actorWithRole", { name: e.actorName, role: t(`roles.${e.actorRole}`, { defaultValue: e.actorRole }) })
      : e.actorName;
  return `${formatDateTime(e.at)} · ${who}`;
}

/** The facts an entry carries besides its note: to whom, which department, how it closed, the rating … */
export function eventFacts(e: CaseEvent, t: TFunction): string[] {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const facts: string[] = [];
  if (e.action === "report" && typeof data.channel === "string") facts.push(t("cases.event.viaChannel", { channel: t(`cases.channel.${data.channel}`) }));
  if (typeof data.handlerName === "string" && e.action !== "take") facts.push(t("cases.event.toHandler", { name: data.handlerName }));
  if (typeof data.department === "string" && data.department) {
    const key = departmentKey(data.department);
    facts.push(t("cases.event.toDepartment", { name: key ? t(`cases.departments.${key}`) : data.department }));
  }
  if (typeof data.returnedTo === "string") facts.push(t("cases.event.returnedTo", { level: t(`cases.level.${data.returnedTo}`) }));
  if (typeof data.closureKind === "string") facts.push(t(`cases.closure.${data.closureKind}`));
  if (typeof data.delayHours === "number") facts.push(t("cases.event.delayHours", { hours: data.delayHours }));
  if (typeof data.rating === "string") facts.push(t(`cases.rating.${data.rating}`));
  if (typeof data.duplicateOf === "string") facts.push(t("cases.event.duplicateOf", { number: data.duplicateOf }));
  return facts;
}
