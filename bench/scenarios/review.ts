// Review queue: a run with a large queue; how long `callgrade review` takes to show the first case, and how
// long each grade takes to bring the next case on screen.
import { rmSync } from "node:fs";
import path from "node:path";
import { inCi } from "../../src/core/ci.js";
import { openReviewSession } from "../../src/review/session.js";
import { scoreRun } from "../../src/runner/score-run.js";
import { Store } from "../../src/store/index.js";
import { measure, median } from "../measure.js";
import type { Sizes } from "../scale.js";
import { seedRun } from "../seed-store.js";
import { tempDir } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function reviewScenario(sizes: Sizes): Promise<ScenarioResult> {
  const { items, steps } = sizes.review;
  const dir = tempDir("review");
  const file = path.join(dir, "store.db");
  try {
    const seeding = Store.open(file);
    const run = seedRun(seeding, { cases: items, gold: false });
    scoreRun(seeding, run);
    const queued = seeding.results.reviewCount(run.id).queued;
    seeding.close();

    // What `callgrade review` does before its first frame: open the store and the session, lease the first
    // case, count progress.
    const opened = await measure(() => {
      const store = Store.open(file);
      const session = openReviewSession(store, { runId: run.id, reviewer: "bench" });
      const first = session.next();
      session.progress();
      return { store, session, first };
    });
    const { store, session } = opened.value;
    try {
      session.close();
      // As the review command does: Ink decides on import whether it runs in CI, and then draws no frames.
      if (inCi(process.env)) process.env.CI = "false";
      const { redrawTimes } = await import("../review-redraw.js");
      const redraw = openReviewSession(store, { runId: run.id, reviewer: "bench-redraw" });
      const times = await redrawTimes(
        redraw,
        { passRating: run.review.passRating, scoring: run.scoring },
        steps,
      );
      const step = median(times);
      return {
        scenario: "review queue",
        rows: [
          row({
            scenario: "review queue",
            measure: `open a queue of ${queued} items`,
            value: opened.wallMs,
            unit: "ms",
            shown: `${ms(opened.wallMs)}${opened.value.first ? "" : " (no case to show)"}`,
            target: "≤ 1000 ms",
            pass: opened.value.first !== undefined && opened.wallMs <= 1000,
          }),
          row({
            scenario: "review queue",
            measure: `next-item redraw, median of ${times.length}`,
            value: step,
            unit: "ms",
            shown: `${ms(step)} (max ${ms(Math.max(...times))})`,
            target: "≤ 50 ms",
            pass: step <= 50,
          }),
        ],
        details: {
          items,
          queued,
          openMs: opened.wallMs,
          redrawMedianMs: step,
          redrawMaxMs: Math.max(...times),
        },
      };
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
