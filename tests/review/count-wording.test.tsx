// Review work is counted in one unit, the review item, and said one way: on the run, on the review screen, on
// quitting and in the reports. These pin the wording each place prints.
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { quitMessage } from "../../src/cli/commands/review.js";
import { ProgressLine } from "../../src/review/tui/ProgressLine.js";
import type { ReviewProgress } from "../../src/review/types.js";
import { gradedLine, positionLine, reviewItems } from "../../src/summary/review-wording.js";

const progress = (counts: Partial<ReviewProgress>): ReviewProgress => ({
  position: 1,
  total: 38,
  graded: 0,
  byOthers: 0,
  left: 38,
  gradedToday: 0,
  perHour: null,
  ...counts,
});

describe("the one wording of review counts", () => {
  it("says 1 review item, and review items for any other number", () => {
    expect(reviewItems(1)).toBe("1 review item");
    expect(reviewItems(0)).toBe("0 review items");
    expect(reviewItems(38)).toBe("38 review items");
  });

  it("graded n of N review items · k left, naming what others graded", () => {
    expect(gradedLine({ graded: 12, total: 38, left: 26 })).toBe("graded 12 of 38 review items · 26 left");
    expect(gradedLine({ graded: 12, total: 38, left: 20, byOthers: 6 })).toBe(
      "graded 12 of 38 review items (6 graded by others) · 20 left",
    );
    expect(gradedLine({ graded: 1, total: 1, left: 0 })).toBe("graded 1 of 1 review item · 0 left");
    expect(positionLine(7, 38, 6)).toBe("review item 7 of 38 (6 graded by others)");
  });

  it("the screen's progress line: review item n of N, and what others graded", () => {
    const line = render(
      <ProgressLine progress={progress({ position: 7, byOthers: 6, left: 32 })} reviewer="ann" caseId="c7" />,
    );
    expect(line.lastFrame()).toBe(
      "review item 7 of 38 (6 graded by others) · 0 graded today · –/h · ann · case c7",
    );
  });

  it("with no case on screen the progress line says what is graded and what is left", () => {
    const done = progress({ position: 38, graded: 32, byOthers: 6, left: 0, gradedToday: 3 });
    const line = render(<ProgressLine progress={done} reviewer="ann" />);
    expect(line.lastFrame()).toContain(
      "graded 32 of 38 review items (6 graded by others) · 0 left · 3 graded today",
    );
  });
});

describe("the message on quitting the review screen", () => {
  const where = { store: "s.db" };

  it("work left: what was graded, in review items, and the command to resume", () => {
    const text = quitMessage(
      "ann",
      "r1",
      progress({ position: 13, graded: 12, left: 26, gradedToday: 5 }),
      where,
    );
    expect(text).toBe(
      "ann graded 12 of 38 review items · 26 left in run r1 (5 graded today).\n" +
        "resume with: npx callgrade review --run r1 --store s.db\n",
    );
  });

  it("a finished queue says so and offers no resume command", () => {
    const text = quitMessage("ann", "r1", progress({ position: 38, graded: 38, left: 0 }), where);
    expect(text).toContain("ann graded 38 of 38 review items · 0 left in run r1");
    expect(text).toContain("the review queue is finished for ann; see the numbers: npx callgrade report r1");
    expect(text).not.toMatch(/resume/);
  });

  it("an empty queue says there is nothing to grade, not '1 cases left', and offers no resume command", () => {
    const text = quitMessage("ann", "r1", progress({ position: 0, total: 0, left: 0 }), where);
    expect(text).toBe(
      "run r1 has no review items: nothing to grade.\nsee the numbers: npx callgrade report r1 --store s.db\n",
    );
  });

  it("under --field/--model, says the counts are of the filtered queue and resumes with the same filter", () => {
    const filter = { field: "date", model: "prod-v1" };
    const empty = quitMessage("ann", "r1", progress({ position: 0, total: 0, left: 0 }), where, filter);
    expect(empty).toBe(
      "run r1 has no review items (--field date --model prod-v1): nothing to grade.\n" +
        "the whole queue: npx callgrade review --run r1 --store s.db\n" +
        "see the numbers: npx callgrade report r1 --store s.db\n",
    );
    const left = quitMessage("ann", "r1", progress({ position: 3, graded: 2, left: 36 }), where, {
      field: "date",
    });
    expect(left).toContain("ann graded 2 of 38 review items · 36 left (--field date) in run r1");
    expect(left).toContain("resume with: npx callgrade review --run r1 --field date --store s.db\n");
  });
});
