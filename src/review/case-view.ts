// Builds the ReviewCase the UI draws: one case's transcript, its fields in dispute, and only this
// reviewer's own grades (reviews are blind: another reviewer's grade never reaches this view). The judge's
// verdicts on a free-text field join its answers once the reviewer has graded it, never before.
import type { FieldSpec } from "../core/types.js";
import { getPath } from "../scoring/path.js";
import type { RunRecord, Store } from "../store/index.js";
import { answersOf } from "./answers.js";
import type { QueueCase } from "./queue.js";
import type { ModelAnswer, ReviewCase, ReviewField } from "./types.js";

export function reviewCaseView(
  store: Store,
  run: RunRecord,
  queueCase: QueueCase,
  reviewer: string,
): ReviewCase | undefined {
  const record = store.review.case(run.id, queueCase.caseId);
  if (!record) return undefined;
  const wanted = new Set(queueCase.itemIds);
  const items = store.review.caseItems(run.id, queueCase.caseId).filter((item) => wanted.has(item.id));
  const mine = store.review.gradesOf(run.id, queueCase.caseId, reviewer);
  const judged = judgeVerdicts(store, run.id, queueCase.caseId);
  const modelOrder = run.models.map((model) => model.id);
  const specs = new Map(run.fields.map((spec, index) => [spec.name, { spec, index }]));
  const order = (field: string) => specs.get(field)?.index ?? run.fields.length;
  const fields = items
    .sort((a, b) => order(a.field) - order(b.field) || a.field.localeCompare(b.field))
    .map((item): ReviewField => {
      const spec: FieldSpec = specs.get(item.field)?.spec ?? { name: item.field, match: { kind: "exact" } };
      const gold = record.gold === undefined ? undefined : getPath(record.gold, item.field);
      const grade = mine.get(item.id);
      return {
        itemId: item.id,
        field: item.field,
        reason: item.reason,
        match: spec.match,
        answers: withVerdicts(
          answersOf(item.modelValues, modelOrder),
          grade ? judged.get(item.field) : undefined,
        ),
        ...(gold === undefined ? {} : { gold }),
        ...(spec.match.kind === "free-text" && spec.match.rubric !== undefined
          ? { rubric: spec.match.rubric }
          : {}),
        ...(grade === undefined ? {} : { grade }),
      };
    });
  return {
    runId: run.id,
    caseId: queueCase.caseId,
    transcript: record.transcript,
    meta: record.meta,
    fields,
    overlap: queueCase.overlap,
  };
}

type JudgeVerdict = NonNullable<ModelAnswer["judge"]>;

/** The judge's verdicts on a case's first answers: field → model id → verdict. */
function judgeVerdicts(store: Store, runId: string, caseId: string): Map<string, Map<string, JudgeVerdict>> {
  const byField = new Map<string, Map<string, JudgeVerdict>>();
  for (const judgement of store.judgements.forCase(runId, caseId)) {
    if (judgement.rep !== 0 || !judgement.verdict) continue;
    let byModel = byField.get(judgement.field);
    if (!byModel) {
      byModel = new Map();
      byField.set(judgement.field, byModel);
    }
    byModel.set(judgement.modelId, judgement.verdict);
  }
  return byField;
}

function withVerdicts(
  answers: ModelAnswer[],
  verdicts: Map<string, JudgeVerdict> | undefined,
): ModelAnswer[] {
  if (!verdicts) return answers;
  return answers.map((answer) => {
    const judge = verdicts.get(answer.modelId);
    return judge ? { ...answer, judge } : answer;
  });
}
