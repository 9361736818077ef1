// The screen at the sizes reviewers use (80×24 up to 160×45), on an English and a Japanese call: every turn
// reachable with its speaker, whole answers shown, columns apart, and the frame never taller than the terminal.
import { cleanup } from "ink-testing-library";
import stringWidth from "string-width";
import { afterEach, describe, expect, it, vi } from "vitest";
import { demoCase, demoTranscript, LONG_NOTES } from "./demo-cases.js";
import { readWholeTranscript, squash, transcriptOnScreen, turnsOf } from "./read-transcript.js";
import { KEY, mount } from "./screen.js";

afterEach(cleanup);

const SIZES = [
  { columns: 80, rows: 24 },
  { columns: 160, rows: 45 },
];
const CASES = ["en-001", "ja-021"] as const;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The frame once it has stopped changing (and, with `before`, once it differs from it): on a loaded machine
 * a key's redraw can come in more than one frame, and reading between them read some turns twice.
 */
async function steady(frame: () => string, before?: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  let last = frame();
  let since = Date.now();
  while (Date.now() < deadline) {
    await pause(5);
    const now = frame();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= 30 && now !== before) return now;
  }
  return last;
}

/** The frame fits: fewer rows than the terminal (Ink loses the top of a frame as tall as it), none too wide. */
function expectFits(frame: string, size: { columns: number; rows: number }): void {
  const lines = frame.split("\n");
  expect(lines.length).toBeLessThan(size.rows);
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(size.columns);
}

describe.each(SIZES)("the review screen at $columns×$rows", (size) => {
  it.each(CASES)(
    "%s: every turn is reachable by scrolling, with its speaker on every row, also in rating",
    async (id) => {
      const { frame, type } = await mount([demoCase(id)], {}, size);
      const expected = demoTranscript(id).map((t) => ({ speaker: t.speaker, text: squash(t.text) }));
      for (const mode of ["grade", "rate"]) {
        if (mode === "rate") await type(KEY.down, "r");
        const ready = mode === "rate" ? "rate each answer" : "› phone";
        await vi.waitFor(() => expect(frame()).toContain(ready), { timeout: 2_000 });
        const { rows, screens } = await readWholeTranscript(
          () => steady(frame),
          async (before) => {
            await type("j");
            return steady(frame, before);
          },
          size.columns,
        );
        for (const screen of screens) expectFits(screen, size);
        const turns = turnsOf(rows).map((t) => ({ speaker: t.speaker, text: squash(t.text) }));
        expect(turns).toEqual(expected);
        for (let i = 0; i < 200 && frame().includes("↑ k"); i++) await type("k");
      }
    },
  );

  it.each(CASES)("%s: each model's whole answer and the gold are on screen", async (id) => {
    const { frame, type } = await mount([demoCase(id)], {}, size);
    const long = id === "ja-021" ? LONG_NOTES.ja : LONG_NOTES.en;
    await type(KEY.down);
    expect(frame()).toContain("notes in full");
    expect(squash(frame())).toContain(squash(long));
    if (id === "en-001") expect(frame()).toMatch(/gold: +Cough for about a week\./);
    expectFits(frame(), size);
    await type("r");
    expect(squash(frame())).toContain(squash(long));
    expectFits(frame(), size);
  });

  it("columns keep a gap: a cut value never runs into the next column", async () => {
    const { frame, type } = await mount([demoCase("en-001")], {}, size);
    await type(KEY.down);
    const lines = frame().split("\n");
    expect(lines.find((l) => l.includes("1 prod-v1") && l.includes("your grade"))).toMatch(
      /field {2,}1 prod-v1 {2,}2 prod-v2 {2,}gold {2,}your grade/,
    );
    // Split at the gaps, the row is still its five cells: name, two models, gold, grade.
    const row = lines.find((l) => l.startsWith("› notes")) ?? "";
    expect(row.split(/ {2,}/)).toEqual([
      "› notes",
      expect.stringMatching(/^≠ Per the/),
      expect.stringMatching(/^≠ Per the/),
      expect.stringMatching(/^Cough for/),
      "· open",
    ]);
    expect(row).not.toMatch(/…\S/);
  });
});

