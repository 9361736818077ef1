import { describe, expect, it } from "vitest";
import { droppedLongVowels, jaFillers } from "../../src/perturb/ja/fillers.js";
import { jaHomophones } from "../../src/perturb/ja/homophones.js";
import { nearKana } from "../../src/perturb/ja/near-kana.js";
import { confusableNumerals, jaDigitSlips } from "../../src/perturb/ja/numerals.js";
import { droppedParticles } from "../../src/perturb/ja/particles.js";
import { applyJa, outcomes } from "./helpers.js";

describe("Japanese recognition errors", () => {
  it("confuses 四 and 七, and 1 and 7 in digits", () => {
    expect(applyJa(confusableNumerals, "四名です")).toBe("七名です");
    expect(outcomes((seed) => applyJa(confusableNumerals, "七時", seed))).toEqual(new Set(["四時", "一時"]));
    expect(applyJa(confusableNumerals, "１時")).toBe("７時");
  });

  it("a phone number loses or swaps a digit", () => {
    for (const text of outcomes((seed) => applyJa(jaDigitSlips, "番号は090-1234-5678です", seed))) {
      const digits = /は([\d-]+)で/.exec(text ?? "")?.[1]?.replace(/-/g, "") ?? "";
      const swapped =
        digits.length === 11 && [...digits].filter((d, i) => d !== "09012345678"[i]).length === 2;
      expect(digits.length === 10 || swapped, text).toBe(true);
    }
    expect(applyJa(jaDigitSlips, "3月24日")).toBeUndefined();
  });

  it("swaps a kanji for one with the same reading", () => {
    expect(outcomes((seed) => applyJa(jaHomophones, "橋", seed))).toEqual(new Set(["箸", "端"]));
    expect(applyJa(jaHomophones, "ありがとう")).toBeUndefined();
  });

  it("drops a particle after a noun but not inside a kana word", () => {
    expect(applyJa(droppedParticles, "予約をお願い")).toBe("予約お願い");
    expect(applyJa(droppedParticles, "はい、そうです")).toBeUndefined();
  });

  it("inserts a filler at the start of a phrase, never at the end", () => {
    for (const text of outcomes((seed) => applyJa(jaFillers, "はい。そうです。", seed))) {
      expect(text).toMatch(/^(はい。)?(えー|あの|えっと|あのー|まあ)、.*。$/);
    }
  });

  it("drops a long-vowel mark", () => {
    expect(applyJa(droppedLongVowels, "コーヒー")).toMatch(/^(コヒー|コーヒ)$/);
  });

  it("hears a kana with or without its voicing, and drops a syllable when there is no kana", () => {
    expect(applyJa(nearKana, "か")).toBe("が");
    expect(applyJa(nearKana, "デ")).toBe("テ");
    expect(applyJa(nearKana, "予約")?.length).toBe(1);
  });
});
