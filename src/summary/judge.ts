// What a judge adds to a summary: per judged field and model, the accuracy the judge's verdicts give once
// corrected by people's grades on the priority sample (scoring/judge-sample.ts), beside the judge's own
// number and the people's, and how well the judge agrees with people.
import type { JudgedFieldMetrics, JudgeSummary } from "../core/summary.js";
import { activePpiMean, gradesForWidth, humanOnlyMean, judgeOnlyMean } from "../gate/stats/index.js";
import { cohensKappa } from "../scoring/interrater.js";
import {
  itemWeight,
  type JudgeScore,
  mainJudge,
  priorityOf,
  prioritySample,
} from "../scoring/judge-sample.js";
import type { RunRecord, StoredGrade, StoredJudgement, StoredReviewItem } from "../store/index.js";

export interface JudgeInputs {
  run: RunRecord;
  items: StoredReviewItem[];
  grades: StoredGrade[];
  judgements: StoredJudgement[];
}

/** One answer in a field's estimate: the judge's verdict (0.5 for none), its draw, and people's grade. */
interface Unit {
  judge: number;
  verdict: boolean | undefined;
  probability: number;
  human: number | undefined;
  /** Wrong by rule (the answer did not validate): in the estimate, but nobody's grade or verdict. */
  byRule?: true;
}

const key = (...parts: (string | number)[]) => parts.join("\u0000");

export function judgeSummary({ run, items, grades, judgements }: JudgeInputs): JudgeSummary | undefined {
  const judgeId = mainJudge(judgements);
  if (judgeId === undefined) return undefined;
  const own = judgements.filter((j) => j.judgeId === judgeId);
  const first = own.filter((j) => j.rep === 0);
  const verdicts = new Map(first.map((j) => [key(j.caseId, j.field, j.modelId), j]));
  const scores = new Map<string, JudgeScore[]>();
  for (const j of first) {
    const list = scores.get(key(j.caseId, j.field)) ?? [];
    list.push(j.verdict?.score);
    scores.set(key(j.caseId, j.field), list);
  }
  const passes = humanPasses(grades);
  const fields: JudgeSummary["fields"] = {};
  for (const field of new Set(first.map((j) => j.field))) {
    const frame = items.filter((item) => item.field === field && item.reason === "free-text");
    const sampled = prioritySample(
      frame.map((item) => ({
        key: String(item.id),
        priority: priorityOf(item.priority),
        weight: itemWeight(scores.get(key(item.caseId, field)) ?? []),
        graded: passes.has(item.id),
      })),
    );
    const byModel: Record<string, JudgedFieldMetrics> = {};
    for (const model of run.models) {
      const units = frame.map((item): Unit => {
        const judged = verdicts.get(key(item.caseId, field, model.id));
        const probability = sampled.get(String(item.id));
        // An answer the judge was not sent did not validate: wrong, known without anyone (drawn for sure).
        if (!judged) return { judge: 0, verdict: undefined, probability: 1, human: 0, byRule: true };
        const pass = judged.verdict?.pass;
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
  return { judgeId, calls: own.length, costUsd, fields };
}

/** Review item id → model id → share of the item's reviewers who passed that model's answer. */
function humanPasses(grades: StoredGrade[]): Map<number, Map<string, number>> {
  const votes = new Map<number, Map<string, number[]>>();
  for (const grade of grades) {
    if (grade.verdict.kind !== "rating") continue;
    let byModel = votes.get(grade.itemId);
    if (!byModel) {
      byModel = new Map();
      votes.set(grade.itemId, byModel);
    }
    for (const [modelId, rating] of Object.entries(grade.verdict.ratings)) {
      const list = byModel.get(modelId) ?? [];
      list.push(rating.pass ? 1 : 0);
      byModel.set(modelId, list);
    }
  }
  const shares = new Map<number, Map<string, number>>();
  for (const [itemId, byModel] of votes) {
    shares.set(
      itemId,
      new Map(
        [...byModel].map(([modelId, list]) => [modelId, list.reduce((a, b) => a + b, 0) / list.length]),
      ),
    );
  }
  return shares;
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
