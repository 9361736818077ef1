// What a judge adds to a summary: per judged field and model, the accuracy the judge's verdicts give once
// corrected by people's grades on the priority sample (scoring/judge-sample.ts), beside the judge's own
// number and the people's, and how well the judge agrees with people.
import type { JudgedFieldMetrics, JudgeSummary } from "../core/summary.js";
import type { FieldSpec, MatchContext } from "../core/types.js";
import { activePpiMean, gradesForWidth, humanOnlyMean, judgeOnlyMean } from "../gate/stats/index.js";
import { rightBy, settle } from "../scoring/adjudicate.js";
import { cohensKappa } from "../scoring/interrater.js";
import { isSampled, mainJudge, priorityOf, prioritySample, weightOf } from "../scoring/judge-sample.js";
import {
  invalidIssues,
  type RunRecord,
  type StoredGrade,
  type StoredJudgement,
  type StoredReviewItem,
} from "../store/index.js";

export interface JudgeInputs {
  run: RunRecord;
  items: StoredReviewItem[];
  grades: StoredGrade[];
  judgements: StoredJudgement[];
  /** The case's match context, for a person's value on a field compared by a matcher. */
  contextOf: (item: StoredReviewItem) => MatchContext;
}

/** One answer in a field's estimate: the judge's verdict (0.5 for none), its draw, and people's grade. */
interface Unit {
  judge: number;
  verdict: boolean | undefined;
  probability: number;
  human: number | undefined;
  /** Wrong by rule (no valid output): in the estimate, but nobody's grade or verdict. */
  byRule?: true;
}

const WITHOUT_CONTEXT: MatchContext = { phoneRegion: "" };

const key = (...parts: (string | number)[]) => parts.join("\u0000");

export function judgeSummary({
  run,
  items,
  grades,
  judgements,
  contextOf,
}: JudgeInputs): JudgeSummary | undefined {
  const judgeId = mainJudge(judgements);
  if (judgeId === undefined) return undefined;
  const own = judgements.filter((j) => j.judgeId === judgeId);
  const first = own.filter((j) => j.rep === 0);
  const verdicts = new Map(first.map((j) => [key(j.caseId, j.field, j.modelId), j]));
  const gradesOf = new Map<number, StoredGrade[]>();
  for (const grade of grades) gradesOf.set(grade.itemId, [...(gradesOf.get(grade.itemId) ?? []), grade]);
  const fields: JudgeSummary["fields"] = {};
  for (const field of new Set(first.map((j) => j.field))) {
    const spec = run.fields.find((f) => f.name === field);
    if (!spec) continue;
    const frame = items.filter((item) => item.field === field && isSampled(item.priority));
    const passes = new Map(
      frame.map((item) => [item.id, humanPasses(spec, item, gradesOf.get(item.id) ?? [], contextOf)]),
    );
    const sampled = prioritySample(
      frame.map((item) => ({
        key: String(item.id),
        priority: priorityOf(item.priority),
        weight: weightOf(run.id, item),
        // An item whose every answer is wrong by rule needs nobody.
        graded: passes.get(item.id) !== undefined || run.models.every((m) => !answered(item, m.id)),
      })),
    );
    const byModel: Record<string, JudgedFieldMetrics> = {};
    for (const model of run.models) {
      const units = frame.map((item): Unit => {
        // No valid output: wrong, known without anyone (drawn for sure).
        if (!answered(item, model.id))
          return { judge: 0, verdict: undefined, probability: 1, human: 0, byRule: true };
        const pass = verdicts.get(key(item.caseId, field, model.id))?.verdict?.pass;
        const probability = sampled.get(String(item.id));
        const human = probability === undefined ? undefined : passes.get(item.id)?.get(model.id);
        return {
          judge: pass === undefined ? 0.5 : Number(pass),
          verdict: pass,
          probability: human === undefined ? 1 : (probability ?? 1),
          human,
        };
      });
      if (units.length > 0) byModel[model.id] = fieldMetrics(units);
    }
    fields[field] = byModel;
  }
  const priced = own.filter((j) => j.costUsd !== null);
  const costUsd = priced.length === 0 ? null : priced.reduce((sum, j) => sum + (j.costUsd ?? 0), 0);
  const withoutGold = Object.keys(fields).filter(
    (name) => run.fields.find((f) => f.name === name)?.match.kind !== "free-text",
  );
  return { judgeId, calls: own.length, costUsd, fields, withoutGold };
}

