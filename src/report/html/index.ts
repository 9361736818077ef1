// report.html: one self-contained file (inline CSS, SVG and one hashed script), safe to open whatever the data holds.
import { createHash } from "node:crypto";
import type { ReportData } from "../../summary/report-data-types.js";
import { JUDGE_TITLE } from "../judge-text.js";
import { accuracySection } from "./accuracy.js";
import { agreementSection } from "./agreement.js";
import { CONFUSION_CSS, confusionSection } from "./confusion.js";
import { CSS } from "./css.js";
import { disagreementsSection } from "./disagreements.js";
import { escapeHtml as h, jsonForScript } from "./escape.js";
import { callFailuresSection, FAILURES_CSS, failuresSection } from "./failures.js";
import { gateBanner } from "./gate.js";
import { header, modelTable } from "./header.js";
import { historySection } from "./history.js";
import { judgeSection } from "./judge.js";
import { latencySection } from "./latency.js";
import { reviewSection } from "./notes.js";
import { robustnessSection } from "./robustness.js";
import { tradeoffSection } from "./scatter.js";
import { SCRIPT } from "./script.js";
import { slicesSection } from "./slices.js";
import { view } from "./view.js";
import { voiceSection } from "./voice.js";
import { VOICE_CSS } from "./voice-css.js";

export type { Disagreement, ReportData } from "../../summary/report-data-types.js";
export { escapeHtml, jsonForScript } from "./escape.js";
export { SCRIPT as REPORT_SCRIPT } from "./script.js";

/** The CSP hash source of an inline script: what the browser computes over the script element's text. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

/**
 * The Content-Security-Policy of the report: no requests of any kind, inline styles, and only our own
 * script, so even a value that escaped escaping could not run or load anything.
 */
export function contentSecurityPolicy(script: string = SCRIPT): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${scriptHash(script)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

const NAV: [string, string][] = [
  ["gate", "Gate"],
  ["models", "Models"],
  ["errors", "Failed calls"],
  ["history", "History"],
  ["accuracy", "Accuracy"],
  ["slices", "Slices"],
  ["judge", JUDGE_TITLE],
  ["confusion", "Confusion"],
  ["voice", "Voice stage"],
  ["robustness", "Robustness"],
  ["tradeoffs", "Cost & latency"],
  ["latency", "Latency"],
  ["schema", "Schema failures"],
  ["agreement", "Agreement"],
  ["disagreements", "Disagreements"],
  ["review", "Human review"],
];

export function renderHtml(data: ReportData): string {
  return [...renderHtmlParts(data)].join("");
}

/**
 * report.html as the parts it is made of, in order, the disagreements' rows made as they are read: a large
 * run's page is megabytes, and written part by part it is never held whole (see writeAtomic).
 */
export function* renderHtmlParts(data: ReportData): Generator<string> {
  const v = view(data);
  const { summary, gate } = data;
  const sections = [
    gate ? gateBanner(gate) : "",
    modelTable(v),
    callFailuresSection(v),
    historySection(v),
    accuracySection(v),
    slicesSection(v),
    judgeSection(v),
    confusionSection(v),
    voiceSection(v),
    robustnessSection(v),
    tradeoffSection(v),
    latencySection(v),
    failuresSection(v),
    agreementSection(v),
  ].filter(Boolean);
  const review = reviewSection(v);
  // The disagreements section is always drawn, and its rows hold no section.
  const drawn = new Set<string | undefined>(["disagreements"]);
  for (const part of [...sections, review])
    for (const match of part.matchAll(/<section id="([\w-]+)"/g)) drawn.add(match[1]);
  const nav = NAV.filter(([id]) => drawn.has(id))
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join("");
  const verdict = gate
    ? `${gate.verdict === "pass" ? "✓" : gate.verdict === "fail" ? "✗" : "?"} gate ${gate.verdict} · `
    : "";
  const embedded = jsonForScript({ summary, ...(gate ? { gate } : {}) });
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(contentSecurityPolicy())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="callgrade">
<title>${h(`${verdict}${summary.suite} · run ${summary.runId} · callgrade`)}</title>
<style>${CSS}${summary.asr || summary.robustness ? VOICE_CSS : ""}${extraCss(drawn)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
${header(v)}
<nav aria-label="sections">${nav}</nav>
<main id="main">
`;
  // Each section on a line of its own.
  for (const section of sections) yield `${section}\n`;
  yield* disagreementsSection(v);
  if (review) yield `\n${review}`;
  yield `
</main>
<footer><p>Written by callgrade. This file is self-contained and makes no network requests. The run summary${gate ? " and the gate's result are" : " is"} embedded as JSON in <code>script#callgrade-summary</code>.</p></footer>
<script type="application/json" id="callgrade-summary">${embedded}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Styles of sections only some reports draw, so a report without them stays byte for byte what it was. */
function extraCss(drawn: ReadonlySet<string | undefined>): string {
  return (drawn.has("errors") ? FAILURES_CSS : "") + (drawn.has("confusion") ? CONFUSION_CSS : "");
}
