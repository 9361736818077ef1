// A voice run's report with a history of the suite's runs and its worst calls aligned, and a hostile copy of it.
import { align } from "../../../src/asr/align.js";
import { type AsrLang, normaliseForAsr } from "../../../src/asr/normalise.js";
import type { AlignedCall, RecogniserAlignments } from "../../../src/summary/alignments.js";
import type { HistoryRun } from "../../../src/summary/history.js";
import type { ReportData } from "../../../src/summary/report-data-types.js";
import { voiceReport } from "../voice-fixture.js";
import { PAYLOADS } from "./hostile.js";
import { hostileVoiceReport } from "./hostile-voice.js";

/** Accuracy per run, oldest first, for the fixture's two models and one that left the suite; null: no figure. */
const TREND: Record<string, (number | null)[]> = {
  "gpt-4.1-mini": [0.81, 0.83, 0.82, 0.86, null, 0.88, 0.87, 0.9, 0.89, 0.91, 0.9, 0.92],
  "claude-sonnet-4": [0.85, 0.86, 0.88, 0.87, null, 0.9, 0.91, 0.9, 0.93, 0.92, 0.94, 0.94],
  "gpt-4o-mini": [0.78, 0.79, 0.77, 0.8, null, 0.81, null, null, null, null, null, null],
};

/** The suite's runs up to `current`, a day apart, the prompt changed at run 4 and the knowledge base at run 8. */
export function history(current: { runId: string; suite: string; createdAt: string }): HistoryRun[] {
  const n = TREND["gpt-4.1-mini"]?.length ?? 0;
  const end = Date.parse(current.createdAt);
  return Array.from({ length: n }, (_, i) => {
    const last = i === n - 1;
    return {
      runId: last ? current.runId : `run-${String(i + 1).padStart(2, "0")}`,
      suite: current.suite,
      createdAt: last ? current.createdAt : new Date(end - (n - 1 - i) * 86_400_000).toISOString(),
      status: i === 4 ? "interrupted" : "finished",
      scoring: i === 4 ? "none" : i === 2 ? "stale" : "current",
      hashes: {
        prompt: i < 3 ? "3f9a0000" : "3f9a1c2e",
        knowledgeBase: i < 7 ? "b71d0000" : "b71d0e44",
        schema: "9c0e12aa",
      },
      models: Object.entries(TREND).flatMap(([id, values]) =>
        i >= 6 && id === "gpt-4o-mini" ? [] : [{ id, fieldAccuracy: values[i] ?? null }],
      ),
    };
  });
}

export const CALLS: { caseId: string; lang: AsrLang; reference: string; recognised: string }[] = [
  {
    caseId: "call-017",
    lang: "en",
    reference:
      "Hi, this is Maria Delgado, I'd like to move my appointment to Thursday at 3:30, my number is 555-0142.",
    recognised:
      "hi this is marie a delgado I'd like to move the appointment to thursday at three thirty my number is five five five zero one four",
  },
  {
    caseId: "call-042",
    lang: "ja",
    reference: "明日の午後三時に予約をお願いします。電話番号は090-1234-5678です。",
    recognised: "明日の午後参事に予約お願いしますでんわ番号は09012345678です",
  },
  {
    caseId: "call-103",
    lang: "en",
    reference: "Can you call me back about the invoice for account 4471?",
    recognised: "can you call me about the in voice for account four four seven one",
  },
];

export function alignedCall(
  caseId: string,
  reference: string,
  recognised: string,
  lang: AsrLang,
): AlignedCall {
  const { counts, pairs } = align(
    normaliseForAsr(reference, { lang }),
    normaliseForAsr(recognised, { lang }),
    {
      pairs: true,
    },
  );
  const errors = counts.sub + counts.del + counts.ins;
  return {
    caseId,
    wer: errors / counts.ref,
    counts: { ref: counts.ref, sub: counts.sub, del: counts.del, ins: counts.ins },
    lang,
    ...(pairs ? { pairs } : {}),
  };
}

function alignments(recognisers: string[]): RecogniserAlignments[] {
  const calls = CALLS.map((c) => alignedCall(c.caseId, c.reference, c.recognised, c.lang)).sort(
    (a, b) => b.wer - a.wer,
  );
  return recognisers.map((recogniser, i) => ({
    recogniser,
    calls: i === 0 ? calls : calls.slice(0, 1),
    notShown: i === 0 ? 0 : 187,
    perfect: i === 0 ? 12 : 0,
  }));
}

export function historyReport(): ReportData {
  const data = voiceReport();
  data.history = history(data.summary);
  data.alignments = alignments(data.summary.asr?.recognisers.map((r) => r.id) ?? []);
  return data;
}

/** Payloads in run ids, model ids, case ids, recogniser ids and the aligned words themselves. */
export function hostileHistoryReport(): ReportData {
  const data = hostileVoiceReport();
  const runs = history(data.summary);
  const [first, second] = runs;
  if (first) first.runId = `run${PAYLOADS.svg}`;
  if (second) second.models.push({ id: `model${PAYLOADS.script}`, fieldAccuracy: 0.5 });
  data.history = runs;
  const recogniser = data.summary.asr?.recognisers[0]?.id ?? "";
  const hostileCall: AlignedCall = {
    caseId: `case${PAYLOADS.img}`,
    wer: 1,
    counts: { ref: 2, sub: 1, del: 1, ins: 1 },
    lang: "en",
    pairs: [
      { op: "sub", ref: PAYLOADS.script, hyp: PAYLOADS.closeJson },
      { op: "del", ref: PAYLOADS.attribute, hyp: null },
      { op: "ins", ref: null, hyp: PAYLOADS.style },
    ],
  };
  data.alignments = [{ recogniser, calls: [hostileCall], notShown: 3, perfect: 0 }];
  return data;
}
