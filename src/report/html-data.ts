// Gathers what report.html draws from the store: latencies, schema failures, pairwise agreement, disagreements.
import type { RunSummary } from "../core/summary.js";
import type { Case, FieldSpec } from "../core/types.js";
import type { GateResult } from "../gate/types.js";
import { matchContext } from "../scoring/context.js";
import { type Canonical, isAutoScored, matcherFor } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import type { RunRecord, Store, StoredCall } from "../store/index.js";
import type { Disagreement, HtmlReportData } from "./html/data.js";

const MAX_DISAGREEMENTS = 2_000;

/** One field of one case: each model's canonical value, or null for an output that failed the schema. */
type Answers = Map<string, Canonical | null>;

export function htmlReportData(
  store: Store,
  run: RunRecord,
  summary: RunSummary,
  gate?: GateResult,
): HtmlReportData {
  const answered = store.calls.forRun(run.id).filter((call) => call.rep === 0 && call.status === "ok");
  const models = run.models.map((m) => m.id);
  const byCase = new Map<string, Map<string, StoredCall>>();
  for (const call of answered)
    byCase.set(call.caseId, (byCase.get(call.caseId) ?? new Map()).set(call.modelId, call));
  const pairs = new Map<string, { equal: number; n: number }>();
  const disagreements: Disagreement[] = [];
  for (const item of store.runs.cases(run.id)) {
    const calls = byCase.get(item.id);
    if (!calls) continue;
    for (const field of run.fields.filter((f) => isAutoScored(f.match))) {
      const answers = canonicalAnswers(field, item, calls, models, run);
      countPairs(field, answers, models, pairs);
      const found = disagreement(field, item, calls, answers, run);
      if (found && disagreements.length < MAX_DISAGREEMENTS) disagreements.push(found);
    }
  }
  return {
    summary,
    ...(gate ? { gate } : {}),
    latencies: groupBy(answered, (call) => [call.latencyMs]),
    schemaFailures: Object.fromEntries(
      models.map((id) => [id, countReasons(answered.filter((c) => c.modelId === id && c.valid === false))]),
    ),
    pairwise: models.flatMap((a, i) =>
      models.slice(i + 1).map((b) => {
        const count = pairs.get(`${a}\0${b}`) ?? { equal: 0, n: 0 };
        return { a, b, rate: count.n === 0 ? null : count.equal / count.n, n: count.n };
      }),
    ),
    disagreements,
  };
}

function canonicalAnswers(
  field: FieldSpec,
  item: Case,
  calls: Map<string, StoredCall>,
  models: string[],
  run: RunRecord,
): Answers {
  const matcher = matcherFor(field.match);
  const ctx = matchContext(run.scoring, item);
  const answers: Answers = new Map();
  for (const id of models) {
    const call = calls.get(id);
    if (call) answers.set(id, call.valid ? matcher.canonical(getPath(call.value, field.name), ctx) : null);
  }
  return answers;
}

/** Pairwise agreement: an invalid output agrees with nothing. */
function countPairs(
  field: FieldSpec,
  answers: Answers,
  models: string[],
  pairs: Map<string, { equal: number; n: number }>,
) {
  const matcher = matcherFor(field.match);
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
  field: FieldSpec,
  item: Case,
  calls: Map<string, StoredCall>,
  answers: Answers,
  run: RunRecord,
): Disagreement | undefined {
  const matcher = matcherFor(field.match);
  const values = [...answers.values()];
  const [first] = values;
  const invalid = values.some((c) => c === null);
  const split = values.some((c) => c && first && !matcher.equal(c, first));
  const gold = item.gold === undefined ? undefined : getPath(item.gold, field.name);
  const goldCanon = gold === undefined ? undefined : matcher.canonical(gold, matchContext(run.scoring, item));
  const missesGold = goldCanon !== undefined && values.some((c) => c && !matcher.equal(c, goldCanon));
  if (!invalid && !split && !missesGold) return undefined;
  const shown: Record<string, unknown> = {};
  for (const [id, call] of calls) {
    shown[id] = call.valid
      ? (getPath(call.value, field.name) ?? null)
      : { invalid: call.issues.map((x) => x.message) };
  }
  return {
    caseId: item.id,
    field: field.name,
    transcript: item.transcript,
    values: shown,
    ...(gold === undefined ? {} : { gold }),
    reason: invalid ? "invalid" : split ? "disagreement" : "wrong-vs-gold",
  };
}

function groupBy(calls: StoredCall[], values: (call: StoredCall) => number[]): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const call of calls) {
    const list = result[call.modelId] ?? [];
    list.push(...values(call));
    result[call.modelId] = list;
  }
  return result;
}

/** Why outputs failed the schema, in a few words: "<path>: <message>", or the parse failure. */
function countReasons(invalid: StoredCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of invalid) {
    const reasons =
      call.issues.length === 0
        ? ["invalid output"]
        : call.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    for (const reason of new Set(reasons)) counts[reason] = (counts[reason] ?? 0) + 1;
  }
  return counts;
}
