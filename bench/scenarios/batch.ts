// Batch runs: N requests to one OpenAI model submitted through the Batch API by one process and collected by
// another, at two sizes; each phase's wall time and peak RSS, and the larger size's peak must stay close to
// the smaller's: the batch files are written and their results read in bounded memory.
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ModelConfig } from "../../src/config/schema.js";
import { type FakeApi, startFakeApi } from "../../tests/helpers/fake-api.js";
import type { BatchPhase, BatchReport } from "../batch-child.js";
import { forkTs, nextMessage, stopChild } from "../child.js";
import { percent, seconds } from "../measure.js";
import type { Sizes } from "../scale.js";
import { ANSWER, tempDir, writeSuite } from "../suite.js";
import { row, type ScenarioResult } from "../table.js";

const CHILD = fileURLToPath(new URL("../batch-child.ts", import.meta.url));
const CEILING_MB = 300;
const GROWTH = 0.25;
const ENDED = new Set(["completed", "expired", "cancelled", "failed"]);

const isReport = (message: unknown): message is BatchReport =>
  typeof message === "object" && message !== null && "type" in message && message.type === "batch";

interface Phase extends BatchReport {
  /** CPU of the bench process, where the fake API runs, while the phase ran. */
  serverCpuMs: number;
}

interface SizeRun {
  requests: number;
  submit: Phase;
  collect: Phase;
  /** Each custom id submitted exactly once, and every request in a batch. */
  onceEach: boolean;
  batches: number[];
  /** Each batch's input file, in bytes. */
  fileBytes: number[];
  /** The fake provider running the batches, between the two phases: not callgrade's time. */
  providerMs: number;
}

async function phase(
  requests: number,
  args: { configFile: string; store: string; phase: BatchPhase; budgetMs: number },
): Promise<Phase> {
  const cpu = process.cpuUsage();
  const child = forkTs(CHILD, [args.configFile, args.store, args.phase, String(args.budgetMs)]);
  try {
    const what = `batch ${args.phase} of ${requests} requests`;
    const report = await nextMessage(child, isReport, args.budgetMs + 30_000, what);
    const used = process.cpuUsage(cpu);
    return { ...report, serverCpuMs: (used.user + used.system) / 1000 };
  } finally {
    await stopChild(child);
  }
}

/**
 * Ends every OpenAI batch at the fake provider, as a day's wait would, so collect times callgrade alone;
 * returns the size of each batch's input file, in bytes.
 */
