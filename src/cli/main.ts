// The only place that turns errors into exit codes. 0 ok · 1 gate failed · 2 usage/input error · 3 run incomplete
// · 4 a disk failed (full, read-only) · 70 a bug.
import { CommanderError } from "commander";
import { CallgradeError, StorageError } from "../core/errors.js";
import { warn } from "./output.js";
import { createProgram, type Handlers, type ProgramResult } from "./program.js";
import { followUp } from "./shell.js";

// Each command's module loads only when that command runs: `--help` or `init` never pays for the runner,
// the store, the SDKs or Ink.
export const handlers: Handlers = {
  run: async (...args) => (await import("./commands/run.js")).runCommand(...args),
  report: async (...args) => (await import("./commands/report.js")).reportCommand(...args),
  init: async (...args) => (await import("./commands/init.js")).initCommand(...args),
  review: async (...args) => (await import("./commands/review.js")).reviewCommand(...args),
  exportGold: async (...args) => (await import("./commands/export-gold.js")).exportGoldCommand(...args),
  gate: async (...args) => (await import("./commands/gate.js")).gateCommand(...args),
  compare: async (...args) => (await import("./commands/compare.js")).compareCommand(...args),
  baseline: async (...args) => (await import("./commands/baseline.js")).baselineCommand(...args),
  perturb: async (...args) => (await import("./commands/perturb.js")).perturbCommand(...args),
  runs: async (...args) => (await import("./commands/runs.js")).runsCommand(...args),
  batches: async (...args) => (await import("./commands/batches.js")).batchesCommand(...args),
  storeCopy: async (...args) => (await import("./commands/store-copy.js")).storeCopyCommand(...args),
};

export async function main(argv: string[], use: Handlers = handlers): Promise<number> {
  const result: ProgramResult = { code: 0 };
  const program = createProgram(use, result);
  try {
    await program.parseAsync(argv);
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message already; --help and --version end with code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof StorageError && error.next) {
      // The command that completes the work, with the --config and --store this one was given.
      warn(`callgrade: ${error.withCommand(followUp([...error.next.args], result.where ?? {}))}\n`);
      return error.exitCode;
    }
    if (error instanceof CallgradeError) {
      warn(`callgrade: ${error.message}\n`);
      return error.exitCode;
    }
    // Not the user's input: a bug. Say so, and give what a report of it needs.
    const trace = error instanceof Error ? (error.stack ?? error.message) : String(error);
    warn(
      `callgrade: internal error (a bug in callgrade, not a problem with your input): ${trace}\n` +
        `callgrade: please report it with the command you ran and this message. What finished before it is stored.\n`,
    );
    return 70;
  }
}

/**
 * Ends the process now, for the moments waiting is worse: a second Ctrl-C, or a command still blocked long
 * after it was asked to stop. The only exit outside the normal return of `main`.
 */
export function exitNow(code: number): never {
  process.exit(code);
}
