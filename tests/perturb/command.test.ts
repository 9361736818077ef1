import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { perturbCommand } from "../../src/cli/commands/perturb.js";
import { CallgradeError } from "../../src/core/errors.js";
import { loadDataset } from "../../src/dataset/index.js";

let dir: string;
let printed: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "callgrade-perturb-"));
  printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function dataset(): string {
  const rows = [
    {
      id: "1",
      transcript: "Hi, I'd like a table for four this Friday at seven thirty, please.",
      gold: { party_size: 4 },
    },
    {
      id: "2",
      transcript: [{ speaker: "caller", text: "明日の夜6時半に、個室で6名お願いしたいんですが。" }],
    },
  ];
  const file = join(dir, "calls.jsonl");
  writeFileSync(file, rows.map((row) => `${JSON.stringify(row)}\n`).join(""));
  return file;
}

async function usageError(run: Promise<number>): Promise<CallgradeError> {
  const error = await run.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CallgradeError);
  return error as CallgradeError;
}

describe("callgrade perturb", () => {
  it("rejects --wer abc with a usage error that shows the expected form", async () => {
    const error = await usageError(perturbCommand({ dataset: dataset(), wer: "abc" }));
    expect(error.code).toBe("USAGE");
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/"abc" is not a number.*--wer 0\.05,0\.1,0\.2/);
  });

  it("rejects --wer 0.9: a level must be above 0 and at most 0.5", async () => {
    const error = await usageError(perturbCommand({ dataset: dataset(), wer: "0.1,0.9" }));
    expect(error.code).toBe("USAGE");
    expect(error.message).toContain("0.9 is out of range");
    expect((await usageError(perturbCommand({ dataset: dataset(), wer: "0" }))).code).toBe("USAGE");
    expect((await usageError(perturbCommand({ dataset: dataset(), wer: "" }))).code).toBe("USAGE");
  });

  it("rejects a seed that is not a whole number", async () => {
    const error = await usageError(perturbCommand({ dataset: dataset(), seed: "x1" }));
    expect(error.message).toContain("--seed");
  });

  it("reports a missing dataset the way the loader does", async () => {
    const error = await usageError(perturbCommand({ dataset: join(dir, "nope.jsonl") }));
    expect(error.code).toBe("DATASET_INVALID");
  });

  it("writes a dataset the loader reads back, and prints each level's measured WER", async () => {
    const out = join(dir, "noisy.jsonl");
    expect(await perturbCommand({ dataset: dataset(), wer: "0.1, 0.2", seed: "3", out })).toBe(0);
    const rows = await loadDataset(out);
    expect(rows.map((row) => row.id)).toEqual(["1", "1~wer10", "1~wer20", "2", "2~wer10", "2~wer20"]);
    expect(rows[1]?.gold).toEqual({ party_size: 4 });
    expect(rows[1]?.meta.noise).toMatchObject({ of: "1", level: 0.1, seed: 3 });
    expect(printed).toMatch(/level\s+measured WER\s+S\/D\/I\s+calls\s+file/);
    expect(printed).toMatch(/ 0\.1\s+0\.\d{4}\s+\d+\/\d+\/\d+\s+2\s+\S*noisy\.jsonl/);
    expect(printed).toContain("2 cases × 3 rows");
    const again = join(dir, "again.jsonl");
    await perturbCommand({ dataset: dataset(), wer: "0.1,0.2", seed: 3, out: again });
    expect(readFileSync(again, "utf8")).toBe(readFileSync(out, "utf8"));
  });

  it("defaults to seed 1 and <name>.noisy.jsonl next to the input, and never overwrites the input", async () => {
    const input = dataset();
    await perturbCommand({ dataset: input });
    const rows = await loadDataset(join(dir, "calls.noisy.jsonl"));
    expect(rows.map((row) => row.id)).toContain("2~wer05");
    expect(rows[0]?.meta.noise).toMatchObject({ seed: 1 });
    expect((await usageError(perturbCommand({ dataset: input, out: input }))).code).toBe("USAGE");
  });
});
