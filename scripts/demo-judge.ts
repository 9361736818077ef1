// `npm run demo:judge`: the judge's three numbers on the demo suite, offline, as people grade. Runs the suite
// into a store of its own, then a SIMULATED reviewer grades the `notes` queue in its order (the judge's
// priority sample) from the demo's truth, a batch at a time to the end of the queue, and after each batch
// prints each pipeline's estimate beside the judge's own number and the truth the demo knows. The estimate
// starts nowhere (no grades) and closes in on the truth, which it is once every note is graded, while the
// strict simulated judge's number stays below it. The draws follow the run's id: each run's order differs.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { interval, pct, table } from "../src/core/format.js";
import type { JudgedFieldMetrics, RunSummary } from "../src/core/summary.js";
import type { Rating } from "../src/core/types.js";
import { loadSuite, openReview, report, run } from "../src/index.js";
import { INVENTED, noteKind } from "./simulate-judge.js";
import { DEMO_DIR, parseCalls, parseTruth } from "./simulate-pipelines.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BATCH = 10;
const PIPELINES = ["prod-v1", "prod-v2"];

/** Each call's true note: its gold, or for an unlabelled call its hidden truth. */
function truthNotes(): Map<string, string | null> {
  const calls = parseCalls(readFileSync(path.join(DEMO_DIR, "calls.jsonl"), "utf8"));
  const hidden = parseTruth(readFileSync(path.join(DEMO_DIR, "unlabelled-truth.jsonl"), "utf8"));
  const truth = new Map(hidden.map((row) => [row.id, row.truth.notes] as [string, string | null]));
  for (const call of calls) if (call.gold) truth.set(call.id, call.gold.notes);
  return truth;
}

/** The simulated reviewer's rating of an answer: pass when it says what the caller said. */
function rate(value: unknown, truth: string | null): Rating {
  const right = noteKind(value, truth, INVENTED) !== "wrong";
  return right ? { score: 4, pass: true } : { score: 2, pass: false };
}

function row(summary: RunSummary, graded: number, actual: Map<string, number>): string[] {
  const figures = PIPELINES.map((id) => {
    const m = summary.judge?.fields.notes?.[id] as JudgedFieldMetrics | undefined;
    const e = m?.estimate;
    const estimate = !e || e.estimate === null ? "—" : `${pct(e.estimate)} ${interval([e.lower, e.upper])}`;
    return `${estimate} · judge ${pct(m?.judgeOnly.estimate)} · truth ${pct(actual.get(id))}`;
  });
  return [String(graded), ...figures];
}

async function main(): Promise<void> {
  const suite = await loadSuite(path.join(ROOT, "callgrade.config.ts"));
  const store = path.join(mkdtempSync(path.join(tmpdir(), "callgrade-demo-judge-")), "callgrade.db");
  const first = await run(suite, { store });
  const truth = truthNotes();
  // The truth over the same answers the estimate is about: every judged note, and outputs that did not
  // validate, wrong.
  const review = openReview(suite, {
    store,
    runId: first.runId,
    reviewer: "simulated-reviewer",
    field: "notes",
  });
  const items = review.store.review.items(first.runId).filter((item) => item.field === "notes");
  const actual = new Map(
    PIPELINES.map((id) => {
      const right = items.filter((item) => {
        const value = item.modelValues[id];
        const invalid = typeof value === "object" && value !== null && "invalid" in value;
        return !invalid && noteKind(value, truth.get(item.caseId) ?? null, INVENTED) !== "wrong";
      }).length;
      return [id, right / items.length];
    }),
  );
  const rows = [row(first.summary, 0, actual)];
  let graded = 0;
  // A batch at a time, to the end of the queue: with every note graded, the estimate is the truth itself.
  for (let done = false; !done; ) {
    for (let i = 0; i < BATCH; i++) {
      const view = review.session.next();
      const field = view?.fields.find((f) => f.field === "notes");
      if (!view || !field) {
        done = true;
        break;
      }
      const ratings: Record<string, Rating> = {};
      for (const answer of field.answers) {
        if (answer.invalid === undefined)
          ratings[answer.modelId] = rate(answer.value, truth.get(view.caseId) ?? null);
      }
      review.session.grade({ itemId: field.itemId, verdict: { kind: "rating", ratings } });
      graded++;
    }
    if (graded === Number(rows.at(-1)?.[0])) break;
    const { summary } = await report(suite, { store, runId: first.runId });
    rows.push(row(summary, graded, actual));
  }
  review.close();
  console.log(
    "SIMULATED: a strict judge (scripts/simulate-judge.ts) and a reviewer grading from the demo's truth.\n" +
      "notes: the judge-corrected estimate (95% CI), the judge's own number, and the truth, by grades given\n",
  );
  console.log(table(["grades", ...PIPELINES], rows, ["r", "l", "l"]));
  console.log(`\nstore: ${store} (run ${first.runId}); docs/judge.md says how to read the numbers`);
}

await main();
