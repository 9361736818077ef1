import { run } from "../../api/run.js";
import { inert } from "../../core/inert.js";
import { tuneHeap } from "../heap.js";
import type { RunFlags } from "../program.js";
import { createProgress } from "../progress/index.js";
import { followUp } from "../shell.js";
import { display, optional, reporters, requiredSuite } from "./context.js";

export async function runCommand(flags: RunFlags): Promise<number> {
  // Only a run allocates enough for heap sizing to matter; a short command would pay for the extra collections.
  tuneHeap();
  const suite = await requiredSuite(flags);
  const chosen = await reporters(flags.reporter);
  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) process.stderr.write("\nstopping: waiting for calls in flight to end…\n");
    controller.abort();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const progress = await createProgress(process.stderr, process.env);
  let stopped = false;
  const stopProgress = () => {
    if (!stopped) progress.stop();
    stopped = true;
  };
  try {
    const result = await run(suite, {
      ...optional("models", flags.models),
      ...optional("limit", flags.limit),
      ...optional("concurrency", flags.concurrency),
      ...optional("repeat", flags.repeat),
      ...optional("store", flags.store),
      ...optional("out", flags.out),
      ...optional("resume", flags.resume),
      ...optional("saveBaseline", flags.saveBaseline),
      cache: flags.cache,
      reporters: [{ name: "progress", onRunEvent: progress.listener, onReport: stopProgress }, ...chosen],
      print: (text) => process.stdout.write(`\n${text}\n\n`),
      signal: controller.signal,
      env: process.env,
    });
    const where = { ...optional("config", flags.config), ...optional("store", flags.store) };
    if (result.files.length > 0) process.stdout.write(`report: ${result.files.map(display).join(", ")}\n`);
    if (result.baselineFile) {
      const file = display(result.baselineFile);
      process.stdout.write(
        `baseline: ${file} (commit it; gate against it with: ${followUp(["gate", "--baseline", file], where)})\n`,
      );
    }
    const queued = result.summary.review.queued;
    if (queued > 0) {
      process.stdout.write(
        `review: ${queued} ${queued === 1 ? "item" : "items"} queued; open them with: ${followUp(["review", "--run", result.runId], where)}\n`,
      );
    }
    if (result.status === "interrupted") {
      process.stderr.write(
        `run ${result.runId} was stopped; what finished is stored. Resume with: ${followUp(["run", "--resume", result.runId], where)}\n`,
      );
    }
    for (const [model, cases] of Object.entries(result.unscored)) {
      const shown = cases.slice(0, 10).map(inert).join(", ");
      const more = cases.length > 10 ? `, and ${cases.length - 10} more` : "";
      process.stderr.write(
        `${inert(model)}: no answer for ${cases.length} ${cases.length === 1 ? "case" : "cases"} (${shown}${more})\n`,
      );
    }
    if (result.status !== "interrupted" && result.retryable) {
      process.stderr.write(
        `calls that failed transiently (rate limit, timeout, 5xx, network) are sent again by: ${followUp(["run", "--resume", result.runId], where)}\n`,
      );
    }
    return result.exitCode;
  } finally {
    stopProgress();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
