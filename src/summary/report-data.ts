// Gathers what report.html draws from the store: latencies, schema failures, pairwise agreement, disagreements.
// Cases are read a page at a time and calls streamed, so a large run is never in memory at once.

import { BUILD_ID } from "../core/build-id.js";
import { StorageError } from "../core/errors.js";
import type { RunSummary } from "../core/summary.js";
import type { GateResult } from "../gate/types.js";
import { type Answer, currentScoring } from "../runner/score-run.js";
import { matchContext } from "../scoring/context.js";
import { fieldScorer } from "../scoring/field-scorer.js";
import { getPath } from "../scoring/path.js";
import { distribution } from "../scoring/sorted-stream.js";
import type { CallOutput } from "../store/calls.js";
import type { RunRecord, Store } from "../store/index.js";
import { AgreementTally } from "./agreement-tally.js";
import { worstAlignments } from "./alignments.js";
import { reportHistory } from "./history.js";
import type { Disagreement, ReportData } from "./report-data-types.js";

/** Dots drawn per model on the latency chart; more calls are thinned evenly (percentiles use every call). */
const LATENCY_DOTS = 1_500;

export interface ReportDataOptions {
  gate?: GateResult;
  /** What scoring gathered as it went; used when it saw the whole run, else the run is read again. */
  agreement?: AgreementTally | undefined;
  /** The build whose scoring the agreement figures are kept for. @default this build */
  build?: string | undefined;
}

export function reportData(
  store: Store,
  run: RunRecord,
  summary: RunSummary,
  options: ReportDataOptions = {},
): ReportData {
  const { gate } = options;
  return {
    summary,
    ...(gate ? { gate } : {}),
    ...callFigures(
      store,
      run,
      run.models.map((m) => m.id),
    ),
    ...agreementFigures(store, run, options),
    history: reportHistory(store, summary),
    ...(run.recognisers.length > 0 ? { alignments: worstAlignments(store, run) } : {}),
  };
}

type AgreementFigures = Pick<ReportData, "pairwise" | "disagreements">;

/**
 * Pairwise agreement and the disagreements: from the scoring that just ran (and then kept with it), else as
 * kept with the run's current scoring, else gathered from the stored run. Gathering reads and canonicalises
 * every output: a large run's later report or gate reads the kept figures instead.
 */
function agreementFigures(store: Store, run: RunRecord, options: ReportDataOptions): AgreementFigures {
  const stamp = currentScoring(store, run.id, "build" in options ? options.build : BUILD_ID);
  const { agreement } = options;
  const scored = agreement?.complete && agreement.runId === run.id ? agreement : undefined;
  if (!scored && stamp !== undefined) {
    const kept = keptFigures(store, run.id, stamp);
    if (kept) return kept;
  }
  if (!scored) return tallyAgreement(store, run).result();
  // Kept by the process that scored, right after: reading a run never writes to the store.
  const figures = scored.result();
  if (stamp !== undefined) keepFigures(store, run.id, stamp, figures);
  return figures;
}

/** The kept figures, with each listed case's transcript read back: they are kept without them. */
function keptFigures(store: Store, runId: string, stamp: string): AgreementFigures | undefined {
  const kept = store.results.keptFigures(runId, stamp) as Partial<Kept> | undefined;
  if (!kept || !Array.isArray(kept.pairwise) || !Array.isArray(kept.disagreements)) return undefined;
  const transcripts = store.runs.transcripts(runId, [...new Set(kept.disagreements.map((d) => d.caseId))]);
  return {
    pairwise: kept.pairwise,
    disagreements: kept.disagreements.map((d) => ({ ...d, transcript: transcripts.get(d.caseId) ?? "" })),
  };
}

type Kept = { pairwise: ReportData["pairwise"]; disagreements: Omit<Disagreement, "transcript">[] };

function keepFigures(store: Store, runId: string, stamp: string, figures: AgreementFigures): void {
  const kept: Kept = {
    pairwise: figures.pairwise,
    disagreements: figures.disagreements.map(({ transcript: _, ...rest }) => rest),
  };
  try {
    store.results.keepFigures(runId, stamp, kept);
  } catch (error) {
    // Only a shortcut for the next report: a store that cannot take it now (full, locked by another writer)
    // costs that report a read of the run, and this one nothing.
    const code = error instanceof Error ? Reflect.get(error, "code") : undefined;
    if (!(error instanceof StorageError) && !(typeof code === "string" && code.startsWith("SQLITE_")))
      throw error;
  }
}

/** The tally scoring would have gathered, from the stored run: its first repetitions, a page of cases at a time. */
function tallyAgreement(store: Store, run: RunRecord): AgreementTally {
  const tally = new AgreementTally(store, run);
  const scorers = run.fields.map(fieldScorer).filter((scorer) => scorer.auto);
  for (const page of store.runs.casePages(run.id)) {
    tally.page(page);
    const byCase = firstAnswers(
      store.calls.outputsOf(
        run.id,
        page.map((item) => item.id),
      ),
    );
    for (const item of page) {
      const calls = byCase.get(item.id);
      if (!calls) continue;
      const ctx = matchContext(run.scoring, item);
      for (const scorer of scorers) {
        const answers = calls.map(
          (call): Answer => ({ call, value: getPath(call.value, scorer.field.name) }),
        );
        tally.field(item, scorer, ctx, answers, (answer) => {
          answer.canonical ??= scorer.canonical(answer.value, ctx);
          return answer.canonical;
        });
      }
    }
  }
  tally.done();
  return tally;
}

/** Answered first repetitions by case, in the order the store reads them. */
function firstAnswers(calls: CallOutput[]): Map<string, CallOutput[]> {
  const byCase = new Map<string, CallOutput[]>();
  for (const call of calls) {
    if (call.rep !== 0) continue;
    const list = byCase.get(call.caseId);
    if (list) list.push(call);
    else byCase.set(call.caseId, [call]);
  }
  return byCase;
}

/**
 * The latency distribution of answered first repetitions, and why outputs failed the schema ("<path>:
 * <message>", or the parse failure), per model; streamed from the store.
 */
function callFigures(
  store: Store,
  run: RunRecord,
  models: string[],
): Pick<ReportData, "latencies" | "schemaFailures"> {
  // Counted and filtered by the store: only the failed outputs come out of it.
  const answered = store.calls.answeredFirst(run.id);
  const failures = new Map(models.map((id): [string, Record<string, number>] => [id, {}]));
  for (const call of store.calls.invalidFirst(run.id)) {
    const counts = failures.get(call.modelId);
    if (!counts) continue;
    const reasons =
      call.issues.length === 0
        ? ["invalid output"]
        : call.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    for (const reason of new Set(reasons)) counts[reason] = (counts[reason] ?? 0) + 1;
  }
  // Percentiles and the dots drawn, from latencies the store streams in order: none is held.
  const latencies: ReportData["latencies"] = {};
  for (const [id, n] of answered)
    latencies[id] = distribution(store.calls.latenciesInOrder(run.id, id, true), n, LATENCY_DOTS);
  return { latencies, schemaFailures: Object.fromEntries(failures) };
}
