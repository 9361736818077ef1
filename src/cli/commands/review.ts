import { userInfo } from "node:os";
import { openReview } from "../../api/review.js";
import { inCi } from "../../core/ci.js";
import { CallgradeError } from "../../core/errors.js";
import { inert } from "../../core/inert.js";
import { say } from "../output.js";
import type { ReviewFlags } from "../program.js";
import { followUp } from "../shell.js";
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
    const { runReviewApp } = await loadScreen();
    await runReviewApp(session, {
      passRating: run.review.passRating,
      scoring: run.scoring,
      ...optional("schema", suite?.config.schema),
    });
    const progress = session.progress();
    const left = progress.total - (progress.position - 1);
    const where = { ...optional("config", flags.config), ...optional("store", flags.store) };
    say(
      `${progress.gradedToday} grades by ${inert(reviewer)} today; ${Math.max(left, 0)} cases left in run ${run.id}.\n` +
        (left > 0
          ? `resume with: ${followUp(["review", "--run", run.id], where)}\n`
          : `see the numbers: ${followUp(["report", run.id], where)}\n`),
    );
    return 0;
  } finally {
    review.close();
  }
}
