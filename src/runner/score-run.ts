// Scores a stored run: each output against gold field by field, each field across models, and queues
// what no matcher can settle for people. Reads only the store, so `callgrade report` can re-score old runs.
// Cases are read a page at a time and rows written as they are made, so memory stays flat however large the run.
import { BUILD_ID } from "../core/build-id.js";
import type { MatchContext } from "../core/types.js";
import { agreeOnCanonicals } from "../scoring/agreement.js";
import { matchContext } from "../scoring/context.js";
import { type FieldScorer, fieldScorer } from "../scoring/field-scorer.js";
import { itemDraw, itemWeight, type JudgeScore, mainJudge, reviewPriority } from "../scoring/judge-sample.js";
import type { Canonical } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import { scoreCanonical } from "../scoring/score.js";
import type { CallOutput } from "../store/calls.js";
import type { RunRecord, Store } from "../store/index.js";
import type { ResultSink, ReviewItemInput } from "../store/results.js";
import type { ScoringCase } from "../store/runs.js";

/** One model's answer for the field being scored; its canonical value is computed when first needed. */
export interface Answer {
  readonly call: CallOutput;
  readonly value: unknown;
  canonical?: Canonical;
}

/**
 * Sees every field of every case as it is scored, with the answers read for it: what report.html gathers
 * from them (pairwise agreement, disagreements) then costs no second read of the run, nor a second
 * canonicalising (npm run bench: a sixth of a cached rerun).
 */
export interface ScoringObserver {
  /** The cases whose fields follow, before them. */
  page(cases: readonly ScoringCase[]): void;
  /** `canonical` gives an answer's canonical value, computed once for scoring and for the observer. */
  field(
    item: ScoringCase,
    scorer: FieldScorer,
    ctx: MatchContext,
    answers: readonly Answer[],
    canonical: (answer: Answer) => Canonical,
  ): void;
  /** Every case was seen: the run was scored in full. */
  done(): void;
}

/**
 * Re-scores a run with this build's matchers and the run's grades. A run already scored by this build, and not
 * touched since (no call, output or grade written: the store counts them in its revision), is left as it is:
 * scoring it again would give the same rows.
 */
export function scoreRun(
  store: Store,
  run: RunRecord,
  options: { build?: string | undefined; observer?: ScoringObserver | undefined } = {},
): void {
  const { stamp, current } = scoringStamp(store, run.id, "build" in options ? options.build : BUILD_ID);
  if (current) return;
  rescore(store, run, options.observer);
  // The revision was read before scoring began, so a write made meanwhile leaves the stamp stale: the next
  // report scores again.
  if (stamp !== undefined) store.runs.markScored(run.id, stamp);
}

/**
 * The stamp of the run's scoring when it is current (scored by `build`, nothing written since), else
 * undefined: what figures derived from the scoring are kept under. Runs from the sources (no build id) have
 * no current scoring.
 */
export function currentScoring(store: Store, runId: string, build: string | undefined = BUILD_ID) {
  const { stamp, current } = scoringStamp(store, runId, build);
  return current ? stamp : undefined;
}

/** The stamp a scoring by `build` would get now (`<build>:<revision>`), and whether the run carries it. */
function scoringStamp(store: Store, runId: string, build: string | undefined) {
  if (build === undefined) return { stamp: undefined, current: false };
  const { revision, scored } = store.runs.scoringState(runId);
  const stamp = `${build}:${revision}`;
  return { stamp, current: scored === stamp };
}

