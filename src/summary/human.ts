// What reviewers' grades add to a summary: accuracy against human-settled labels, and how far reviewers agree.
import type { HumanSummary, ReviewNoteSummary, RunSummary } from "../core/summary.js";
import type { FieldSpec } from "../core/types.js";
import {
  type GradeOf,
  humanMetrics,
  rightBy,
  type Settled,
  settle,
  verdictLabel,
} from "../scoring/adjudicate.js";
import { matchContext } from "../scoring/context.js";
import { interRater } from "../scoring/interrater.js";
import { isAutoScored } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import type { CallOutput } from "../store/calls.js";
import type { RunRecord, StoredGrade, StoredNote } from "../store/index.js";
import type { ScoringCase } from "../store/runs.js";

/** What labels are made from; read only when someone graded, since without grades there are none. */
interface Graded {
  cases: ScoringCase[];
  /** Each model's answer on the first repetition, keyed `modelId\0caseId`. */
  answers: Map<string, CallOutput>;
  /** `caseId\0field` of every field on which all models agreed. */
  agreedCases: Set<string>;
}

interface Inputs {
  run: RunRecord;
  grades: StoredGrade[];
  load: () => Graded;
}

type Label = { settled: Settled; byPerson: boolean };

const NOTHING_GRADED: Graded = { cases: [], answers: new Map(), agreedCases: new Set() };

export function humanSummary({ run, grades, load }: Inputs): HumanSummary {
  const byField = gradesByField(grades);
  const { cases, answers, agreedCases } = byField.size === 0 ? NOTHING_GRADED : load();
  const accuracy: HumanSummary["accuracy"] = {};
  const agreement: HumanSummary["agreement"] = {};
  let contested = 0;
  for (const field of run.fields) {
    const graded = byField.get(field.name);
    if (!graded) continue;
    const labels = new Map<string, Label>();
    for (const item of cases) {
      const label = labelFor(
        field,
        item,
        graded.get(item.id),
        agreedCases.has(`${item.id}\0${field.name}`),
        run,
        answers,
      );
      if (label) labels.set(item.id, label);
      if (label?.settled.kind === "contested") contested++;
    }
    for (const model of run.models) {
      const outcomes: { right: boolean; byPerson: boolean }[] = [];
      for (const item of cases) {
        const label = labels.get(item.id);
        const call = answers.get(`${model.id}\0${item.id}`);
        if (!label || !call) continue;
        const answer = {
          valid: call.valid === true,
          value: call.valid ? getPath(call.value, field.name) : undefined,
        };
        const right = rightBy(field, label.settled, model.id, answer, matchContext(run.scoring, item));
        if (right !== undefined) outcomes.push({ right, byPerson: label.byPerson });
      }
      accuracy[model.id] = { ...accuracy[model.id], [field.name]: humanMetrics(outcomes) };
    }
    const between = reviewerAgreement(field, graded, cases, run);
    if (between.units > 0) agreement[field.name] = between;
  }
  return { graded: new Set(grades.map((g) => g.itemId)).size, contested, accuracy, agreement };
}

/** Per field, the grades of each case. */
function gradesByField(grades: StoredGrade[]): Map<string, Map<string, GradeOf[]>> {
  const result = new Map<string, Map<string, GradeOf[]>>();
  for (const grade of grades) {
    const byCase = result.get(grade.field) ?? new Map<string, GradeOf[]>();
    byCase.set(grade.caseId, [
      ...(byCase.get(grade.caseId) ?? []),
      { reviewer: grade.reviewer, verdict: grade.verdict },
    ]);
    result.set(grade.field, byCase);
  }
  return result;
}

/**
 * The label of a field of a case: settled by people when graded; else, for a field without gold that
 * every model agreed on, the agreed value (a silver label). Gold-labelled fields are scored against gold.
 */
function labelFor(
  field: FieldSpec,
  item: ScoringCase,
  grades: GradeOf[] | undefined,
  agreed: boolean,
  run: RunRecord,
  answers: Map<string, CallOutput>,
): Label | undefined {
  if (grades && grades.length > 0) {
    const settled = settle(field, grades, matchContext(run.scoring, item));
    return settled && { settled, byPerson: true };
  }
  const hasGold = item.gold !== undefined && getPath(item.gold, field.name) !== undefined;
  if (hasGold || !agreed || !isAutoScored(field.match)) return undefined;
  const any = run.models.map((m) => answers.get(`${m.id}\0${item.id}`)).find((call) => call?.valid);
  if (!any) return undefined;
  return { settled: { kind: "value", value: getPath(any.value, field.name), key: "" }, byPerson: false };
}

function reviewerAgreement(
  field: FieldSpec,
  graded: Map<string, GradeOf[]>,
  cases: ScoringCase[],
  run: RunRecord,
) {
  const labels: { unit: string; rater: string; label: string }[] = [];
  for (const item of cases) {
    const list = graded.get(item.id) ?? [];
    if (new Set(list.map((g) => g.reviewer)).size < 2) continue;
    const ctx = matchContext(run.scoring, item);
    for (const g of list)
      labels.push({ unit: item.id, rater: g.reviewer, label: verdictLabel(field, g.verdict, ctx) });
  }
  const result = interRater(labels);
  return {
    units: result.units,
    raters: result.raters,
    alpha: result.alpha.alpha,
    ...(result.kappa ? { kappa: result.kappa.kappa } : {}),
  };
}

/** summary.json stays small on a run with thousands of notes: the first ones are shown, all are counted. */
const NOTES_SHOWN = 200;
const NOTE_CHARS = 1_000;

/** Reviewers' notes for the summary, oldest first, capped; nothing when there are none. */
export function reviewNotes(notes: StoredNote[]): Pick<RunSummary["review"], "notes"> {
  if (notes.length === 0) return {};
  const shown = notes.slice(0, NOTES_SHOWN).map(
    (note): ReviewNoteSummary => ({
      caseId: note.caseId,
      field: note.field,
      reviewer: note.reviewer,
      text: note.text.length > NOTE_CHARS ? `${note.text.slice(0, NOTE_CHARS)}…` : note.text,
      at: note.createdAt,
    }),
  );
  return { notes: { total: notes.length, shown } };
}
