// The only place that turns errors into exit codes. 0 ok · 1 gate failed · 2 usage/input error · 3 run incomplete.
import { CommanderError } from "commander";
import { CallgradeError } from "../core/errors.js";
import { inert } from "../core/inert.js";
import { createProgram, type Handlers } from "./program.js";

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
};

export async function main(argv: string[], use: Handlers = handlers): Promise<number> {
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