function rescore(store: Store, run: RunRecord, observer: ScoringObserver | undefined): void {
  const corrections = goldCorrections(store, run.id);
  const scorers = run.fields.map(fieldScorer);
  // Models are compared with each other on the reference transcripts only: a model against itself on a
  // recogniser's transcript is the recognition penalty, reported on its own, not a disagreement to grade.
  const compared = new Set(run.models.filter((m) => !m.transcript).map((m) => m.id));
  const judged = judgeScores(store, run.id);
  store.results.rewrite(run.id, (sink) => {
    for (const page of store.runs.casePages(run.id)) {
      const byCase = groupByCase(
        store.calls.outputsOf(
          run.id,
          page.map((item) => item.id),
        ),
      );
      observer?.page(page);
      for (const item of page) {
        const calls = byCase.get(item.id) ?? [];
        const ctx = matchContext(run.scoring, item);
        for (const scorer of scorers) {
          const answers = calls.map(
            (call): Answer => ({ call, value: getPath(call.value, scorer.field.name) }),
          );
          const correction = corrections.get(`${item.id}\0${scorer.field.name}`);
          const unreadable = scoreAgainstGold(item, scorer, answers, ctx, correction, sink);
          const peers = answers.filter((answer) => compared.has(answer.call.modelId));
          const field = scorer.field.name;
          const decision = scorer.auto ? compareModels(item, scorer, peers, ctx, sink) : undefined;
          // A judged field is sampled for people on every case the judge grades it on: free text always, a
          // field compared by a matcher where the case has no gold for it (gold scores it otherwise).
          const sampled =
            judged.fields.has(field) && (!scorer.auto || getPath(item.gold, field) === undefined)
              ? sampledItem(
                  run.id,
                  { item, field, answers: peers, auto: scorer.auto },
                  judged.scores.get(`${item.id}\0${field}`),
                  decision,
                )
              : undefined;
          const queued = sampled ?? (scorer.auto ? decision : freeTextItem(item, field, peers));
          if (unreadable.size > 0) sink.review(unreadableItem(item, scorer, answers, unreadable, queued));
          else if (queued) sink.review(queued);
          observer?.field(item, scorer, ctx, answers, (answer) => canonicalOf(scorer, answer, ctx));
        }
      }
    }
  });
  observer?.done();
}

function groupByCase(calls: CallOutput[]): Map<string, CallOutput[]> {
  const byCase = new Map<string, CallOutput[]>();
  for (const call of calls) {
    const list = byCase.get(call.caseId);
    if (list) list.push(call);
    else byCase.set(call.caseId, [call]);
  }
  return byCase;
}

/** Gold labels a reviewer corrected (key g), latest first wins: they replace the dataset's gold in scoring. */
function goldCorrections(store: Store, runId: string): Map<string, { value: unknown }> {
  const result = new Map<string, { value: unknown }>();
  for (const grade of store.review.grades(runId)) {
    if (grade.verdict.kind === "gold")
      result.set(`${grade.caseId}\0${grade.field}`, { value: grade.verdict.value });
  }
  return result;
}

function canonicalOf(scorer: FieldScorer, answer: Answer, ctx: MatchContext): Canonical {
  answer.canonical ??= scorer.canonical(answer.value, ctx);
  return answer.canonical;
}

function scoreAgainstGold(
  item: ScoringCase,
  scorer: FieldScorer,
  answers: Answer[],
  ctx: MatchContext,
  correction: { value: unknown } | undefined,
  sink: ResultSink,
): Set<string> {
  const unreadable = new Set<string>();
  if (!item.gold || !scorer.auto) return unreadable;
  const field = scorer.field.name;
  const gold = correction ? correction.value : getPath(item.gold, field);
  if (gold === undefined) return unreadable;
  // Once per case, not once per model: canonicalising is most of scoring's cost.
  const goldCanonical = scorer.canonical(gold, ctx);
  for (const answer of answers) {
    const { call } = answer;
    const predicted = canonicalOf(scorer, answer, ctx);
    const outcome = scoreCanonical(field, goldCanonical, predicted, call.valid === true, scorer.matcher);
    sink.score({
      caseId: item.id,
      modelId: call.modelId,
      rep: call.rep,
      field,
      correct: outcome.correct,
      outcome: outcome.outcome,
      gold: outcome.gold,
      predicted: outcome.predicted,
    });
    if (outcome.outcome === "unreadable") unreadable.add(call.modelId);
  }
  return unreadable;
}

/**
 * A field where some model wrote a value its matcher could not read (any repetition): a person decides
 * whether it is right. It replaces the item comparing models would have made, and ranks above it.
 */
function unreadableItem(
  item: ScoringCase,
  scorer: FieldScorer,
  answers: Answer[],
  models: Set<string>,
  queued: ReviewItemInput | undefined,
): ReviewItemInput {
  const shown = new Map<string, Answer>();
  for (const answer of answers) {
    const id = answer.call.modelId;
    const current = shown.get(id);
    // The first repetition, unless only a later one was unreadable: the reviewer sees the value in question.
    const unread = answer.call.valid === true && answer.canonical?.kind === "unparsed";
    if (!current || (unread && !(current.call.valid === true && current.canonical?.kind === "unparsed")))
      shown.set(id, answer);
  }
  return {
    caseId: item.id,
    field: scorer.field.name,
    reason: "unreadable",
    modelValues: modelValues([...shown.values()]),
    priority: Math.max(queued?.priority ?? 0, 1 + models.size),
  };
}

