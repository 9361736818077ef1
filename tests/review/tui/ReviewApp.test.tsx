import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freeTextCase, invalidCase, structuredCase } from "./fixtures.js";
import { KEY, mount } from "./screen.js";

afterEach(cleanup);

describe("grading on the screen", () => {
  it("2 picks the second model: the session gets the grade, then the screen says saved", async () => {
    const { session, frame, type } = await mount([structuredCase()]);
    expect(frame()).toContain("› phone");
    await type("2");
    expect(session.live).toEqual([
      { itemId: 1, verdict: { kind: "pick", modelId: "claude", value: "+15550102345" } },
    ]);
    expect(frame()).toContain("saved ✓ phone: claude = +15550102345");
    expect(frame()).toMatch(/phone .*✓ claude/);
    expect(frame()).toContain("› date");
  });

  it("keys typed faster than a frame (one chunk) each act, in order", async () => {
    const { session, ui, frame } = await mount([structuredCase()]);
    ui.stdin.write("2x");
    await vi.waitFor(() => expect(session.live).toHaveLength(2), { timeout: 2_000 });
    expect(session.live).toEqual([
      { itemId: 1, verdict: { kind: "pick", modelId: "claude", value: "+15550102345" } },
      { itemId: 2, verdict: { kind: "none" } },
    ]);
    await vi.waitFor(() => expect(frame()).toContain("saved ✓ date: none is right"), { timeout: 2_000 });
  });

  it("e, typing and Enter store the typed value in its canonical form", async () => {
    const { session, frame, type } = await mount([structuredCase()]);
    await type(KEY.down, "e");
    expect(frame()).toContain("right value for date ›");
    expect(frame()).toContain("a date — write YYYY-MM-DD");
    await type("March 30", KEY.enter);
    expect(session.live).toEqual([{ itemId: 2, verdict: { kind: "edit", value: "2026-03-30" } }]);
    expect(frame()).toContain("saved ✓ date: typed 2026-03-30");
    expect(frame()).not.toContain("right value for");
  });

  it("an invalid value stays in the editor with the reason, Backspace fixes it, Esc cancels", async () => {
    const { session, frame, type } = await mount([structuredCase()]);
    await type(KEY.down, "e", "3/3x", KEY.enter);
    expect(session.grades).toEqual([]);
    expect(frame()).toContain("right value for date › 3/3x");
    expect(frame()).toContain("✗ invalid: not a date: write YYYY-MM-DD, 3/30, March 30…");
    await type(KEY.backspace, "1", KEY.ctrlU, "3/31");
    expect(frame()).toContain("right value for date › 3/31");
    await type(KEY.esc);
    expect(frame()).toContain("edit cancelled: nothing saved");
    expect(session.grades).toEqual([]);
  });

  it("g corrects the gold label, starting from the current gold", async () => {
    const { session, frame, type } = await mount([structuredCase()]);
    await type(KEY.down, "g");
    expect(frame()).toContain("corrected gold for date › 2026-03-30");
    await type(KEY.backspace, "1", KEY.enter);
    expect(session.live).toEqual([
      { itemId: 2, verdict: { kind: "gold", value: "2026-03-31", previousGold: "2026-03-30" } },
    ]);
    expect(frame()).toContain("saved ✓ date: gold → 2026-03-31");
  });

  it("x grades none-is-right", async () => {
    const { session, frame, type } = await mount([structuredCase()]);
    await type("x");
    expect(session.live).toEqual([{ itemId: 1, verdict: { kind: "none" } }]);
    expect(frame()).toContain("saved ✓ phone: none is right");
  });

  it("a free-text field is rated answer by answer, p/f override, Enter saves", async () => {
    const { session, frame, type } = await mount([freeTextCase()]);
    expect(frame()).toContain("rubric: Names the change and the new day.");
    await type("4");
    // The answers start in one column, whatever the length of the model names.
    expect(frame()).toMatch(/\[4\/5 pass\] 1 gpt: +Move booking to Friday\./);
    expect(frame()).toContain("› [·/5      ] 2 claude: Caller called.");
    await type("3", "f", KEY.enter);
    expect(session.live[0]?.verdict).toEqual({
      kind: "rating",
      ratings: { gpt: { score: 4, pass: true }, claude: { score: 3, pass: false } },
    });
  });

  it("n adds a note to the selected field", async () => {
    const { session, frame, type } = await mount([structuredCase()]);
    await type("n", "caller unsure of the day", KEY.enter);
    expect(session.notes).toEqual([{ itemId: 1, text: "caller unsure of the day" }]);
    expect(frame()).toContain("note saved ✓");
  });

  it("u undoes the last grade and goes back to it, even on the previous case", async () => {
    const { session, frame, type } = await mount([structuredCase("a", 1), invalidCase("b", 20)]);
    await type("1", "1", "1");
    expect(frame()).toContain("case b");
    await type("u");
    expect(session.live).toHaveLength(2);
    expect(frame()).toContain("case a");
    expect(frame()).toContain("undone ✓ party_size is open again");
    expect(frame()).toContain("› party_size");
  });

  it("s skips to the next case", async () => {
    const { session, frame, type } = await mount([structuredCase("a", 1), invalidCase("b", 20)]);
    await type("s");
    expect(session.skipped).toEqual(["a"]);
    expect(frame()).toContain("case b");
  });

  it("the last grade of a case moves to the next case without a dialog, and the end closes the session", async () => {
    const { session, frame, type } = await mount([invalidCase("only", 20)]);
    await type("1");
    expect(frame()).toContain("No more review items for alice in this session");
    expect(frame()).toContain("graded 1 of 1 review item · 0 left");
    expect(session.closeCount).toBe(1);
  });

  it("q and Ctrl+C quit and close the session", async () => {
    for (const key of ["q", KEY.ctrlC]) {
      const { session, type } = await mount([structuredCase()]);
      await type(key);
      expect(session.closeCount).toBe(1);
      expect(session.grades).toEqual([]);
    }
  });
});
