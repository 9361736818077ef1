import { gate } from "../../api/gate.js";
import type { GateFlags } from "../program.js";
import { display, optional, reporters, requiredSuite } from "./context.js";

export async function gateCommand(flags: GateFlags): Promise<number> {
  const suite = await requiredSuite(flags);
  const outcome = await gate(suite, {
    ...optional("runId", flags.run),
    ...optional("baseline", flags.baseline),
    ...optional("junit", flags.junit),
    ...optional("store", flags.store),
    ...optional("out", flags.out),
    strict: flags.strict === true,
    reporters: await reporters(flags.reporter),
    print: (text) => process.stdout.write(`${text}\n\n`),
    env: process.env,
  });
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  const reports = outcome.files.filter((file) => file !== summaryFile);
  if (reports.length > 0) process.stdout.write(`report: ${reports.map(display).join(", ")}\n`);
  if (summaryFile && outcome.files.includes(summaryFile))
    process.stdout.write(`step summary: ${summaryFile}\n`);
  return outcome.exitCode;
}
