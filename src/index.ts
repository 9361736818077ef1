// The package's public API: what a user's callgrade.config.ts, scripts and tests import from "callgrade".

export { type SaveBaselineOptions, saveBaseline } from "./api/baseline.js";
export { type BatchInfo, type ListBatchesOptions, listBatches } from "./api/batches.js";
// Running it: one function per use case; none prints or exits unless given a reporter that prints.
export { type Comparison, compare } from "./api/compare.js";
export { type ExportGoldOptions, exportGold } from "./api/export-gold.js";
export { type GateOptions, type GateOutcome, gate } from "./api/gate.js";
export {
  baselineFile,
  DEFAULT_BASELINE,
  DEFAULT_STORE,
  reportDir,
  reportsRoot,
  storeFile,
} from "./api/places.js";
export { type ReportOptions, type ReportResult, report } from "./api/report.js";
export { type OpenReview, type OpenReviewOptions, openReview } from "./api/review.js";
export { type RunOptions, type RunResult, run } from "./api/run.js";
export { type HistoryRun, type ListRunsOptions, listRuns, type RunsListing } from "./api/runs.js";
export { findRun, type OpenStoreOptions, openStore, withStore } from "./api/store.js";
export { type CopyStoreOptions, type CopyStoreResult, copyStore } from "./api/store-copy.js";
export { parseSuite, suiteFromConfig } from "./api/suite.js";
// Writing a suite
export { defineConfig } from "./config/define.js";
export type { Config, ConfigInput, ModelConfig } from "./config/schema.js";
export type { Suite } from "./config/suite.js";
// What the functions return
export { CallgradeError, type ErrorCode } from "./core/errors.js";
export type { ModelSummary, RunSummary } from "./core/summary.js";
export type { Case, MatchSpec, Turn } from "./core/types.js";
export type { Baseline, GateCheck, GateResult } from "./gate/index.js";
export { loadSuite } from "./load/config.js";
export { loadReporters } from "./load/reporter.js";
// Reporters
export type { Reporter, ReportOutput } from "./report/reporter.js";
export { BUILTIN_REPORTERS, DEFAULT_REPORTERS } from "./report/reporters/index.js";
export type { RunEvent } from "./runner/events.js";
export type { RunRecord, Store } from "./store/index.js";
export type { ReportData } from "./summary/report-data-types.js";
