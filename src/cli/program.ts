// Commander wiring only: flags in, one handler call per command. Handlers are passed in so parsing is testable.
import { Command, InvalidArgumentError, Option } from "commander";
import { packageVersion } from "../core/package-root.js";
import type { PerturbFlags } from "./commands/perturb.js";
import { say, warn } from "./output.js";
import type { Where } from "./shell.js";

export interface RunFlags {
  /** Write into --out even when it holds other files. */
  force?: boolean;
  /** Reporter names or module paths. */
  reporter?: string[];
  config?: string;
  models?: string[];
  limit?: number;
  concurrency?: number;
  repeat?: number;
  out?: string;
  store?: string;
  cache: boolean;
  /** true: the default path; a string: that file. */
  saveBaseline?: boolean | string;
  /** true: the latest unfinished run; a string: that run. */
  resume?: boolean | string;
  /** Every OpenAI and Anthropic model through its provider's batch API. */
  batch?: boolean;
  /** false (--no-wait): submit the batches and exit, leaving them for a resume. */
  wait: boolean;
}

export interface BatchesFlags {
  config?: string;
  store?: string;
  json?: boolean;
}

export interface ReportFlags {
  /** Write into --out even when it holds other files. */
  force?: boolean;
  /** Reporter names or module paths. */
  reporter?: string[];
  config?: string;
  out?: string;
  store?: string;
}

export interface ReviewFlags {
  run?: string;
  reviewer?: string;
  field?: string;
  model?: string;
  shuffle?: boolean;
  config?: string;
  store?: string;
}

export interface ExportGoldFlags {
  run?: string;
  out?: string;
  config?: string;
  store?: string;
}

export interface GateFlags {
  /** Write into --out even when it holds other files. */
  force?: boolean;
  /** Reporter names or module paths. */
  reporter?: string[];
  run?: string;
  baseline?: string;
  junit?: string;
  out?: string;
  strict?: boolean;
  config?: string;
  store?: string;
}

export interface CompareFlags {
  out?: string;
  store?: string;
  config?: string;
}

export interface BaselineFlags {
  out?: string;
  store?: string;
  config?: string;
}

export interface RunsFlags {
  config?: string;
  store?: string;
  /** Only this suite's runs (default: the config's suite; every suite without a config). */
  suite?: string;
  limit?: number;
  json?: boolean;
}

