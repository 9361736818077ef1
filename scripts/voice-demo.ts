// `npm run demo:voice`: speaks each call of examples/voice with flite (16 kHz, what pocketsphinx's model
// takes), then runs the voice suite, where pocketsphinx transcribes the audio and the models extract from it.
import { execFile, spawn } from "node:child_process";
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { binaryProblem } from "../src/asr/recognisers/pocketsphinx.js";
import { checkWav } from "../src/asr/recognisers/wav-header.js";
import { turn } from "../src/dataset/row.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SUITE = path.join(ROOT, "examples", "voice");
const DATASET = path.join(SUITE, "calls.jsonl");
const TOOLS = ["flite", "pocketsphinx_batch"];
const PACKAGES = "flite pocketsphinx pocketsphinx-en-us";

const call = z.object({
  id: z.string(),
  transcript: z.union([z.string(), z.array(turn)]),
  audio: z.string(),
});
type Call = z.infer<typeof call>;

async function missingTools(): Promise<string[]> {
  const problems = await Promise.all(TOOLS.map((tool) => binaryProblem(tool)));
  return TOOLS.filter((_tool, i) => problems[i] !== undefined);
}

async function readCalls(): Promise<Call[]> {
  const lines = (await readFile(DATASET, "utf8")).split("\n");
  return lines.flatMap((line, i) => {
    if (line.trim() === "") return [];
    const parsed = call.safeParse(JSON.parse(line));
    if (!parsed.success) {
      throw new Error(`${DATASET}:${i + 1}: ${parsed.error.issues[0]?.message ?? "not a voice call row"}`);
    }
    return [parsed.data];
  });
}

async function mtime(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The speech of one call, made only when the WAV is missing or older than the dataset. */
async function synthesise(item: Call, datasetTime: number): Promise<boolean> {
  const wav = path.resolve(SUITE, item.audio);
  const made = await mtime(wav);
  if (made !== undefined && made >= datasetTime && (await checkWav(wav)).ok) return false;
  const text =
    typeof item.transcript === "string" ? item.transcript : item.transcript.map((t) => t.text).join(" ");
  await mkdir(path.dirname(wav), { recursive: true });
  await promisify(execFile)("flite", ["-voice", "rms", "-t", text, "-o", wav]);
  const check = await checkWav(wav);
  if (!check.ok) throw new Error(`${path.relative(ROOT, wav)} from flite ${check.problem}`);
  return true;
}

function runSuite(): Promise<number> {
  const args = [
    path.join(ROOT, "dist", "cli.js"),
    "run",
    "--config",
    "examples/voice/callgrade.config.ts",
    // `npm run demo:voice -- --out DIR --store FILE` passes flags on to `callgrade run`.
    ...process.argv.slice(2),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const missing = await missingTools();
  if (missing.length > 0) {
    process.stderr.write(
      `the voice demo needs ${missing.join(" and ")}, not found on PATH: install the Debian packages with\n` +
        `  sudo apt-get install ${PACKAGES}\n`,
    );
    return 2;
  }
  const calls = await readCalls();
  const datasetTime = (await stat(DATASET)).mtimeMs;
  let made = 0;
  for (const item of calls) if (await synthesise(item, datasetTime)) made++;
  process.stderr.write(`voice demo: ${made} of ${calls.length} calls synthesised with flite (rms voice)\n`);
  return runSuite();
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`voice demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
