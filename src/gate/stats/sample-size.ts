// How many paired calls a McNemar test needs to see a given drop in accuracy.
import { normalQuantile } from "./normal.js";

export interface McNemarSampleSizeInput {
  /** The drop in accuracy to detect, as a proportion: 0.02 is two percentage points. */
  drop: number;
  /**
   * ψ, the share of calls whose outcome differs between the two runs, (b + c) / n.
   * Unknown (omitted or null) or below `drop` is taken as `drop`; see `mcnemarSampleSize`.
   * @example 0.08
   */
  discordance?: number | null;
  /**
   * Significance level.
   * @default 0.05
   */
  alpha?: number;
  /**
   * Whether the test looks for a change either way ("two-sided", z at 1 − α/2) or a drop only ("one-sided",
   * z at 1 − α), as the gate's regression checks do.
   * @default "two-sided"
   * @example { alternative: "one-sided" }
   */
  alternative?: "two-sided" | "one-sided";
  /**
   * Chance of detecting the drop when it is real.
   * @default 0.8
   */
  power?: number;
}

function assertProportion(name: string, value: number, { open }: { open: boolean }): void {
  const inside = open ? value > 0 && value < 1 : value >= 0 && value <= 1;
  if (!inside) throw new RangeError(`${name} must be in ${open ? "(0, 1)" : "[0, 1]"}, got ${value}`);
}

/**
 * Calls needed for a McNemar test at level `alpha` to detect a change
 * of `drop` in accuracy with probability `power` (Connor 1987, "Sample size for
 * testing differences in proportions for the paired-sample design", Biometrics 43):
 *
 *   n = ⌈ (z_{1−α/2}·√ψ + z_{power}·√(ψ − d²))² / d² ⌉, with z_{1−α} for a one-sided test
 *
 * ψ can never be below d (d = |p₁₀ − p₀₁| ≤ p₁₀ + p₀₁ = ψ), so a ψ that is unknown
 * or smaller is raised to d: every discordant call then moves the same way, the
 * easiest case to detect, and the answer is a lower bound ("at least n calls").
 * Larger ψ (more churn in both directions) needs more calls. The gate should
 * pass the discordance it observed on the shared calls, (b + c) / n.
 *
 * @example
 * mcnemarSampleSize({ drop: 0.02, discordance: 0.1 }) // 1960
 */
export function mcnemarSampleSize(input: McNemarSampleSizeInput): number {
  const { drop, discordance = null, alpha = 0.05, power = 0.8, alternative = "two-sided" } = input;
  if (!(drop > 0 && drop <= 1)) throw new RangeError(`drop must be in (0, 1], got ${drop}`);
  if (discordance !== null) assertProportion("discordance", discordance, { open: false });
  assertProportion("alpha", alpha, { open: true });
  assertProportion("power", power, { open: true });
  const psi = Math.max(discordance ?? drop, drop);
  const zAlpha = normalQuantile(1 - (alternative === "one-sided" ? alpha : alpha / 2));
  const zPower = normalQuantile(power);
  const root = zAlpha * Math.sqrt(psi) + zPower * Math.sqrt(psi - drop * drop);
  return Math.ceil((root * root) / (drop * drop));
}
