// The workload of every scenario, at full size (the table), at 1/10 (--quick) and tiny (the test).

export interface Sizes {
  name: "full" | "quick" | "tiny";
  throughput: {
    /** Cases; each goes to 3 models. */
    cases: number;
    /** Cases of the untimed warm-up of both paths. */
    warmupCases: number;
    latencyMs: number;
    concurrency: number;
    /** Both paths run this many times, alternating; the fastest of each counts (a busy machine only slows). */
    rounds: number;
  };
  rateLimit: {
    cases: number;
    /** Requests per minute per model the server allows. */
    perMinute: number;
    /** Requests a model may send at once after a quiet spell: the bucket's size, in seconds of the rate. */
    burstSeconds: number;
    latencyMs: number;
    concurrency: number;
  };
  /** Issue 16: 2–4 KB multi-turn calls, each to an OpenAI- and an Anthropic-format model, no cache. */
  longCalls: {
    dialogues: number;
    /** Dialogues of the untimed warm-up of both sides. */
    warmupDialogues: number;
    latencyMs: number;
    concurrency: number;
    /** Both sides run this many times, alternating; the fastest of each counts. */
    rounds: number;
  };
  /** Cases of the two replay runs (each × 2 models) whose peak RSS is compared. */
  memory: { small: number; large: number };
  /**
   * Requests to one batched OpenAI model (one case each), submitted by one process and collected by
   * another; `small` is the size whose peak RSS the larger one's is compared with.
   */
  batch: { requests: number; small: number };
  /** Stored outputs re-scored (cases × 2 models). */
  scoringOutputs: number;
  review: { items: number; steps: number };
  /** Issue 17: runs writing to one PostgreSQL at once, and reviewer processes grading one queue. */
  teamStore: { runs: number; callsPerRun: number; reviewers: number; items: number };
  /** Times each command is started, alternating; the median counts. */
  startup: { rounds: number };
}

export const FULL: Sizes = {
  name: "full",
  throughput: { cases: 2_000, warmupCases: 100, latencyMs: 20, concurrency: 64, rounds: 2 },
  // 600 requests/minute, scaled ×10 in rate so that a 20-second run measures what 200 seconds would:
  // 6,000/minute (100/s) per model, a bucket of one second's worth, 2,000 calls per model ≈ 19 s.
  rateLimit: { cases: 2_000, perMinute: 6_000, burstSeconds: 1, latencyMs: 20, concurrency: 64 },
  longCalls: { dialogues: 1_000, warmupDialogues: 50, latencyMs: 20, concurrency: 64, rounds: 2 },
  memory: { small: 10_000, large: 100_000 },
  // Two OpenAI batches of 50,000, its most per batch: the split is part of what is measured.
  batch: { requests: 100_000, small: 10_000 },
  scoringOutputs: 100_000,
  review: { items: 50_000, steps: 50 },
  teamStore: { runs: 4, callsPerRun: 5_000, reviewers: 8, items: 2_000 },
  startup: { rounds: 15 },
};

export const QUICK: Sizes = {
  name: "quick",
  throughput: { cases: 200, warmupCases: 20, latencyMs: 20, concurrency: 64, rounds: 1 },
  rateLimit: { cases: 200, perMinute: 6_000, burstSeconds: 1, latencyMs: 20, concurrency: 64 },
  longCalls: { dialogues: 100, warmupDialogues: 10, latencyMs: 20, concurrency: 64, rounds: 1 },
  memory: { small: 1_000, large: 10_000 },
  batch: { requests: 10_000, small: 1_000 },
  scoringOutputs: 10_000,
  review: { items: 5_000, steps: 10 },
  teamStore: { runs: 4, callsPerRun: 500, reviewers: 8, items: 200 },
  startup: { rounds: 5 },
};

/** Only for the test: every code path once, in seconds. */
export const TINY: Sizes = {
  name: "tiny",
  throughput: { cases: 10, warmupCases: 2, latencyMs: 1, concurrency: 8, rounds: 1 },
  rateLimit: { cases: 20, perMinute: 60_000, burstSeconds: 0.01, latencyMs: 1, concurrency: 8 },
  longCalls: { dialogues: 10, warmupDialogues: 2, latencyMs: 1, concurrency: 8, rounds: 1 },
  memory: { small: 20, large: 60 },
  batch: { requests: 60, small: 20 },
  scoringOutputs: 100,
  review: { items: 20, steps: 3 },
  teamStore: { runs: 2, callsPerRun: 20, reviewers: 2, items: 10 },
  startup: { rounds: 2 },
};
