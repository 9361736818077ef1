// Speech-recognition noise at a measured word error rate, for testing extraction without audio.
export {
  type LevelSummary,
  type NoiseMeta,
  type NoisyRow,
  type PerturbedDataset,
  perturbDataset,
  type SourceRow,
} from "./dataset.js";
export type { ErrorGenerator, Lang } from "./generator.js";
export { defaultOut, type PerturbFileOptions, type PerturbFileResult, perturbFile } from "./io.js";
export { detectLang } from "./lang.js";
export { checkLevels, levelTag, MAX_LEVEL, parseLevels, variantId } from "./levels.js";
export { errorTotal, measureTranscript } from "./measure.js";
export { type Perturbed, type PerturbOptions, perturbTranscript } from "./perturb.js";
export { ENGLISH, JAPANESE, type Weighted } from "./registry.js";
