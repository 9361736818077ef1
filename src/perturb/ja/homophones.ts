// Kanji that share a reading: the recogniser hears the sound right and picks the wrong character.
import { confusionMap, type ErrorGenerator, pickSite, splice } from "../generator.js";
import { pick } from "../random.js";

// A small curated list; each group shares an on- or kun-reading in everyday speech.
const HOMOPHONES = confusionMap([
  ["橋", "箸", "端"], // はし
  ["市", "四", "詩"], // し
  ["時", "字", "次"], // じ
  ["科", "課", "家"], // か
  ["院", "員", "印"], // いん
  ["期", "機", "気"], // き
  ["個", "子", "古"], // こ
  ["週", "周", "州"], // しゅう
  ["約", "訳", "役"], // やく
  ["名", "明", "命"], // めい
  ["番", "晩"], // ばん
  ["話", "和"], // わ
  ["診", "新", "心"], // しん
  ["曜", "用", "要"], // よう
  ["歯", "葉"], // は
  ["予", "余", "世"], // よ
  ["定", "低", "提"], // てい
  ["間", "館", "感"], // かん
  ["後", "語", "五"], // ご
  ["会", "回", "絵"], // かい / え
  ["前", "全"], // ぜん
  ["室", "質"], // しつ
  ["休", "急", "級"], // きゅう
  ["電", "田"], // でん
]);

export const jaHomophones: ErrorGenerator<string> = {
  id: "ja-homophone",
  apply(chars, random) {
    const at = pickSite(chars, random, (char) => HOMOPHONES.has(char));
    const char = at === undefined ? undefined : chars[at];
    const swap = char === undefined ? undefined : pick(random, HOMOPHONES.get(char) ?? []);
    return at === undefined || swap === undefined ? undefined : splice(chars, at, 1, swap);
  },
};
