// The hostile report with a voice stage whose recogniser ids, model ids, field names and messages are payloads.
import type { RunSummary } from "../../../src/core/summary.js";
import type { ReportData } from "../../../src/summary/report-data-types.js";
import { penaltyField, robustnessSection } from "../voice-fixture.js";
import { hostileReport, PAYLOADS } from "./hostile.js";

export const HOSTILE_RECOGNISER = `whisper${PAYLOADS.script}`;
export const HOSTILE_FIELD = `notes${PAYLOADS.svg}`;
export const HOSTILE_MODEL = `claude${PAYLOADS.img}`;

export function hostileVoiceReport(): ReportData {
  const data = hostileReport();
  const summary: RunSummary = data.summary;
  const words = { ref: 1_000, sub: 60, del: 25, ins: 15 };
  const chars = { ref: 4_000, sub: 110, del: 60, ins: 30 };
  const fields = [
    penaltyField(HOSTILE_FIELD, [200, 150], 238),
    penaltyField(`phone${PAYLOADS.attribute}`, [220, 210], 238),
  ];
  const variant = `${HOSTILE_MODEL}@${HOSTILE_RECOGNISER}`;
  summary.asr = {
    normalisation: PAYLOADS.style,
    recognisers: [
      {
        id: HOSTILE_RECOGNISER,
        provider: PAYLOADS.img,
        calls: 240,
        errors: 1,
        errorsByKind: { [PAYLOADS.attribute]: 1 },
        cachedCalls: 0,
        wer: 0.1,
        cer: 0.05,
        words,
        chars,
        perCallWer: { p50: 0.08, p95: 0.3, max: 0.5 },
        latencyMs: { p50: 1900, p95: 4100 },
      },
    ],
    penalty: [
      {
        recogniser: HOSTILE_RECOGNISER,
        model: HOSTILE_MODEL,
        variant,
        fieldAccuracy: { reference: 420 / 476, recognised: 360 / 476, penalty: 60 / 476, n: 238 },
        fields,
      },
    ],
  };
  const base = summary.models.find((m) => m.id === HOSTILE_MODEL);
  if (base)
    summary.models.push({
      ...base,
      id: variant,
      transcript: { model: HOSTILE_MODEL, recogniser: HOSTILE_RECOGNISER },
    });
  summary.robustness = robustnessSection({
    [HOSTILE_MODEL]: { [HOSTILE_FIELD]: [0.9, 0.8, 0.7, 0.5], intent: [0.95, 0.94, 0.93, 0.9] },
    [`mistral${PAYLOADS.closeJson}`]: { [HOSTILE_FIELD]: [0.85, 0.8, 0.72, 0.6] },
  });
  return data;
}