/**
 * Agreement on the first repetition of each model. A disagreement without gold becomes a review item, and
 * so does a field where all models agree with each other and not with the gold.
 */
function compareModels(
  item: ScoringCase,
  scorer: FieldScorer,
  answers: Answer[],
  ctx: MatchContext,
  sink: ResultSink,
): ReviewItemInput | undefined {
  const field = scorer.field.name;
  const first = answers.filter((answer) => answer.call.rep === 0);
  if (first.length < 2) return undefined;
  const result = agreeOnCanonicals(
    scorer.matcher,
    first.map((answer) => ({
      modelId: answer.call.modelId,
      canonical: answer.call.valid === true ? canonicalOf(scorer, answer, ctx) : null,
    })),
  );
  sink.agreement({ caseId: item.id, field, agreed: result.agreed });
  const gold = item.gold === undefined ? undefined : getPath(item.gold, field);
  if (gold !== undefined) {
    // Gold settles a disagreement. But every model agreeing on another value is how wrong gold shows up:
    // a person looks, and may correct the gold (key g).
    const [camp] = result.groups;
    if (!result.agreed || !camp) return undefined;
    if (scorer.matcher.equal(camp.canonical, scorer.canonical(gold, ctx))) return undefined;
    return { caseId: item.id, field, reason: "disagreement", modelValues: modelValues(first), priority: 1 };
  }
  if (result.agreed) return undefined;
  return {
    caseId: item.id,
    field,
    reason: result.invalid.length > 0 ? "invalid" : "disagreement",
    modelValues: modelValues(first),
    // Items whose grade settles the most come first: more camps, and broken outputs.
    priority: result.groups.length + result.invalid.length,
  };
}

/** A free-text field no judge grades goes to people when a model said something there. */
function freeTextItem(item: ScoringCase, field: string, answers: Answer[]): ReviewItemInput | undefined {
  const first = answers.filter((answer) => answer.call.rep === 0);
  if (!first.some(({ call, value }) => call.valid && (value ?? null) !== null)) return undefined;
  return { caseId: item.id, field, reason: "free-text", modelValues: modelValues(first), priority: 0 };
}

/**
 * A judged field of a case: always an item, its priority its place in the judge's priority sample (see
 * scoring/judge-sample.ts), below every item with a decision between models and no judge. A matcher's
 * field keeps the reason comparing the models gave (they disagree), else is `sampled`; a disagreement
 * weighs more.
 */
function sampledItem(
  runId: string,
  { item, field, answers, auto }: { item: ScoringCase; field: string; answers: Answer[]; auto: boolean },
  scores: JudgeScore[] | undefined,
  decision: ReviewItemInput | undefined,
): ReviewItemInput {
  const first = answers.filter((answer) => answer.call.rep === 0);
  const weight = itemWeight(scores ?? [], decision !== undefined);
  return {
    caseId: item.id,
    field,
    reason: !auto ? "free-text" : (decision?.reason ?? "sampled"),
    modelValues: modelValues(first),
    priority: reviewPriority(weight, itemDraw(runId, item.id, field)),
  };
}

/**
 * The main judge's scores on each case's field (first repetitions), keyed `caseId\0field` (no verdict:
 * undefined), and the fields it judged.
 */
function judgeScores(store: Store, runId: string) {
  const scores = new Map<string, JudgeScore[]>();
  const fields = new Set<string>();
  const judgements = store.judgements.forRun(runId);
  const judgeId = mainJudge(judgements);
  for (const judgement of judgements) {
    if (judgement.rep !== 0 || judgement.judgeId !== judgeId) continue;
    fields.add(judgement.field);
    const key = `${judgement.caseId}\0${judgement.field}`;
    let list = scores.get(key);
    if (!list) {
      list = [];
      scores.set(key, list);
    }
    list.push(judgement.verdict?.score);
  }
  return { scores, fields };
}

/** What each model said, as a reviewer sees it: the value, or why the output failed the schema. */
function modelValues(first: Answer[]): Record<string, unknown> {
  return Object.fromEntries(
    first.map(({ call, value }) => [
      call.modelId,
      call.valid ? (value ?? null) : { invalid: call.issues.map((i) => i.message) },
    ]),
  );
}