export interface Handlers {
  run(flags: RunFlags): Promise<number>;
  report(runId: string | undefined, flags: ReportFlags): Promise<number>;
  init(dir: string | undefined): Promise<number>;
  review(flags: ReviewFlags): Promise<number>;
  exportGold(flags: ExportGoldFlags): Promise<number>;
  gate(flags: GateFlags): Promise<number>;
  compare(runA: string, runB: string, flags: CompareFlags): Promise<number>;
  baseline(runId: string | undefined, flags: BaselineFlags): Promise<number>;
  perturb(flags: PerturbFlags): Promise<number>;
  runs(flags: RunsFlags): Promise<number>;
  batches(runId: string | undefined, flags: BatchesFlags): Promise<number>;
  storeCopy(from: string, to: string): Promise<number>;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

function idList(value: string): string[] {
  return value
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
}

/** Builds the program; `result.code` holds the handler's exit code after `parseAsync`. */
export interface ProgramResult {
  code: number;
  /** The --config and --store the command was given, for commands printed after an error. */
  where?: Where;
}

export function createProgram(handlers: Handlers, result: ProgramResult): Command {
  const program = new Command("callgrade")
    .description(
      "Evaluate voice-to-structured-data pipelines: several models, zod validation, field-level scores.",
    )
    .version(packageVersion(), "-V, --version", "print the installed version")
    .showHelpAfterError("(run with --help for usage)")
    // A bad flag reads like every other usage error: "callgrade: ...". Subcommands inherit this.
    // Flags can carry anything the user pasted: commander's text goes out inert, like every other line.
    .configureOutput({
      writeOut: say,
      writeErr: warn,
      outputError: (text, write) => write(`callgrade: ${text.replace(/^error: /, "")}`),
    })
    .exitOverride()
    .hook("preAction", (_program, action) => {
      const { config, store } = action.opts<{ config?: string; store?: string }>();
      result.where = { ...(config ? { config } : {}), ...(store ? { store } : {}) };
    });
  const store = new Option(
    "--store <path>",
    "the SQLite store (default: .callgrade/callgrade.db beside the config)",
  );
  const force = () =>
    new Option(
      "--force",
      "write into the --out folder even when it holds files that are not callgrade's reports",
    );
  const reporter = () =>
    new Option(
      "--reporter <names>",
      "comma-separated: console, json, markdown, html, junit, github, or a path to your own reporter module (default: all of them)",
    ).argParser(idList);
  const config = new Option(
    "--config <file>",
    "config file (default: callgrade.config.{ts,mts,mjs,js} here)",
  );

  program
    .command("run")
    .description("run the suite: every case through every model, validated, scored and reported")
    .addOption(config)
    .option("--models <ids>", "only these model ids, comma-separated", idList)
    .option("--limit <n>", "only the first N cases", positiveInt)
    .option("--concurrency <n>", "most calls in flight in all", positiveInt)
    .option("--repeat <n>", "send each case to each model N times", positiveInt)
    .option("--out <dir>", "write the report files here (default: reports/<runId> beside the config)")
    .addOption(store)
    .option("--no-cache", "send every call, even ones answered before")
    .addOption(reporter())
    .addOption(force())
    .option(
      "--resume [runId]",
      "continue a stopped or killed run, or collect its batches (default: the latest unfinished one)",
    )
    .option("--batch", "send every OpenAI and Anthropic model's calls through the provider's batch API")
    .option(
      "--no-wait",
      "submit the batches (and collect those ended) and exit; resume later to collect the rest",
    )
    .option(
      "--save-baseline [file]",
      "also write this run as the baseline to commit (default: reports/baseline/summary.json)",
    )
    .action(async (flags: RunFlags) => {
      result.code = await handlers.run(flags);
    });

  program
    .command("report [runId]")
    .description("print and write the report of a run (default: the latest), re-scoring its stored outputs")
    .addOption(config)
    .option("--out <dir>", "write the report files here (default: reports/<runId> beside the config)")
    .addOption(reporter())
    .addOption(force())
    .addOption(store)
    .action(async (runId: string | undefined, flags: ReportFlags) => {
      result.code = await handlers.report(runId, flags);
    });

  program
    .command("store")
    .description("move a store: `store copy FROM TO` copies its runs, grades and cache, e.g. into PostgreSQL")
    .command("copy <from> <to>")
    .description(
      "copy every run FROM holds that TO does not (SQLite files or postgres:// addresses), with grades and cache, checked by counts and by scoring both",
    )
    .action(async (from: string, to: string) => {
      result.code = await handlers.storeCopy(from, to);
    });

  program
    .command("runs")
    .description("list a suite's runs, newest first: date, models, hashes, field accuracy per model, status")
    .addOption(config)
    .addOption(store)
    .option("--suite <name>", "only this suite's runs (default: the config's suite)")
    .option("--limit <n>", "at most N runs (default: 20)", positiveInt)
    .option("--json", "print the listing as JSON")
    .action(async (flags: RunsFlags) => {
      result.code = await handlers.runs(flags);
    });

  program
    .command("batches [runId]")
    .description(
      "list a run's provider batches (default: the latest run) as the store last heard of them; run --resume collects them",
    )
    .addOption(config)
    .addOption(store)
    .option("--json", "print them as JSON")
    .action(async (runId: string | undefined, flags: BatchesFlags) => {
      result.code = await handlers.batches(runId, flags);
    });

  program
    .command("review")
    .description("grade the review queue of a run in the terminal (default: the latest run)")
    .option("--run <id>", "the run to review (default: the latest)")
    .option("--reviewer <name>", "your name, stored with every grade (default: $USER)")
    .option("--field <name>", "only items of this field")
    .option("--model <id>", "only items where this model's answer is in question")
    .option("--shuffle", "random order (stable per reviewer), for unbiased sampling")
    .addOption(config)
    .addOption(store)
    .action(async (flags: ReviewFlags) => {
      result.code = await handlers.review(flags);
    });

  program
    .command("export-gold")
    .description("write the labels reviewers settled as dataset JSONL (id, transcript, gold)")
    .option("--run <id>", "the run (default: the latest)")
    .option("--out <file>", "where to write (default: reports/<runId>/gold.jsonl)")
    .addOption(config)
    .addOption(store)
    .action(async (flags: ExportGoldFlags) => {
      result.code = await handlers.exportGold(flags);
    });

  program
    .command("gate")
    .description(
      "check the config's gates: thresholds, and regression against the baseline (exit 1 when it fails)",
    )
    .option("--run <id>", "the candidate run (default: the latest)")
    .option("--baseline <path|runId>", "baseline file or run id (default: gates.regression.baseline)")
    .option("--junit <file>", "also write junit.xml here")
    .option("--out <dir>", "write the reports here (default: reports/<runId>)")
    .option("--strict", "fail on inconclusive checks too")
    .addOption(reporter())
    .addOption(force())
    .addOption(config)
    .addOption(store)
    .action(async (flags: GateFlags) => {
      result.code = await handlers.gate(flags);
    });

  program
    .command("compare <runA> <runB>")
    .description(
      "per model and field, what changed from run A to run B: accuracy, interval, p-value, flipped calls",
    )
    .option("--out <file>", "also write the comparison as Markdown")
    .addOption(config)
    .addOption(store)
    .action(async (runA: string, runB: string, flags: CompareFlags) => {
      result.code = await handlers.compare(runA, runB, flags);
    });

  program
    .command("baseline [runId]")
    .description("write a run (default: the latest) as a baseline file to commit, with its per-call outcomes")
    .option("--out <file>", "where (default: reports/baseline/summary.json)")
    .addOption(config)
    .addOption(store)
    .action(async (runId: string | undefined, flags: BaselineFlags) => {
      result.code = await handlers.baseline(runId, flags);
    });

  program
    .command("perturb <dataset>")
    .description(
      "write noisy copies of a dataset at measured word error rates (with the originals as level 0), to run for robustness",
    )
    .option(
      "--wer <levels>",
      "word error rates, comma-separated, each above 0 and at most 0.5",
      "0.05,0.1,0.2",
    )
    .option("--seed <n>", "seed for the noise: the same seed gives the same file", "1")
    .option("--out <file>", "where to write the JSONL (default: <dataset>.noisy.jsonl next to it)")
    .action(async (dataset: string, flags: Omit<PerturbFlags, "dataset">) => {
      result.code = await handlers.perturb({ dataset, ...flags });
    });

  program
    .command("init [dir]")
    .description("scaffold a working suite (config, dataset, prompt, schema) in DIR (default: here)")
    .action(async (dir: string | undefined) => {
      result.code = await handlers.init(dir);
    });

  return program;
}
