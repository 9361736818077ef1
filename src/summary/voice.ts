// summary.json's `asr`: each recogniser's error rates over the run's audio, and what it costs each model's
// fields: accuracy on the reference transcripts against accuracy on the recognised ones, on the same calls.

import { NORMALISATION_VERSION } from "../asr/error-rate.js";
import { byCodePoint } from "../core/format.js";
import type {
  AlignmentCounts,
  AsrSummary,
  PenaltyField,
  RecogniserSummary,
  RecognitionPenalty,
} from "../core/summary.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { mean, percentile } from "../scoring/metrics.js";
import type { RunRecord, Store } from "../store/index.js";

const zero = (): AlignmentCounts => ({ ref: 0, sub: 0, del: 0, ins: 0 });
const rate = (c: AlignmentCounts) => (c.ref === 0 ? null : (c.sub + c.del + c.ins) / c.ref);

function add(into: AlignmentCounts, c: AlignmentCounts): void {
  into.ref += c.ref;
  into.sub += c.sub;
  into.del += c.del;
  into.ins += c.ins;
}

function spread(sorted: number[]) {
  return {
    p50: sorted.length ? percentile(sorted, 50) : null,
    p95: sorted.length ? percentile(sorted, 95) : null,
  };
}

function recognisers(store: Store, run: RunRecord): RecogniserSummary[] {
  const byId = new Map(
    run.recognisers.map((r) => [
      r.id,
      {
        summary: {
          id: r.id,
          provider: r.provider,
          calls: 0,
          errors: 0,
          errorsByKind: {} as Record<string, number>,
          cachedCalls: 0,
          words: zero(),
          chars: zero(),
        },
        wers: [] as number[],
        latencies: [] as number[],
      },
    ]),
  );
  for (const t of store.transcripts.forRun(run.id)) {
    const entry = byId.get(t.recogniser);
    if (!entry) continue;
    const { summary } = entry;
    summary.calls++;
    if (t.fromCache) summary.cachedCalls++;
    if (t.error || !t.words || !t.chars) {
      summary.errors++;
      const kind = t.error?.kind ?? "unknown";
      summary.errorsByKind[kind] = (summary.errorsByKind[kind] ?? 0) + 1;
      continue;
    }
    add(summary.words, t.words);
    add(summary.chars, t.chars);
    entry.wers.push(rate(t.words) ?? 0);
    entry.latencies.push(t.latencyMs);
  }
  return [...byId.values()].map(({ summary, wers, latencies }) => {
    wers.sort((a, b) => a - b);
    latencies.sort((a, b) => a - b);
    return {
      ...summary,
      wer: rate(summary.words),
      cer: rate(summary.chars),
      perCallWer: { ...spread(wers), max: wers.at(-1) ?? null },
      latencyMs: spread(latencies),
    };
  });
}

function penalty(store: Store, run: RunRecord, variant: RunRecord["models"][number]): RecognitionPenalty {
  const { model, recogniser } = variant.transcript ?? { model: "", recogniser: "" };
  const scored = new Set(run.fields.filter((f) => isAutoScored(f.match)).map((f) => f.name));
  const fields: PenaltyField[] = store.results
    .paired(run.id, model, variant.id)
    .filter((row) => scored.has(row.field) && row.n > 0)
    .map((row) => {
      const reference = row.correctA / row.n;
      const recognised = row.correctB / row.n;
      return { field: row.field, reference, recognised, penalty: reference - recognised, n: row.n };
    })
    // Most hurt first; equal penalties in field order, so the report reads the same every time.
    .sort((a, b) => (b.penalty ?? 0) - (a.penalty ?? 0) || byCodePoint(a.field, b.field));
  const reference = mean(fields.map((f) => f.reference ?? 0));
  const recognised = mean(fields.map((f) => f.recognised ?? 0));
  return {
    recogniser,
    model,
    variant: variant.id,
    fieldAccuracy: {
      reference,
      recognised,
      penalty: reference === null || recognised === null ? null : reference - recognised,
      n: Math.max(0, ...fields.map((f) => f.n)),
    },
    fields,
  };
}

export function asrSummary(store: Store, run: RunRecord): AsrSummary {
  const penalties = run.models
    .filter((m) => m.transcript)
    .map((variant) => penalty(store, run, variant))
    .sort(
      (a, b) =>
        (b.fieldAccuracy.penalty ?? 0) - (a.fieldAccuracy.penalty ?? 0) || byCodePoint(a.variant, b.variant),
    );
  return { normalisation: NORMALISATION_VERSION, recognisers: recognisers(store, run), penalty: penalties };
}
