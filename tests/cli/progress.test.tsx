import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { describe as describeTally, lineProgress } from "../../src/cli/progress/lines.js";
import { ProgressView } from "../../src/cli/progress/ProgressView.js";
import { applyEvent, emptyTally, type Tally } from "../../src/cli/progress/tally.js";
import type { RunEvent } from "../../src/runner/index.js";

const finished = (
  modelId: string,
  extra: Partial<Extract<RunEvent, { type: "call-finished" }>> = {},
): RunEvent => ({
  type: "call-finished",
  modelId,
  caseId: "c",
  rep: 0,
  ok: true,
  valid: true,
  fromCache: false,
  attempts: 1,
  ...extra,
});

function tallyOf(events: RunEvent[]): Tally {
  return events.reduce(applyEvent, emptyTally());
}

const START: RunEvent = { type: "run-started", runId: "r1", totalCalls: 4, models: ["a", "b"], cases: 2 };

describe("progress", () => {
  it("counts done, errors, invalid outputs, cache hits and retries per model", () => {
    const tally = tallyOf([
      START,
      finished("a"),
      finished("a", { ok: false, valid: null, errorKind: "timeout" }),
      finished("b", { valid: false, fromCache: true }),
      { type: "call-retrying", modelId: "b", caseId: "c", attempt: 1, delayMs: 5, errorKind: "rate_limit" },
    ]);
    expect(tally.done).toBe(3);
    expect(tally.retries).toBe(1);
    expect(tally.models.a).toEqual({ done: 2, total: 2, errors: 1, invalid: 0, cached: 0 });
    expect(tally.models.b).toEqual({ done: 1, total: 2, errors: 0, invalid: 1, cached: 1 });
    expect(describeTally(tally)).toBe("3/4 calls (75%) · 1 errors · 1 cached · 1 retries");
  });

  it("counts a judge's calls under the judge, added to the run's total when its stage starts", () => {
    const tally = tallyOf([
      START,
      finished("a"),
      { type: "judge-started", judgeId: "judge", answers: 3 },
      finished("judge", { valid: false }),
    ]);
    expect(tally.total).toBe(7);
    expect(tally.done).toBe(2);
    expect(tally.models.judge).toEqual({ done: 1, total: 3, errors: 0, invalid: 1, cached: 0 });
  });

  it("counts models named like an object's own members, and touches no prototype", () => {
    const ids = ["__proto__", "constructor", "toString"];
    const tally = tallyOf([
      { type: "run-started", runId: "r", totalCalls: 6, models: ids, cases: 2 },
      ...ids.map((id) => finished(id)),
      finished("hasOwnProperty", { fromCache: true }),
    ]);
    expect(Object.keys(tally.models)).toEqual([...ids, "hasOwnProperty"]);
    for (const id of ids)
      expect(tally.models[id]).toEqual({ done: 1, total: 2, errors: 0, invalid: 0, cached: 0 });
    expect(tally.models.hasOwnProperty).toMatchObject({ done: 1, cached: 1 });
    expect(tally.done).toBe(4);
    expect(Object.prototype).not.toHaveProperty("done");
    expect(({} as { done?: number }).done).toBeUndefined();
  });

  it("the terminal view draws one bar per model with its counts", () => {
    const tally = tallyOf([START, finished("a"), finished("a", { ok: false, valid: null })]);
    const { lastFrame } = render(<ProgressView tally={tally} />);
    const frame = lastFrame() ?? "";
    expect(frame).toContain("run r1 · 2/4 calls · 0 retries");
    expect(frame).toMatch(/a\s+█{30} 2\/2 1 errors/);
    expect(frame).toMatch(/b\s+░{30} 0\/2/);
  });

  it("plain lines appear at each tenth, never once per call", () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line));
    progress.listener({ type: "run-started", runId: "r", totalCalls: 100, models: ["m"], cases: 100 });
    for (let i = 0; i < 100; i++) progress.listener(finished("m"));
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe("run r: 100 cases × m = 100 calls");
    expect(lines.at(-1)).toBe("100/100 calls (100%) · 0 errors · 0 cached · 0 retries");
  });

  it("shows each batch at the provider until it is collected, in the view and in plain lines", () => {
    const events: RunEvent[] = [
      START,
      {
        type: "batch-submitted",
        modelId: "a",
        batchId: "batch_1",
        requests: 2,
        expiresAt: "2026-12-08T10:00:00Z",
      },
      {
        type: "batch-status",
        modelId: "a",
        batchId: "batch_1",
        status: "in_progress",
        total: 2,
        succeeded: 1,
        failed: 0,
        expiresAt: "2026-12-08T10:00:00Z",
      },
      {
        type: "batch-status",
        modelId: "a",
        batchId: "batch_1",
        status: "in_progress",
        total: 2,
        succeeded: 1,
        failed: 0,
        expiresAt: "2026-12-08T10:00:00Z",
      },
      { type: "batch-retrying", modelId: "a", batchId: "batch_1", message: "terminated" },
    ];
    const tally = tallyOf(events);
    const frame = render(<ProgressView tally={tally} />).lastFrame() ?? "";
    expect(frame).toContain("batch batch_1 (a): in_progress · 1/2 · expires 2026-12-08T10:00:00Z");
    const collected = tallyOf([
      ...events,
      { type: "batch-collected", modelId: "a", batchId: "batch_1", results: 2 },
    ]);
    expect(render(<ProgressView tally={collected} />).lastFrame()).not.toContain("batch_1");

    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line));
    for (const event of [
      ...events,
      { type: "batch-collected", modelId: "a", batchId: "batch_1", results: 2 } as RunEvent,
    ])
      progress.listener(event);
    // A status said once, however often it is polled.
    expect(lines.slice(1)).toEqual([
      "batch batch_1 (a): 2 calls submitted, expires 2026-12-08T10:00:00Z",
      "batch batch_1 (a): in_progress, 1/2 done",
      "batch batch_1 (a): terminated; trying again",
      "batch batch_1 (a): 2 results stored",
    ]);
  });
});
