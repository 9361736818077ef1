// The judge stage: after the matrix, a judge model grades the free-text answers of the run, each answer a call
// of its own on the one call path (cache, retries, the adaptive limit, redaction, prices, resume), its text
// checked against the verdict schema as every answer is against the suite's.
import type { Suite } from "../config/suite.js";
import { CallgradeError } from "../core/errors.js";
import { RETRYABLE_ON_RESUME } from "../core/retryable.js";
import type { Case, FieldSpec } from "../core/types.js";
import { judgeRequest } from "../prompt/judge.js";
import { getPath } from "../scoring/path.js";
import { type CallRecord, callKey, judgementKey, type RunRecord, type Store } from "../store/index.js";
import { verdictSchema } from "../validate/verdict.js";
import type { RunListener } from "./events.js";
import { keepHeld } from "./held-calls.js";
import { type ActiveModel, runMatrix } from "./matrix.js";
import type { RetryPolicy } from "./retry.js";
import { StoredCases } from "./stored-cases.js";

export interface JudgeStageOptions {
  loaded: Suite;
  store: Store;
  run: RunRecord;
  judge: ActiveModel;
  concurrency: number;
  useCache: boolean;
  signal: AbortSignal;
  emit: RunListener;
  retry?: Partial<RetryPolicy>;
  /** Where verdicts the store could not take are kept for a resume, beside the run's held calls. */
  heldDir?: string;
}

/** One answer to judge: whose it is, and what the judge is shown besides the transcript. */
interface JudgedRef {
  caseIndex: number;
  caseId: string;
  modelId: string;
  rep: number;
  field: string;
  rubric: string | undefined;
  answer: unknown;
  gold: unknown;
}

/**
 * The fields a judge grades: those the config names, else every free-text field. A field compared by a
 * matcher is graded on the cases without gold for it (gold scores it elsewhere). Checked before any call
 * is made (runSuite asks with the schema's fields and the config's models), and again on the run's.
 */
export function judgedFields(loaded: Suite, fields: FieldSpec[], modelIds: readonly string[]): FieldSpec[] {
  const judgeId = loaded.config.judge?.model.id;
  if (judgeId !== undefined && modelIds.includes(judgeId)) {
    throw new CallgradeError(
      "USAGE",
      `${loaded.file}: the judge's id "${judgeId}" is a model's too; give the judge an id of its own (its calls are counted under it)`,
    );
  }
  const named = loaded.config.judge?.fields;
  if (!named) return fields.filter((spec) => spec.match.kind === "free-text");
  const unknown = named.filter((name) => !fields.some((spec) => spec.name === name));
  if (unknown.length > 0) {
    throw new CallgradeError(
      "USAGE",
      `${loaded.file}: judge.fields names no field "${unknown.join('", "')}"; fields: ${fields.map((s) => s.name).join(", ")}`,
    );
  }
  return fields.filter((spec) => named.includes(spec.name));
}

const WHAT: Partial<Record<FieldSpec["match"]["kind"], string>> = {
  date: "date",
  time: "time",
  phone: "phone number",
  number: "number",
  boolean: "yes-or-no answer",
  enum: "category",
  set: "list of values",
};

/** What a judge is told a right answer is for a field compared by a matcher: its value, in any form. */
function matcherRubric(spec: FieldSpec): string {
  const what = WHAT[spec.match.kind] ?? "value";
  return `The answer is the ${what} this call gives for the field (any way of writing the same ${what} is as good), or null when the call gives none.`;
}

/**
 * Every valid answer of the run on the judged fields, in dataset order, then model and repeat. An answer
 * that did not validate is wrong whatever its text and is not judged. Read a page of cases at a time; only
 * the answers are kept (transcripts are read again when a judge request is made).
 */
