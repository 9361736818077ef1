// summary.json: a stable contract CI users parse. Change it only with a version note in the README.
import type { FieldMetrics } from "./types.js";

export interface ModelSummary {
  id: string;
  provider: string;
  model: string | null;
  calls: number;
  /** Calls that ended without an answer (after retries). */
  errors: number;
  errorsByKind: Record<string, number>;
  /** Calls answered from the response cache. */
  cachedCalls: number;
  /** Share of answered calls whose output was JSON that satisfied the schema. */
  schemaValidRate: number | null;
  /** Mean of the per-field accuracies (auto-scored fields with gold). */
  fieldAccuracy: number | null;
  fields: Record<string, Omit<FieldMetrics, "correct"> & { correct: number }>;
  /** Values the matchers could not read, over all fields (the sum of `fields.<name>.unreadable`); absent when 0. */
  unreadable?: number;
  latencyMs: { p50: number | null; p95: number | null };
  tokens: { input: number; output: number; cachedInput: number };
  /** USD for the answered calls; null when the model's price is unknown. */
  costUsd: number | null;
  /** Per field, accuracy against labels settled by reviewers; only fields someone graded. */
  human?: Record<string, HumanFieldMetrics>;
  /**
   * Why calls ended without an answer, per error kind (most first): the provider's first distinct messages, as
   * untrusted text. Absent when every call was answered.
   */
  failures?: CallFailure[];
  /** Per enum field with gold: which value the model gave for which gold value. Absent without one. */
  confusion?: Record<string, ConfusionMatrix>;
  /**
   * Only for a model run on a speech recogniser's transcripts (id "<model>@<recogniser>"): which model and
   * which recogniser. Models without it read the dataset's reference transcripts.
   */
  transcript?: { model: string; recogniser: string };
}

/** The calls of one model that failed with one error kind. */
export interface CallFailure {
  kind: string;
  count: number;
  /** The first 3 distinct messages, in the order the calls were stored, each cut to 200 characters (then "…"). */
  messages: string[];
}

/**
 * Gold value (rows) against the model's value (columns) for one enum field, over its scored calls. Labels are
 * the values as the field's matcher reads them; `(missing)` is no value, and the columns `(invalid)` (the
 * output failed the schema) and `(unreadable)` appear only when some call has one. `(other)` sums the values
 * beyond the 20 most frequent.
 */
export interface ConfusionMatrix {
  rows: string[];
  columns: string[];
  /** counts[row][column]. */
  counts: number[][];
  /** Scored calls: the sum of every count. */
  n: number;
}

/** Error counts of an alignment, summed over calls: (sub + del + ins) / ref is the error rate. */
export interface AlignmentCounts {
  ref: number;
  sub: number;
  del: number;
  ins: number;
}

/** One speech recogniser over the run's audio, scored against the reference transcripts. */
export interface RecogniserSummary {
  id: string;
  provider: string;
  /** Cases with audio sent to it. */
  calls: number;
  /** Calls that ended without a transcript. */
  errors: number;
  errorsByKind: Record<string, number>;
  /** Transcripts taken from the cache instead of recognised again. */
  cachedCalls: number;
  /** Corpus word error rate: the counts summed over calls, not a mean of per-call rates. */
  wer: number | null;
  /** Corpus character error rate (spaces not counted). */
  cer: number | null;
  words: AlignmentCounts;
  chars: AlignmentCounts;
  /** Spread of the per-call word error rates. */
  perCallWer: { p50: number | null; p95: number | null; max: number | null };
  latencyMs: { p50: number | null; p95: number | null };
}

/** A field's accuracy on reference transcripts and on recognised ones, over the cases both were scored on. */
export interface PenaltyField {
  field: string;
  reference: number | null;
  recognised: number | null;
  /** reference − recognised: the accuracy lost to recognition errors (negative: recognised text did better). */
  penalty: number | null;
  /** Cases scored on both. */
  n: number;
}

/** What recognition costs one model: its answers on a recogniser's transcripts against its answers on the reference. */
export interface RecognitionPenalty {
  recogniser: string;
  model: string;
  /** The model id of the run on recognised transcripts, "<model>@<recogniser>". */
  variant: string;
  fieldAccuracy: Omit<PenaltyField, "field">;
  /** Most hurt first. */
  fields: PenaltyField[];
}

export interface AsrSummary {
  /** The text normalisation both transcripts pass before they are compared (src/asr/normalise.ts). */
  normalisation: string;
  recognisers: RecogniserSummary[];
  /** Per recogniser × model; the pairs that hurt most first. */
  penalty: RecognitionPenalty[];
}

/** A model's accuracy on noisy variants of the dataset (`callgrade perturb`), level by level. */
export interface RobustnessPoint {
  /** The word error rate asked for; 0 for the original transcripts. */
  level: number;
  /** The corpus word error rate the variants at this level really have. */
  wer: number;
  accuracy: number | null;
  n: number;
}

export interface RobustnessSummary {
  levels: { level: number; wer: number; cases: number }[];
  models: { model: string; fieldAccuracy: RobustnessPoint[]; fields: Record<string, RobustnessPoint[]> }[];
}

/** Accuracy against labels settled by people (and, for fields without gold, the models' agreed value). */
export interface HumanFieldMetrics {
  accuracy: number | null;
  ci95: [number, number] | null;
  /** Cases with a label. */
  n: number;
  correct: number;
  /** Of those, cases settled by reviewers. */
  graded: number;
}

