// Writes datasets/demo/recorded/judge-sim.jsonl: the verdicts of a SIMULATED judge on the demo's `notes`, so
// `npm start` shows the judge offline. It is not a model: a seeded rule with a known, documented bias.
//
// The truth it is biased against: a pipeline's note is right when it says what the call's truth says (its
// gold, or for an unlabelled call its hidden truth in unlabelled-truth.jsonl): the same note, or a paraphrase
// of it (scripts/simulate-pipelines.ts paraphrases), and no note where the truth has none. It is wrong when
// it carries a sentence the caller never said (the pipelines' `notes_added` error), or is missing or present
// against the truth.
//
// The bias: a STRICT judge that distrusts paraphrase. It passes every right note written word for word as the
// truth (score 5) and every right "no note" (score 5), but fails a right paraphrase with chance
// PARAPHRASE_FAIL (score 2; else passes it, score 4); it passes a wrong note with chance WRONG_PASS (score 3;
// else fails it, score 1). So its pass rate sits below the truth's, by about PARAPHRASE_FAIL × the share of
// paraphrased notes: the corrected estimate, once people grade, moves back up to the truth.
//
// One row per case and pipeline, whether or not the pipeline's output validates (callgrade judges only the
// valid ones), keyed as the judge stage asks: JSON [caseId, modelId, rep, field].
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Appointment } from "../schemas/appointment.js";
import { seededRandom } from "../src/core/random.js";
import { validateOutput } from "../src/validate/index.js";
import { DEMO_DIR, parseCalls, parseTruth } from "./simulate-pipelines.js";

export const JUDGE_SEED = 20261207;
export const PARAPHRASE_FAIL = 0.3;
export const WRONG_PASS = 0.4;
const PIPELINES = ["prod-v1", "prod-v2"];

type Kind = "verbatim" | "paraphrase" | "none-right" | "wrong";

/** How a pipeline's note stands against the truth's. */
export function noteKind(note: unknown, truth: string | null, invented: readonly string[]): Kind {
  if (note === null || note === undefined) return truth === null ? "none-right" : "wrong";
  if (typeof note !== "string" || truth === null) return "wrong";
  if (invented.some((sentence) => note.includes(sentence) && !truth.includes(sentence))) return "wrong";
  return note === truth ? "verbatim" : "paraphrase";
}

export const INVENTED = ["Asked for a female doctor.", "Celebrating a birthday."];

export interface JudgeRow {
  id: string;
  output: { pass: boolean; score: number; reason: string };
}

/** Pure: the same calls, truth, recorded outputs and seed give the same rows. */
export function simulateJudge(
  calls: ReturnType<typeof parseCalls>,
  hidden: ReturnType<typeof parseTruth>,
  recorded: Map<string, Map<string, string>>,
  seed: number,
): JudgeRow[] {
  const rand = seededRandom(seed);
  const truthOf = new Map(hidden.map((row) => [row.id, row.truth.notes]));
  const rows: JudgeRow[] = [];
  for (const call of calls) {
    const truth = call.gold?.notes ?? truthOf.get(call.id) ?? null;
    for (const pipeline of PIPELINES) {
      const text = recorded.get(pipeline)?.get(call.id) ?? "";
      const output = validateOutput(text, Appointment);
      const note = output.ok ? (output.value as { notes?: unknown }).notes : undefined;
      const kind = noteKind(note, truth, INVENTED);
      const draw = rand();
      const verdict =
        kind === "verbatim" || kind === "none-right"
          ? { pass: true, score: 5, reason: "Says what the caller asked for, and nothing more." }
          : kind === "paraphrase"
            ? draw < PARAPHRASE_FAIL
              ? { pass: false, score: 2, reason: "Reworded: not clearly what the caller said." }
              : { pass: true, score: 4, reason: "Faithful, in other words." }
            : draw < WRONG_PASS
              ? { pass: true, score: 3, reason: "Mostly faithful." }
              : { pass: false, score: 1, reason: "Adds or drops something the caller said." };
      rows.push({ id: JSON.stringify([call.id, pipeline, 0, "notes"]), output: verdict });
    }
  }
  return rows;
}

/** A recorded file's outputs as the text a model would have answered, by case id. */
export function recordedTexts(jsonl: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const line of jsonl.split("\n")) {
    if (line.trim() === "") continue;
    const row = JSON.parse(line) as { id: string; output: unknown };
    texts.set(row.id, typeof row.output === "string" ? row.output : JSON.stringify(row.output));
  }
  return texts;
}

export const JUDGE_FILE = join(DEMO_DIR, "recorded", "judge-sim.jsonl");

export function judgeFile(): string {
  const calls = parseCalls(readFileSync(join(DEMO_DIR, "calls.jsonl"), "utf8"));
  const hidden = parseTruth(readFileSync(join(DEMO_DIR, "unlabelled-truth.jsonl"), "utf8"));
  const recorded = new Map(
    PIPELINES.map((name) => [
      name,
      recordedTexts(readFileSync(join(DEMO_DIR, "recorded", `${name}.jsonl`), "utf8")),
    ]),
  );
  return simulateJudge(calls, hidden, recorded, JUDGE_SEED)
    .map((row) => `${JSON.stringify(row)}\n`)
    .join("");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(JUDGE_FILE, judgeFile());
  console.log(`wrote ${JUDGE_FILE}`);
}
