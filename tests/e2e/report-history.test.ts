// report.html of a real voice run made twice: its History section and each call's recognised transcript
// aligned against the reference come from the store, and open in Chromium under the report's CSP.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { runCli } from "../helpers/cli.js";
import { chromium, chromiumMissing, pageProblems } from "../report/html/chromium.js";

const EXTRACTOR = `export default ({ user }) => ({ name: /this is (\\w+)/.exec(user.toLowerCase())?.[1] ?? null });`;

const CASES = [
  { id: "c1", text: "hello this is ana please call me back", heard: "hello this is ana please call me back" },
  { id: "c2", text: "hi this is bo about my invoice", heard: "hi this is bo about my in voice" },
  { id: "c3", text: "this is cy I need a table for four", heard: "this is sigh need a table for" },
  { id: "c4", text: "早く来てください", heard: "早く来て下さい" },
];

describe("report.html of a voice run with an earlier run of its suite", () => {
  let dir: string;
  let html: string;
  const summaries: RunSummary[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-report-history-"));
    writeFileSync(path.join(dir, "extractor.mjs"), EXTRACTOR);
    const rows = CASES.map((c) => ({
      id: c.id,
      transcript: c.text,
      audio: `audio/${c.id}.wav`,
      gold: { name: null },
    }));
    writeFileSync(path.join(dir, "calls.jsonl"), rows.map((row) => JSON.stringify(row)).join("\n"));
    writeFileSync(
      path.join(dir, "heard.jsonl"),
      CASES.map((c) => JSON.stringify({ id: c.id, transcript: c.heard })).join("\n"),
    );
    writeFileSync(path.join(dir, "prompt.md"), "Extract the caller's name.\n{{schema}}\n\n{{transcript}}\n");
    writeFileSync(
      path.join(dir, "callgrade.config.ts"),
      `import { z } from "zod";
export default {
  name: "voice <history>",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable() }),
  models: [{ id: "rules", provider: "custom", path: "./extractor.mjs" }],
  asr: { recognisers: [{ id: "heard", provider: "replay", path: "heard.jsonl" }] },
};
`,
    );
    for (const out of ["one", "two"]) {
      const result = await runCli(["run", "--store", "store.db", "--out", out, "--no-cache"], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      summaries.push(JSON.parse(readFileSync(path.join(dir, out, "summary.json"), "utf8")));
    }
    html = readFileSync(path.join(dir, "two", "report.html"), "utf8");
  }, 120_000);

  it("draws both runs in History, the second as this run", () => {
    const history = /<section id="history"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    const [one, two] = summaries as [RunSummary, RunSummary];
    expect(history).toContain(`<code>${one.runId}</code>`);
    expect(history).toContain(`<code>${two.runId}</code> <span class="badge-now">this run</span>`);
    expect(history.match(/<path class="line"/g)).toHaveLength(2);
  });

  it("aligns the recognised calls worst first, Japanese by character, and counts the perfect one", () => {
    const voice = /<section id="voice"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    const order = [...voice.matchAll(/<summary><code>(c\d)<\/code>/g)].map((m) => m[1]);
    // c3: 3 of 9 words wrong; c2: 2 of 7; c4: 2 of 8 characters (ください → 下さい). sclite's weights align
    // "cy i" with "sigh" as a deletion and a substitution.
    expect(order).toEqual(["c3", "c2", "c4"]);
    expect(voice).toContain('<del class="a-del" title="deletion: “cy” not recognised">');
    expect(voice).toContain('title="substitution: “i” recognised as “sigh”"');
    expect(voice).toContain('<del class="a-del" title="deletion: “four” not recognised">');
    expect(voice).toContain('<p class="aligned" lang="ja"');
    expect(voice).toContain("1 call recognised without an error");
  });

  it("opens in Chromium with no CSP violation or console error", async () => {
    expect(chromiumMissing()).toBeUndefined();
    const run = await chromium(["--dump-dom", pathToFileURL(path.join(dir, "two", "report.html")).href]);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(pageProblems(run.stderr)).toEqual([]);
    expect(run.stdout).toContain('<h3 id="aligned">');
    expect(run.stdout).toContain("voice &lt;history&gt;");
  });
});