function judgedAnswers(store: Store, run: RunRecord, fields: FieldSpec[]): JudgedRef[] {
  const refs: JudgedRef[] = [];
  let caseIndex = 0;
  for (const page of store.runs.casePages(run.id)) {
    const indexOf = new Map(page.map((item, i) => [item.id, caseIndex + i]));
    const goldOf = new Map(page.map((item) => [item.id, item.gold]));
    for (const output of store.calls.outputsOf(
      run.id,
      page.map((item) => item.id),
    )) {
      if (output.valid !== true) continue;
      for (const spec of fields) {
        const gold = getPath(goldOf.get(output.caseId), spec.name);
        if (spec.match.kind !== "free-text" && gold !== undefined) continue;
        refs.push({
          caseIndex: indexOf.get(output.caseId) ?? 0,
          caseId: output.caseId,
          modelId: output.modelId,
          rep: output.rep,
          field: spec.name,
          rubric: spec.match.kind === "free-text" ? spec.match.rubric : matcherRubric(spec),
          answer: getPath(output.value, spec.name) ?? null,
          gold,
        });
      }
    }
    caseIndex += page.length;
  }
  return refs;
}

/** The request id of a judged answer: unique in the run, the same on every run of it. */
const requestId = (ref: JudgedRef) => JSON.stringify([ref.caseId, ref.modelId, ref.rep, ref.field]);

/** Judges the run's answers not judged yet (a resume, a rerun of the stage); resolves when all are settled. */
export async function judgeRun(options: JudgeStageOptions): Promise<void> {
  const { store, run, judge } = options;
  const fields = judgedFields(
    options.loaded,
    run.fields,
    run.models.map((model) => model.id),
  );
  if (fields.length === 0) return;
  const judgeId = judge.config.id;
  const refs = judgedAnswers(store, run, fields);
  const settled = store.judgements.settled(run.id, RETRYABLE_ON_RESUME);
  const byId = new Map(refs.map((ref) => [requestId(ref), ref]));
  const skip = new Set<string>();
  for (const ref of refs) {
    if (settled.has(judgementKey(ref.caseId, ref.modelId, ref.rep, ref.field, judgeId))) {
      skip.add(callKey(requestId(ref), judgeId, 0));
    }
  }
  options.emit({ type: "judge-started", judgeId, answers: refs.length - skip.size });
  if (skip.size === refs.length || options.signal.aborted) return;
  const transcripts = new StoredCases(store.runs.caseCount(run.id), (from, to) =>
    store.runs.casesAt(run.id, from, to),
  );
  const cases = {
    length: refs.length,
    at(index: number): Case | undefined {
      const ref = refs[index];
      const item = ref && transcripts.at(ref.caseIndex);
      return ref && item ? { ...item, id: requestId(ref) } : undefined;
    },
  };
  await runMatrix({
    runId: run.id,
    loaded: options.loaded,
    cases,
    models: [judge],
    prompt: {
      render(item) {
        const ref = byId.get(item.id);
        if (!ref) throw new Error(`no judged answer ${item.id}`);
        return judgeRequest({ ...ref, id: item.id, transcript: item.transcript });
      },
    },
    schema: verdictSchema,
    record: (records) => store.judgements.recordAll(records.map((record) => judgementOf(record, byId))),
    ...(options.heldDir
      ? {
          keep: (records: readonly CallRecord[]) =>
            keepHeld(
              options.heldDir ?? "",
              records.map((record) => judgementOf(record, byId)),
            ),
        }
      : {}),
    store,
    concurrency: options.concurrency,
    repeat: 1,
    useCache: options.useCache,
    signal: options.signal,
    emit: options.emit,
    skip,
    ...(options.retry ? { retry: options.retry } : {}),
  });
}

function judgementOf(record: CallRecord, byId: Map<string, JudgedRef>) {
  const ref = byId.get(record.caseId);
  if (!ref) throw new Error(`no judged answer ${record.caseId}`);
  return {
    ...record,
    caseId: ref.caseId,
    modelId: ref.modelId,
    rep: ref.rep,
    field: ref.field,
    judgeId: record.modelId,
  };
}
