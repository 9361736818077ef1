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
  readonly #compared: Set<string>;
  readonly #pairs = new Map<string, { equal: number; n: number }>();
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
    this.#compared = new Set(this.#models);
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
    // The first repetition of each compared model, in the store's order.
    const calls = new Map<string, CallOutput>();
    const byModel = new Map<string, Answer>();
    for (const answer of answers) {
      const { call } = answer;
      if (call.rep !== 0 || !this.#compared.has(call.modelId)) continue;
      calls.set(call.modelId, call);
      byModel.set(call.modelId, answer);
    }
    if (calls.size === 0) return;
    const values: Answers = new Map();
    for (const id of this.#models) {
      const answer = byModel.get(id);
      if (answer) values.set(id, answer.call.valid ? canonical(answer) : null);
    }
    countPairs(scorer.matcher, values, this.#models, this.#pairs);
    if (this.#disagreements.length >= MAX_DISAGREEMENTS) return;
    const found = disagreement(scorer, item, calls, values, ctx, () => this.#transcriptOf(item.id));
    if (!found) return;
    this.#settledBy ??= settledLabels(this.store.review.grades(this.runId));
    const human = this.#settledBy(item.id, scorer, ctx, values);
    this.#disagreements.push(human ? { ...found, human } : found);
  }

  done(): void {
    this.#complete = true;
  }

  result(): Pick<ReportData, "pairwise" | "disagreements"> {
    const models = this.#models;
    return {
      pairwise: models.flatMap((a, i) =>
        models.slice(i + 1).map((b) => {
          const count = this.#pairs.get(`${a}\0${b}`) ?? { equal: 0, n: 0 };
          return { a, b, rate: count.n === 0 ? null : count.equal / count.n, n: count.n };
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
