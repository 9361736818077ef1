import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type LoadedConfig, loadConfig } from "../../config/load.js";
import { type GatesConfig, gatesSchema } from "../../config/schema.js";
import { CallgradeError } from "../../core/errors.js";
import { inert } from "../../core/inert.js";
import { type Baseline, gateExitCode, runGate } from "../../gate/index.js";
import { baselineFromStore, readBaseline } from "../../report/baseline.js";
import { renderGateConsole } from "../../report/gate-console.js";
import { htmlReportData } from "../../report/html-data.js";
import { renderJunit } from "../../report/junit.js";
import { writeStepSummary } from "../../report/step-summary.js";
import { buildSummary } from "../../report/summary.js";
import { writeAtomic, writeReports } from "../../report/write.js";
import { scoreRun } from "../../runner/index.js";
import type { Store } from "../../store/index.js";
import type { GateFlags } from "../program.js";
import { display, optional, reportDir, storePath, withStore } from "./context.js";
import { findRun } from "./where.js";

export async function gateCommand(flags: GateFlags): Promise<number> {
  const loaded = await loadConfig(process.cwd(), flags.config);
  const gates = gatesFor(loaded, flags);
  const file = storePath(flags.store, { baseDir: loaded.baseDir, ...optional("store", loaded.config.store) });
  return withStore(file, async (store) => {
    const run = findRun(store, flags.run);
    scoreRun(store, run);
    const summary = buildSummary(store, run);
    const candidate = baselineFromStore(store, run, summary);
    const baseline = resolveBaseline(store, loaded, gates, flags.baseline);
    if (baseline?.runId === run.id) {
      throw new CallgradeError(
        "USAGE",
        `the baseline is run ${run.id} itself; pass --run with the candidate run`,
      );
    }
    const result = runGate(candidate, {
      gates,
      strict: flags.strict === true,
      ...optional("baseline", baseline),
    });
    const dir = reportDir(flags.out, run.id, {
      baseDir: loaded.baseDir,
      ...optional("reportsDir", loaded.config.reportsDir),
    });
    const files = writeReports(dir, htmlReportData(store, run, summary, result));
    if (flags.junit) files.push(writeAtomic(path.resolve(flags.junit), renderJunit(summary, result)));
    const markdown = files.find((f) => f.endsWith("report.md"));
    const summaryFile = markdown ? writeStepSummary(readFileSync(markdown, "utf8"), process.env) : undefined;
    process.stdout.write(`${renderGateConsole(result)}\n\nreport: ${files.map(display).join(", ")}\n`);
    if (summaryFile) process.stdout.write(`step summary: ${summaryFile}\n`);
    return gateExitCode(result);
  });
}

/** The config's gates; --baseline alone is enough to gate on regression with the default tolerances. */
function gatesFor(loaded: LoadedConfig, flags: GateFlags): GatesConfig {
  const configured = loaded.config.gates;
  if (configured?.regression || !flags.baseline) {
    if (!configured || (configured.thresholds.length === 0 && !configured.regression && !flags.baseline)) {
      throw new CallgradeError(
        "USAGE",
        `${loaded.file}: no gates configured; add gates.thresholds or gates.regression, or pass --baseline`,
      );
    }
    return configured;
  }
  return gatesSchema.parse({ ...configured, regression: { baseline: flags.baseline } });
}

/** --baseline as a file, else as a run id in the store; without it, the configured baseline file. */
function resolveBaseline(
  store: Store,
  loaded: LoadedConfig,
  gates: GatesConfig,
  flag: string | undefined,
): Baseline | undefined {
  if (flag) {
    const file = path.resolve(flag);
    if (existsSync(file)) return readBaseline(file);
    const run = store.runs.get(flag);
    if (!run) {
      throw new CallgradeError(
        "USAGE",
        `--baseline ${inert(flag)}: neither a baseline file nor a run in ${display(store.file)}`,
      );
    }
    scoreRun(store, run);
    return baselineFromStore(store, run, buildSummary(store, run));
  }
  if (!gates.regression) return undefined;
  return readBaseline(path.resolve(loaded.baseDir, gates.regression.baseline));
}
