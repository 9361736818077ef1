import path from "node:path";
import { loadConfig } from "../../config/load.js";
import type { RunSummary } from "../../core/summary.js";
import { renderConsole } from "../../report/console.js";
import { htmlReportData } from "../../report/html-data.js";
import { buildSummary } from "../../report/summary.js";
import { assertWritableDir, writeReports } from "../../report/write.js";
import { RETRYABLE_ON_RESUME, resumeSuite, runSuite } from "../../runner/index.js";
import type { RunFlags } from "../program.js";
import { createProgress } from "../progress/index.js";
import { DEFAULT_BASELINE, saveBaseline } from "./baseline.js";
import { display, optional, reportDir, reportRoot, storePath, withStore } from "./context.js";

export async function runCommand(flags: RunFlags): Promise<number> {
  const loaded = await loadConfig(process.cwd(), flags.config);
  // A report folder that cannot be written fails now, before the store is touched or a call is paid for.
  assertWritableDir(
    reportRoot(flags.out, { baseDir: loaded.baseDir, ...optional("reportsDir", loaded.config.reportsDir) }),
  );
  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) process.stderr.write("\nstopping: waiting for calls in flight to end…\n");
    controller.abort();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const storeFile = storePath(flags.store, {
    baseDir: loaded.baseDir,
    ...optional("store", loaded.config.store),
  });
  try {
    return await withStore(storeFile, async (store) => {
      const progress = await createProgress(process.stderr, process.env);
      let run: Awaited<ReturnType<typeof runSuite>>;
      try {
        const options = {
          ...optional("models", flags.models),
          ...optional("limit", flags.limit),
          ...optional("concurrency", flags.concurrency),
          ...optional("repeat", flags.repeat),
          useCache: flags.cache,
          signal: controller.signal,
          emit: progress.listener,
          env: process.env,
        };
        run = flags.resume
          ? await resumeSuite(
              loaded,
              store,
              typeof flags.resume === "string" ? flags.resume : undefined,
              options,
            )
          : await runSuite(loaded, store, options);
      } finally {
        progress.stop();
      }
      const summary = buildSummary(store, run);
      const dir = reportDir(flags.out, run.id, {
        baseDir: loaded.baseDir,
        ...optional("reportsDir", loaded.config.reportsDir),
      });
      const files = writeReports(dir, htmlReportData(store, run, summary));
      process.stdout.write(`\n${renderConsole(summary)}\n\n`);
      process.stdout.write(`report: ${files.map(display).join(", ")}\n`);
      if (flags.saveBaseline) {
        const target =
          typeof flags.saveBaseline === "string"
            ? path.resolve(flags.saveBaseline)
            : path.resolve(loaded.baseDir, DEFAULT_BASELINE);
        process.stdout.write(saveBaseline(store, run, target));
      }
      if (summary.review.queued > 0) {
        const storeFlag = flags.store ? ` --store ${flags.store}` : "";
        process.stdout.write(
          `review: ${summary.review.queued} items queued; open them with: npx callgrade review --run ${run.id}${storeFlag}\n`,
        );
      }
      return exitCode(summary);
    });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** 3 when some case has no answer from some model (errors, or a run stopped early), else 0. */
export function exitCode(summary: RunSummary): number {
  const unscored = Object.entries(summary.unscored);
  if (summary.status !== "interrupted" && unscored.length === 0) return 0;
  if (summary.status === "interrupted") {
    process.stderr.write(
      `run ${summary.runId} was stopped; what finished is stored. Resume with: npx callgrade run --resume ${summary.runId}\n`,
    );
  }
  for (const [model, cases] of unscored) {
    const shown = cases.slice(0, 10).join(", ");
    const more = cases.length > 10 ? `, and ${cases.length - 10} more` : "";
    process.stderr.write(`${model}: no answer for ${plural(cases.length, "case")} (${shown}${more})\n`);
  }
  const transient = summary.models.some((m) =>
    Object.keys(m.errorsByKind).some((kind) => (RETRYABLE_ON_RESUME as readonly string[]).includes(kind)),
  );
  if (summary.status !== "interrupted" && transient) {
    process.stderr.write(
      `calls that failed transiently (rate limit, timeout, 5xx, network) are sent again by: npx callgrade run --resume ${summary.runId}\n`,
    );
  }
  return 3;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