/** Whether the model gave the item a valid answer (its first repetition). */
function answered(item: StoredReviewItem, modelId: string): boolean {
  return Object.hasOwn(item.modelValues, modelId) && invalidIssues(item.modelValues[modelId]) === undefined;
}

/**
 * Model id → share of the item's reviewers who found that model's answer right: by their rating (free
 * text), or by the value they settled on (a matcher's field: picked, written, or no model is right).
 * Undefined when nobody graded the item.
 */
function humanPasses(
  spec: FieldSpec,
  item: StoredReviewItem,
  grades: StoredGrade[],
  contextOf: (item: StoredReviewItem) => MatchContext,
): Map<string, number> | undefined {
  const votes = new Map<string, number[]>();
  let context: MatchContext | undefined;
  for (const grade of grades) {
    // Only a value needs the case's context (read once, and only then): ratings and "none" are read as they are.
    const { kind } = grade.verdict;
    if (kind !== "rating" && kind !== "none") context ??= contextOf(item);
    const ctx = (kind !== "rating" && kind !== "none" && context) || WITHOUT_CONTEXT;
    const settled = settle(spec, [grade], ctx);
    if (!settled) continue;
    for (const [modelId, value] of Object.entries(item.modelValues)) {
      const answer = { valid: invalidIssues(value) === undefined, value };
      const right = rightBy(spec, settled, modelId, answer, ctx);
      if (right !== undefined) votes.set(modelId, [...(votes.get(modelId) ?? []), right ? 1 : 0]);
    }
  }
  if (votes.size === 0) return undefined;
  return new Map(
    [...votes].map(([modelId, list]) => [modelId, list.reduce((a, b) => a + b, 0) / list.length]),
  );
}

function fieldMetrics(units: Unit[]): JudgedFieldMetrics {
  const fit = activePpiMean({
    judge: units.map((u) => u.judge),
    probability: units.map((u) => u.probability),
    human: units.map((u) => u.human),
  });
  const graded = units.filter((u): u is Unit & { human: number } => u.human !== undefined && !u.byRule);
  const rest = units.filter((u) => u.human === undefined);
  // Answers wrong by rule are known without anyone, but say nothing of the judge: below two grades by
  // people, nothing measures its bias, so there is no estimate.
  const { estimate, lower, upper } = graded.length < 2 ? { estimate: null, lower: 0, upper: 1 } : fit;
  const known = graded.length >= 2;
  return {
    N: units.length,
    n: graded.length,
    estimate: {
      estimate,
      lower,
      upper,
      standardError: known ? fit.standardError : null,
      effectiveHumanGrades: known ? fit.effectiveHumanGrades : null,
      lambda: known ? fit.lambda : null,
    },
    // As a judge-only pipeline would count: its verdicts, and answers that did not validate as wrong.
    judgeOnly: judgeOnlyMean(units.filter((u) => u.verdict !== undefined || u.byRule).map((u) => u.judge)),
    humanOnly: humanOnlyMean(graded.map((u) => u.human)),
    calibration: calibration(graded),
    gradesForTenPoints:
      rest.length < 2
        ? null
        : gradesForWidth({
            human: graded.map((u) => u.human),
            judgeOnHuman: graded.map((u) => u.judge),
            judgeOnRest: rest.map((u) => u.judge),
            width: 0.1,
          }),
  };
}

/** The judge against people on the answers both graded (a person's share rounded to pass or fail). */
function calibration(graded: (Unit & { human: number })[]): JudgedFieldMetrics["calibration"] {
  const both = graded.filter((u) => u.verdict !== undefined);
  const confusion = { bothPass: 0, judgeOnlyPass: 0, humanOnlyPass: 0, bothFail: 0 };
  const pairs: [string, string][] = [];
  for (const unit of both) {
    const judge = unit.verdict === true;
    const human = unit.human >= 0.5;
    if (judge && human) confusion.bothPass++;
    else if (judge) confusion.judgeOnlyPass++;
    else if (human) confusion.humanOnlyPass++;
    else confusion.bothFail++;
    pairs.push([judge ? "pass" : "fail", human ? "pass" : "fail"]);
  }
  const n = both.length;
  return {
    n,
    kappa: cohensKappa(pairs).kappa,
    judgePassRate: n === 0 ? null : (confusion.bothPass + confusion.judgeOnlyPass) / n,
    humanPassRate: n === 0 ? null : (confusion.bothPass + confusion.humanOnlyPass) / n,
    confusion,
  };
}
