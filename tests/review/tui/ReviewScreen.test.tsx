import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEYMAP } from "../../../src/review/tui/keymap.js";
import { invalidCase, structuredCase } from "./fixtures.js";
import { flat, KEY, mount } from "./screen.js";

afterEach(cleanup);

describe("what the item screen shows", () => {
  it("progress: review item n of N, graded today, pace and reviewer", async () => {
    const { frame, type } = await mount([structuredCase("a", 1), structuredCase("b", 4)], {
      reviewer: "bob",
    });
    // Two cases of three fields each: six review items, the unit the run and the reports count.
    expect(frame()).toContain("review item 1 of 6 · 0 graded today · –/h · bob · case a");
    await type("1");
    expect(frame()).toContain("review item 2 of 6 · 1 graded today · 42/h · bob");
  });

  it("the transcript with speaker labels", async () => {
    const { frame } = await mount([structuredCase()]);
    expect(frame()).toContain("caller: I'd like a table for four on March 30, my number is 555-010-2345.");
    expect(frame()).toContain("agent: Great, four people on the 30th.");
  });

  it("models side by side, ≠ on values off the majority, the gold column, and open grades", async () => {
    const { frame } = await mount([structuredCase()]);
    const lines = frame().split("\n");
    expect(lines.find((l) => l.includes("1 gpt"))).toMatch(
      /field\s+1 gpt\s+2 claude\s+3 llama\s+gold\s+your grade/,
    );
    expect(lines.find((l) => l.includes("› phone"))).toMatch(
      /555-010-2345\s+\+15550102345\s+≠ 555-010-2354\s+· open/,
    );
    expect(lines.find((l) => l.includes("  date"))).toMatch(
      /2026-03-30\s+≠ 2026-03-31\s+2026-03-30\s+2026-03-30/,
    );
    expect(lines.find((l) => l.includes("party_size"))).toMatch(/party_size\s+4\s+4\s+–/);
  });

  it("the schema issues of an invalid output", async () => {
    const { frame } = await mount([invalidCase()]);
    expect(frame()).toContain("⚠ 2 claude: invalid output: intent: Invalid option; phone: Required");
    expect(frame()).toMatch(/intent\s+≠ cancel\s+≠ ∅/);
  });

  it("b shows the knowledge-base lines about the selected field, and hides them again", async () => {
    const kb = "Opening hours: 5pm to 11pm.\nParty size: up to 8 people per table.";
    const { frame, type } = await mount([structuredCase()], { knowledgeBase: kb });
    expect(frame()).not.toContain("knowledge base");
    await type(KEY.down, KEY.down, "b");
    expect(frame()).toContain("knowledge base · lines about party_size · b hides");
    expect(frame()).toContain(" 2 │ Party size: up to 8 people per table.");
    expect(frame()).not.toContain("Opening hours");
    await type("b");
    expect(frame()).not.toContain("knowledge base");
  });

  it("j/k and PgDn/PgUp scroll the transcript", async () => {
    const long = structuredCase();
    long.transcript = Array.from({ length: 80 }, (_, i) => ({
      speaker: "caller",
      text: `sentence number ${i}`,
    }));
    const { frame, type } = await mount([long]);
    expect(frame()).toContain("caller: sentence number 0");
    await type("j");
    expect(frame()).not.toContain("sentence number 0\n");
    expect(frame()).toMatch(/lines 2–\d+ of 80/);
    await type("k");
    expect(frame()).toContain("caller: sentence number 0");
    await type(KEY.pgDn);
    expect(frame()).not.toContain("sentence number 1\n");
    await type(KEY.pgUp);
    expect(frame()).toMatch(/lines 1–\d+ of 80/);
  });

  it("? lists every key of the keymap with what it does, j scrolls it on a short terminal; Esc goes back", async () => {
    const { frame, type } = await mount([structuredCase()], {}, { columns: 80, rows: 24 });
    await type("?");
    // Read down to the last row: each screen is at most the terminal's height less one.
    let help = flat(frame());
    const end = () => /rows \d+–(\d+) of \1\b/.test(frame()) || !frame().includes("rows ");
    for (let i = 0; i < 100 && !end(); i++) {
      expect(frame().split("\n").length).toBeLessThan(24);
      await type("j");
      help += flat(frame());
    }
    expect(end()).toBe(true);
    for (const binding of KEYMAP) {
      expect(help).toContain(binding.label);
      expect(help).toContain(binding.help);
    }
    expect(help).toContain("b for base; k scrolls");
    await type(KEY.esc);
    expect(frame()).toContain("› phone");
  });

  it("the hint line shows the keys of the current mode", async () => {
    const { frame, type } = await mount([structuredCase()]);
    expect(frame()).toContain(
      "1..9 pick · e edit · x none · g gold · n note · s skip · u undo · b KB · ? help · q quit",
    );
    await type("e");
    expect(frame()).toContain("Enter save · Esc cancel");
  });
});
