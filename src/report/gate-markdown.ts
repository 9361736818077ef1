// The gate as a pull-request comment (report.md, $GITHUB_STEP_SUMMARY): verdict first, then what moved and why.
import { byCodePoint } from "../core/format.js";
import type { RunSummary } from "../core/summary.js";
import type { CheckVerdict, GateCheck, GateResult } from "../gate/types.js";
import { familiesText, isCorrected, uncheckedItems } from "./gate-family.js";
import { GROUP_ABOVE } from "./gate-groups.js";
import { groupedMarkdown } from "./gate-markdown-groups.js";
import { mdText, table, where } from "./gate-markdown-text.js";
import {
  failsGate,
  flipValue,
  formatDelta,
  formatInterval,
  formatLimit,
  formatP,
  formatValue,
} from "./junit-facts.js";

export { mdText } from "./gate-markdown-text.js";

const ICON: Record<CheckVerdict, string> = { pass: "✅", fail: "❌", inconclusive: "⚠️" };
/** Flipped calls shown per check and in all; a PR comment holds at most 65,536 characters. */
const FLIPS_PER_CHECK = 25;
const FLIPS_IN_ALL = 200;

export function renderGateMarkdown(summary: RunSummary, gate: GateResult): string {
  const lines = [
    ...verdict(summary, gate),
    ...moved(gate),
    ...problems(gate),
    ...flips(gate),
    ...thresholds(gate),
  ];
  return `${lines.join("\n")}\n`;
}

function verdict(summary: RunSummary, gate: GateResult): string[] {
  const count = (v: CheckVerdict) => gate.checks.filter((c) => c.verdict === v).length;
  const effect =
    gate.verdict === "inconclusive"
      ? gate.strict
        ? " — fails the gate (--strict)"
        : " — does not fail the gate (not strict)"
      : "";
  const against =
    gate.baselineRunId !== undefined
      ? ` against baseline ${mdText(gate.baselineRunId)}${gate.sharedCalls !== undefined ? ` on ${gate.sharedCalls} shared calls` : ""}`
      : " (no baseline: thresholds only)";
  const policy =
    gate.policy === "lower-bound"
      ? "an accuracy threshold passes only when its 95% interval's lower bound clears it"
      : "an accuracy threshold whose point estimate clears it but whose 95% interval does not is inconclusive";
  const strict = gate.strict
    ? "strict: inconclusive checks fail the gate"
    : "not strict: inconclusive checks do not fail the gate";
  const families = familiesText(gate);
  return [
    `## ${ICON[gate.verdict]} callgrade gate: ${gate.verdict}${effect}`,
    "",
    `${count("fail")} failed · ${count("inconclusive")} inconclusive · ${count("pass")} passed of ${gate.checks.length} checks — ${mdText(summary.suite)}, run ${mdText(gate.runId)}${against}.`,
    "",
    `Policy: ${gate.policy} (${policy}); ${strict}.`,
    ...(families.length > 0
      ? [
          "",
          `Family-wise: ${families.join("; ")}.` +
            (isCorrected(gate, "regression") || isCorrected(gate, "threshold")
              ? " Each check decides on its adjusted p-value (adj. p)."
              : ""),
        ]
      : []),
  ];
}

function moved(gate: GateResult): string[] {
  const checks = gate.checks.filter(
    (c) => c.kind === "regression" && c.delta !== undefined && c.delta !== null && c.delta !== 0,
  );
  const size = (c: GateCheck) => Math.abs(c.delta ?? 0);
  const byMove = (a: GateCheck, b: GateCheck) =>
    size(b) - size(a) || byCodePoint(a.model, b.model) || byCodePoint(a.field ?? "", b.field ?? "");
  const fields = checks.filter((c) => c.field !== undefined).sort(byMove);
  const overall = checks.filter((c) => c.field === undefined).sort(byMove);
  const out: string[] = [];
  // Adjusted p-values stand beside the raw ones when the family was corrected.
  const adjusted = isCorrected(gate, "regression");
  const rows = (list: GateCheck[]) =>
    list.map((c) => [
      ICON[c.verdict],
      where(c),
      formatDelta(c.metric, c.delta),
      formatInterval(c),
      formatP(c.pValue),
      ...(adjusted ? [formatP(c.adjustedP)] : []),
      String(c.flips?.rightToWrong.length ?? "—"),
      String(c.flips?.wrongToRight.length ?? "—"),
      String(c.n),
    ]);
  const header = [
    "",
    "model · field",
    "Δ",
    "95% interval",
    "p",
    ...(adjusted ? ["adj. p"] : []),
    "right → wrong",
    "wrong → right",
    "n",
  ];
  const align = [":-:", "---", "---:", "---:", "---:", ...(adjusted ? ["---:"] : []), "---:", "---:", "---:"];
  if (fields.length > 0) out.push("", "### Fields that moved", "", ...table(header, align, rows(fields)));
  if (overall.length > 0) {
    header[1] = "model · metric";
    out.push("", "### Overall changes", "", ...table(header, align, rows(overall)));
  }
  return out;
}

