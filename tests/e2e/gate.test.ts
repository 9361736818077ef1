// The acceptance scenario on the example suite: a prompt that loses its knowledge base regresses the
// fields that depend on it, and `callgrade gate` fails naming them and the calls that flipped; the original
// prompt passes. The model is the loopback fake API answering like a model that needs the knowledge base.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../src/dataset/index.js";
import { renderTranscript } from "../../src/prompt/transcript.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const DEMO = path.join(ROOT, "datasets/demo");
const ENV = { OPENAI_API_KEY: "sk-test-gate" };

function config(api: FakeApi, withKnowledgeBase: boolean): string {
  const kb = withKnowledgeBase
    ? `knowledgeBase: ${JSON.stringify([path.join(ROOT, "prompts/kb/clinic.md"), path.join(ROOT, "prompts/kb/restaurant.md")])},`
    : "";
  return `import { Appointment } from ${JSON.stringify(path.join(ROOT, "schemas/appointment.ts"))};
export default {
  name: "gate-acceptance",
  dataset: ${JSON.stringify(path.join(DEMO, "calls.jsonl"))},
  prompt: ${JSON.stringify(path.join(ROOT, "prompts/extract-appointment.md"))},
  ${kb}
  schema: Appointment,
  models: [{ id: "model", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}" }],
  gates: {
    thresholds: [{ metric: "schemaValidRate", min: 0.9 }],
    // 56 calls can promise no finer than ~8 points (a 2-point promise needs ~400 calls: see the next test).
    regression: { baseline: "baseline/summary.json", maxDrop: 0.1, alpha: 0.05 },
  },
};
`;
}

