// report.md's "Voice stage": each recogniser's error rates, then what its transcripts cost each model, field by field.
import { ms, pct, signedPoints } from "../core/format.js";
import type { AsrSummary, RecognitionPenalty, RunSummary } from "../core/summary.js";
import { cell, row } from "./markdown-table.js";
import { penaltiesInOrder } from "./voice-facts.js";

/** The section's lines, starting with a blank one; none when the suite has no speech recognisers. */
export function voiceMarkdown(summary: RunSummary): string[] {
  const asr = summary.asr;
  if (!asr) return [];
  const lines = [
    "",
    "## Voice stage",
    "",
    `Transcripts from speech recognisers against the reference transcripts, both normalised (${cell(asr.normalisation)}). WER and CER are corpus rates: errors summed over calls, divided by the reference's words (characters, spaces not counted). S, D, I: substitutions, deletions, insertions.`,
    "",
    ...recognisers(asr),
  ];
  if (asr.penalty.length === 0) return lines;
  const pairs = penaltiesInOrder(asr.penalty);
  lines.push(
    "",
    "### Recognition penalty",
    "",
    "Field accuracy of each model on the reference transcripts and on the recogniser's, over the cases scored on both. Penalty = reference − recognised, in percentage points: positive is accuracy lost to recognition errors. Pairs and fields most hurt first.",
    "",
    row(["recogniser", "model", "on reference", "on recognised", "penalty (pts)", "n"]),
    row(["---", "---", "---:", "---:", "---:", "---:"]),
    ...pairs.map((p) =>
      row([
        p.recogniser,
        p.model,
        pct(p.fieldAccuracy.reference),
        pct(p.fieldAccuracy.recognised),
        signedPoints(p.fieldAccuracy.penalty),
        String(p.fieldAccuracy.n),
      ]),
    ),
  );
  for (const pair of pairs) lines.push(...fieldTable(pair));
  return lines;
}

function recognisers(asr: AsrSummary): string[] {
  return [
    row([
      "recogniser",
      "calls",
      "errors",
      "cached",
      "WER",
      "words S / D / I of ref",
      "CER",
      "chars S / D / I of ref",
      "WER per call p50",
      "p95",
      "max",
      "latency p50",
      "p95",
    ]),
    row(["---", ...Array.from({ length: 12 }, () => "---:")]),
    ...asr.recognisers.map((r) => {
      const kinds = Object.entries(r.errorsByKind).map(([kind, n]) => `${n} ${kind}`);
      return row([
        `${r.id} (${r.provider})`,
        String(r.calls),
        r.errors ? `${r.errors} (${kinds.join(", ")})` : "0",
        String(r.cachedCalls),
        pct(r.wer),
        `${r.words.sub} / ${r.words.del} / ${r.words.ins} of ${r.words.ref}`,
        pct(r.cer),
        `${r.chars.sub} / ${r.chars.del} / ${r.chars.ins} of ${r.chars.ref}`,
        pct(r.perCallWer.p50),
        pct(r.perCallWer.p95),
        pct(r.perCallWer.max),
        ms(r.latencyMs.p50),
        ms(r.latencyMs.p95),
      ]);
    }),
  ];
}

function fieldTable(pair: RecognitionPenalty): string[] {
  return [
    "",
    `#### ${cell(pair.model)} on ${cell(pair.recogniser)} transcripts`,
    "",
    `Field accuracy ${pct(pair.fieldAccuracy.reference)} → ${pct(pair.fieldAccuracy.recognised)}, penalty ${signedPoints(pair.fieldAccuracy.penalty)} pts over ${pair.fieldAccuracy.n} cases (run as \`${cell(pair.variant)}\`).`,
    "",
    row(["field", "on reference", "on recognised", "penalty (pts)", "n"]),
    row(["---", "---:", "---:", "---:", "---:"]),
    ...pair.fields.map((f) =>
      row([f.field, pct(f.reference), pct(f.recognised), signedPoints(f.penalty), String(f.n)]),
    ),
  ];
}
