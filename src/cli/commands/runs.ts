import { listRuns } from "../../api/runs.js";
import { renderRuns } from "../../report/runs.js";
import { say } from "../output.js";
import type { RunsFlags } from "../program.js";
import { optional, optionalSuite } from "./context.js";

/** Lists a suite's runs, newest first: text for people, `--json` for scripts. */
export async function runsCommand(flags: RunsFlags): Promise<number> {
  const suite = await optionalSuite(flags);
  const listing = await listRuns(suite, {
    ...optional("store", flags.store),
    ...optional("suiteName", flags.suite),
    ...optional("limit", flags.limit),
  });
  // JSON escapes control characters itself; `say` still makes the text inert.
  say(flags.json ? `${JSON.stringify(listing, null, 2)}\n` : `${renderRuns(listing.suite, listing.runs)}\n`);
  return 0;
}
