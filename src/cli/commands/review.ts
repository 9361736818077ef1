import { userInfo } from "node:os";
import { openReview } from "../../api/review.js";
import { inCi } from "../../core/ci.js";
import { CallgradeError } from "../../core/errors.js";
import { inert } from "../../core/inert.js";
import type { ReviewProgress } from "../../review/types.js";
import { gradedLine } from "../../summary/review-wording.js";
import { say } from "../output.js";
import type { ReviewFlags } from "../program.js";
import { followUp, type Where } from "../shell.js";
import { optional, optionalSuite } from "./context.js";

function defaultReviewer(): string {
  const fromEnv = process.env.USER ?? process.env.USERNAME;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return "";
  }
}

/**
 * The screen is loaded on demand (Ink and React cost start-up time every other command would pay). A person is
 * at this terminal, so a CI variable left in their shell must not switch Ink to its log-only CI mode, which
 * Ink decides once, when it is first imported.
 */
async function loadScreen() {
  if (inCi(process.env)) process.env.CI = "false";
  return import("../../review/tui/index.js");
}

/** The queue's filters as the flags that chose them, for the messages and the resume command. */
export interface QueueFilter {
  field?: string;
  model?: string;
}

function filterFlags(filter: QueueFilter): string[] {
  return [
    ...(filter.field === undefined ? [] : ["--field", filter.field]),
    ...(filter.model === undefined ? [] : ["--model", filter.model]),
  ];
}

/** What the reviewer is told on quitting, in review items like every other count; resume only if work is left. */
export function quitMessage(
  reviewer: string,
  runId: string,
  progress: ReviewProgress,
  where: Where,
  filter: QueueFilter = {},
): string {
  const today = `${progress.gradedToday} graded today`;
  const report = `see the numbers: ${followUp(["report", runId], where)}\n`;
  const flags = filterFlags(filter);
  // Counts under a filter are of the filtered queue: say which, so "nothing to grade" is not read as the run's.
  const scope = flags.length === 0 ? "" : ` (${flags.map(inert).join(" ")})`;
  if (progress.total === 0) {
    const whole =
      flags.length === 0 ? "" : `the whole queue: ${followUp(["review", "--run", runId], where)}\n`;
    return `run ${runId} has no review items${scope}: nothing to grade.\n${whole}${report}`;
  }
  const line = `${inert(reviewer)} ${gradedLine(progress)}${scope} in run ${runId} (${today}).\n`;
  if (progress.left > 0)
    return `${line}resume with: ${followUp(["review", "--run", runId, ...flags], where)}\n`;
  return `${line}the review queue is finished for ${inert(reviewer)}; ${report}`;
}

/** Opens the review screen on a run's queue; every grade is stored the moment it is made. */
export async function reviewCommand(flags: ReviewFlags): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CallgradeError(
      "USAGE",
      "callgrade review needs an interactive terminal (stdin and stdout a TTY)",
    );
  }
  const suite = await optionalSuite(flags);
  const reviewer = flags.reviewer ?? defaultReviewer();
  const review = openReview(suite, {
    reviewer,
    ...optional("runId", flags.run),
    ...optional("store", flags.store),
    ...optional("field", flags.field),
    ...optional("model", flags.model),
    ...optional("shuffle", flags.shuffle),
  });
  try {
    const { run, session } = review;
    const where = { ...optional("config", flags.config), ...optional("store", flags.store) };
    const filter = { ...optional("field", flags.field), ...optional("model", flags.model) };
    // An empty queue needs no screen: say so, and offer nothing to resume.
    if (session.progress().total === 0) {
      say(quitMessage(reviewer, run.id, session.progress(), where, filter));
      return 0;
    }
    const { runReviewApp } = await loadScreen();
    await runReviewApp(session, {
      passRating: run.review.passRating,
      scoring: run.scoring,
      ...optional("schema", suite?.config.schema),
    });
    say(quitMessage(reviewer, run.id, session.progress(), where, filter));
    return 0;
  } finally {
    review.close();
  }
}
