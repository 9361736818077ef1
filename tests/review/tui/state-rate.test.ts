import { describe, expect, it } from "vitest";
import { initialState, reduce } from "../../../src/review/tui/state.js";
import { freeTextCase, gradedAt } from "./fixtures.js";
import { press, start } from "./reduce-helpers.js";

const rating = () => press(start(freeTextCase()), "r").state;

describe("rating a free-text field", () => {
  it("1..5 score the selected answer and move to the next; Enter saves pass at the pass rating or above", () => {
    const { state, effects } = press(rating(), "4", "2", "<enter>");
    expect(state.rating.drafts).toEqual([{ score: 4 }, { score: 2 }]);
    expect(effects).toEqual([
      {
        type: "grade",
        caseId: "call-2",
        input: {
          itemId: 10,
          verdict: {
            kind: "rating",
            ratings: { gpt: { score: 4, pass: true }, claude: { score: 2, pass: false } },
          },
        },
      },
    ]);
  });

  it("every score 1..5 is accepted", () => {
    for (const score of [1, 2, 3, 4, 5]) {
      expect(press(rating(), String(score)).state.rating.drafts[0]).toEqual({ score });
    }
  });

  it("p and f set pass/fail of the selected answer over its score", () => {
    const { effects } = press(rating(), "2", "<up>", "p", "<down>", "5", "f", "<enter>");
    expect(effects[0]).toMatchObject({
      input: { verdict: { ratings: { gpt: { score: 2, pass: true }, claude: { score: 5, pass: false } } } },
    });
  });

  it("↑/↓ and Tab move among the answers, wrapping", () => {
    expect(press(rating(), "<down>").state.rating.row).toBe(1);
    expect(press(rating(), "<tab>", "<tab>").state.rating.row).toBe(0);
    expect(press(rating(), "<up>").state.rating.row).toBe(1);
    expect(press(rating(), "<s-tab>").state.rating.row).toBe(1);
  });

  it("Enter with an unrated answer says which and saves nothing", () => {
    const { state, effects } = press(rating(), "4", "<enter>");
    expect(effects).toEqual([]);
    expect(state.mode).toBe("rate");
    expect(state.status?.text).toBe("rate every answer first: row 2 has no score");
  });

  it("Esc leaves rating without saving", () => {
    const { state, effects } = press(rating(), "4", "<esc>");
    expect(effects).toEqual([]);
    expect(state.mode).toBe("grade");
    expect(state.rating.drafts).toEqual([]);
  });

  it("scrolling, b, ? and q work while rating", () => {
    expect(press(rating(), "b").state.showKb).toBe(true);
    expect(press(rating(), "?").state.mode).toBe("help");
    expect(press(rating(), "?", "x").state.mode).toBe("rate");
    expect(press(rating(), "q").effects).toEqual([{ type: "quit" }]);
    expect(press(rating(), "j").state.scroll).toBe(0);
    expect(press(rating(), "<pgdn>").state.mode).toBe("rate");
  });

  it("a key with no meaning here (6, x) leaves the drafts alone", () => {
    const { state } = press(rating(), "6", "x");
    expect(state.rating.drafts).toEqual([{}, {}]);
    expect(state.status?.text).toMatch(/no such key/);
  });

  it("rating again starts from the saved rating", () => {
    const graded = gradedAt(freeTextCase(), 0, {
      kind: "rating",
      ratings: { gpt: { score: 5, pass: true }, claude: { score: 1, pass: false } },
    });
    expect(press(start(graded), "r").state.rating.drafts).toEqual([
      { score: 5, pass: true },
      { score: 1, pass: false },
    ]);
  });

  it("the pass rating comes from the config", () => {
    const strict = reduce(initialState({ passRating: 5, scoring: initialState().config.scoring }), {
      type: "loaded",
      case: freeTextCase(),
    }).state;
    const { effects } = press(strict, "r", "4", "5", "<enter>");
    expect(effects[0]).toMatchObject({
      input: { verdict: { ratings: { gpt: { pass: false }, claude: { pass: true } } } },
    });
  });
});