async function finishBatches(api: FakeApi): Promise<number[]> {
  const get = async (what: string): Promise<Record<string, unknown>> => {
    const res = await fetch(`${api.openaiBaseURL}/${what}`);
    if (!res.ok) throw new Error(`the fake API answered ${what} with ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const bytes: number[] = [];
  for (const batch of api.batches) {
    let wire = await get(`batches/${batch.id}`);
    while (!ENDED.has(batch.status)) wire = await get(`batches/${batch.id}`);
    const file = await get(`files/${String(wire.input_file_id)}`);
    bytes.push(Number(file.bytes));
  }
  return bytes;
}

/** Submit then collect `requests` calls, each phase a fresh process, on a fake provider of its own. */
async function sizeRun(requests: number, budgetMs: number): Promise<SizeRun> {
  const dir = tempDir("batch");
  // The provider holds the uploaded files and results in this process, out of the children's figures.
  const api = await startFakeApi({
    respond: () => ({ json: ANSWER }),
    recordRequests: false,
    batch: { pollsToFinish: 1 },
  });
  try {
    const model: ModelConfig = {
      id: "o",
      provider: "openai",
      model: "gpt-4.1-mini",
      baseURL: api.openaiBaseURL,
      batch: true,
    };
    // Written here, in chunks: making the dataset must not count towards the children's memory.
    const { configFile } = writeSuite(dir, { cases: requests, models: [model], concurrency: 16 });
    const store = path.join(dir, "store.db");
    const submit = await phase(requests, { configFile, store, phase: "submit", budgetMs: budgetMs * 0.45 });
    const providerStarted = performance.now();
    const fileBytes = submit.error ? [] : await finishBatches(api);
    const providerMs = performance.now() - providerStarted;
    const collect = submit.error
      ? { ...submit, phase: "collect" as const, calls: 0, error: "not run: the submit failed" }
      : await phase(requests, { configFile, store, phase: "collect", budgetMs: budgetMs * 0.55 });
    const counts = [...api.batchSubmissions.values()];
    const onceEach = counts.length === requests && counts.every((n) => n === 1);
    return {
      requests,
      submit,
      collect,
      onceEach,
      batches: api.batches.map((b) => b.count),
      fileBytes,
      providerMs,
    };
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const peakOf = (run: SizeRun) => Math.max(run.submit.maxRssMb, run.collect.maxRssMb);

/** Why a size's run is not a complete one: nothing when it is. */
function problems(run: SizeRun): string[] {
  const n = run.requests;
  const found = [run.submit, run.collect].flatMap((p) => (p.error ? [`${p.phase} failed: ${p.error}`] : []));
  if (!run.submit.error && run.submit.calls !== n) found.push(`submit sent ${run.submit.calls} of ${n}`);
  if (!run.collect.error && run.collect.calls !== n)
    found.push(`collect answered ${run.collect.calls} of ${n}`);
  if (!run.onceEach) found.push("the server did not see each request submitted exactly once");
  return found.map((problem) => `batch: ${n} requests: ${problem}`);
}

export async function batchScenario(sizes: Sizes, budgetMs: number): Promise<ScenarioResult> {
  const { requests, small } = sizes.batch;
  const smallRun = await sizeRun(small, budgetMs / 8);
  const largeRun = await sizeRun(requests, budgetMs * 0.85);
  const notes = [...problems(smallRun), ...problems(largeRun)];
  const complete = notes.length === 0;
  const peak = peakOf(largeRun);
  const growth = peak / peakOf(smallRun) - 1;
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  const failed = complete ? "" : ", FAILED: see notes";
  const fileMb = largeRun.fileBytes.map((b) => (b / 2 ** 20).toFixed(b < 10 * 2 ** 20 ? 1 : 0));
  const files = fileMb.length > 0 ? `, ${fileMb.join(" + ")} MB` : "";
  const grew = (p: BatchPhase) => `${smallRun[p].maxRssMb.toFixed(0)} → ${mb(largeRun[p].maxRssMb)}`;
  const timed = (p: Phase) =>
    row({
      scenario: "batch",
      measure: `${p.phase}, ${requests} requests`,
      value: p.wallMs / 1000,
      unit: "s",
      shown: `${seconds(p.wallMs)} (peak RSS ${mb(p.maxRssMb)}${failed})`,
    });
  const details: ScenarioResult["details"] = {
    requests,
    small,
    batches: largeRun.batches.join(" + "),
    batchFileMb: fileMb.join(" + "),
    providerMs: largeRun.providerMs,
  };
  for (const [size, run] of [
    ["small", smallRun],
    ["large", largeRun],
  ] as const) {
    for (const p of [run.submit, run.collect]) {
      const key = `${size}${p.phase === "submit" ? "Submit" : "Collect"}`;
      Object.assign(details, {
        [`${key}WallMs`]: p.wallMs,
        [`${key}MaxRssMb`]: p.maxRssMb,
        [`${key}Calls`]: p.calls,
        [`${key}ServerCpuMs`]: p.serverCpuMs,
        [`${key}Marks`]: p.marks,
      });
    }
  }
  return {
    scenario: "batch",
    rows: [
      timed(largeRun.submit),
      timed(largeRun.collect),
      row({
        scenario: "batch",
        measure: `peak RSS, submit and collect of ${requests}`,
        value: peak,
        unit: "MB",
        shown: `${mb(peak)} (in ${largeRun.submit.maxRssMb >= largeRun.collect.maxRssMb ? "submit" : "collect"}; batches of ${largeRun.batches.join(" + ")}${files}${failed})`,
        target: `≤ ${CEILING_MB} MB`,
        ideal: mb(peakOf(smallRun)),
        pass: complete && peak <= CEILING_MB,
      }),
      row({
        scenario: "batch",
        measure: `peak RSS growth over ${small}`,
        value: growth,
        unit: "share",
        shown: `${growth < 0 ? "" : "+"}${percent(growth)} (submit ${grew("submit")}, collect ${grew("collect")})`,
        target: `≤ +${GROWTH * 100}%`,
        ideal: "0%",
        pass: complete && growth <= GROWTH,
      }),
    ],
    notes,
    details,
  };
}
