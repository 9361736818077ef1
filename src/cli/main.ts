// The only place that turns errors into exit codes. 0 ok · 1 gate failed · 2 usage/input error · 3 run incomplete.
import { CommanderError } from "commander";
import { CallgradeError } from "../core/errors.js";
import { inert } from "../core/inert.js";
import { baselineCommand } from "./commands/baseline.js";
import { compareCommand } from "./commands/compare.js";
import { exportGoldCommand } from "./commands/export-gold.js";
import { gateCommand } from "./commands/gate.js";
import { initCommand } from "./commands/init.js";
import { perturbCommand } from "./commands/perturb.js";
import { reportCommand } from "./commands/report.js";
import { reviewCommand } from "./commands/review.js";
import { runCommand } from "./commands/run.js";
import { tuneHeap } from "./heap.js";
import { createProgram, type Handlers } from "./program.js";

export const handlers: Handlers = {
  run: runCommand,
  report: reportCommand,
  init: initCommand,
  review: reviewCommand,
  exportGold: exportGoldCommand,
  gate: gateCommand,
  compare: compareCommand,
  baseline: baselineCommand,
  perturb: perturbCommand,
};

export async function main(argv: string[], use: Handlers = handlers): Promise<number> {
  tuneHeap();
  const result = { code: 0 };
  const program = createProgram(use, result);
  try {
    await program.parseAsync(argv);
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message already; --help and --version end with code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CallgradeError) {
      process.stderr.write(`callgrade: ${inert(error.message)}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `callgrade: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}
