// The config's shape, parsed with zod; the types come from it.
import { z } from "zod";
import { asrRecogniserSchema } from "./asr-schema.js";
import {
  type anthropicModel,
  type customModel,
  modelConfig,
  type openaiModel,
  type replayModel,
} from "./models-schema.js";

export {
  anthropicModel,
  customModel,
  modelCommon,
  modelConfig,
  openaiModel,
  replayModel,
} from "./models-schema.js";

const zodObjectSchema = z.custom<z.ZodObject>(
  (value) =>
    value instanceof z.ZodObject ||
    (typeof value === "object" &&
      value !== null &&
      "_zod" in value &&
      (value as { _zod: { def?: { type?: string } } })._zod.def?.type === "object"),
  { message: "must be a zod object schema, e.g. z.object({ ... })" },
);

/** What `redact` can find and mask in transcripts before they leave the machine. */
export const REDACT_KINDS = ["phone", "email", "card"] as const;
export type RedactKind = (typeof REDACT_KINDS)[number];

export const THRESHOLD_METRICS = [
  "fieldAccuracy",
  "judgedAccuracy",
  "schemaValidRate",
  "errorRate",
  "latencyMs.p50",
  "latencyMs.p95",
  "costUsd.perCall",
  "costUsd.total",
] as const;

