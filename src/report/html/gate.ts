// The gate's verdict as a banner, failing and inconclusive checks first, with the calls that flipped.
import { grouped, ms, pct, usd } from "../../core/format.js";
import type { CheckVerdict, Flip, GateCheck, GateResult } from "../../gate/types.js";
import { familiesText } from "../gate-family.js";
import { escapeHtml as h, truncate, valueText } from "./escape.js";
import { count, pValue, signed } from "./view.js";

const ICON: Record<CheckVerdict, string> = { pass: "✓", fail: "✗", inconclusive: "?" };
const WORD: Record<CheckVerdict, string> = { pass: "passed", fail: "failed", inconclusive: "inconclusive" };
const ORDER: Record<CheckVerdict, number> = { fail: 0, inconclusive: 1, pass: 2 };

export function gateBanner(gate: GateResult): string {
  const checks = [...gate.checks].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict]);
  const tally = (verdict: CheckVerdict) => checks.filter((c) => c.verdict === verdict).length;
  const parts = (["fail", "inconclusive", "pass"] as const)
    .filter((verdict) => tally(verdict) > 0)
    .map((verdict) => `${tally(verdict)} ${WORD[verdict]}`);
  const context = [
    `policy: ${gate.policy === "lower-bound" ? "interval lower bound must clear the threshold" : "point estimate must clear the threshold"}`,
    gate.strict ? "strict: inconclusive fails" : "not strict: inconclusive does not fail",
    gate.baselineRunId ? `baseline run <code>${h(gate.baselineRunId)}</code>` : "",
    gate.sharedCalls === undefined ? "" : `${count(gate.sharedCalls, "shared call")}`,
  ].filter(Boolean);
  const families = familiesText(gate);
  const open = checks.filter((c) => c.verdict !== "pass");
  const passed = checks.filter((c) => c.verdict === "pass");
  return `<section id="gate" class="gate v-${gate.verdict}" aria-labelledby="gate-h">
<div class="banner"><span class="icon" aria-hidden="true">${ICON[gate.verdict]}</span><div>
<h2 id="gate-h">Gate ${WORD[gate.verdict]}</h2>
<p>${parts.join(" · ") || "no checks"}</p><p class="small">${context.join(" · ")}</p>${families.length ? `<p class="small family">family-wise: ${h(families.join("; "))}</p>` : ""}</div></div>
${open.map(checkCard).join("\n")}
${passed.length ? `<details class="passed"><summary>${count(passed.length, "passing check")}</summary><ul class="checks-brief">${passed.map((c) => `<li><span class="badge v-pass">✓ pass</span> ${h(c.message)}</li>`).join("")}</ul></details>` : ""}
</section>`;
}

function checkCard(c: GateCheck): string {
  const fmt = formatter(c.metric);
  const stats: [string, string][] = [["observed", fmt(c.observed)]];
  if (c.limit?.min !== undefined) stats.push(["minimum", fmt(c.limit.min)]);
  if (c.limit?.max !== undefined) stats.push(["maximum", fmt(c.limit.max)]);
  if (c.baseline !== undefined) stats.push(["baseline", fmt(c.baseline)]);
  if (c.delta !== undefined) stats.push(["change", signed(c.metric, c.delta)]);
  if (c.interval)
    stats.push([
      "95% interval",
      c.kind === "regression"
        ? `${signed(c.metric, c.interval[0])} to ${signed(c.metric, c.interval[1])}`
        : `${fmt(c.interval[0])} to ${fmt(c.interval[1])}`,
    ]);
  if (c.pValue !== undefined) stats.push(["p-value", pValue(c.pValue)]);
  if (c.adjustedP !== undefined) stats.push(["adjusted p (Holm)", pValue(c.adjustedP)]);
  stats.push(["calls", grouped(c.n)]);
  if (c.neededCalls !== undefined) stats.push(["calls needed", `≈ ${grouped(c.neededCalls)}`]);
  const where = [c.metric, c.model, c.field].filter((x): x is string => Boolean(x));
  return `<article class="check v-${c.verdict}">
<h3><span class="badge v-${c.verdict}">${ICON[c.verdict]} ${c.verdict}</span> ${where.map((x) => `<code>${h(x)}</code>`).join(" · ")} <small>${c.kind}</small></h3>
<p>${h(c.message)}</p>
<dl class="stats">${stats.map(([k, val]) => `<div><dt>${k}</dt><dd>${h(val)}</dd></div>`).join("")}</dl>
${c.flips ? flips(c.flips) : ""}
</article>`;
}

function flips({ rightToWrong, wrongToRight }: NonNullable<GateCheck["flips"]>): string {
  const total = rightToWrong.length + wrongToRight.length;
  if (total === 0) return `<p class="small">No call changed outcome.</p>`;
  const list = (title: string, cls: string, items: Flip[]) =>
    items.length === 0
      ? ""
      : `<table class="flips ${cls}"><caption>${title} (${items.length})</caption><thead><tr><th scope="col">case</th><th scope="col">baseline value</th><th scope="col">candidate value</th></tr></thead><tbody>${items
          .map(
            (f) =>
              `<tr><td><code>${h(f.caseId)}</code></td><td>${cell(f.baseline)}</td><td>${cell(f.candidate)}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  return `<details class="flipped"><summary>${count(total, "call")} flipped: ${rightToWrong.length} right → wrong, ${wrongToRight.length} wrong → right</summary>
${list("✗ right → wrong", "r2w", rightToWrong)}${list("✓ wrong → right", "w2r", wrongToRight)}</details>`;
}

function cell(value: unknown): string {
  const text = valueText(value);
  return `<span class="v" title="${h(text)}">${h(truncate(text, 80))}</span>`;
}

/** How a metric's values read: latency in ms, cost in USD, rates as percentages. */
export function formatter(metric: string): (value: number | null | undefined) => string {
  if (/latency/i.test(metric)) return ms;
  if (/cost/i.test(metric)) return usd;
  return (value) => pct(value);
}
