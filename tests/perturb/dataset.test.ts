import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { sumCounts } from "../../src/asr/error-rate.js";
import type { Case } from "../../src/core/types.js";
import { loadDataset } from "../../src/dataset/index.js";
import {
  levelTag,
  measureTranscript,
  type PerturbedDataset,
  perturbDataset,
  variantId,
} from "../../src/perturb/index.js";

const demo = fileURLToPath(new URL("../../datasets/demo/calls.jsonl", import.meta.url));
const LEVELS = [0.05, 0.1, 0.2];

let cases: Case[];
let result: PerturbedDataset;
beforeAll(async () => {
  cases = await loadDataset(demo);
  result = perturbDataset(cases, { levels: LEVELS, seed: 1 });
});

describe("perturbing a dataset", () => {
  it("the demo dataset's corpus WER lands within ±0.02 of each requested level", () => {
    for (const level of LEVELS) {
      const variants = result.rows.filter((row) => row.meta.noise.level === level);
      // Measured here from the rows themselves, not taken from the summary.
      const counts = sumCounts(
        variants.map((row) => {
          const original = cases.find((item) => item.id === row.meta.noise.of);
          if (!original) throw new Error(`no original for ${row.id}`);
          return measureTranscript(
            original.transcript,
            row.transcript,
            row.id.startsWith("ja") ? "ja" : "en",
          );
        }),
      );
      const wer = (counts.sub + counts.del + counts.ins) / counts.ref;
      expect(Math.abs(wer - level), `level ${level}: measured ${wer}`).toBeLessThanOrEqual(0.02);
      const summary = result.levels.find((item) => item.level === level);
      expect(summary?.counts).toEqual(counts);
      expect(summary?.calls).toBe(cases.length);
    }
  });

  it("every case comes first as itself at level 0, then once per level as <id>~wer<percent>", () => {
    const first = cases[0] as Case;
    const rows = result.rows.filter((row) => row.meta.noise.of === first.id);
    expect(rows.map((row) => row.id)).toEqual([
      first.id,
      `${first.id}~wer05`,
      `${first.id}~wer10`,
      `${first.id}~wer20`,
    ]);
    expect(rows[0]?.transcript).toEqual(first.transcript);
    expect(rows[0]?.meta.noise).toEqual({
      of: first.id,
      level: 0,
      wer: 0,
      seed: 1,
      words: expect.any(Number),
      errors: { sub: 0, del: 0, ins: 0 },
    });
    // Every variant divides by the same original words, so a level's corpus WER is errors over them.
    const words = rows[0]?.meta.noise.words ?? 0;
    expect(words).toBeGreaterThan(5);
    for (const row of rows) expect(row.meta.noise.words).toBe(words);
    for (const row of rows) {
      expect(row.gold).toEqual(first.gold);
      expect(row.meta).toMatchObject(first.meta);
    }
    const variant = rows[2];
    expect(variant?.meta.noise).toMatchObject({ of: first.id, level: 0.1, seed: 1 });
    const { sub, del, ins } = variant?.meta.noise.errors ?? { sub: 0, del: 0, ins: 0 };
    expect(sub + del + ins).toBeGreaterThan(0);
    expect(result.rows).toHaveLength(cases.length * (LEVELS.length + 1));
  });

  it("names levels in percent with two digits", () => {
    expect([0.05, 0.1, 0.2, 0.5, 0.125].map(levelTag)).toEqual(["05", "10", "20", "50", "12.5"]);
    expect(variantId("ja-001", 0.3)).toBe("ja-001~wer30");
  });

  it("adding or removing a case leaves every other case's noise byte-identical", () => {
    const fewer = perturbDataset(cases.slice(1), { levels: LEVELS, seed: 1 });
    const others = result.rows.filter((row) => row.meta.noise.of !== cases[0]?.id);
    expect(JSON.stringify(fewer.rows)).toBe(JSON.stringify(others));
  });

  it("another seed gives other noise", () => {
    const other = perturbDataset(cases.slice(0, 3), { levels: [0.1], seed: 2 });
    const same = result.rows.filter((row) => other.rows.some((item) => item.id === row.id));
    expect(JSON.stringify(other.rows)).not.toBe(JSON.stringify(same));
  });

  it("turns keep their speakers in every variant", () => {
    for (const row of result.rows) {
      const original = cases.find((item) => item.id === row.meta.noise.of);
      if (typeof row.transcript === "string" || typeof original?.transcript === "string") continue;
      expect(row.transcript.map((turn) => turn.speaker)).toEqual(
        original?.transcript.map((turn) => turn.speaker),
      );
    }
  });

  it("variants drop the audio, which no longer matches their text", () => {
    const withAudio = { id: "a", transcript: "I want to book a table for two", meta: {}, audio: "a.wav" };
    const { rows } = perturbDataset([withAudio], { levels: [0.2], seed: 1 });
    expect(rows.map((row) => row.audio)).toEqual(["a.wav", undefined]);
  });
});
