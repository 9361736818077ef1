import { report } from "../../api/report.js";
import { say } from "../output.js";
import type { ReportFlags } from "../program.js";
import { display, optional, optionalSuite, reporters } from "./context.js";

/** Re-scores a stored run with the current matchers and grades and writes its report; no provider is called. */
export async function reportCommand(runId: string | undefined, flags: ReportFlags): Promise<number> {
  const suite = await optionalSuite(flags);
  const result = await report(suite, {
    ...optional("runId", runId),
    ...optional("store", flags.store),
    ...optional("out", flags.out),
    ...optional("force", flags.force),
    reporters: await reporters(flags.reporter),
    print: (text) => say(`${text}\n\n`),
    env: process.env,
  });
  if (result.files.length > 0) say(`report: ${result.files.map(display).join(", ")}\n`);
  return 0;
}
