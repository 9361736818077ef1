// The gate's verdict on the console: the verdict first, then what failed, what cannot be told, what moved.
import { inert } from "../core/inert.js";
import type { GateCheck, GateResult } from "../gate/types.js";
import { familiesText, uncheckedItems } from "./gate-family.js";
import { GROUP_ABOVE, groupByModel } from "./gate-groups.js";

const MARK: Record<GateCheck["verdict"], string> = { pass: "✓", fail: "✗", inconclusive: "?" };
const SHOWN_FLIPS = 8;

export function renderGateConsole(result: GateResult): string {
  const count = (verdict: GateCheck["verdict"]) => result.checks.filter((c) => c.verdict === verdict).length;
  const head =
    `gate ${result.verdict.toUpperCase()} · run ${result.runId}` +
    (result.baselineRunId
      ? ` vs baseline ${result.baselineRunId} (${result.sharedCalls ?? 0} shared calls)`
      : "") +
    ` · ${count("fail")} failed, ${count("inconclusive")} inconclusive, ${count("pass")} passed` +
    ` · policy ${result.policy}${result.strict ? ", strict" : ""}`;
  const lines = [head];
  for (const text of familiesText(result)) lines.push(`  family-wise: ${text}`);
  const unchecked = uncheckedItems(result, inert);
  if (unchecked.length > 0) lines.push(`  not checked: ${unchecked.join("; ")}`);
  for (const check of result.checks.filter((c) => c.verdict === "fail")) {
    lines.push(`  ${MARK.fail} ${inert(check.message)}`);
    lines.push(...flipLines(check));
  }
  lines.push(...inconclusiveLines(result.checks.filter((c) => c.verdict === "inconclusive")));
  const moved = result.checks
    .filter((c) => c.verdict === "pass" && c.kind === "regression" && c.field && (c.delta ?? 0) !== 0)
    .sort((a, b) => Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0));
  if (moved.length > 0) {
    lines.push("  moved, within tolerance:");
    for (const check of moved) lines.push(`  ${MARK.pass} ${inert(check.message)}`);
  }
  return lines.join("\n");
}

/** Each inconclusive check's message; many of them, one line per model naming each check and its n. */
function inconclusiveLines(checks: GateCheck[]): string[] {
  if (checks.length <= GROUP_ABOVE)
    return checks.flatMap((check) => [`  ${MARK.inconclusive} ${inert(check.message)}`, ...flipLines(check)]);
  return [
    `  ${MARK.inconclusive} ${checks.length} checks inconclusive (more calls would tell), by model:`,
    ...groupByModel(checks).map(
      (g) =>
        `  ${MARK.inconclusive} ${inert(g.model)}: ${g.items.map(inert).join(", ")}` +
        (g.neededCalls !== undefined ? ` — about ${g.neededCalls} calls needed` : ""),
    ),
  ];
}

function flipLines(check: GateCheck): string[] {
  if (!check.flips) return [];
  const { rightToWrong, wrongToRight } = check.flips;
  const list = (flips: typeof rightToWrong) =>
    flips
      .slice(0, SHOWN_FLIPS)
      .map((f) => inert(f.caseId))
      .join(", ") + (flips.length > SHOWN_FLIPS ? `, … ${flips.length - SHOWN_FLIPS} more` : "");
  return [
    ...(rightToWrong.length ? [`      right → wrong: ${list(rightToWrong)}`] : []),
    ...(wrongToRight.length ? [`      wrong → right: ${list(wrongToRight)}`] : []),
  ];
}
