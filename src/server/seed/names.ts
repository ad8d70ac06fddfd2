import { Rng, WeightedTable } from "./random";

/**
 * Synthetic Chinese personal names: a surname drawn by rough national frequency (with the
 * Yunnan-typical 杨, 段, 字, 普 a little heavier) and a given name in the style of the birth decade.
 */

// Surname and weight (per mille, approximate).
const SURNAMES: Array<readonly [string, number]> = [
  ["李", 74], ["王", 70], ["张", 66], ["杨", 52], ["刘", 50], ["陈", 44], ["赵", 24], ["黄", 20],
  ["周", 19], ["吴", 19], ["段", 10], ["徐", 12], ["孙", 11], ["胡", 10], ["朱", 10], ["高", 9],
  ["林", 8], ["何", 10], ["郭", 9], ["马", 10], ["罗", 10], ["梁", 7], ["宋", 6], ["郑", 6],
  ["谢", 6], ["韩", 5], ["唐", 6], ["冯", 5], ["于", 4], ["董", 5], ["肖", 5], ["程", 4],
  ["曹", 4], ["袁", 5], ["邓", 5], ["许", 4], ["傅", 3], ["沈", 3], ["曾", 4], ["彭", 4],
  ["吕", 3], ["苏", 4], ["卢", 3], ["蒋", 3], ["蔡", 3], ["贾", 3], ["丁", 3], ["魏", 3],
  ["薛", 3], ["叶", 3], ["余", 4], ["潘", 3], ["杜", 3], ["戴", 3], ["夏", 3], ["钟", 3],
  ["汪", 2], ["田", 3], ["任", 3], ["姜", 2], ["范", 3], ["方", 3], ["石", 3], ["姚", 3],
  ["谭", 3], ["廖", 3], ["邹", 2], ["熊", 3], ["金", 2], ["陆", 2], ["郝", 2], ["孔", 2],
  ["白", 3], ["崔", 2], ["康", 2], ["毛", 2], ["邱", 2], ["秦", 2], ["江", 2], ["史", 2],
  ["顾", 2], ["侯", 2], ["邵", 2], ["孟", 2], ["龙", 2], ["万", 2], ["雷", 2], ["钱", 2],
  ["汤", 2], ["尹", 3], ["黎", 2], ["易", 2], ["常", 2], ["武", 2], ["乔", 1], ["贺", 2],
  ["赖", 1], ["龚", 2], ["文", 2], ["普", 2], ["字", 2], ["施", 2], ["鲁", 2], ["和", 1],
  ["欧阳", 1], ["司马", 0.3], ["诸葛", 0.2],
];

const surnameTable = new WeightedTable(SURNAMES);

export function surname(rng: Rng): string {
  return surnameTable.pick(rng);
}

const split = (s: string) => s.split(/\s+/).filter(Boolean);

type Era = "old" | "middle" | "young";

// Whole given names typical of each era and sex.
const GIVEN: Record<Era, Record<"M" | "F", string[]>> = {
  old: {
    M: split(`建国 建华 国强 志强 志明 德华 福生 永红 卫东 文华 光明 海军 金龙 洪亮 振华 玉林 国华 树林
      家福 正清 保国 长生 庆丰 荣昌 福荣 德明 学文 云祥 汝林 绍先 开明 兴华 明德 秉忠 春林`),
    F: split(`秀英 桂英 秀兰 玉兰 桂兰 淑珍 凤英 丽华 美华 玉珍 秀珍 金凤 翠花 红梅 玉芬 桂芳 秀芬
      凤仙 淑英 兰芳 玉英 琼芬 丽琼 家珍 惠芳 秀云 玉梅 志芬 素珍 慧敏 碧华 云仙 丽仙 秀华`),
  },
  middle: {
    M: split(`志刚 建军 晓东 海涛 伟明 国栋 俊杰 文斌 云龙 家兴 建平 红兵 小军 立新 永刚 宏伟 建明
      晓峰 学军 卫国 东升 海波 志勇 继红 跃进 云飞 剑锋 春雷 振宇 浩 伟 磊 军 勇 涛 杰 斌 鹏 辉 刚 波 峰`),
    F: split(`丽娟 海燕 晓燕 春梅 雪梅 丽萍 晓丽 艳红 丽华 红艳 雪琴 琼仙 晓红 美玲 玉婷 秀梅 丽芳
      云华 晓梅 春燕 艳芬 小琼 丽 静 燕 艳 娟 敏 芳 霞 婷 雪 琳 红 萍 莉`),
  },
  young: {
    M: split(`浩然 子轩 宇轩 一鸣 博文 俊熙 皓轩 子墨 宇航 晨阳 思远 明轩 天佑 嘉豪 泽宇 奕辰 煜祺
      梓豪 俊宇 浩宇 昊天 宇泽 子豪 铭泽 锦程 景行 逸飞 睿 哲 楷 航 骁 宸 睿泽 沐阳 承宇`),
    F: split(`欣怡 子涵 梓萱 诗涵 雨桐 思琪 可馨 一诺 语嫣 佳怡 梦瑶 若曦 雨欣 紫涵 依诺 芷若 婉清
      静怡 心怡 梓涵 晨曦 思彤 雨萱 可欣 欣妍 馨予 安琪 书瑶 梓琪 悦 彤 妍 瑶 菲 琪 诺`),
  },
};

// Characters for composing further names: [first characters, second characters] by era and sex.
const CHARS: Record<Era, Record<"M" | "F", [string, string]>> = {
  old: {
    M: ["国建德文明福荣永家正忠学庆绍开兴树玉春", "华明林昌祥生才富贵清荣发安良成山忠"],
    F: ["秀桂玉淑凤金翠丽素惠月兰琼美碧", "英兰芳珍华芬仙梅琼莲菊清香云凤"],
  },
  middle: {
    M: ["建志海国晓文立永宏俊云春伟卫红小东家", "军明华平峰强伟东刚林勇涛波斌辉杰龙兵"],
    F: ["丽晓海春雪艳美红玉秀小云金桂", "娟燕梅萍丽红芳琴霞玲英华艳琼敏"],
  },
  young: {
    M: ["子浩宇俊博泽睿晨铭锦一天昊思嘉明奕梓承", "轩然辰宇航阳杰豪文熙泽铭远诚涵霖"],
    F: ["欣梓诗雨思可佳梦若语芷婉馨紫依静心一", "怡涵萱桐琪馨瑶曦欣彤妍悦诺然宁雯"],
  },
};

function eraOf(birthYear: number): Era {
  if (birthYear < 1965) return "old";
  if (birthYear < 1992) return "middle";
  return "young";
}

export function givenName(rng: Rng, sex: "M" | "F", birthYear: number): string {
  const era = eraOf(birthYear);
  if (rng.chance(0.65)) return rng.pick(GIVEN[era][sex]);
  const [first, second] = CHARS[era][sex];
  const b = second[rng.int(0, second.length - 1)];
  if (rng.chance(0.12)) return b;
  let a = first[rng.int(0, first.length - 1)];
  if (a === b) a = first[rng.int(0, first.length - 1)];
  return a + b;
}

/** A full name; pass `family` to keep a surname within a family. */
export function personName(rng: Rng, sex: "M" | "F", birthYear: number, family?: string): string {
  return (family ?? surname(rng)) + givenName(rng, sex, birthYear);
}