function problems(gate: GateResult): string[] {
  const out: string[] = [];
  const item = (c: GateCheck) =>
    `- ${ICON[c.verdict]} **${mdText(c.id)}**: ${mdText(c.message)}${c.neededCalls !== undefined ? ` — needs ≈${c.neededCalls} calls` : ""}`;
  const failed = gate.checks.filter((c) => c.verdict === "fail");
  const unsure = gate.checks.filter((c) => c.verdict === "inconclusive");
  if (failed.length > 0) out.push("", "### Failing checks", "", ...failed.map(item));
  if (unsure.length > 0) {
    const note = unsure.some((c) => failsGate(c, gate)) ? " (fail the gate: --strict)" : "";
    out.push("", `### Inconclusive checks${note}`, "");
    if (unsure.length <= GROUP_ABOVE) out.push(...unsure.map(item));
    else out.push(...groupedMarkdown(unsure, item));
  }
  const unchecked = uncheckedItems(gate, mdText);
  if (unchecked.length > 0) out.push("", "### Not checked", "", ...unchecked.map((text) => `- ${text}`));
  return out;
}

function flips(gate: GateResult): string[] {
  const withFlips = gate.checks.filter(
    (c) => c.flips && c.flips.rightToWrong.length + c.flips.wrongToRight.length > 0,
  );
  if (withFlips.length === 0) return [];
  const total = (key: "rightToWrong" | "wrongToRight") =>
    withFlips.reduce((n, c) => n + (c.flips?.[key].length ?? 0), 0);
  const out = [
    "",
    `<details><summary>Flipped calls: ${total("rightToWrong")} right → wrong, ${total("wrongToRight")} wrong → right</summary>`,
  ];
  let budget = FLIPS_IN_ALL;
  for (const check of withFlips) {
    const listed = [
      ...(check.flips?.rightToWrong ?? []).map((f) => ["❌ right → wrong", f] as const),
      ...(check.flips?.wrongToRight ?? []).map((f) => ["✅ wrong → right", f] as const),
    ];
    const shown = listed.slice(0, Math.max(0, Math.min(FLIPS_PER_CHECK, budget)));
    budget -= shown.length;
    const rows = shown.map(([direction, f]) => [
      direction,
      mdText(f.caseId),
      mdText(flipValue(f.baseline)),
      mdText(flipValue(f.candidate)),
    ]);
    out.push("", `#### ${where(check)}`, "");
    if (rows.length > 0)
      out.push(...table(["", "case", "baseline", "candidate"], ["---", "---", "---", "---"], rows));
    if (shown.length < listed.length)
      out.push("", `…and ${listed.length - shown.length} more (see report.html).`);
  }
  out.push("", "</details>");
  return out;
}

function thresholds(gate: GateResult): string[] {
  const checks = gate.checks.filter((c) => c.kind === "threshold");
  if (checks.length === 0) return [];
  const adjusted = isCorrected(gate, "threshold");
  const rows = checks.map((c) => [
    ICON[c.verdict],
    mdText(c.model),
    mdText(c.metric),
    mdText(c.field ?? "—"),
    formatValue(c.metric, c.observed),
    formatInterval(c),
    formatLimit(c),
    ...(adjusted ? [formatP(c.pValue), formatP(c.adjustedP)] : []),
    String(c.n),
  ]);
  return [
    "",
    "### Thresholds",
    "",
    ...table(
      [
        "",
        "model",
        "metric",
        "field",
        "observed",
        "95% interval",
        "limit",
        ...(adjusted ? ["p at limit", "adj. p"] : []),
        "n",
      ],
      [":-:", "---", "---", "---", "---:", "---:", "---", ...(adjusted ? ["---:", "---:"] : []), "---:"],
      rows,
    ),
  ];
}
