// The gate: thresholds on the candidate, and regression against a baseline. Pure: runs in, verdict out.
import type { GatesConfig } from "../config/schema.js";
import { worst } from "./decide.js";
import { regressionChecks } from "./regression.js";
import { thresholdChecks } from "./thresholds.js";
import type { Baseline, GateResult } from "./types.js";

export type { Baseline, GateCheck, GateResult } from "./types.js";

export interface GateOptions {
  gates: GatesConfig;
  /** Fail on inconclusive checks too. */
  strict: boolean;
  baseline?: Baseline;
}

export function runGate(candidate: Baseline, options: GateOptions): GateResult {
  const { gates, baseline } = options;
  const resamples = gates.regression?.resamples ?? 2000;
  const checks = [
    ...thresholdChecks(candidate, gates.thresholds, gates.policy, resamples),
    ...(baseline && gates.regression ? regressionChecks(candidate, baseline, gates.regression) : []),
  ];
  const verdict = worst(checks.map((check) => check.verdict));
  const shared = baseline ? new Set(baseline.baseline.cases) : undefined;
  return {
    verdict,
    policy: gates.policy,
    strict: options.strict,
    checks,
    runId: candidate.runId,
    ...(baseline ? { baselineRunId: baseline.runId } : {}),
    ...(shared ? { sharedCalls: candidate.baseline.cases.filter((id) => shared.has(id)).length } : {}),
  };
}

/** 1 when the gate fails: on a failed check, or under --strict on an inconclusive one. */
export function gateExitCode(result: GateResult): number {
  if (result.verdict === "fail") return 1;
  return result.strict && result.verdict === "inconclusive" ? 1 : 0;
}
