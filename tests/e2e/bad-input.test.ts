// The bad-input corpus (tests/fixtures/bad/<case>/): each case runs the real CLI and must end with one message
// naming the file (and line and field, where there is one) and what to do, exit 2, no stack trace, and nothing
// half-written in the store.
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { ROOT, runCli } from "../helpers/cli.js";

const BAD = path.join(ROOT, "tests", "fixtures", "bad");
// Root writes into a 0555 folder anyway; a path under a regular file fails (ENOTDIR) for everybody.
const IS_ROOT = process.getuid?.() === 0;

interface Paths {
  /** The case's folder: the committed one, or a temp copy for cases that generate input. */
  dir: string;
  tmp: string;
  store: string;
  out: string;
}

interface BadCase {
  name: string;
  /** What stderr must say, after "callgrade: ". */
  message: RegExp;
  /** Flags after `run --config ... --store ... --out ...`. */
  flags?: string[];
  /** Runs before the CLI; may point --store or --out elsewhere. */
  setup?: (paths: Paths) => Partial<Pick<Paths, "store" | "out">> | undefined;
  /** Run on a temp copy of the folder (for input generated at test time). */
  copy?: boolean;
  /** "untouched": a store file exists before the run and must be the same bytes after it. */
  store?: "untouched";
}

/** A folder that cannot hold new files: 0555 for a normal user, a path under a regular file for root. */
function readOnlyFolder(tmp: string): string {
  if (IS_ROOT) {
    writeFileSync(path.join(tmp, "a-file"), "");
    return path.join(tmp, "a-file", "sub");
  }
  const folder = path.join(tmp, "read-only");
  mkdirSync(folder);
  chmodSync(folder, 0o555);
  return folder;
}

// Deeper than V8's stack lets JSON.stringify, hashing or the store recurse (a few thousand levels).
const DEEP = 100_000;
const ROW_C1 = '{"id":"c1","transcript":"caller: Hi, this is Ana Ruiz."}';

function writeRows(dir: string, file: string, rows: string[]): void {
  writeFileSync(path.join(dir, file), `${rows.join("\n")}\n`);
}

