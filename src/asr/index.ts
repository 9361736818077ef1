// Speech recognition scoring: normalisation, sclite-compatible alignment, word and character error rates.
export { type AlignedPair, type Alignment, type AlignOp, align, SCLITE_WEIGHTS } from "./align.js";
export {
  charErrors,
  type ErrorCounts,
  type ErrorOptions,
  errorRate,
  NORMALISATION_VERSION,
  sumCounts,
  wordErrors,
} from "./error-rate.js";
export { type AsrLang, detectLang, normaliseForAsr } from "./normalise.js";
