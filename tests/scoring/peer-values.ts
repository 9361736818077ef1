// Reads the peer-values corpus (../shared/peer-values) and scores it as callgrade's scoring calls the matchers.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { matcherFor } from "../../src/scoring/matchers/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const CORPUS_PATH = path.resolve(ROOT, "../shared/peer-values/corpus.jsonl");

const Row = z.object({
  id: z.string(),
  kind: z.enum(["date", "time", "number", "phone"]),
  lang: z.string(),
  input: z.string(),
  ref: z.string().nullable(),
  region: z.string().optional(),
  expected: z.union([z.string(), z.number()]),
});
export type PeerValue = z.infer<typeof Row>;
export type Outcome = "correct" | "wrong" | "unread";
export interface Scored extends PeerValue {
  outcome: Outcome;
  got: string | number | undefined;
}

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_PATH);
}

export function loadCorpus(file = CORPUS_PATH): PeerValue[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const row = Row.safeParse(JSON.parse(line));
      if (!row.success) throw new Error(`${file}:${i + 1}: ${row.error.message}`);
      return row.data;
    });
}

export function scoreValue(row: PeerValue): Scored {
  const c = matcherFor({ kind: row.kind }).canonical(row.input, {
    phoneRegion: row.region ?? "US",
    ...(row.ref === null ? {} : { referenceDate: row.ref }),
  });
  const got =
    c.kind === "value" && !Array.isArray(c.value) && typeof c.value !== "boolean" ? c.value : undefined;
  // Bare digits make no E.164 claim, so a phone read without its country counts as unread.
  if (got === undefined || (row.kind === "phone" && !String(got).startsWith("+")))
    return { ...row, outcome: "unread", got };
  return { ...row, outcome: got === row.expected ? "correct" : "wrong", got };
}

export interface Tally {
  correct: number;
  wrong: number;
  unread: number;
  total: number;
}

/** Counts per "kind" and per "kind lang". */
export function tally(scored: Scored[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const s of scored) {
    for (const key of [s.kind, `${s.kind} ${s.lang}`]) {
      const t = out.get(key) ?? { correct: 0, wrong: 0, unread: 0, total: 0 };
      t[s.outcome] += 1;
      t.total += 1;
      out.set(key, t);
    }
  }
  return out;
}
