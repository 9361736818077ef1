// Gathers what report.html draws from the store: latencies, schema failures, pairwise agreement, disagreements.
// Cases are read a page at a time and calls streamed, so a large run is never in memory at once.
import type { RunSummary } from "../core/summary.js";
import type { MatchContext } from "../core/types.js";
import type { GateResult } from "../gate/types.js";
import { matchContext } from "../scoring/context.js";
import { type FieldScorer, fieldScorer } from "../scoring/field-scorer.js";
import type { Canonical, Matcher } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import { distribution } from "../scoring/sorted-stream.js";
import type { CallOutput } from "../store/calls.js";
import type { RunRecord, Store } from "../store/index.js";
import type { ScoringCase } from "../store/runs.js";
import { worstAlignments } from "./alignments.js";
import { reportHistory } from "./history.js";
import type { Disagreement, ReportData } from "./report-data-types.js";
import { settledLabels } from "./settled-labels.js";

const MAX_DISAGREEMENTS = 2_000;
/** Dots drawn per model on the latency chart; more calls are thinned evenly (percentiles use every call). */
const LATENCY_DOTS = 1_500;

/** One field of one case: each model's canonical value, or null for an output that failed the schema. */
type Answers = Map<string, Canonical | null>;

export function reportData(store: Store, run: RunRecord, summary: RunSummary, gate?: GateResult): ReportData {
  // Agreement and disagreements are between models on the reference transcripts (see scoreRun).
  const models = run.models.filter((m) => !m.transcript).map((m) => m.id);
  const scorers = run.fields.map(fieldScorer).filter((scorer) => scorer.auto);
  const pairs = new Map<string, { equal: number; n: number }>();
  const disagreements: Disagreement[] = [];
  const settledBy = settledLabels(store.review.grades(run.id));
  for (const page of store.runs.casePages(run.id)) {
    let pageTranscripts: Map<string, Disagreement["transcript"]> | undefined;
    const byCase = firstAnswers(
      store.calls.outputsOf(
        run.id,
        page.map((item) => item.id),
      ),
    );
    for (const item of page) {
      const all = byCase.get(item.id);
      if (!all) continue;
      const calls =
        models.length === run.models.length ? all : new Map([...all].filter(([id]) => models.includes(id)));
      const ctx = matchContext(run.scoring, item);
      for (const scorer of scorers) {
        const answers = canonicalAnswers(scorer, calls, models, ctx);
        countPairs(scorer.matcher, answers, models, pairs);
        if (disagreements.length >= MAX_DISAGREEMENTS) continue;
        // Only cases shown need their transcript: the page's are read together, when the first one is.
        const transcript = () => {
          pageTranscripts ??= store.runs.transcripts(
            run.id,
            page.map((c) => c.id),
          );
          return pageTranscripts.get(item.id) ?? "";
        };
        const found = disagreement(scorer, item, calls, answers, ctx, transcript);
        const human = found && settledBy(item.id, scorer, ctx, answers);
        if (found) disagreements.push(human ? { ...found, human } : found);
      }
    }
  }
  return {
    summary,
    ...(gate ? { gate } : {}),
    ...callFigures(
      store,
      run,
      run.models.map((m) => m.id),
    ),
    pairwise: models.flatMap((a, i) =>
      models.slice(i + 1).map((b) => {
        const count = pairs.get(`${a}\0${b}`) ?? { equal: 0, n: 0 };
        return { a, b, rate: count.n === 0 ? null : count.equal / count.n, n: count.n };
      }),
    ),
    disagreements,
    history: reportHistory(store, summary),
    ...(run.recognisers.length > 0 ? { alignments: worstAlignments(store, run) } : {}),
  };
}

/** Answered first repetitions by case, then by model (in model id order, as the store reads them). */
function firstAnswers(calls: CallOutput[]): Map<string, Map<string, CallOutput>> {
  const byCase = new Map<string, Map<string, CallOutput>>();
  for (const call of calls) {
    if (call.rep !== 0) continue;
    byCase.set(call.caseId, (byCase.get(call.caseId) ?? new Map()).set(call.modelId, call));
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

function canonicalAnswers(
  scorer: FieldScorer,
  calls: Map<string, CallOutput>,
  models: string[],
  ctx: MatchContext,
): Answers {
  const answers: Answers = new Map();
  for (const id of models) {
    const call = calls.get(id);
    if (call)
      answers.set(id, call.valid ? scorer.canonical(getPath(call.value, scorer.field.name), ctx) : null);
  }
  return answers;
}

/** Pairwise agreement: an invalid output agrees with nothing. */
function countPairs(
  matcher: Matcher,
  answers: Answers,
  models: string[],
  pairs: Map<string, { equal: number; n: number }>,
) {
  for (const [i, a] of models.entries()) {
    for (const b of models.slice(i + 1)) {
      const ca = answers.get(a);
      const cb = answers.get(b);
      if (ca === undefined || cb === undefined) continue;
      const count = pairs.get(`${a}\0${b}`) ?? { equal: 0, n: 0 };
      count.n++;
      if (ca && cb && matcher.equal(ca, cb)) count.equal++;
      pairs.set(`${a}\0${b}`, count);
    }
  }
}

/** A field worth a look: models disagree, an output is invalid, or some model misses the gold. */
function disagreement(
  scorer: FieldScorer,
  item: ScoringCase,
  calls: Map<string, CallOutput>,
  answers: Answers,
  ctx: MatchContext,
  transcript: () => Disagreement["transcript"],
): Disagreement | undefined {
  const { matcher, field } = scorer;
  const values = [...answers.values()];
  const [first] = values;
  const invalid = values.some((c) => c === null);
  const split = values.some((c) => c && first && !matcher.equal(c, first));
  const gold = item.gold === undefined ? undefined : getPath(item.gold, field.name);
  const goldCanon = gold === undefined ? undefined : scorer.canonical(gold, ctx);
  const missesGold = goldCanon !== undefined && values.some((c) => c && !matcher.equal(c, goldCanon));
  if (!invalid && !split && !missesGold) return undefined;
  const shown: Record<string, unknown> = {};
  const matchesGold: Record<string, boolean> = {};
  for (const [id, call] of calls) {
    shown[id] = call.valid
      ? (getPath(call.value, field.name) ?? null)
      : { invalid: call.issues.map((x) => x.message) };
    const answer = answers.get(id);
    // By the matcher, as scoring decides: "09012340001" is the gold "090-1234-0001".
    if (goldCanon !== undefined) matchesGold[id] = !!answer && matcher.equal(answer, goldCanon);
  }
  return {
    caseId: item.id,
    field: field.name,
    transcript: transcript(),
    values: shown,
    ...(gold === undefined ? {} : { gold, matchesGold }),
    reason: invalid ? "invalid" : split ? "disagreement" : "wrong-vs-gold",
  };
}
