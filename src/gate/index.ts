// The gate: thresholds on the candidate, and regression against a baseline. Pure: runs in, verdict out.
import type { GatesConfig } from "../config/schema.js";
import { worst } from "./decide.js";
import type { Correction } from "./family.js";
import { regressionFamily } from "./regression.js";
import { thresholdChecks } from "./thresholds.js";
import type { Baseline, GateResult } from "./types.js";

export type { Baseline, GateCheck, GateFamily, GateResult, UncheckedMetric } from "./types.js";

export interface GateOptions {
  gates: GatesConfig;
  /** Fail on inconclusive checks too. */
  strict: boolean;
  baseline?: Baseline;
  /**
   * How the checks of one kind share the gate's error rate: "holm", Holm's step-down over their p-values, so
   * a gate on pure noise fails at most α of the time whatever its number of checks; "none" decides each
   * check at α alone (for comparison: a gate of K checks then fails on noise up to K times as often).
   * @default "holm"
   */
  correction?: Correction;
}

export function runGate(candidate: Baseline, options: GateOptions): GateResult {
  const { gates, baseline } = options;
  const correction = options.correction ?? "holm";
  const resamples = gates.regression?.resamples ?? 2000;
  const thresholds = thresholdChecks(candidate, gates.thresholds, gates.policy, resamples, correction);
  const regression =
    baseline && gates.regression
      ? regressionFamily(candidate, baseline, gates.regression, correction)
      : undefined;
  const checks = [...thresholds.checks, ...(regression?.checks ?? [])];
  const families = [thresholds.family, ...(regression ? [regression.family] : [])].filter((f) => f.size > 0);
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
    families,
    ...(regression && regression.unchecked.length > 0 ? { unchecked: regression.unchecked } : {}),
  };
}

/** 1 when the gate fails: on a failed check, or under --strict on an inconclusive one. */
export function gateExitCode(result: GateResult): number {
  if (result.verdict === "fail") return 1;
  return result.strict && result.verdict === "inconclusive" ? 1 : 0;
}
