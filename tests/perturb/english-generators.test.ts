import { describe, expect, it } from "vitest";
import { fillers, repeatedWords } from "../../src/perturb/en/disfluencies.js";
import { droppedWords } from "../../src/perturb/en/dropped-words.js";
import { homophones } from "../../src/perturb/en/homophones.js";
import { nearWords, soundKey } from "../../src/perturb/en/near-words.js";
import { confusableNumbers, digitSlips } from "../../src/perturb/en/numbers.js";
import { mergedWords, splitWords } from "../../src/perturb/en/split-merge.js";
import { applyEn, outcomes } from "./helpers.js";

describe("English recognition errors", () => {
  it("a phone number loses or swaps a digit, keeping its hyphen and brackets", () => {
    const seen = outcomes((seed) => applyEn(digitSlips, "Call (212) 555-0198, please.", seed));
    for (const text of seen) {
      const [, area = "", number = ""] = /\((\d+)\) ([\d-]+),/.exec(text ?? "") ?? [];
      const changed = area === "212" ? number : area;
      const digits = changed.replace(/-/g, "");
      const before = area === "212" ? "5550198" : "212";
      const swapped =
        digits.length === before.length &&
        [...digits].sort().join("") === [...before].sort().join("") &&
        [...digits].filter((d, i) => d !== before[i]).length === 2;
      expect(digits.length === before.length - 1 || swapped, `${text}`).toBe(true);
    }
    expect([...seen].some((text) => text?.includes("555-198") || text?.includes("55-0198"))).toBe(true);
  });

  it("leaves short numbers alone: a digit slip needs three digits", () => {
    expect(applyEn(digitSlips, "at 10 or 11")).toBeUndefined();
  });

  it("hears teens as tens and number words as their sound-alikes", () => {
    expect(applyEn(confusableNumbers, "ten fifteen works")).toMatch(/^(then fifteen|ten fifty) works$/);
    expect(outcomes((seed) => applyEn(confusableNumbers, "Two", seed))).toEqual(new Set(["To", "Too"]));
    expect(applyEn(confusableNumbers, "eight")).toBe("ate");
    expect(applyEn(confusableNumbers, "oh")).toBe("zero");
    expect(applyEn(confusableNumbers, "four")).toBe("for");
  });

  it("swaps a homophone and keeps its capital and punctuation", () => {
    expect(applyEn(homophones, "There, I said it.")).toMatch(/^(Their|They're), I said it\.$/);
    expect(applyEn(homophones, "see you next week")).toMatch(/^(sea you next week|see you next weak)$/);
    expect(applyEn(homophones, "nothing to swap")).toBeUndefined();
  });

  it("drops a short function word and never empties a one-word turn", () => {
    expect(applyEn(droppedWords, "I want the table.")).toMatch(/^(want the table\.|I want table\.)$/);
    expect(applyEn(droppedWords, "the")).toBeUndefined();
  });

  it("splits names and compounds where a recogniser hears separate words", () => {
    expect(applyEn(splitWords, "Ask McDonald.")).toBe("Ask mc donald.");
    expect(applyEn(splitWords, "Mr Anderson")).toBe("Mr and her son");
    expect(applyEn(splitWords, "the rosewood table")).toBe("the rose wood table");
    expect(applyEn(splitWords, "Dana Whitfield.")).toBe("Dana whit field.");
  });

  it("runs two short words together", () => {
    expect(applyEn(mergedWords, "thanks a lot")).toMatch(/^(thanksa lot|thanks alot)$/);
    expect(applyEn(mergedWords, "a, lot")).toBeUndefined();
  });

  it("inserts fillers and repeats a word", () => {
    const filled = outcomes((seed) => applyEn(fillers, "book a table", seed));
    expect([...filled].some((text) => text?.includes("you know"))).toBe(true);
    expect(
      [...filled].every(
        (text) => text?.replace(/\b(uh|um|you know|like|I mean) ?/g, "").trim() === "book a table",
      ),
    ).toBe(true);
    expect(outcomes((seed) => applyEn(repeatedWords, "Yes, please.", seed))).toEqual(
      new Set(["Yes Yes, please.", "Yes, please please."]),
    );
  });

  it("can mishear any word as a near-sounding one, so every budget is reachable", () => {
    for (const word of ["Wednesday", "cough", "pad", "Greenway"]) {
      const near = applyEn(nearWords, word) ?? "";
      expect(near).not.toBe(word);
      const sameSound = soundKey(near) === soundKey(word);
      const oneLetter = near.length === word.length && [...near].filter((c, i) => c !== word[i]).length === 1;
      expect(sameSound || oneLetter, `${word} → ${near}`).toBe(true);
    }
  });
});
