import type { Rng } from "./random";
import type { ItemRow } from "./patrol-templates";

/**
 * Plausible answers to a checklist for the demo history. Items that open a case fail only where a
 * real case of the history is linked (`forced`), so every such failure has its case; the other
 * items fail now and then (a household in poor health, a dirty kitchen put right on the spot).
 */

const NEEDS = ["希望社区协助联系上门理发", "需要代购日常药品", "家中水龙头漏水，希望帮忙联系维修", "希望参加社区老年活动", "想了解高龄补贴申领", "无"];
const KEY_NOTES = ["本人在家，情绪稳定，正常上班", "与家属沟通，近期无异常", "本人外出务工，电话联系正常", "走访时本人在家，家庭关系和睦"];
const OTHER_NOTES = ["现场检查未发现异常", "已向负责人宣传消防安全知识", "经营者配合检查", ""];

export type Answered = { answers: Record<string, unknown>; failures: string[] };

export function answerChecklist(rng: Rng, items: ItemRow[], opts: { forced?: string; failRate?: number; companions?: number } = {}): Answered {
  const answers: Record<string, unknown> = {};
  const failures: string[] = [];
  const rate = opts.failRate ?? 0.03;
  for (const item of items) {
    const fw = (item.failWhen ?? null) as { equals?: boolean; in?: string[] } | null;
    const mustFail = opts.forced === item.id;
    const mayFail = !item.opensCase && fw && rng.chance(rate);
    const fail = mustFail || !!mayFail;
    switch (item.type) {
      case "yes_no": {
        const failing = fw?.equals ?? false;
        answers[item.id] = fail ? failing : !failing;
        break;
      }
      case "choice": {
        const options = (item.options ?? []) as string[];
        const bad = fw?.in ?? [];
        const good = options.filter((o) => !bad.includes(o));
        answers[item.id] = fail && bad.length ? rng.pick(bad) : rng.chance(0.75) ? good[0] : rng.pick(good);
        break;
      }
      case "number":
        if (item.label.includes("劝导")) answers[item.id] = rng.chance(0.15) ? rng.int(1, 3) : 0;
        else if (item.label.includes("骑手")) answers[item.id] = opts.companions ?? 0;
        else if (rng.chance(0.8)) answers[item.id] = rng.int(3, 60);
        break;
      case "text":
        if (item.required) answers[item.id] = rng.pick(KEY_NOTES);
        else if (item.label.includes("需求") && rng.chance(0.3)) answers[item.id] = rng.pick(NEEDS);
        else if (rng.chance(0.15)) answers[item.id] = rng.pick(OTHER_NOTES.filter(Boolean));
        break;
      case "photo":
        break;
    }
    if (fail && fw) failures.push(item.id);
  }
  return { answers, failures };
}
