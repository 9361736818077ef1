// The gate result of the sample report: a regression that fails with flipped calls, an inconclusive threshold.
import type { GateResult } from "../../../src/gate/types.js";

export function gate(ids: string[]): GateResult {
  const [mini = "", , nano = ""] = ids;
  const flip = (caseId: string, baseline: unknown, candidate: unknown) => ({ caseId, baseline, candidate });
  return {
    verdict: "fail",
    policy: "lower-bound",
    strict: false,
    runId: "run-2025-06-01-b",
    baselineRunId: "run-2025-05-28-a",
    sharedCalls: 240,
    checks: [
      {
        id: "threshold:schemaValidRate:*",
        kind: "threshold",
        metric: "schemaValidRate",
        model: mini,
        verdict: "pass",
        message: `${mini}: schema-valid 99.2% ≥ 99.0%`,
        observed: 0.992,
        limit: { min: 0.99 },
        n: 240,
      },
      {
        id: `regression:accuracy:${mini}:callback_date`,
        kind: "regression",
        metric: "accuracy",
        model: mini,
        field: "callback_date",
        verdict: "fail",
        message: `${mini} · callback_date dropped 5.4 pp (McNemar exact, 13 right→wrong vs 2 wrong→right)`,
        observed: 0.821,
        baseline: 0.875,
        delta: -0.054,
        interval: [-0.091, -0.019],
        pValue: 0.0037,
        n: 240,
        flips: {
          rightToWrong: Array.from({ length: 13 }, (_, i) =>
            flip(
              `ja-call-${String(200 + i).padStart(4, "0")}`,
              "2025-06-10",
              i % 2 ? "2025-06-03" : "来週の火曜日",
            ),
          ),
          wrongToRight: [
            flip("en-call-0311", "2025-06-05", "2025-06-09"),
            flip("en-call-0317", null, "2025-06-02"),
          ],
        },
      },
      {
        id: `threshold:fieldAccuracy:${nano}:phone`,
        kind: "threshold",
        metric: "fieldAccuracy",
        model: nano,
        field: "phone",
        verdict: "inconclusive",
        message: `${nano} · phone: 98.3% clears 98% but its interval's lower bound (95.7%) does not; about 900 calls would settle it`,
        observed: 0.983,
        interval: [0.957, 0.994],
        limit: { min: 0.98 },
        n: 240,
        neededCalls: 900,
      },
      {
        id: "threshold:latencyMs.p95:*",
        kind: "threshold",
        metric: "latencyMs.p95",
        model: mini,
        verdict: "pass",
        message: `${mini}: latency p95 1,910 ms ≤ 3,000 ms`,
        observed: 1910,
        limit: { max: 3000 },
        n: 240,
      },
      {
        id: `regression:accuracy:${mini}:phone`,
        kind: "regression",
        metric: "accuracy",
        model: mini,
        field: "phone",
        verdict: "pass",
        message: `${mini} · phone: no significant change (+0.4 pp)`,
        observed: 0.979,
        baseline: 0.975,
        delta: 0.004,
        interval: [-0.012, 0.021],
        pValue: 0.73,
        n: 240,
        flips: { rightToWrong: [], wrongToRight: [flip("ja-call-0150", "090-1234-567", "090-1234-5678")] },
      },
    ],
  };
}
