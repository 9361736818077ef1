// Why calls failed, per model and error kind: the counts and the provider's first distinct messages, read with
// one grouped query so a run of 100k calls costs a few rows per model.
import type { CallFailure } from "../core/summary.js";
import type { Store } from "../store/index.js";

/** Distinct messages kept per model and kind, and the characters kept of each. */
const MESSAGES = 3;
const MAX_CHARS = 200;

/** model id → its failures, most frequent kind first; models without a failed call are absent. */
export function callFailures(store: Store, runId: string): Map<string, CallFailure[]> {
  const byModel = new Map<string, Map<string, CallFailure>>();
  for (const row of store.calls.failureMessages(runId, MESSAGES, MAX_CHARS)) {
    const kinds = byModel.get(row.modelId) ?? new Map<string, CallFailure>();
    byModel.set(row.modelId, kinds);
    let failure = kinds.get(row.kind);
    if (!failure) {
      failure = { kind: row.kind, count: row.count, messages: [] };
      kinds.set(row.kind, failure);
    }
    if (row.message !== "") failure.messages.push(row.cut ? `${row.message}…` : row.message);
  }
  return new Map([...byModel].map(([id, kinds]) => [id, [...kinds.values()]]));
}
