// The demo's simulated judge: its committed verdicts are what scripts/simulate-judge.ts makes, one per case and
// pipeline, and it is biased the way its header says (strict on paraphrase), so the demo's "judge only" number
// sits below the truth.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JUDGE_FILE, judgeFile, noteKind } from "../../scripts/simulate-judge.js";

const rows = readFileSync(JUDGE_FILE, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as { id: string; output: { pass: boolean; score: number } });

describe("the simulated judge", () => {
  it("is exactly what its script writes: one verdict per case and pipeline, keyed as the judge stage asks", () => {
    expect(readFileSync(JUDGE_FILE, "utf8")).toBe(judgeFile());
    expect(rows).toHaveLength(56 * 2);
    expect(JSON.parse(rows[0]?.id ?? "")).toEqual([expect.any(String), "prod-v1", 0, "notes"]);
  });

  it("reads a note against the truth: word for word, reworded, an invented sentence, missing", () => {
    const invented = ["Celebrating a birthday."];
    expect(noteKind("Window seat.", "Window seat.", invented)).toBe("verbatim");
    expect(noteKind("Would like a window seat.", "Window seat.", invented)).toBe("paraphrase");
    expect(noteKind("Window seat. Celebrating a birthday.", "Window seat.", invented)).toBe("wrong");
    expect(noteKind("Celebrating a birthday.", "Celebrating a birthday.", invented)).toBe("verbatim");
    expect(noteKind(null, null, invented)).toBe("none-right");
    expect(noteKind(null, "Window seat.", invented)).toBe("wrong");
    expect(noteKind("Window seat.", null, invented)).toBe("wrong");
  });

  it("is strict: it fails some faithful paraphrases (score 2) and passes some invented sentences (score 3)", () => {
    const scores = rows.map((row) => row.output.score);
    expect(scores.filter((score) => score === 2).length).toBeGreaterThan(3);
    expect(scores.filter((score) => score === 3).length).toBeGreaterThan(0);
    // More faithful notes failed than wrong ones passed: its pass rate sits below the truth's.
    expect(scores.filter((score) => score === 2).length).toBeGreaterThan(
      scores.filter((score) => score === 3).length,
    );
    expect(rows.every((row) => row.output.pass === row.output.score >= 3)).toBe(true);
  });
});
