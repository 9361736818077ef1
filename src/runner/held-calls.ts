// Answered calls a store could not take in time (its server gone longer than the wait, or the run stopped
// while it was gone), kept in a local file so no paid answer is dropped; a resume stores them first. A
// judge's verdicts are kept in the same file, told apart by their judge.
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
} from "node:fs";
import path from "node:path";
import type { CallRecord, JudgementRecord, Store } from "../store/index.js";

const BATCH = 500;

/** The file a run's held calls are kept in. */
export function heldFile(dir: string, runId: string): string {
  return path.join(dir, `held-${runId.replace(/[^\w.-]/g, "_")}.jsonl`);
}

/** Appends the records, one JSON line each, and makes sure they are on disk before it returns. */
export function keepHeld(dir: string, records: readonly CallRecord[]): string {
  const [first] = records;
  if (!first) return "";
  mkdirSync(dir, { recursive: true });
  const file = heldFile(dir, first.runId);
  appendFileSync(file, records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return file;
}

/**
 * Stores the run's held calls, if there are some, and removes their file once they are: a call stored again
 * replaces itself, so a resume cut short half way stores them again whole. Returns how many there were.
 */
export function storeHeld(store: Store, dir: string, runId: string): number {
  const file = heldFile(dir, runId);
  if (!existsSync(file)) return 0;
  const records = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CallRecord | JudgementRecord)
    .filter((record) => record.runId === runId);
  const verdicts = records.filter((record): record is JudgementRecord => "judgeId" in record);
  const calls = records.filter((record) => !("judgeId" in record));
  for (let at = 0; at < calls.length; at += BATCH) store.calls.recordAll(calls.slice(at, at + BATCH));
  for (let at = 0; at < verdicts.length; at += BATCH)
    store.judgements.recordAll(verdicts.slice(at, at + BATCH));
  rmSync(file);
  return records.length;
}
