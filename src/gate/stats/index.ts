// Statistics the gate decides with. Which function answers which check:
// - Per model and field, candidate vs baseline on shared calls scored in both:
//   `mcnemarExact(b, c, "less")` for the gate's p-value (a drop; two-sided for `compare`) and
//   `pairedDifferenceInterval(b, c, n)` for the change in accuracy, b = right → wrong, c = wrong → right.
// - Overall field accuracy, latency and cost: `bootstrapMeanDifference` on one
//   number per shared call (candidate − baseline) for the interval, and for latency's and cost's
//   p-value, one-sided in the direction the check fails; overall accuracy's p-value from
//   `signFlipMeanTest` on the same numbers. `pairedBootstrap` only for statistics that are not a
//   mean of per-call values.
// - "Too few calls to see maxDrop": `mcnemarSampleSize({ drop: maxDrop, discordance: (b + c) / n, alpha,
//   alternative: "one-sided" })`, with alpha the level the family leaves one check (α/K under Holm).
// - One gate's checks share its error rate: `holmAdjust` over their p-values (see ../family.ts).
// - A field's accuracy from a judge model calibrated on human grades: `ppiMean` (a uniformly random graded
//   subset) or `activePpiMean` (graded with known, unequal chances), shown beside `humanOnlyMean` and
//   `judgeOnlyMean`; "grades needed for an interval this narrow": `gradesForWidth`.

export { seededRandom } from "../../core/random.js";
export { type Alternative, binomialPmf, type McNemarResult, mcnemarExact } from "./binomial.js";
export {
  type BootstrapOptions,
  type BootstrapResult,
  bootstrapMeanDifference,
  pairedBootstrap,
} from "./bootstrap.js";
export { holmAdjust } from "./holm.js";
export { normalQuantile, normalUpperTail } from "./normal.js";
export { type PairedDifference, pairedDifferenceInterval } from "./paired-interval.js";
export {
  type ActivePpiMeanInput,
  activePpiMean,
  type GradesForWidthInput,
  gradesForWidth,
  humanOnlyMean,
  judgeOnlyMean,
  type MeanInterval,
  type PpiMeanInput,
  type PpiResult,
  ppiMean,
} from "./ppi.js";
export { type McNemarSampleSizeInput, mcnemarSampleSize } from "./sample-size.js";
export { type SignFlipOptions, type SignFlipResult, signFlipMeanTest } from "./sign-flip.js";
