// report.html's aligned transcripts: per recogniser, the calls it recognised worst, each re-aligned word by
// word (character by character for Japanese) against the reference, as its error counts were made.
import { type AlignedPair, align } from "../asr/align.js";
import { referenceText } from "../asr/error-rate.js";
import { type AsrLang, detectLang, normaliseForAsr } from "../asr/normalise.js";
import type { AlignmentCounts } from "../core/summary.js";
import type { RunRecord, Store } from "../store/index.js";

/** Calls shown per recogniser, worst first. */
export const ALIGNED_CALLS = 50;
/** Longer calls (reference × recognised tokens) are listed with their counts, not aligned: time and page size. */
const MAX_CELLS = 4_000_000;

export interface AlignedCall {
  caseId: string;
  /** The call's word error rate as stored (character error rate for Japanese). */
  wer: number;
  counts: AlignmentCounts;
  /** `ja`: the tokens are characters. */
  lang: AsrLang;
  /** In reading order; absent when the call is too long to align here. */
  pairs?: AlignedPair[];
}

export interface RecogniserAlignments {
  recogniser: string;
  /** Worst first: highest word error rate, then most errors, then case id. */
  calls: AlignedCall[];
  /** Calls with errors beyond the ones shown. */
  notShown: number;
  /** Calls recognised without a single error (never shown). */
  perfect: number;
}

interface Ranked {
  caseId: string;
  wer: number;
  errors: number;
  counts: AlignmentCounts;
}

const worseFirst = (a: Ranked, b: Ranked) =>
  b.wer - a.wer || b.errors - a.errors || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);

/** Each recogniser's worst calls, aligned; transcripts are streamed, and only the calls shown are read twice. */
export function worstAlignments(store: Store, run: RunRecord, limit = ALIGNED_CALLS): RecogniserAlignments[] {
  const ranked = new Map(
    run.recognisers.map((r) => [r.id, { worst: [] as Ranked[], errored: 0, perfect: 0 }]),
  );
  for (const t of store.transcripts.forRun(run.id)) {
    const entry = ranked.get(t.recogniser);
    if (!entry || t.error || !t.words) continue;
    const errors = t.words.sub + t.words.del + t.words.ins;
    if (errors === 0) {
      entry.perfect++;
      continue;
    }
    entry.errored++;
    const wer = t.words.ref === 0 ? 1 : errors / t.words.ref;
    entry.worst.push({ caseId: t.caseId, wer, errors, counts: t.words });
    // Kept to twice the limit, then cut back: a run of any size holds at most 2 × limit calls here.
    if (entry.worst.length > 2 * limit) entry.worst = entry.worst.sort(worseFirst).slice(0, limit);
  }
  return [...ranked].map(([recogniser, entry]) => {
    const worst = entry.worst.sort(worseFirst).slice(0, limit);
    return {
      recogniser,
      calls: alignCalls(store, run.id, recogniser, worst),
      notShown: entry.errored - worst.length,
      perfect: entry.perfect,
    };
  });
}

function alignCalls(store: Store, runId: string, recogniser: string, worst: Ranked[]): AlignedCall[] {
  const ids = worst.map((call) => call.caseId);
  const references = store.runs.transcripts(runId, ids);
  const recognised = store.transcripts.of(runId, recogniser, ids);
  return worst.map((call) => {
    const reference = referenceText(references.get(call.caseId) ?? "");
    const hypothesis = recognised.get(call.caseId)?.text ?? "";
    // As wordErrors does: the reference decides the language, the hypothesis when the reference is empty.
    const lang = detectLang(reference.trim() === "" ? hypothesis : reference);
    const ref = normaliseForAsr(reference, { lang });
    const hyp = normaliseForAsr(hypothesis, { lang });
    const shown = { caseId: call.caseId, wer: call.wer, counts: call.counts, lang };
    if ((ref.length + 1) * (hyp.length + 1) > MAX_CELLS) return shown;
    const { pairs } = align(ref, hyp, { pairs: true });
    return pairs ? { ...shown, pairs } : shown;
  });
}
