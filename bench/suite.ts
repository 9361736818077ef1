// Writes a bench suite into a temp folder: dataset, prompt, config, and replay files when the models replay.
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelConfig } from "../src/config/schema.js";

/** The answer every model gives unless told otherwise; it is the gold too. */
export const ANSWER = { name: "Ana Ruiz", party_size: 2 };

const SCHEMA_FILE = fileURLToPath(new URL("./schema.ts", import.meta.url));

export const caseId = (i: number) => `c${String(i + 1).padStart(6, "0")}`;

export interface SuiteOptions {
  cases: number;
  models: ModelConfig[];
  concurrency: number;
  /** Without gold, scoring has nothing to settle a disagreement with: it queues it for review. @default true */
  gold?: boolean;
}

export interface Suite {
  dir: string;
  configFile: string;
}

export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `callgrade-bench-${label}-`));
}

/** Writes `count` JSONL lines made by `line`, in chunks, so a 100,000-line file never sits in memory whole. */
export function writeLines(file: string, count: number, line: (i: number) => string): void {
  writeFileSync(file, "");
  const CHUNK = 5_000;
  for (let start = 0; start < count; start += CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) lines.push(line(i));
    appendFileSync(file, `${lines.join("\n")}\n`);
  }
}

export function caseRow(i: number, gold = true): string {
  const id = caseId(i);
  const transcript = `agent: Casa Verde, how can I help?\ncaller: This is Ana Ruiz, a table for two please, about ${id}.`;
  return JSON.stringify({
    id,
    transcript,
    ...(gold ? { gold: ANSWER } : {}),
    meta: { callDate: "2026-03-23" },
  });
}

export function writeSuite(dir: string, options: SuiteOptions): Suite {
  writeLines(path.join(dir, "calls.jsonl"), options.cases, (i) => caseRow(i, options.gold ?? true));
  writeFileSync(
    path.join(dir, "prompt.md"),
    "You extract restaurant bookings from phone calls.\nAnswer with JSON matching this schema:\n{{schema}}\n\nThe call:\n{{transcript}}\n",
  );
  const configFile = path.join(dir, "callgrade.config.ts");
  writeFileSync(
    configFile,
    `import { BenchBooking } from ${JSON.stringify(SCHEMA_FILE)};
export default {
  name: "bench",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: BenchBooking,
  concurrency: ${options.concurrency},
  store: "store.db",
  reportsDir: "reports",
  models: ${JSON.stringify(options.models, null, 2)},
};
`,
  );
  return { dir, configFile };
}

/** What replay model `model` (0 or 1) answered for case `i`: model 1 errs now and then, and breaks JSON rarely. */
export function replayOutput(model: number, i: number): unknown {
  if (model === 0) return ANSWER;
  if (i % 50 === 7) return "Sorry, I could not parse that call.";
  if (i % 7 === 3) return { ...ANSWER, party_size: 3 };
  if (i % 11 === 5) return { ...ANSWER, name: "Anna Ruiz" };
  return ANSWER;
}

/** A suite of two replay models whose recorded answers are written next to it. */
export function writeReplaySuite(dir: string, cases: number): Suite {
  const models: ModelConfig[] = [0, 1].map((model) => {
    const file = `replay-${model + 1}.jsonl`;
    writeLines(path.join(dir, file), cases, (i) =>
      JSON.stringify({
        id: caseId(i),
        output: replayOutput(model, i),
        latencyMs: 400 + (i % 300),
        usage: { inputTokens: 180, outputTokens: 20 },
      }),
    );
    return { id: `replay-${model + 1}`, provider: "replay", path: file };
  });
  return writeSuite(dir, { cases, models, concurrency: 16 });
}