describe("a short terminal", () => {
  it("shows a window of a long field list around the selected field, and still three transcript rows", async () => {
    const many = demoCase("en-001");
    const [phone] = many.fields;
    if (!phone) throw new Error("fixture without fields");
    many.fields = Array.from({ length: 14 }, (_, i) => ({
      ...phone,
      itemId: i + 1,
      field: `field_${i + 1}`,
    }));
    const size = SIZES[0] ?? { columns: 80, rows: 24 };
    const { frame, type } = await mount([many], {}, size);
    expectFits(frame(), size);
    expect(frame()).toMatch(/↑ 0 more · ↓ \d+ more fields/);
    expect(transcriptOnScreen(frame()).rows).toHaveLength(3);
    await type(...Array(9).fill(KEY.down));
    expect(frame()).toContain("› field_10");
    expect(frame()).toMatch(/↑ \d+ more · ↓ \d+ more fields/);
    expectFits(frame(), size);
  });
});

describe("rating many long answers on a short terminal", () => {
  it("shows a window of the answers that follows ↑/↓, and every answer and the gold can be read whole", async () => {
    const many = demoCase("en-001");
    const notes = many.fields[1];
    if (!notes) throw new Error("fixture without a notes field");
    const answers = Array.from({ length: 6 }, (_, i) => ({
      modelId: `model-${i + 1}`,
      value: `Answer ${i + 1}: ${LONG_NOTES.en}`,
    }));
    many.fields = [{ ...notes, answers }];
    const size = SIZES[0] ?? { columns: 80, rows: 24 };
    const { frame, type } = await mount([many], {}, size);
    await type("r");
    await vi.waitFor(() => expect(frame()).toContain("rate each answer"), { timeout: 2_000 });
    expectFits(frame(), size);
    expect(frame()).toMatch(/⋮ \d+ rows below \(↓\)/);
    expect(transcriptOnScreen(frame()).rows).toHaveLength(3);
    const seen = new Set<number>();
    for (let i = 0; i < answers.length; i++) {
      expectFits(frame(), size);
      const whole = squash(frame());
      // The selected answer is on screen from its first row to its last.
      expect(whole).toContain(squash(`Answer ${i + 1}: ${LONG_NOTES.en}`));
      expect(frame()).toMatch(new RegExp(`› \\[·/5 +\\] ${i + 1} model-${i + 1}`));
      seen.add(i);
      if (i > 0) expect(frame()).toMatch(/⋮ \d+ rows? above \(↑\)/);
      await type(KEY.down);
    }
    expect(seen.size).toBe(answers.length);
    // The last answer selected, the gold after it is shown too.
    await type(KEY.up);
    expect(frame()).toMatch(/gold: +Cough for about a week\./);
    expect(frame()).not.toMatch(/rows below/);
  });
});

describe("keys that arrive in one chunk, in the line editor", () => {
  const shows = (frame: () => string, text: string | RegExp) =>
    vi.waitFor(() => expect(frame()).toMatch(text), { timeout: 2_000 });

  it("99, Ctrl+U, 5 leaves 5; 123, Backspace, Backspace, 5 leaves 15; Ctrl+W deletes a word", async () => {
    const { ui, frame, type } = await mount([demoCase("ja-021")], {}, SIZES[0]);
    await type("n");
    ui.stdin.write("99\u00155");
    await shows(frame, /note on phone › 5 *$/m);
    ui.stdin.write("\u0015123\u007f\u007f5");
    await shows(frame, /note on phone › 15 *$/m);
    ui.stdin.write(" new words\u0017\u0017more");
    await shows(frame, /note on phone › 15 more *$/m);
  });

  it("a line longer than the row scrolls sideways, … marking what is out of view", async () => {
    const { ui, frame, type } = await mount([demoCase("ja-021")], {}, SIZES[0]);
    await type("n");
    ui.stdin.write(`${"word ".repeat(20)}終わり`);
    await shows(frame, /note on phone › ….*word 終わり *$/m);
    expectFits(frame(), SIZES[0] ?? { columns: 80, rows: 24 });
  });

  it("Enter saves only what came before it, and the keys after it in the chunk do not grade", async () => {
    const { session, ui, frame, type } = await mount([demoCase("en-001")], {}, SIZES[0]);
    await type("e");
    ui.stdin.write("999\u0015212 555 0198\rx1");
    await shows(frame, "saved ✓ phone: typed +12125550198");
    expect(session.live).toEqual([{ itemId: 1, verdict: { kind: "edit", value: "+12125550198" } }]);
    expect(frame()).not.toContain("none is right");
  });
});