const threshold = z
  .object({
    /**
     * What is limited: a rate from 0 to 1 (`fieldAccuracy`, the mean of the fields' accuracies or, with `field`,
     * that field's; `judgedAccuracy`, a judged field's accuracy from the judge corrected by people's grades,
     * with `field`; `schemaValidRate`; `errorRate`), a latency in milliseconds, or a cost in USD.
     */
    metric: z.enum(THRESHOLD_METRICS),
    /** Only this model. @default every model */
    model: z.string().optional(),
    /** Only this field (fieldAccuracy; judgedAccuracy needs one). */
    field: z.string().optional(),
    /** The lowest passing value; give `min`, `max` or both. */
    min: z.number().optional(),
    /** The highest passing value; give `min`, `max` or both. */
    max: z.number().optional(),
    /**
     * Only the cases whose meta key has this value: one key, named in `slices` (fieldAccuracy only).
     * @example slice: { language: "ja" }
     */
    slice: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict()
  .refine((t) => t.min !== undefined || t.max !== undefined, { message: "give min or max" })
  .refine((t) => t.field === undefined || t.metric === "fieldAccuracy" || t.metric === "judgedAccuracy", {
    message: "field applies to metrics fieldAccuracy and judgedAccuracy only",
  })
  .refine((t) => t.metric !== "judgedAccuracy" || t.field !== undefined, {
    message: "judgedAccuracy needs the field it is about",
  })
  .refine((t) => t.slice === undefined || t.metric === "fieldAccuracy", {
    message: "slice applies to metric fieldAccuracy only",
  })
  .refine((t) => t.slice === undefined || Object.keys(t.slice).length === 1, {
    message: 'slice names one meta key and its value, e.g. { language: "ja" }',
  });

export const gatesSchema = z
  .object({
    /**
     * Limits every run must meet, each `{ metric, model?, field?, slice?, min?, max? }`. A limit on an accuracy or a rate
     * is judged with its 95% interval (see `policy`); latency and cost limits compare the point estimate.
     * @default none
     * @example thresholds: [{ metric: "fieldAccuracy", min: 0.9 }, { metric: "latencyMs.p95", max: 3000 }]
     */
    thresholds: z.array(threshold).default([]),
    /**
     * Compares the run with a committed baseline on the calls both share, per model and field (McNemar's exact
     * test) and overall (a paired bootstrap clustered by call); a significant drop larger than `maxDrop` fails.
     * @default none
     * @example regression: { baseline: "reports/baseline/summary.json", maxDrop: 0.02, alpha: 0.05 }
     */
    regression: z
      .object({
        /** The baseline: a baseline file (from --save-baseline) or a summary.json path. */
        baseline: z.string().min(1),
        /** The largest drop in accuracy tolerated (absolute, 0.02 = 2 points). @default 0.02 */
        maxDrop: z.number().min(0).max(1).default(0.02),
        /** Significance level of the tests. @default 0.05 */
        alpha: z.number().gt(0).lt(1).default(0.05),
        /** Largest tolerated relative increase of mean latency per call (0.2 = +20%). @default 0.25 */
        maxLatencyIncrease: z.number().min(0).default(0.25),
        /** Largest tolerated relative increase of mean cost per call. @default 0.1 */
        maxCostIncrease: z.number().min(0).default(0.1),
        /** Bootstrap resamples for overall accuracy, latency and cost. @default 2000 */
        resamples: z.number().int().min(100).default(2000),
      })
      .strict()
      .optional(),
    /**
     * How a threshold on an accuracy (or rate) treats its 95% interval: "lower-bound" passes only when the
     * interval clears the limit and calls it inconclusive when only the point estimate does; "point"
     * compares the point estimate alone. @default "lower-bound"
     */
    policy: z.enum(["lower-bound", "point"]).default("lower-bound"),
  })
  .strict();

export const reviewSettings = z
  .object({
    /** Share of review cases shown to two reviewers, blind, for inter-rater agreement (0..1). @default 0 */
    overlap: z.number().min(0).max(1).default(0),
    /** A case shown to a reviewer is held for them this long without activity. @default 15 */
    leaseMinutes: z.number().positive().default(15),
    /** A free-text rating at or above this passes. @default 3 */
    passRating: z.number().int().min(1).max(5).default(3),
  })
  .strict();

export const configSchema = z
  .object({
    /** Name of the suite, shown in reports. */
    name: z.string().min(1),
    /** Dataset file: .jsonl or .csv. */
    dataset: z.string().min(1),
    /** Prompt template: {{transcript}}, {{knowledge_base}}, {{schema}}, {{meta.x}}. */
    prompt: z.string().min(1),
    /** Knowledge-base files, concatenated into {{knowledge_base}}. */
    knowledgeBase: z.union([z.string(), z.array(z.string())]).optional(),
    /** The zod object schema every output must satisfy. */
    schema: zodObjectSchema,
    /**
     * The models every case is sent to: a provider's API (`openai`, `anthropic`, or any OpenAI-compatible
     * server), outputs recorded earlier (`replay`), or a module of your own (`custom`).
     * @example models: [{ id: "gpt-4.1-mini", provider: "openai", model: "gpt-4.1-mini", params: { temperature: 0 } }]
     */
    models: z.array(modelConfig).min(1),
    /** Most calls in flight in all. @default 16 */
    concurrency: z.number().int().positive().default(16),
    /** How often each case is sent to each model. @default 1 */
    repeat: z.number().int().positive().default(1),
    /**
     * Longest transcript accepted, in characters (for a list of turns, their texts together). A longer one
     * stops the run before any call is made, naming its file and line.
     * @default 1_000_000
     * @example maxTranscriptChars: 2_000_000
     */
    maxTranscriptChars: z.number().int().positive().optional(),
    /** How field values are read before they are compared (see docs/matchers.md). */
    scoring: z
      .object({
        /** Region for phone numbers written without a country code. @default "US" */
        phoneRegion: z.string().length(2).default("US"),
        /** The meta key holding the call's date (YYYY-MM-DD), for relative dates. @default "callDate" */
        referenceDateKey: z.string().default("callDate"),
        /** The meta key that may hold a case's own phone region (e.g. "JP"), overriding phoneRegion. @default "phoneRegion" */
        phoneRegionKey: z.string().default("phoneRegion"),
      })
      .strict()
      .default({ phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" }),
    /**
     * Personal data replaced by placeholders ("[PHONE_1]", "[EMAIL_1]", "[CARD_1]") in the per-case part of
     * the prompt before it goes to a remote provider; the real values are put back into the answer before
     * validation and scoring, so accuracy is measured on them. The mapping is kept in memory only. Replays,
     * and models with `redact: false`, get the prompt unchanged. Numbers spoken as words are not found.
     * @default none
     * @example redact: ["phone", "email", "card"]
     */
    redact: z.array(z.enum(REDACT_KINDS)).optional(),
    /**
     * Meta keys to break accuracy down by: every report shows each model's accuracy, with 95% intervals, per
     * value of each key, and a threshold can name one (`slice: { language: "ja" }`). A value that is not a
     * string, number or boolean is sliced by its JSON text; cases without the key (or with null) are "(none)";
     * past the 50 most common values of a key, the rest are "(other)".
     * @default none
     * @example slices: ["language", "business"]
     */
    slices: z
      .array(z.string().min(1))
      .refine((keys) => new Set(keys).size === keys.length, { message: "slice keys must be unique" })
      .optional(),
    /**
     * Where the store lives: a SQLite file (relative to the config), or a PostgreSQL database's `postgres://`
     * address for a team on one store. Keep a password out of the config: CALLGRADE_STORE overrides this.
     * @default ".callgrade/callgrade.db"
     */
    store: z.string().optional(),
    /** Where reports are written. @default "reports" */
    reportsDir: z.string().optional(),
    /**
     * The voice stage: speech recognisers that transcribe each case's `audio`. Every model then extracts
     * from each recogniser's transcript as well as from the dataset's reference transcript, and the report
     * shows each recogniser's word error rate and what it costs each field (the recognition penalty).
     * @default none
     * @example asr: { recognisers: [{ id: "sphinx", provider: "pocketsphinx" }] }
     */
    asr: z
      .object({
        /**
         * Speech recognisers for the cases that have `audio`; every model that reads text also runs on each
         * one's transcripts, as `<model>@<recogniser>`.
         */
        recognisers: z
          .array(asrRecogniserSchema)
          .min(1)
          .refine((list) => new Set(list.map((r) => r.id)).size === list.length, {
            message: "recogniser ids must be unique",
          }),
        /** Files being recognised at once, over all recognisers. @default 4 */
        concurrency: z.number().int().positive().default(4),
      })
      .strict()
      .optional(),
    /**
     * A judge model that grades free-text answers (and, when named, fields on cases without gold): after
     * the models answer, it is sent each valid answer of the judged fields with the transcript, the field's
     * rubric and the gold when there is one, and returns a verdict (pass, a 1–5 score, a one-line reason). Any model callgrade can call, a replay
     * for recorded verdicts included; its calls are cached, retried, priced and resumed like every other.
     * @default none
     * @example judge: { model: { id: "judge", provider: "openai", model: "gpt-4.1" } }
     */
    judge: z
      .object({
        /** The model that judges, configured as under `models` (it need not be one of them). */
        model: modelConfig,
        /**
         * The fields it grades: free-text fields, and fields a matcher compares, which it grades on the
         * cases without gold for them. @default every free-text field
         */
        fields: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .optional(),
    /** CI gates (thresholds, baseline regression); checked by `callgrade gate`. */
    gates: gatesSchema.optional(),
    /** Human review settings; used by `callgrade review`. */
    review: reviewSettings.default({ overlap: 0, leaseMinutes: 15, passRating: 3 }),
  })
  .strict();

export type ModelConfig = z.infer<typeof modelConfig>;
export type ReviewSettings = z.output<typeof reviewSettings>;
export type GatesConfig = z.output<typeof gatesSchema>;
export type ThresholdConfig = GatesConfig["thresholds"][number];
export type OpenAIModelConfig = z.infer<typeof openaiModel>;
export type AnthropicModelConfig = z.infer<typeof anthropicModel>;
export type ReplayModelConfig = z.infer<typeof replayModel>;
export type CustomModelConfig = z.infer<typeof customModel>;
export type AsrConfig = NonNullable<Config["asr"]>;
export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
