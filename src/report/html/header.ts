// The top of report.html: what was evaluated, and one row per model with the numbers people ask for first.
import { grouped, ms, pct, usd } from "../../core/format.js";
import { escapeHtml as h } from "./escape.js";
import { swatch } from "./svg.js";
import { costPerThousand, count, type View, when } from "./view.js";

export function header(v: View): string {
  const s = v.data.summary;
  const hashes = (
    [
      ["prompt", s.hashes.prompt],
      ["knowledge base", s.hashes.knowledgeBase],
      ["schema", s.hashes.schema],
    ] as const
  )
    .map(([name, hash]) => `<span class="hash">${name} <code>${h(hash)}</code></span>`)
    .join(" ");
  const chips = v.models.map((id) => `<li>${swatch(v.index(id))}${h(id)}</li>`).join("");
  return `<header class="top">
<p class="kicker">callgrade report</p>
<h1>${h(s.suite)}</h1>
<p class="meta"><span>run <code>${h(s.runId)}</code></span> <span>${h(when(s.createdAt))}</span> <span>${count(s.caseCount, "case")} × ${count(v.models.length, "model")}${s.repeat > 1 ? ` × ${s.repeat} repeats` : ""}</span> <span>status ${h(s.status)}</span></p>
<p class="meta">evaluated: ${hashes}</p>
<ul class="legend models" aria-label="models">${chips}</ul>
</header>`;
}

/** One row per model; the best value of each column is marked with a star as well as bold type. */
export function modelTable(v: View): string {
  const models = v.data.summary.models;
  const best = {
    acc: bestOf(
      models.map((m) => m.fieldAccuracy),
      "max",
    ),
    valid: bestOf(
      models.map((m) => m.schemaValidRate),
      "max",
    ),
    p50: bestOf(
      models.map((m) => m.latencyMs.p50),
      "min",
    ),
    cost: bestOf(models.map(costPerThousand), "min"),
  };
  const mark = (text: string, isBest: boolean) =>
    isBest ? `<strong>${text}</strong> <span class="star" title="best">★</span>` : text;
  const rows = models.map((m) => {
    const errors = Object.entries(m.errorsByKind)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ");
    return `<tr><th scope="row">${swatch(v.index(m.id))}${h(m.id)}<small>${h(m.provider)}${m.model ? ` · ${h(m.model)}` : ""}</small></th>
<td>${mark(pct(m.fieldAccuracy), m.fieldAccuracy === best.acc)}</td>
<td>${mark(pct(m.schemaValidRate), m.schemaValidRate === best.valid)}</td>
<td>${mark(ms(m.latencyMs.p50), m.latencyMs.p50 === best.p50)}</td><td>${ms(m.latencyMs.p95)}</td>
<td>${mark(usd(costPerThousand(m)), costPerThousand(m) === best.cost)}</td><td>${usd(m.costUsd)}</td>
<td>${grouped(m.calls)}</td><td${m.errors ? ` class="bad" title="${h(errors)}"` : ""}>${m.errors}${m.errors ? ` <span class="sr">(${h(errors)})</span>` : ""}</td></tr>`;
  });
  const skipped = v.data.summary.skippedModels.map((m) => `<li>${h(m.id)} skipped: ${h(m.reason)}</li>`);
  return `<section id="models" aria-labelledby="models-h"><h2 id="models-h">Models</h2>
<div class="scroll"><table class="num"><thead><tr><th scope="col">model</th><th scope="col">field accuracy</th><th scope="col">schema-valid</th><th scope="col">latency p50</th><th scope="col">p95</th><th scope="col">cost / 1k calls</th><th scope="col">total cost</th><th scope="col">calls</th><th scope="col">errors</th></tr></thead>
<tbody>${rows.join("")}</tbody></table></div>
${skipped.length ? `<ul class="problems">${skipped.join("")}</ul>` : ""}</section>`;
}

function bestOf(values: (number | null)[], direction: "max" | "min"): number | null {
  const known = values.filter((x): x is number => x !== null);
  if (known.length < 2) return null;
  return direction === "max" ? Math.max(...known) : Math.min(...known);
}
