// A run with a voice stage: two recognisers, what they cost two models, and accuracy on noisier transcripts.
// Every derived number (rates, penalties, means) is computed here from counts, as the summary builder would.
import type {
  AlignmentCounts,
  AsrSummary,
  ModelSummary,
  PenaltyField,
  RecognitionPenalty,
  RobustnessPoint,
  RobustnessSummary,
  RunSummary,
} from "../../src/core/summary.js";
import type { ReportData } from "../../src/summary/report-data-types.js";
import { sampleReport } from "./html/fixture.js";

export const MODELS = ["gpt-4.1-mini", "claude-sonnet-4"] as const;
export const RECOGNISERS = ["whisper-1", "pocketsphinx-en"] as const;
/** Cases scored on both reference and recognised transcripts (two whisper calls timed out). */
const N = 238;

function rate(counts: AlignmentCounts): number {
  return (counts.sub + counts.del + counts.ins) / counts.ref;
}

function mean(values: number[]): number {
  return values.reduce((s, x) => s + x, 0) / values.length;
}

const WHISPER_WORDS = { ref: 18_432, sub: 1_106, del: 415, ins: 231 };
const WHISPER_CHARS = { ref: 71_905, sub: 2_230, del: 1_150, ins: 610 };
const SPHINX_WORDS = { ref: 18_432, sub: 3_650, del: 1_020, ins: 780 };
const SPHINX_CHARS = { ref: 71_905, sub: 8_100, del: 2_900, ins: 1_400 };

/** Correct answers out of N per field: [on reference, on recognised], in schema order (not most hurt first). */
const CORRECT: Record<string, Record<string, Record<string, [number, number]>>> = {
  "whisper-1": {
    "gpt-4.1-mini": {
      caller_name: [221, 198],
      phone: [229, 187],
      callback_date: [205, 196],
      intent: [226, 224],
      account_number: [219, 171],
      urgency: [214, 216],
    },
    "claude-sonnet-4": {
      caller_name: [228, 209],
      phone: [233, 201],
      callback_date: [214, 207],
      intent: [231, 230],
      account_number: [225, 186],
      urgency: [219, 219],
    },
  },
  "pocketsphinx-en": {
    "gpt-4.1-mini": {
      caller_name: [221, 141],
      phone: [229, 120],
      callback_date: [205, 168],
      intent: [226, 205],
      account_number: [219, 97],
      urgency: [214, 203],
    },
    "claude-sonnet-4": {
      caller_name: [228, 150],
      phone: [233, 131],
      callback_date: [214, 176],
      intent: [231, 214],
      account_number: [225, 110],
      urgency: [219, 210],
    },
  },
};

export function penaltyField(field: string, [ref, rec]: [number, number], n = N): PenaltyField {
  return { field, reference: ref / n, recognised: rec / n, penalty: ref / n - rec / n, n };
}

function pair(recogniser: string, model: string): RecognitionPenalty {
  const fields = Object.entries(CORRECT[recogniser]?.[model] ?? {}).map(([f, c]) => penaltyField(f, c));
  const reference = mean(fields.map((f) => f.reference ?? 0));
  const recognised = mean(fields.map((f) => f.recognised ?? 0));
  return {
    recogniser,
    model,
    variant: `${model}@${recogniser}`,
    fieldAccuracy: { reference, recognised, penalty: reference - recognised, n: N },
    // Most hurt first, as the summary promises.
    fields: [...fields].sort((a, b) => (b.penalty ?? 0) - (a.penalty ?? 0)),
  };
}

export function asrSection(): AsrSummary {
  const penalty = RECOGNISERS.flatMap((r) => MODELS.map((m) => pair(r, m)));
  return {
    normalisation: "lower case, punctuation removed, numbers as digits",
    recognisers: [
      {
        id: "whisper-1",
        provider: "openai",
        calls: 240,
        errors: 2,
        errorsByKind: { timeout: 2 },
        cachedCalls: 0,
        wer: rate(WHISPER_WORDS),
        cer: rate(WHISPER_CHARS),
        words: WHISPER_WORDS,
        chars: WHISPER_CHARS,
        perCallWer: { p50: 0.078, p95: 0.241, max: 0.412 },
        latencyMs: { p50: 2140, p95: 5320 },
      },
      {
        id: "pocketsphinx-en",
        provider: "pocketsphinx",
        calls: 240,
        errors: 0,
        errorsByKind: {},
        cachedCalls: 240,
        wer: rate(SPHINX_WORDS),
        cer: rate(SPHINX_CHARS),
        words: SPHINX_WORDS,
        chars: SPHINX_CHARS,
        perCallWer: { p50: 0.274, p95: 0.522, max: 0.71 },
        latencyMs: { p50: 880, p95: 1460 },
      },
    ],
    penalty: penalty.sort((a, b) => (b.fieldAccuracy.penalty ?? 0) - (a.fieldAccuracy.penalty ?? 0)),
  };
}

export const LEVELS = [
  { level: 0, wer: 0, cases: 240 },
  { level: 0.05, wer: 0.053, cases: 240 },
  { level: 0.1, wer: 0.097, cases: 240 },
  { level: 0.2, wer: 0.188, cases: 240 },
];

/** Accuracy per level (in LEVELS order) per field; the names of fields come from the run. */
const CURVES: Record<string, Record<string, number[]>> = {
  "gpt-4.1-mini": {
    caller_name: [0.929, 0.887, 0.841, 0.752],
    phone: [0.962, 0.878, 0.794, 0.613],
    intent: [0.95, 0.946, 0.938, 0.921],
  },
  "claude-sonnet-4": {
    caller_name: [0.958, 0.929, 0.895, 0.826],
    phone: [0.979, 0.912, 0.853, 0.702],
    intent: [0.971, 0.971, 0.967, 0.954],
  },
};

export function robustnessSection(curves = CURVES): RobustnessSummary {
  const points = (accs: number[]): RobustnessPoint[] =>
    LEVELS.map((l, i) => ({ level: l.level, wer: l.wer, accuracy: accs[i] ?? null, n: l.cases }));
  return {
    levels: LEVELS,
    models: Object.entries(curves).map(([model, fields]) => ({
      model,
      fieldAccuracy: points(LEVELS.map((_, i) => mean(Object.values(fields).map((a) => a[i] ?? 0)))),
      fields: Object.fromEntries(Object.entries(fields).map(([f, accs]) => [f, points(accs)])),
    })),
  };
}

/** The realistic report with the voice stage: each model run on each recogniser's transcripts appears as a model. */
export function voiceReport(): ReportData {
  const data = sampleReport();
  const asr = asrSection();
  const variants: ModelSummary[] = asr.penalty.flatMap((p) => {
    const base = data.summary.models.find((m) => m.id === p.model);
    if (!base) return [];
    return [
      {
        ...base,
        id: p.variant,
        fieldAccuracy: p.fieldAccuracy.recognised,
        transcript: { model: p.model, recogniser: p.recogniser },
      },
    ];
  });
  data.summary = withVoice(data.summary, asr, robustnessSection(), variants);
  return data;
}

export function withVoice(
  summary: RunSummary,
  asr: AsrSummary | undefined,
  robustness: RobustnessSummary | undefined,
  variants: ModelSummary[] = [],
): RunSummary {
  return {
    ...summary,
    models: [...summary.models, ...variants],
    ...(asr ? { asr } : {}),
    ...(robustness ? { robustness } : {}),
  };
}
