import path from "node:path";
import { compare } from "../../api/compare.js";
import { writeAtomic } from "../../core/atomic-write.js";
import { renderCompare } from "../../report/compare.js";
import { say } from "../output.js";
import type { CompareFlags } from "../program.js";
import { display, optional, optionalSuite } from "./context.js";

/** Run A is the reference, run B the candidate; each is a run id in the store or a baseline file. */
export async function compareCommand(runA: string, runB: string, flags: CompareFlags): Promise<number> {
  const suite = await optionalSuite(flags);
  const comparison = await compare(suite, runA, runB, optional("store", flags.store));
  const text = renderCompare(comparison.checks, comparison.a, comparison.b);
  say(`${text}\n`);
  if (flags.out) {
    const file = writeAtomic(path.resolve(flags.out), `\`\`\`\n${text}\n\`\`\`\n`);
    say(`written to ${display(file)}\n`);
  }
  return 0;
}
