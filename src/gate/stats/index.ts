// Statistics the gate decides with. Which function answers which check:
// - Per model and field, candidate vs baseline on shared calls scored in both:
//   `mcnemarExact(b, c)` for the p-value and `pairedDifferenceInterval(b, c, n)`
//   for the change in accuracy, b = right → wrong, c = wrong → right.
// - Overall field accuracy, latency and cost: `bootstrapMeanDifference` on one
//   number per shared call (candidate − baseline); `pairedBootstrap` only for
//   statistics that are not a mean of per-call values.
// - "Too few calls to see maxDrop": `mcnemarSampleSize({ drop: maxDrop, discordance: (b + c) / n, alpha })`,
//   with alpha the level the family leaves one check (α/K under Holm).
// - One gate's checks share its error rate: `holmAdjust` over their p-values (see ../family.ts).

export { seededRandom } from "../../core/random.js";
export { binomialPmf, type McNemarResult, mcnemarExact } from "./binomial.js";
export {
  type BootstrapOptions,
  type BootstrapResult,
  bootstrapMeanDifference,
  pairedBootstrap,
} from "./bootstrap.js";
export { holmAdjust } from "./holm.js";
export { normalQuantile, normalUpperTail } from "./normal.js";
export { type PairedDifference, pairedDifferenceInterval } from "./paired-interval.js";
export { type McNemarSampleSizeInput, mcnemarSampleSize } from "./sample-size.js";
