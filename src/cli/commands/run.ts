import { run } from "../../api/run.js";
import { reviewItems } from "../../summary/review-wording.js";
import { tuneHeap } from "../heap.js";
import { say, warn } from "../output.js";
import type { RunFlags } from "../program.js";
import { createProgress } from "../progress/index.js";
import { followUp, type Where } from "../shell.js";
import { stopOnSignal } from "../stop.js";
import { display, optional, reporters, requiredSuite } from "./context.js";
import { incompleteLines } from "./incomplete.js";

export async function runCommand(flags: RunFlags): Promise<number> {
  // Only a run allocates enough for heap sizing to matter; a short command would pay for the extra collections.
  tuneHeap();
  const where = { ...optional("config", flags.config), ...optional("store", flags.store) };
  // Listening from the start: a signal while the config or the dataset is read must stop the command too.
  const stop = stopOnSignal(() => `Resume with: ${followUp(["run", "--resume"], where)}`);
  try {
    return await runWith(flags, where, stop.signal);
  } finally {
    stop.release();
  }
}

async function runWith(flags: RunFlags, where: Where, signal: AbortSignal): Promise<number> {
  const suite = await requiredSuite(flags);
  const chosen = await reporters(flags.reporter);
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
      ...optional("force", flags.force),
      ...optional("resume", flags.resume),
      ...batchChoice(flags),
      ...optional("saveBaseline", flags.saveBaseline),
      cache: flags.cache,
      reporters: [{ name: "progress", onRunEvent: progress.listener, onReport: stopProgress }, ...chosen],
      print: (text) => say(`\n${text}\n\n`),
      signal,
      env: process.env,
    });
    if (result.files.length > 0) say(`report: ${result.files.map(display).join(", ")}\n`);
    if (result.baselineFile) {
      const file = display(result.baselineFile);
      say(
        `baseline: ${file} (commit it; gate against it with: ${followUp(["gate", "--baseline", file], where)})\n`,
      );
    }
    const queued = result.summary.review.queued;
    if (queued > 0) {
      say(
        `review: ${reviewItems(queued)} queued; open them with: ${followUp(["review", "--run", result.runId], where)}\n`,
      );
    }
    for (const line of incompleteLines({ ...result, interrupted: result.status === "interrupted" }, where)) {
      warn(`${line}\n`);
    }
    return result.exitCode;
  } finally {
    stopProgress();
  }
}

/** --batch and --no-wait as the API's choice; CALLGRADE_BATCH_POLL_MS sets the first wait between polls. */
function batchChoice(flags: RunFlags) {
  const pollMs = Number(process.env.CALLGRADE_BATCH_POLL_MS);
  const poll = Number.isFinite(pollMs) && pollMs > 0 ? { pollMs } : {};
  if (!flags.batch && flags.wait !== false && !("pollMs" in poll)) return {};
  return { batch: { all: flags.batch === true, wait: flags.wait !== false, ...poll } };
}
