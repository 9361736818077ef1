// A gate check's numbers as text, in the metric's own unit; junit.xml bodies and the PR Markdown share them.
import { ms, usd } from "../core/format.js";
import type { Flip, GateCheck, GateResult } from "../gate/types.js";

type Unit = "share" | "ms" | "usd" | "number";

function unit(metric: string): Unit {
  if (/latency/i.test(metric)) return "ms";
  if (/cost|usd/i.test(metric)) return "usd";
  if (/accuracy|rate|precision|recall|f1|agreement/i.test(metric)) return "share";
  return "number";
}

function plain(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

/** The candidate's (or baseline's) value of `metric`: 0.873 → "87.3%", 1234 → "1234 ms". */
export function formatValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  switch (unit(metric)) {
    case "share":
      return `${(value * 100).toFixed(1)}%`;
    case "ms":
      return ms(value);
    case "usd":
      return usd(value);
    default:
      return plain(value);
  }
}

/** A difference, signed; shares move in percentage points. */
export function formatDelta(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "-" : "±";
  const size = Math.abs(value);
  switch (unit(metric)) {
    case "share":
      return `${sign}${(size * 100).toFixed(1)} pp`;
    case "ms":
      return `${sign}${ms(size)}`;
    case "usd":
      return `${sign}${usd(size)}`;
    default:
      return `${sign}${plain(size)}`;
  }
}

/** The 95% interval: of the value for a threshold, of the difference for a regression. */
export function formatInterval(check: GateCheck): string {
  if (!check.interval) return "—";
  const [lo, hi] = check.interval;
  const one = (v: number) => (check.kind === "regression" ? formatDelta : formatValue)(check.metric, v);
  return `[${one(lo)}, ${one(hi)}]`;
}

export function formatLimit(check: GateCheck): string {
  const parts: string[] = [];
  if (check.limit?.min !== undefined) parts.push(`≥ ${formatValue(check.metric, check.limit.min)}`);
  if (check.limit?.max !== undefined) parts.push(`≤ ${formatValue(check.metric, check.limit.max)}`);
  return parts.length > 0 ? parts.join(" and ") : "—";
}

export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "—";
  if (p >= 0.0001) return String(Number(p.toPrecision(2)));
  return p === 0 ? "0" : p.toExponential(1);
}

/** A value a model gave, for showing a flip: strings as they are, the rest as JSON, long ones cut. */
export function flipValue(value: unknown, max = 60): string {
  if (value === undefined) return "—";
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return [...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text;
}

export function flipLine(flip: Flip): string {
  return `${flip.caseId}: ${flipValue(flip.baseline)} → ${flipValue(flip.candidate)}`;
}

/** Whether this check makes the gate fail: a fail always, an inconclusive only under --strict. */
export function failsGate(check: GateCheck, gate: Pick<GateResult, "strict">): boolean {
  return check.verdict === "fail" || (check.verdict === "inconclusive" && gate.strict);
}

/** One line per number the check carries; `flipsShown` caps the flipped calls listed per direction. */
export function checkFacts(check: GateCheck, flipsShown = 10): string[] {
  const lines = [
    `${check.id}: ${check.verdict}`,
    check.message,
    `observed: ${formatValue(check.metric, check.observed)}`,
  ];
  if (check.interval) lines.push(`95% interval: ${formatInterval(check)}`);
  if (check.limit) lines.push(`limit: ${formatLimit(check)}`);
  if (check.baseline !== undefined) lines.push(`baseline: ${formatValue(check.metric, check.baseline)}`);
  if (check.delta !== undefined) lines.push(`delta: ${formatDelta(check.metric, check.delta)}`);
  if (check.pValue !== undefined) lines.push(`p-value: ${formatP(check.pValue)}`);
  if (check.adjustedP !== undefined) lines.push(`adjusted p-value (Holm): ${formatP(check.adjustedP)}`);
  lines.push(`n: ${check.n}`);
  if (check.neededCalls !== undefined)
    lines.push(
      `needs about ${check.neededCalls} calls to detect the allowed drop at the level its family leaves it`,
    );
  for (const [label, flips] of [
    ["right → wrong", check.flips?.rightToWrong ?? []],
    ["wrong → right", check.flips?.wrongToRight ?? []],
  ] as const) {
    if (flips.length === 0) continue;
    const more = flips.length > flipsShown ? ` (first ${flipsShown})` : "";
    lines.push(`flipped ${label}: ${flips.length}${more}`);
    for (const flip of flips.slice(0, flipsShown)) lines.push(`  ${flipLine(flip)}`);
  }
  return lines;
}
