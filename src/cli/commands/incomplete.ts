// What the CLI says about a run that is not complete: which cases have no answer, and the command that
// continues it.
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
}

/** The lines for stderr, each naming model and cases; none for a complete run. */
export function incompleteLines(run: Incompleteness, where: Where): string[] {
  const resume = followUp(["run", "--resume", run.runId], where);
  const lines: string[] = [];
  if (run.interrupted) {
    lines.push(`run ${run.runId} was stopped; what finished is stored. Resume with: ${resume}`);
  }
  for (const [model, cases] of Object.entries(run.unscored)) {
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