const CASES: BadCase[] = [
  // Datasets
  {
    name: "csv-ragged-row",
    message: /calls\.csv:3: row has 4 cells but the header has 3 columns; quote cells that contain commas/,
  },
  {
    name: "csv-bom-no-transcript",
    message: /calls\.csv:1: header has no "transcript" column \(found "id", "text"\); add one/,
  },
  { name: "jsonl-invalid-utf8", message: /calls\.jsonl:2:37: is not valid UTF-8; save the file as UTF-8/ },
  { name: "dataset-empty", message: /calls\.jsonl: has no rows; add at least one case/ },
  { name: "dataset-blank-lines-only", message: /calls\.jsonl: has no rows; add at least one case/ },
  {
    name: "dataset-missing-file",
    message: /calls\.jsonl: file not found; check the dataset path in the config/,
  },
  {
    name: "dataset-txt-extension",
    message: /calls\.txt: unknown dataset format "\.txt"; use a \.jsonl .* or \.csv file/,
  },
  {
    name: "duplicate-ids",
    message: /calls\.jsonl:3: id: duplicate id "c1" \(first used on line 1\); every case needs its own id/,
  },
  { name: "missing-id", message: /calls\.jsonl:2: id: is missing; every row needs an id/ },
  {
    name: "missing-transcript",
    message: /calls\.jsonl:2: transcript: is missing; every row needs a transcript/,
  },
  {
    name: "transcript-not-text",
    message: /calls\.jsonl:2: transcript: must be a string or a list of turns/,
  },
  {
    name: "turn-without-text",
    message: /calls\.jsonl:1: transcript\[1\]\.text: is missing; every turn needs a speaker and a text/,
  },
  { name: "gold-not-object", message: /calls\.jsonl:1: gold: must be an object of expected field values/ },
  {
    name: "jsonl-invalid-json",
    message: /calls\.jsonl:2:50: invalid JSON \(.*\); each line must hold one complete JSON object/,
  },
  { name: "jsonl-row-not-object", message: /calls\.jsonl:2: a row must be a JSON object/ },
  {
    name: "jsonl-unknown-row-field",
    message: /calls\.jsonl:1: transcript: is missing; .*unknown field\(s\) "transcirpt": misspelt\?/,
  },
  {
    name: "transcript-20mb",
    copy: true,
    setup: ({ dir }) => {
      const transcript = "caller: hello ".repeat(1_500_000).slice(0, 20_000_000);
      writeFileSync(path.join(dir, "calls.jsonl"), `${JSON.stringify({ id: "huge", transcript })}\n`);
      return undefined;
    },
    message:
      /calls\.jsonl:1: transcript: is 20000000 characters long; the limit is 1000000 characters; shorten or split the call, or raise maxTranscriptChars in the config/,
  },
  {
    name: "transcript-over-config-limit",
    message:
      /calls\.jsonl:2: transcript: is 37 characters long; the limit is 20 characters; .*maxTranscriptChars/,
  },
  {
    name: "transcript-blank",
    message: /calls\.jsonl:2: transcript: is empty; give the call's words, or remove the row/,
  },
  { name: "turns-without-words", message: /calls\.jsonl:2: transcript: is empty/ },
  // Gold, checked against the schema and the field's matcher before any call
  {
    name: "gold-wrong-type",
    message: /calls\.jsonl:2: gold\.allergies: must be a list, such as \["peanuts"\]; fix the gold value/,
  },
  {
    name: "gold-unknown-member",
    message: /calls\.jsonl:2: gold\.intent: "bokk" is not one of: book, cancel; fix the gold value/,
  },
  { name: "gold-not-integer", message: /calls\.jsonl:2: gold\.party_size: .*int.*; fix the gold value/ },
  {
    name: "gold-unknown-key",
    message: /calls\.jsonl:2: gold\.partysize: is not a field of the schema \(its fields: name, party_size, /,
  },
  {
    name: "gold-unreadable-date",
    message: /calls\.jsonl:2: gold\.date: "sometime soonish" cannot be read as a date; fix the gold value/,
  },
  {
    name: "csv-gold-list-invalid-json",
    message:
      /calls\.csv:3: gold\.allergies: is not valid JSON \(.*\); a list or object field's cell holds JSON/,
  },
  // Hostile rows: nested past what V8's stack survives, or strings that are not text
  {
    name: "gold-nested-deep",
    copy: true,
    setup: ({ dir }) => {
      const gold = `{"name":${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}}`;
      writeRows(dir, "calls.jsonl", [
        ROW_C1,
        `{"id":"c2","transcript":"caller: Tom Berg here.","gold":${gold}}`,
      ]);
      return undefined;
    },
    message: /calls\.jsonl:2: gold: is nested deeper than 256 levels, the most callgrade reads; flatten it/,
  },
  {
    name: "meta-nested-deep",
    copy: true,
    setup: ({ dir }) => {
      const meta = `{"notes":${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`;
      writeRows(dir, "calls.jsonl", [
        ROW_C1,
        `{"id":"c2","transcript":"caller: Tom Berg here.","meta":${meta}}`,
      ]);
      return undefined;
    },
    message: /calls\.jsonl:2: meta: is nested deeper than 256 levels/,
  },
  {
    name: "csv-gold-nested-deep",
    copy: true,
    setup: ({ dir }) => {
      const gold = `"{""name"":${"[".repeat(DEEP)}${"]".repeat(DEEP)}}"`;
      writeRows(dir, "calls.csv", [
        "id,transcript,gold",
        "c1,caller: Ana Ruiz here.,",
        `c2,caller: Tom Berg.,${gold}`,
      ]);
      return undefined;
    },
    message: /calls\.csv:3: gold: is nested deeper than 256 levels/,
  },
  {
    name: "replay-output-nested-deep",
    copy: true,
    setup: ({ dir }) => {
      const output = `${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}`;
      writeRows(dir, "replay.jsonl", [
        '{"id":"c1","output":{"name":"Ana Ruiz"}}',
        `{"id":"c2","output":${output}}`,
      ]);
      return undefined;
    },
    message: /replay\.jsonl:2: output: is nested deeper than 256 levels/,
  },
  {
    name: "id-lone-surrogate",
    message:
      /calls\.jsonl:2: id: is not well-formed Unicode text \(a lone surrogate such as \\ud800\); fix or remove/,
  },
  {
    name: "transcript-lone-surrogate",
    message: /calls\.jsonl:2: transcript\[0\]\.speaker: is not well-formed Unicode text/,
  },
  // Config
  {
    name: "config-type-error",
    message: /callgrade\.config\.mjs: invalid config\n {2}concurrency: .*expected number, received string/,
  },
  {
    name: "config-throws",
    message:
      /callgrade\.config\.ts:6:\d+: the config threw while loading: set CALLGRADE_FIXTURE_REGION before running this suite; fix the config/,
  },
  {
    name: "config-syntax-error",
    message: /callgrade\.config\.mjs:9:\d+: cannot be parsed: Unexpected token.*; fix the syntax there/,
  },
  {
    name: "config-no-default-export",
    message:
      /callgrade\.config\.mjs: has no default export \(it exports suite\); end it with `export default/,
  },
  {
    name: "config-missing",
    message: /config-missing\/callgrade\.config\.ts: no such config file; check the --config path/,
  },
  {
    name: "unknown-provider",
    message:
      /callgrade\.config\.mjs: invalid config\n {2}models\.0\.provider: .*'openai' \| 'anthropic' \| 'replay'/,
  },
  {
    name: "unknown-config-key",
    message: /callgrade\.config\.mjs: invalid config\n {2}modles: unknown option; did you mean "models"\?\n$/,
  },
  {
    name: "model-unknown-option",
    message:
      /callgrade\.config\.mjs: invalid config\n {2}models\.0\.temperature: unknown option; the options here are id, /,
  },
  {
    name: "schema-not-object",
    message:
      /callgrade\.config\.mjs: invalid config\n {2}schema: must be a zod object schema, e\.g\. z\.object/,
  },
  {
    name: "schema-plain-object",
    message: /callgrade\.config\.mjs: invalid config\n {2}schema: must be a zod object schema/,
  },
  {
    name: "schema-unknown-match",
    message: /callgrade\.config\.mjs: schema field "name": unknown match "fuzzy"; use one of: exact, text, /,
  },
  {
    name: "duplicate-model-ids",
    message: /callgrade\.config\.mjs: models\.1\.id: "r" is used twice; model ids must be unique/,
  },
  { name: "no-models", message: /callgrade\.config\.mjs: invalid config\n {2}models: Too small/ },
  // Prompt and knowledge base
  {
    name: "prompt-unknown-variable",
    message: /prompt\.md:3: \{\{customer_name\}\}: unknown template variable; use \{\{transcript\}\}/,
  },
  {
    name: "prompt-without-transcript",
    message: /prompt\.md: \{\{transcript\}\}: the template never uses \{\{transcript\}\}/,
  },
  {
    name: "prompt-meta-missing",
    message:
      /calls\.jsonl:2: meta\.callDate: the prompt uses \{\{meta\.callDate\}\} but case "c2" has no such meta value/,
  },
  {
    name: "prompt-missing",
    message: /extract\.md: prompt template not found; check `prompt` in the config/,
  },
  {
    name: "knowledge-base-missing",
    message: /kb\/clinic\.md: knowledge base file not found; check `knowledgeBase` in the config/,
  },
  // Replay files
  {
    name: "replay-invalid-json",
    message: /replay\.jsonl:2:40: not valid JSON \(.*\); each line must be one complete object/,
  },
  {
    name: "replay-row-without-output",
    message: /replay\.jsonl:2: output: missing: give the parsed object or the raw model text/,
  },
  {
    name: "replay-file-missing",
    message: /replay\.jsonl: replay file not found; check the replay model's `path` in the config/,
  },
  // Store and output folder
  {
    name: "store-not-sqlite",
    store: "untouched",
    setup: ({ dir, store }) => {
      cpSync(path.join(dir, "store.db"), store);
      return undefined;
    },
    message: /store\.db: is not a callgrade store \(not an SQLite database\); pass another --store PATH/,
  },
  {
    name: "store-read-only-folder",
    setup: ({ tmp }) => ({ store: path.join(readOnlyFolder(tmp), "store.db") }),
    message:
      /store\.db: cannot open the store \((ENOTDIR: a folder on the way is a file|unable to open database file)\); pass --store PATH in a folder you can write to/,
  },
  {
    name: "out-read-only-folder",
    setup: ({ tmp }) => ({ out: path.join(readOnlyFolder(tmp), "out") }),
    message:
      /out: cannot write the report \((ENOTDIR: .* is a file, not a folder|EACCES: .* is not writable)\); pass --out DIR with a writable folder/,
  },
  // Flags
  {
    name: "limit-zero",
    flags: ["--limit", "0"],
    message:
      /option '--limit <n>' argument '0' is invalid\. expected a positive whole number\n\(run with --help/,
  },
  {
    name: "models-flag-unknown-id",
    flags: ["--models", "gpt-5"],
    message: /--models: no model "gpt-5" in .*callgrade\.config\.ts; known: r/,
  },
];

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) {
    // A 0555 folder inside must be writable again before it can be removed.
    for (const entry of readdirSync(dir)) chmodSync(path.join(dir, entry), 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

function prepare(item: BadCase): Paths {
  const tmp = mkdtempSync(path.join(tmpdir(), `cg-bad-${item.name}-`));
  temps.push(tmp);
  let dir = path.join(BAD, item.name);
  if (item.copy) {
    cpSync(dir, path.join(tmp, "suite"), { recursive: true });
    dir = path.join(tmp, "suite");
  }
  const paths = { dir, tmp, store: path.join(tmp, "store.db"), out: path.join(tmp, "out") };
  return { ...paths, ...item.setup?.(paths) };
}

function configFile(dir: string): string {
  const found = existsSync(dir)
    ? readdirSync(dir).find((name) => name.startsWith("callgrade.config."))
    : undefined;
  return path.join(dir, found ?? "callgrade.config.ts");
}

function runsIn(store: string): { status: string }[] {
  const db = new Database(store, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT status FROM runs").all() as { status: string }[];
  } finally {
    db.close();
  }
}

function folderListing(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe.concurrent("bad input ends with one clear message, exit 2, and nothing half-written", () => {
  it("the corpus has a folder for every case and a case for every folder", () => {
    const folders = readdirSync(BAD).filter((name) => statSync(path.join(BAD, name)).isDirectory());
    expect(new Set(folders)).toEqual(new Set([...CASES.map((c) => c.name), "replay-missing-case"]));
    expect(folders.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)(
    "$name",
    async (item) => {
      const paths = prepare(item);
      const before = item.store === "untouched" ? readFileSync(paths.store) : undefined;
      const listing = folderListing(paths.tmp);
      const config = configFile(paths.dir);
      const args = [
        "run",
        "--config",
        config,
        "--store",
        paths.store,
        "--out",
        paths.out,
        ...(item.flags ?? []),
      ];

      const result = await runCli(args);

      expect(result.stderr).toMatch(/^callgrade: /);
      expect(result.stderr).toMatch(item.message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr).not.toContain("internal error");
      expect(result.stderr.trimEnd().split("\n").length).toBeLessThanOrEqual(3);
      expect(result.stdout).toBe("");
      expect(result.code).toBe(2);
      expect(existsSync(paths.out)).toBe(false);
      if (before) {
        expect(readFileSync(paths.store).equals(before)).toBe(true);
        expect(folderListing(paths.tmp)).toEqual(listing);
      } else if (existsSync(paths.store)) {
        expect(runsIn(paths.store)).toEqual([]);
      }
    },
    90_000,
  );

  // Not a usage error: a recorded log may lack calls the pipeline never answered, and --limit may leave
  // them out anyway. The call ends as `missing_case`, the run finishes, and exit 3 names the case.
  it("replay-missing-case: the run finishes without c2, exit 3 names it", async () => {
    const paths = prepare({ name: "replay-missing-case", message: /./ });
    const args = ["run", "--config", configFile(paths.dir), "--store", paths.store, "--out", paths.out];

    const result = await runCli(args);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain("r: no answer for 1 case (c2)");
    expect(result.stderr).not.toContain("--resume");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(runsIn(paths.store)).toEqual([{ status: "finished" }]);
    const summary = JSON.parse(readFileSync(path.join(paths.out, "summary.json"), "utf8")) as RunSummary;
    expect(summary.unscored).toEqual({ r: ["c2"] });
    expect(summary.models[0]).toMatchObject({ calls: 2, errors: 1, errorsByKind: { missing_case: 1 } });
  }, 90_000);
});
