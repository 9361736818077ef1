// The terminal tables of the voice stage: recognisers' error rates, what they cost each model, robustness to noise.
import { pct, signedPoints, table } from "../core/format.js";
import { inert } from "../core/inert.js";
import type { AsrSummary, RobustnessSummary, RunSummary } from "../core/summary.js";
import { levelHeading, penaltiesInOrder, pointAt, robustnessChange, sdi } from "./voice-facts.js";

/** Fields named per pair in the terminal; report.md lists them all. */
const HURT_SHOWN = 3;

/** The voice stage's tables, each preceded by a blank line; none when the run had no audio or noisy variants. */
export function voiceConsole(summary: RunSummary): string[] {
  const out: string[] = [];
  if (summary.asr) out.push("", recognisers(summary.asr));
  if (summary.asr && summary.asr.penalty.length > 0) out.push("", penalties(summary.asr));
  if (summary.robustness && summary.robustness.models.length > 0)
    out.push("", robustness(summary.robustness));
  return out;
}

function recognisers(asr: AsrSummary): string {
  return table(
    ["speech recognition", "calls", "errors", "WER (S · D · I)", "CER", "WER/call p50", "p95"],
    asr.recognisers.map((r) => [
      inert(r.id),
      String(r.calls),
      r.errors
        ? `${r.errors} (${Object.entries(r.errorsByKind)
            .map(([kind, n]) => `${n} ${inert(kind)}`)
            .join(", ")})`
        : "0",
      `${pct(r.wer)} (${sdi(r.words)})`,
      pct(r.cer),
      pct(r.perCallWer.p50),
      pct(r.perCallWer.p95),
    ]),
    ["l", "r", "r", "r", "r", "r", "r"],
  );
}

function penalties(asr: AsrSummary): string {
  return table(
    ["recognition penalty", "model", "field acc: reference → recognised", "penalty", "most hurt (pts)"],
    penaltiesInOrder(asr.penalty).map((p) => [
      inert(p.recogniser),
      inert(p.model),
      `${pct(p.fieldAccuracy.reference)} → ${pct(p.fieldAccuracy.recognised)}`,
      signedPoints(p.fieldAccuracy.penalty),
      p.fields
        .filter((f) => f.penalty !== null && f.penalty > 0)
        .slice(0, HURT_SHOWN)
        .map((f) => `${inert(f.field)} ${signedPoints(f.penalty)}`)
        .join(", ") || "—",
    ]),
    ["l", "l", "r", "r", "l"],
  );
}

function robustness(r: RobustnessSummary): string {
  return table(
    ["robustness (field acc)", ...r.levels.map(levelHeading), "change"],
    r.models.map((m) => [
      inert(m.model),
      ...r.levels.map((level) => pct(pointAt(m.fieldAccuracy, level.level)?.accuracy)),
      signedPoints(robustnessChange(m.fieldAccuracy)),
    ]),
    ["l", ...r.levels.map(() => "r" as const), "r"],
  );
}