describe("callgrade gate on the example suite", () => {
  let api: FakeApi;
  let dir: string;

  beforeAll(async () => {
    const truth = new Map<string, Record<string, unknown>>();
    for (const item of await loadDataset(path.join(DEMO, "calls.jsonl"))) {
      if (item.gold) truth.set(renderTranscript(item.transcript), item.gold);
    }
    const hidden = readFileSync(path.join(DEMO, "unlabelled-truth.jsonl"), "utf8").trim().split("\n");
    const cases = await loadDataset(path.join(DEMO, "calls.jsonl"));
    for (const line of hidden) {
      const row = JSON.parse(line) as { id: string; truth: Record<string, unknown> };
      const item = cases.find((c) => c.id === row.id);
      if (item) truth.set(renderTranscript(item.transcript), row.truth);
    }
    api = await startFakeApi({
      respond: ({ api: kind, body }) => {
        const { prefix, rest } = promptParts(kind, body);
        const transcript = /<transcript>\n([\s\S]*)\n<\/transcript>/.exec(rest)?.[1] ?? "";
        const answer = truth.get(transcript);
        if (!answer) return { status: 400, body: { error: { message: "unknown case" } } };
        // Without the knowledge base a model cannot know the service codes.
        return {
          json: prefix.includes("Greenway Family Clinic") ? answer : { ...answer, service_code: null },
        };
      },
    });
    dir = mkdtempSync(path.join(tmpdir(), "cg-gate-"));
    writeFileSync(path.join(dir, "original.config.ts"), config(api, true));
    writeFileSync(path.join(dir, "damaged.config.ts"), config(api, false));
    const first = await runCli(
      [
        "run",
        "--config",
        "original.config.ts",
        "--store",
        "s.db",
        "--save-baseline",
        "baseline/summary.json",
      ],
      { cwd: dir, env: ENV },
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("baseline: baseline/summary.json");
  });

  afterAll(async () => {
    await api.close();
  });

  it("a damaged prompt fails the gate, naming the field that regressed and the calls that flipped", async () => {
    const run = await runCli(
      ["run", "--config", "damaged.config.ts", "--store", "s.db", "--out", "damaged"],
      { cwd: dir, env: ENV },
    );
    expect(run.code).toBe(0);
    const stepSummary = path.join(dir, "step-summary.md");
    writeFileSync(stepSummary, "earlier step\n");
    const gate = await runCli(
      [
        "gate",
        "--config",
        "damaged.config.ts",
        "--store",
        "s.db",
        "--out",
        "damaged",
        "--junit",
        "damaged/junit.xml",
      ],
      { cwd: dir, env: { ...ENV, GITHUB_STEP_SUMMARY: stepSummary } },
    );
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/^gate FAIL · run \S+ vs baseline \S+ \(56 shared calls\)/);
    expect(gate.stdout).toMatch(
      /✗ model service_code: −\d+\.\d pts on 48 shared calls .*McNemar p=.*: a significant drop/,
    );
    expect(gate.stdout).toMatch(/right → wrong: en-001, /);
    // Fields the knowledge base does not decide did not move.
    expect(gate.stdout).not.toMatch(/✗ model (date|phone|time)/);
    const markdown = readFileSync(path.join(dir, "damaged", "report.md"), "utf8");
    expect(markdown.split("\n").find((line) => line.trim() !== "")).toMatch(/❌/);
    expect(markdown).toContain("service_code");
    // Appended to GitHub's step summary, after what earlier steps wrote.
    expect(readFileSync(stepSummary, "utf8")).toMatch(/^earlier step\n## ❌ callgrade gate: fail/);
    const junit = readFileSync(path.join(dir, "damaged", "junit.xml"), "utf8");
    expect(junit).toMatch(/<testcase[^>]*name="regression:accuracy:model:service_code"[^>]*>\s*<failure/);
    const html = readFileSync(path.join(dir, "damaged", "report.html"), "utf8");
    expect(html).toMatch(/Gate failed/i);
  });

  it("the original prompt passes against the same baseline", async () => {
    const run = await runCli(
      ["run", "--config", "original.config.ts", "--store", "s.db", "--out", "original"],
      { cwd: dir, env: ENV },
    );
    expect(run.code).toBe(0);
    const gate = await runCli(
      ["gate", "--config", "original.config.ts", "--store", "s.db", "--out", "original"],
      { cwd: dir, env: ENV },
    );
    expect(gate.stdout).toMatch(/^gate PASS/);
    expect(gate.code).toBe(0);
  });

  it("with a 2-point tolerance 56 calls cannot tell: inconclusive, how many calls would, and --strict fails", async () => {
    writeFileSync(
      path.join(dir, "tight.config.ts"),
      readFileSync(path.join(dir, "original.config.ts"), "utf8").replace("maxDrop: 0.1", "maxDrop: 0.02"),
    );
    const lenient = await runCli(
      ["gate", "--config", "tight.config.ts", "--store", "s.db", "--out", "tight"],
      { cwd: dir, env: ENV },
    );
    expect(lenient.stdout).toMatch(/^gate INCONCLUSIVE/);
    // Nine inconclusive fields: one line on the console, each message in full in report.md.
    expect(lenient.stdout).toMatch(/\? model: caller_name n=48, phone n=48, .* — about \d+ calls needed/);
    expect(readFileSync(path.join(dir, "tight", "report.md"), "utf8")).toMatch(
      /too few calls to tell a drop of −2\.0 pts at α=0\.05; about \d+ needed/,
    );
    expect(lenient.code).toBe(0);
    const strict = await runCli(
      ["gate", "--config", "tight.config.ts", "--store", "s.db", "--out", "tight", "--strict"],
      { cwd: dir, env: ENV },
    );
    expect(strict.code).toBe(1);
  });

  it("compare lists what changed between the two runs, worst first", async () => {
    const baseline = JSON.parse(readFileSync(path.join(dir, "baseline", "summary.json"), "utf8")) as {
      runId: string;
    };
    const damaged = JSON.parse(readFileSync(path.join(dir, "damaged", "summary.json"), "utf8")) as {
      runId: string;
    };
    const result = await runCli(["compare", baseline.runId, damaged.runId, "--store", "s.db"], { cwd: dir });
    expect(result.code).toBe(0);
    const firstRow = result.stdout.split("\n").find((line) => /^model\s+service_code/.test(line));
    expect(firstRow).toMatch(/^model\s+service_code\s+100\.0%\s+\d+\.\d%\s+−\d+\.\d pts/);
    expect(result.stdout).toContain("model service_code right → wrong:");
  });
});
