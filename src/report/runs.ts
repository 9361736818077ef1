// `callgrade runs` as text: one line per run, newest first, a column per model with its mean field accuracy.
import { pct, table } from "../core/format.js";
import type { HistoryRun } from "../summary/history.js";

const HASH_CHARS = 8;
const HASHES = [
  ["prompt", "prompt"],
  ["knowledgeBase", "kb"],
  ["schema", "schema"],
] as const;

/** Model ids in the order they first appear, newest run first, so the latest models lead. */
export function modelColumns(runs: readonly HistoryRun[]): string[] {
  return [...new Set(runs.flatMap((run) => run.models.map((m) => m.id)))];
}

/** Whether `run`'s hash of `key` differs from the run before it (the next older one). */
export function hashChanged(
  run: HistoryRun,
  previous: HistoryRun | undefined,
  key: keyof HistoryRun["hashes"],
): boolean {
  return previous !== undefined && previous.hashes[key] !== run.hashes[key];
}

/** Runs newest first; the caller makes the text inert (suite names and model ids come from configs). */
export function renderRuns(suite: string | null, runs: readonly HistoryRun[]): string {
  const scope = suite === null ? "every suite in the store" : `suite "${suite}"`;
  if (runs.length === 0)
    return suite === null
      ? "no runs in this store yet: run `callgrade run` first"
      : `no runs of ${scope} yet: run \`callgrade run\` first, or name another suite with --suite`;
  const models = modelColumns(runs);
  const rows = runs.map((run, i) => {
    const previous = runs[i + 1];
    const byId = new Map(run.models.map((m) => [m.id, m.fieldAccuracy]));
    return [
      run.runId,
      when(run.createdAt),
      ...(suite === null ? [run.suite] : []),
      ...HASHES.map(
        ([key]) => `${run.hashes[key].slice(0, HASH_CHARS)}${hashChanged(run, previous, key) ? "*" : ""}`,
      ),
      ...models.map((id) => (byId.has(id) ? pct(byId.get(id)) : "")),
      `${run.status}${run.scoring === "stale" ? " †" : ""}`,
    ];
  });
  const header = ["run", "date", ...(suite === null ? ["suite"] : []), ...HASHES.map(([, label]) => label)];
  const text = table([...header, ...models, "status"], rows, [
    ...header.map((): "l" => "l"),
    ...models.map((): "r" => "r"),
    "l",
  ]);
  const notes = [
    `Runs of ${scope}, newest first. Model columns: mean field accuracy (— when the run was never scored or is still running; blank when the model was not in the run).`,
    "* changed since the run below it.",
    ...(runs.some((run) => run.scoring === "stale")
      ? ["† calls or grades changed since it was scored: `callgrade report <run>` re-scores it."]
      : []),
  ];
  return `${text}\n\n${notes.join("\n")}`;
}

/** "2026-12-07 10:15 UTC": the same for every reader. */
function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
