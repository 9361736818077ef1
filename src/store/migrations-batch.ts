// The store's migration 13 on: the providers' batches a run's calls were submitted in.
// MIGRATIONS (./migrations.ts) ends with these, after JUDGE_MIGRATIONS.

export const BATCH_MIGRATIONS: string[] = [
  // 13: a provider's batch (OpenAI's Batch API, Anthropic's Message Batches) and the calls submitted in it.
  // The row is written, under a tag of callgrade's own, before the batch is sent: a process killed between
  // the provider's answer and the store's write leaves the tag, and the next one looks the batch up by it
  // instead of sending its calls again. A call is (its case's place in the dataset, its repetition).
  `
  CREATE TABLE batches (
    tag TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    batch_id TEXT,
    state TEXT NOT NULL CHECK (state IN ('submitting', 'submitted', 'collected')),
    requests INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT,
    succeeded INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT,
    ended_at TEXT,
    collected_at TEXT
  );
  CREATE INDEX batches_by_run ON batches (run_id, model_id, state);
  CREATE TABLE batch_calls (
    tag TEXT NOT NULL REFERENCES batches(tag) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    rep INTEGER NOT NULL,
    PRIMARY KEY (tag, idx, rep)
  );
  CREATE INDEX batch_calls_by_call ON batch_calls (idx, rep);
  `,
];
