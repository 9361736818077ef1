import { gate } from "../../api/gate.js";
import { say, warn } from "../output.js";
import type { GateFlags } from "../program.js";
import { display, optional, reporters, requiredSuite } from "./context.js";
import { incompleteLines } from "./incomplete.js";

export async function gateCommand(flags: GateFlags): Promise<number> {
  const suite = await requiredSuite(flags);
  const outcome = await gate(suite, {
    ...optional("runId", flags.run),
    ...optional("baseline", flags.baseline),
    ...optional("junit", flags.junit),
    ...optional("store", flags.store),
    ...optional("out", flags.out),
    ...optional("force", flags.force),
    strict: flags.strict === true,
    reporters: await reporters(flags.reporter),
    print: (text) => say(`${text}\n\n`),
    env: process.env,
  });
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  const reports = outcome.files.filter((file) => file !== summaryFile);
  if (reports.length > 0) say(`report: ${reports.map(display).join(", ")}\n`);
  if (summaryFile && outcome.files.includes(summaryFile)) say(`step summary: ${summaryFile}\n`);
  // An incomplete candidate cannot pass: its figures are not the change's (docs/ci.md, exit 3).
  const where = { ...optional("config", flags.config), ...optional("store", flags.store) };
  for (const line of incompleteLines(outcome, where)) warn(`${line}\n`);
  if (outcome.exitCode === 3) {
    warn(`gate: run ${outcome.runId} is incomplete, so it cannot pass the gate\n`);
  }
  return outcome.exitCode;
}
