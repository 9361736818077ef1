// What the CLI says about a run that is not complete: which cases have no answer, and the command that
// continues it.
import type { BatchInfo } from "../../api/batches.js";
import { inert } from "../../core/inert.js";
import { followUp, type Where } from "../shell.js";

const SHOWN = 10;
/** Longest id shown whole: an id is untrusted text, and a 10 MB one would flood the terminal. */
const ID_CHARS = 80;

function shortId(id: string): string {
  return id.length <= ID_CHARS ? id : `${id.slice(0, ID_CHARS - 1)}…`;
}

export interface Incompleteness {
  runId: string;
  /** The run was stopped (or killed) before it finished. */
  interrupted: boolean;
  unscored: Record<string, string[]>;
  /** Some calls failed in a way a resume sends again. */
  retryable: boolean;
  /** The run's provider batches. */
  batches?: readonly BatchInfo[];
}

/** "gpt-4.1: batch_abc in_progress, 4000 of 10000 answered, expires 2026-12-08T20:00:00.000Z". */
export function batchLine(batch: BatchInfo): string {
  const id = batch.batchId === null ? "a submission not yet answered" : inert(batch.batchId);
  const status = batch.status === null ? "" : ` ${inert(batch.status)}`;
  const done = `, ${batch.succeeded + batch.failed} of ${batch.requests} done${batch.failed > 0 ? ` (${batch.failed} failed)` : ""}`;
  const expires = batch.expiresAt === null ? "" : `, expires ${inert(batch.expiresAt)}`;
  return `${inert(batch.modelId)}: ${id}${status}${done}${expires}`;
}

/** The lines for stderr, each naming model and cases; none for a complete run. */
export function incompleteLines(run: Incompleteness, where: Where): string[] {
  const resume = followUp(["run", "--resume", run.runId], where);
  const lines: string[] = [];
  const waiting = (run.batches ?? []).filter((batch) => batch.state !== "collected");
  if (waiting.length > 0) {
    const noun = waiting.length === 1 ? "batch is" : "batches are";
    lines.push(
      `run ${run.runId}: ${waiting.length} ${noun} still with the provider; what came back is stored:`,
    );
    for (const batch of waiting) lines.push(`  ${batchLine(batch)}`);
    lines.push(`collect them (it waits for them; add --no-wait to look once) with: ${resume}`);
  } else if (run.interrupted) {
    lines.push(`run ${run.runId} was stopped; what finished is stored. Resume with: ${resume}`);
  }
  const batched = new Set(waiting.map((batch) => batch.modelId));
  for (const [model, cases] of Object.entries(run.unscored)) {
    // Its answers are in the batches listed above.
    if (batched.has(model)) continue;
    const shown = cases
      .slice(0, SHOWN)
      .map((id) => shortId(inert(id)))
      .join(", ");
    const more = cases.length > SHOWN ? `, and ${cases.length - SHOWN} more` : "";
    const noun = cases.length === 1 ? "case" : "cases";
    lines.push(`${inert(model)}: no answer for ${cases.length} ${noun} (${shown}${more})`);
  }
  if (!run.interrupted && run.retryable) {
    lines.push(
      `calls that failed transiently (rate limit, timeout, 5xx, network) are sent again by: ${resume}`,
    );
  }
  return lines;
}
