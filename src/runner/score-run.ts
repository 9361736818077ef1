// Scores a stored run: each output against gold field by field, each field across models, and queues
// what no matcher can settle for people. Reads only the store, so `callgrade report` can re-score old runs.
import type { Case, FieldSpec, MatchContext } from "../core/types.js";
import { agreeOnField } from "../scoring/agreement.js";
import { matchContext } from "../scoring/context.js";
import { isAutoScored, matcherFor } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import { scoreField } from "../scoring/score.js";
import type {
  AgreementRow,
  ReviewItemInput,
  RunRecord,
  ScoreRow,
  Store,
  StoredCall,
} from "../store/index.js";

export function scoreRun(store: Store, run: RunRecord): void {
  const cases = store.runs.cases(run.id);
  const byCase = new Map<string, StoredCall[]>();
  for (const call of store.calls.forRun(run.id)) {
    if (call.status !== "ok") continue;
    const list = byCase.get(call.caseId) ?? [];
    list.push(call);
    byCase.set(call.caseId, list);
  }
  const corrections = goldCorrections(store, run.id);
  const scores: ScoreRow[] = [];
  const agreement: AgreementRow[] = [];
  const review: ReviewItemInput[] = [];
  for (const item of cases) {
    const calls = byCase.get(item.id) ?? [];
    const ctx = matchContext(run.scoring, item);
    for (const field of run.fields) {
      scores.push(...scoreAgainstGold(item, field, calls, ctx, corrections.get(`${item.id}\0${field.name}`)));
      const queued = compareModels(item, field, calls, ctx, agreement);
      if (queued) review.push(queued);
    }
  }
  store.results.replace(run.id, scores, agreement, review);
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

function scoreAgainstGold(
  item: Case,
  field: FieldSpec,
  calls: StoredCall[],
  ctx: MatchContext,
  correction: { value: unknown } | undefined,
): ScoreRow[] {
  if (!item.gold || !isAutoScored(field.match)) return [];
  const gold = correction ? correction.value : getPath(item.gold, field.name);
  if (gold === undefined) return [];
  return calls.map((call) => {
    const outcome = scoreField(field, gold, getPath(call.value, field.name), call.valid === true, ctx);
    return {
      caseId: item.id,
      modelId: call.modelId,
      rep: call.rep,
      field: field.name,
      correct: outcome.correct,
      outcome: outcome.outcome,
      gold: outcome.gold,
      predicted: outcome.predicted,
    };
  });
}

/**
 * Agreement on the first repetition of each model. A disagreement without gold becomes a review item, and
 * so does a field where all models agree with each other and not with the gold.
 */
function compareModels(
  item: Case,
  field: FieldSpec,
  calls: StoredCall[],
  ctx: MatchContext,
  agreement: AgreementRow[],
): ReviewItemInput | undefined {
  const first = calls.filter((call) => call.rep === 0);
  const modelValues = Object.fromEntries(
    first.map((call) => [
      call.modelId,
      call.valid ? (getPath(call.value, field.name) ?? null) : { invalid: call.issues.map((i) => i.message) },
    ]),
  );
  if (!isAutoScored(field.match)) {
    const anyValue = first.some((call) => call.valid && (getPath(call.value, field.name) ?? null) !== null);
    return anyValue
      ? { caseId: item.id, field: field.name, reason: "free-text", modelValues, priority: 0 }
      : undefined;
  }
  if (first.length < 2) return undefined;
  const result = agreeOnField(
    field,
    first.map((call) => ({
      modelId: call.modelId,
      valid: call.valid === true,
      value: getPath(call.value, field.name),
    })),
    ctx,
  );
  agreement.push({ caseId: item.id, field: field.name, agreed: result.agreed });
  const gold = item.gold === undefined ? undefined : getPath(item.gold, field.name);
  if (gold !== undefined) {
    // Gold settles a disagreement. But every model agreeing on another value is how wrong gold shows up:
    // a person looks, and may correct the gold (key g).
    const [camp] = result.groups;
    if (!result.agreed || !camp) return undefined;
    const matcher = matcherFor(field.match);
    if (matcher.equal(camp.canonical, matcher.canonical(gold, ctx))) return undefined;
    return { caseId: item.id, field: field.name, reason: "disagreement", modelValues, priority: 1 };
  }
  if (result.agreed) return undefined;
  return {
    caseId: item.id,
    field: field.name,
    reason: result.invalid.length > 0 ? "invalid" : "disagreement",
    modelValues,
    // Items whose grade settles the most come first: more camps, and broken outputs.
    priority: result.groups.length + result.invalid.length,
  };
}
