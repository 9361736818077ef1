// `npx tsx scripts/fault-campaign.ts [trials] [seed]`: runs the built CLI (dist/) against the loopback fake
// API while it misbehaves (429, 5xx, resets, malformed and truncated bodies, hangs, hostile answers), kills it
// at random moments with SIGKILL or SIGTERM, resumes until the run ends, and checks what issue 12 promises:
// no exit 70, no finished call requested again after a kill, every case accounted for, and no raw control
// character on the terminal. Prints one line per trial and exits 1 on any violation. Not part of npm test (a
// trial takes seconds); each promise has its own test.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { seededRandom } from "../src/core/random.js";
import { type FakeApiCall, type FakeReply, startFakeApi } from "../tests/helpers/fake-api.js";
import { promptParts } from "../tests/helpers/fake-api-replies.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "dist", "cli.js");
const CASES = 300;
const trials = Number(process.argv[2] ?? 20);
const random = seededRandom(Number(process.argv[3] ?? 1));
// biome-ignore lint/suspicious/noControlCharactersInRegex: what must never reach a terminal raw
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const MODELS: Record<string, string> = { "gpt-4.1-mini": "o", "claude-haiku-4-5": "a" };

/** Answers as the model's text: escape sequences, a lone surrogate, 200 KB, 5,000 levels, an array, 1e400. */
const HOSTILE: string[] = [
  JSON.stringify({ name: "\u001b]0;pwned\u0007\u001b[2J", size: 2 }),
  JSON.stringify({ name: "\ud800 lone", size: 3 }),
  JSON.stringify({ name: "x".repeat(200_000), size: 1 }),
  `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
  "[1, 2, 3]",
  '{"name": null, "size": 1e400}',
];

function caseOf(call: { api: "openai" | "anthropic"; body: unknown }): string {
  return /call (c\d{4})/.exec(promptParts(call.api, call.body).rest)?.[1] ?? "?";
}

function reply(call: FakeApiCall): FakeReply {
  const roll = random();
  if (roll < 0.04) return { status: 429, headers: { "retry-after-ms": "20" } };
  if (roll < 0.07) return { status: 500 };
  if (roll < 0.08) return { reset: true };
  if (roll < 0.09) return { malformed: true };
  if (roll < 0.095) return { hang: true };
  if (roll < 0.1) return { status: 400 };
  if (roll < 0.12) return { text: HOSTILE[Math.floor(random() * HOSTILE.length)] ?? "" };
  const i = Number(caseOf(call).slice(1));
  return { json: { name: `Guest ${i}`, size: (i % 6) + 1 } };
}

function suite(dir: string, openai: string, anthropic: string): void {
  const rows = Array.from({ length: CASES }, (_, i) => {
    const id = `c${String(i).padStart(4, "0")}`;
    return JSON.stringify({
      id,
      transcript: `caller: call ${id}, name Guest ${i}`,
      gold: { name: `Guest ${i}` },
    });
  });
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(path.join(dir, "prompt.md"), "Extract as JSON.\n{{schema}}\n<t>\n{{transcript}}\n</t>\n");
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "campaign",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable(), size: z.number().nullable() }),
  models: [
    { id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${openai}", timeoutMs: 400, maxRetries: 2 },
    { id: "a", provider: "anthropic", model: "claude-haiku-4-5", baseURL: "${anthropic}", timeoutMs: 400, maxRetries: 2 },
  ],
  concurrency: 24,
};
`,
  );
}

interface Exit {
  code: number | null;
  signal: string | null;
  output: string;
}

function start(args: string[], cwd: string, killAfterMs?: number, signal: NodeJS.Signals = "SIGKILL") {
  const env = {
    ...process.env,
    CI: "1",
    OPENAI_API_KEY: "sk-campaign",
    ANTHROPIC_API_KEY: "sk-ant-campaign",
  };
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  if (killAfterMs !== undefined) setTimeout(() => child.kill(signal), killAfterMs);
  return new Promise<Exit>((resolve) =>
    child.on("close", (code, sig) => resolve({ code, signal: sig, output })),
  );
}

function stored(file: string): { ok: Set<string>; rows: number } {
  // Killed before the store was made: nothing stored yet.
  if (!existsSync(file)) return { ok: new Set(), rows: 0 };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT case_id, model_id, status FROM calls").all() as Record<string, string>[];
    const ok = rows.filter((r) => r.status === "ok").map((r) => `${r.case_id}/${r.model_id}`);
    return { ok: new Set(ok), rows: rows.length };
  } finally {
    db.close();
  }
}

function runCount(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT COUNT(*) FROM runs").pluck().get() as number;
  } finally {
    db.close();
  }
}

const api = await startFakeApi({ latencyMs: 3, respond: reply });
let violations = 0;
const problems = (trial: number, list: string[]) => {
  violations += list.length;
  for (const problem of list) process.stdout.write(`  trial ${trial}: ${problem}\n`);
};
for (let trial = 1; trial <= trials; trial++) {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-campaign-"));
  suite(dir, api.openaiBaseURL, api.anthropicBaseURL);
  const storeFile = path.join(dir, ".callgrade", "callgrade.db");
  const found: string[] = [];
  const exits: string[] = [];
  const kills = 1 + Math.floor(random() * 4);
  for (let k = 0; k <= kills + 4; k++) {
    const before = api.requests.length;
    const finished = k === 0 ? new Set<string>() : stored(storeFile).ok;
    const killing = k < kills;
    const signal = random() < 0.6 ? "SIGKILL" : "SIGTERM";
    // A run killed before it was created left nothing to resume: start it again, as the message says.
    const fresh = k === 0 || runCount(storeFile) === 0;
    const exit = await start(
      fresh ? ["run"] : ["run", "--resume"],
      dir,
      killing ? 150 + random() * 1500 : undefined,
      signal,
    );
    exits.push(exit.signal ?? String(exit.code));
    // A run that ended while the kill was still to come leaves nothing to resume: the right answer, and the end.
    if (exit.code === 2 && /no unfinished run .* to resume/.test(exit.output)) break;
    if (exit.code === 2) found.push(`exit 2: ${exit.output.trim().split("\n").at(-1)}`);
    if (exit.code === 70 || /internal error/.test(exit.output))
      found.push(`exit ${exit.code}: ${exit.output.slice(-400)}`);
    if (RAW.test(exit.output)) found.push("a raw control character was printed");
    const again = api.requests.slice(before).filter((r) => {
      const api = r.path.endsWith("/messages") ? "anthropic" : "openai";
      const model = MODELS[(r.body as { model?: string }).model ?? ""] ?? "?";
      return finished.has(`${caseOf({ api, body: r.body })}/${model}`);
    });
    if (again.length > 0) found.push(`${again.length} finished calls requested again after kill ${k}`);
    if (!killing && (exit.code === 0 || (exit.code === 3 && !/sent again by/.test(exit.output)))) break;
  }
  const { ok, rows } = stored(storeFile);
  if (rows !== CASES * 2) found.push(`${rows} call rows for ${CASES * 2} calls`);
  problems(trial, found);
  process.stdout.write(
    `trial ${trial}: ${kills} kills, exits ${exits.join(" ")}, ${ok.size} answered, ${rows} stored\n`,
  );
  rmSync(dir, { recursive: true, force: true });
}
await api.close();
process.stdout.write(`${trials} trials, ${violations} violations\n`);
process.exitCode = violations > 0 ? 1 : 0;
