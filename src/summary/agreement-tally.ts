// Pairwise agreement and the disagreements report.html lists, gathered one field of one case at a time:
// from scoring as it goes (a ScoringObserver), or from a read of the stored run of its own.
import type { MatchContext } from "../core/types.js";
import type { Answer, ScoringObserver } from "../runner/score-run.js";
import type { FieldScorer } from "../scoring/field-scorer.js";
import type { Canonical, Matcher } from "../scoring/matchers/index.js";
import { getPath } from "../scoring/path.js";
import type { CallOutput } from "../store/calls.js";
import type { RunRecord, Store } from "../store/index.js";
import type { ScoringCase } from "../store/runs.js";
import type { Disagreement, ReportData } from "./report-data-types.js";
import { type SettledLabel, settledLabels } from "./settled-labels.js";

const MAX_DISAGREEMENTS = 2_000;

/** One field of one case: each model's canonical value, or null for an output that failed the schema. */
type Answers = Map<string, Canonical | null>;

export class AgreementTally implements ScoringObserver {
  readonly runId: string;
  /** Models are compared on the reference transcripts only (see scoreRun), in the run's order. */
  readonly #models: string[];
  /** Each compared model's place in `#models`. */
  readonly #index: Map<string, number>;
  /** Pair counts of models i < j at i × models + j. */
  readonly #pairs: Pairs;
  readonly #slots: (Answer | undefined)[];
  readonly #values: (Canonical | null | undefined)[];
  readonly #disagreements: Disagreement[] = [];
  /** Read when the first disagreement is found: a scoring that is skipped reads no grades. */
  #settledBy: SettledLabel | undefined;
  #page: readonly ScoringCase[] = [];
  #transcripts: Map<string, Disagreement["transcript"]> | undefined;
  #complete = false;

  constructor(
    private readonly store: Store,
    run: RunRecord,
  ) {
    this.runId = run.id;
    this.#models = run.models.filter((m) => !m.transcript).map((m) => m.id);
    this.#index = new Map(this.#models.map((id, i) => [id, i]));
    const size = this.#models.length;
    this.#pairs = { equal: new Uint32Array(size * size), n: new Uint32Array(size * size) };
    this.#slots = new Array(size).fill(undefined);
    this.#values = new Array(size).fill(undefined);
  }

  /** Whether every case was seen: only then are its figures the run's. */
  get complete(): boolean {
    return this.#complete;
  }

  page(cases: readonly ScoringCase[]): void {
    this.#page = cases;
    this.#transcripts = undefined;
  }

  field(
    item: ScoringCase,
    scorer: FieldScorer,
    ctx: MatchContext,
    answers: readonly Answer[],
    canonical: (answer: Answer) => Canonical,
  ): void {
    if (!scorer.auto) return;
    // The first repetition of each compared model, by the model's place in the run. Called for every field
    // of every case: plain arrays, reused, and maps only for a disagreement that is listed.
    const size = this.#models.length;
    const slots = this.#slots.fill(undefined);
    let seen = false;
    for (const answer of answers) {
      const at = answer.call.rep === 0 ? this.#index.get(answer.call.modelId) : undefined;
      if (at === undefined) continue;
      slots[at] = answer;
      seen = true;
    }
    if (!seen) return;
    const values = this.#values;
    for (let i = 0; i < size; i++) {
      const answer = slots[i];
      values[i] = answer === undefined ? undefined : answer.call.valid ? canonical(answer) : null;
    }
    countPairs(scorer.matcher, values, this.#pairs);
    if (this.#disagreements.length >= MAX_DISAGREEMENTS) return;
    const byModel: Answers = new Map();
    for (const [i, id] of this.#models.entries()) {
      const value = values[i];
      if (value !== undefined) byModel.set(id, value);
    }
    // In the store's order, as the values are shown.
    const calls = new Map<string, CallOutput>();
    for (const answer of answers) {
      if (answer.call.rep === 0 && this.#index.has(answer.call.modelId))
        calls.set(answer.call.modelId, answer.call);
    }
    const found = disagreement(scorer, item, calls, byModel, ctx, () => this.#transcriptOf(item.id));
    if (!found) return;
    this.#settledBy ??= settledLabels(this.store.review.grades(this.runId));
    const human = this.#settledBy(item.id, scorer, ctx, byModel);
    this.#disagreements.push(human ? { ...found, human } : found);
  }

  done(): void {
    this.#complete = true;
  }

  result(): Pick<ReportData, "pairwise" | "disagreements"> {
    const models = this.#models;
    const size = models.length;
    return {
      pairwise: models.flatMap((a, i) =>
        models.slice(i + 1).map((b, k) => {
          const at = i * size + i + 1 + k;
          const n = this.#pairs.n[at] ?? 0;
          return { a, b, rate: n === 0 ? null : (this.#pairs.equal[at] ?? 0) / n, n };
        }),
      ),
      disagreements: this.#disagreements,
    };
  }

  /** Only cases shown need their transcript: the page's are read together, when the first one is. */
  #transcriptOf(caseId: string): Disagreement["transcript"] {
    this.#transcripts ??= this.store.runs.transcripts(
      this.runId,
      this.#page.map((c) => c.id),
    );
    return this.#transcripts.get(caseId) ?? "";
  }
}

interface Pairs {
  equal: Uint32Array;
  n: Uint32Array;
}

/** Pairwise agreement of the models that answered (undefined: no answer); an invalid output (null) agrees with nothing. */
function countPairs(matcher: Matcher, values: readonly (Canonical | null | undefined)[], pairs: Pairs) {
  const size = values.length;
  for (let i = 0; i < size; i++) {
    const a = values[i];
    if (a === undefined) continue;
    for (let j = i + 1; j < size; j++) {
      const b = values[j];
      if (b === undefined) continue;
      const at = i * size + j;
      pairs.n[at] = (pairs.n[at] ?? 0) + 1;
      if (a && b && matcher.equal(a, b)) pairs.equal[at] = (pairs.equal[at] ?? 0) + 1;
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