export interface HumanSummary {
  /** Review items with at least one grade. */
  graded: number;
  /** Fields of cases whose reviewers disagree; they count in no accuracy. */
  contested: number;
  /** model id → field → metrics. */
  accuracy: Record<string, Record<string, HumanFieldMetrics>>;
  /** Per field, agreement between reviewers on the cases two or more of them graded. */
  agreement: Record<string, { units: number; raters: number; alpha: number | null; kappa?: number | null }>;
}

/** A field's accuracy on one slice: `correct` of `n` scored calls, with a 95% Wilson interval. */
export interface SliceFieldMetrics {
  accuracy: number | null;
  ci95: [number, number] | null;
  n: number;
  correct: number;
}

/** One model on the cases of one slice value. */
export interface SliceModelMetrics {
  /** Mean of the per-field accuracies, as the whole run's. */
  fieldAccuracy: number | null;
  /** 95% interval of fieldAccuracy: normal, with a standard error clustered by case (delta method). */
  ci95: [number, number] | null;
  /** That standard error; null with fewer than two cases. */
  stdError: number | null;
  /** Cases with a scored field. */
  n: number;
  fields: Record<string, SliceFieldMetrics>;
}

/** The cases whose meta key has one value ("(none)": without the key; "(other)": past the 50 most common). */
export interface SliceValueSummary {
  cases: number;
  /** model id → metrics. */
  models: Record<string, SliceModelMetrics>;
}

/** A note a reviewer wrote on a review item. Untrusted text: every report escapes it. */
export interface ReviewNoteSummary {
  caseId: string;
  field: string;
  reviewer: string;
  text: string;
  /** ISO 8601, UTC. */
  at: string;
}

/** An accuracy and its 95% interval; `estimate` null when there is too little to estimate from. */
export interface EstimateInterval {
  estimate: number | null;
  lower: number;
  upper: number;
}

/** A judge against people on the answers both graded: how far its verdicts can be trusted. */
export interface JudgeCalibration {
  /** Answers with both a judge's verdict and a person's grade. */
  n: number;
  /** Cohen's kappa between the judge's pass/fail and people's; null when undefined (see CohensKappa). */
  kappa: number | null;
  /** Share of those answers the judge passed, and the share people passed. */
  judgePassRate: number | null;
  humanPassRate: number | null;
  confusion: { bothPass: number; judgeOnlyPass: number; humanOnlyPass: number; bothFail: number };
}

/** A model's accuracy on a judged field, three ways: the corrected estimate, the judge's, the people's. */
export interface JudgedFieldMetrics {
  /** Answers in the estimate (first repetitions on the field's review items) and how many people graded. */
  N: number;
  n: number;
  /**
   * The judge's verdicts on all N corrected by the graded sample (active inference over the priority
   * sample): valid whatever the judge's bias.
   */
  estimate: EstimateInterval & {
    standardError: number | null;
    effectiveHumanGrades: number | null;
    lambda: number | null;
  };
  /** Trusting the judge blindly: as biased as it is. */
  judgeOnly: EstimateInterval;
  /** The graded sample alone (unweighted: a guide, not an estimate of the field when sampling is uneven). */
  humanOnly: EstimateInterval;
  calibration: JudgeCalibration;
  /** Grades in all that would bring the estimate's interval to 0.10 wide; null when unknown yet. */
  gradesForTenPoints: number | null;
}

export interface JudgeSummary {
  judgeId: string;
  /** The judge's calls in the run (every repetition and field), and what they cost (null: not priced). */
  calls: number;
  costUsd: number | null;
  /** Field → model id → figures. */
  fields: Record<string, Record<string, JudgedFieldMetrics>>;
  /**
   * The judged fields a matcher compares: judged, and estimated, on the cases without gold for them only
   * (gold scores the others). Free-text fields are judged on every case.
   */
  withoutGold: string[];
}

export interface RunSummary {
  runId: string;
  suite: string;
  createdAt: string;
  status: string;
  caseCount: number;
  repeat: number;
  hashes: { prompt: string; knowledgeBase: string; schema: string };
  models: ModelSummary[];
  skippedModels: { id: string; reason: string }[];
  agreement: Record<string, { rate: number | null; n: number }>;
  review: {
    /** Items queued for people (disagreements, invalid outputs, free text). */
    queued: number;
    byReason: Record<string, number>;
    /** Items with at least one grade. */
    graded: number;
    /** Fields of cases whose reviewers disagree; they count in no human accuracy. */
    contested: number;
    /** Per field, agreement between reviewers on cases two or more of them graded (Cohen's kappa for two). */
    interRater: HumanSummary["agreement"];
    /** Reviewers' notes, oldest first: the first 200 (each cut at 1,000 characters) and how many there are; absent when none. */
    notes?: { total: number; shown: ReviewNoteSummary[] };
  };
  /** Cases some model has no answer for (errors), per model. */
  unscored: Record<string, string[]>;
  /** Only when the suite has an `asr` section: recognisers' error rates and what they cost each field. */
  asr?: AsrSummary;
  /** Only when the dataset has noisy variants (`callgrade perturb`): accuracy as a function of WER. */
  robustness?: RobustnessSummary;
  /** Only when a judge graded the run's free text: its estimates, beside the judge's own and the people's. */
  judge?: JudgeSummary;
  /** Only when the suite names `slices`: meta key → value → accuracy per model on those cases. */
  slices?: Record<string, Record<string, SliceValueSummary>>;
}
