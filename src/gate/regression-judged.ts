// Per model and judged free-text field, candidate against baseline on their judge-corrected estimates. Each run's
// estimate comes with its standard error from its own graded sample; the two samples are apart, so the change
// has SE √(se_c² + se_b²) and a normal test and interval. A judge shared by both runs errs alike on both,
// which only makes the true change's spread smaller than this: the check errs on the side of inconclusive.
import type { GatesConfig } from "../config/schema.js";
import type { JudgedFieldMetrics } from "../core/summary.js";
import { decideDrop } from "./decide.js";
import { adjustedNote, type FamilyLevel, heldBackNote, type PendingCheck, type Sides } from "./family.js";
import { normalQuantile, normalUpperTail } from "./stats/index.js";
import type { Baseline } from "./types.js";
import { pts, sidedNote } from "./wording.js";

type Settings = NonNullable<GatesConfig["regression"]>;

/** The estimate and its standard error, when the run has one (two or more grades). */
function estimateOf(
  metrics: JudgedFieldMetrics | undefined,
): { value: number; se: number; n: number } | undefined {
  const e = metrics?.estimate;
  if (!e || e.estimate === null || e.standardError === null) return undefined;
  return { value: e.estimate, se: e.standardError, n: metrics.n };
}

export function judgedChecks(
  candidate: Baseline,
  baseline: Baseline,
  s: Settings,
  sides: Sides,
): PendingCheck[] {
  const pending: PendingCheck[] = [];
  for (const [field, models] of Object.entries(candidate.judge?.fields ?? {})) {
    for (const [modelId, metrics] of Object.entries(models)) {
      const now = estimateOf(metrics);
      const then = estimateOf(baseline.judge?.fields[field]?.[modelId]);
      if (!now || !then) continue;
      const delta = now.value - then.value;
      const se = Math.sqrt(now.se ** 2 + then.se ** 2);
      const z = se === 0 ? (delta < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) : delta / se;
      const pValue =
        sides === "one-sided"
          ? z === Number.NEGATIVE_INFINITY
            ? 0
            : 1 - normalUpperTail(z)
          : Math.min(1, 2 * normalUpperTail(Math.abs(z)));
      const half = normalQuantile(0.975) * se;
      const interval: [number, number] = [delta - half, delta + half];
      const decide = (level: FamilyLevel) => {
        const verdict = decideDrop(delta, interval, level.adjustedP ?? pValue, s.maxDrop, s.alpha);
        const heldBack =
          verdict !== "fail" && decideDrop(delta, interval, pValue, s.maxDrop, s.alpha) === "fail";
        const p = (x: number) => `=${x.toPrecision(2)}`;
        return {
          id: `regression:judgedAccuracy:${modelId}:${field}`,
          kind: "regression" as const,
          metric: "judgedAccuracy",
          model: modelId,
          field,
          verdict,
          observed: now.value,
          baseline: then.value,
          delta,
          interval,
          pValue,
          n: now.n,
          message:
            `${modelId} ${field} (judged): ${pts(delta)} (95% CI ${pts(interval[0])} to ${pts(interval[1])}, ` +
            `${sidedNote(sides)}z-test p${p(pValue)}${adjustedNote(level, p)}; ${now.n} and ${then.n} graded)` +
            (verdict === "fail" ? `: a significant drop beyond the ${pts(-s.maxDrop)} allowed` : "") +
            (heldBack
              ? heldBackNote(level, `a drop beyond the ${pts(-s.maxDrop)} allowed, significant`)
              : "") +
            (verdict === "inconclusive" ? ": too few grades to tell; grade more of both runs' samples" : ""),
        };
      };
      pending.push({ pValue, decide });
    }
  }
  return pending;
}
