// Why calls failed and which enum value is taken for which, as a user meets them: a run through the CLI against
// the loopback fake API, read in the console, report.md, report.html and summary.json.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { type CliResult, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";

const SMALL = path.resolve("tests/fixtures/suite-small");
const HOSTILE = `no known transcript in request <script>alert(1)</script> \u001b[31mred\u001b[0m | *bold* "q"`;

/** case id → [gold intent, the intent the model answers]; "c6" the fake API refuses with a 400. */
const CASES: Record<string, [string, string]> = {
  c1: ["book", "book"],
  c2: ["book", "book"],
  c3: ["cancel", "reschedule"],
  c4: ["reschedule", "reschedule"],
  c5: ["cancel", "cancel"],
  c6: ["book", "book"],
};

function suite(api: FakeApi): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-failures-"));
  const rows = Object.entries(CASES).map(([id, [intent]]) =>
    JSON.stringify({
      id,
      transcript: `caller: case ${id}`,
      gold: { intent, name: "Ana" },
      meta: { callDate: "2026-06-08" },
    }),
  );
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  for (const file of ["prompt.md", "kb.md"]) copyFileSync(path.join(SMALL, file), path.join(dir, file));
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from "zod";
export default {
  name: "failures",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  knowledgeBase: "kb.md",
  schema: z.object({ intent: z.enum(["book", "reschedule", "cancel"]), name: z.string().nullable() }),
  models: [{ id: "api", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}", maxRetries: 0 }],
};
`,
  );
  return dir;
}

describe("failed calls and confusion matrices in every report", () => {
  let api: FakeApi;
  let dir: string;
  let result: CliResult;

  beforeAll(async () => {
    api = await startFakeApi({
      respond: ({ api: kind, body }) => {
        const id = /case (c\d)/.exec(promptParts(kind, body).rest)?.[1] ?? "";
        const answer = CASES[id];
        if (!answer || id === "c6") return { status: 400, body: { error: { message: HOSTILE } } };
        return { json: { intent: answer[1], name: "Ana" } };
      },
    });
    dir = suite(api);
    result = await runCli(["run", "--store", "s.db", "--out", "out"], {
      cwd: dir,
      env: { OPENAI_API_KEY: "sk-test-failures" },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it("summary.json keeps the provider's message per model and error kind", () => {
    // A case without an answer leaves the run incomplete.
    expect(result.code).toBe(3);
    const summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8")) as RunSummary;
    const [model] = summary.models;
    expect(model?.failures).toEqual([{ kind: "bad_request", count: 1, messages: [`400 ${HOSTILE}`] }]);
  });

  it("the console shows the message, inert", () => {
    const line = result.stdout.split("\n").find((l) => l.includes("api · bad_request ×1"));
    expect(line).toContain('"400 no known transcript in request <script>alert(1)</script>');
    expect(result.stdout).toContain("calls without an answer:");
    expect(result.stdout).not.toContain("\u001b[31m");
  });

  it("report.md shows the message as inert Markdown, and the intent's confusion matrix", () => {
    const md = readFileSync(path.join(dir, "out", "report.md"), "utf8");
    expect(md).toContain("- api: 1 calls without an answer (1 bad_request)");
    expect(md).toContain(
      '  - bad\\_request ×1: "400 no known transcript in request &lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(md).not.toContain("<script>");
    expect(md).toContain("### intent · api");
    const table = md.slice(md.indexOf("### intent · api"));
    // Most frequent value first; the diagonal in bold.
    expect(table).toContain("| gold ↓ · answer → | book | cancel | reschedule |");
    expect(table).toContain("| **book** | **2** | · | · |");
    expect(table).toContain("| **cancel** | · | **1** | 1 |");
    expect(table).toContain("| **reschedule** | · | · | **1** |");
  });

  it("report.html shows the message escaped and the matrix with the diagonal highlighted", () => {
    const html = readFileSync(path.join(dir, "out", "report.html"), "utf8");
    expect(html).toContain('<section id="errors"');
    expect(html).toContain("400 no known transcript in request &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain('<a href="#confusion">');
    const section = html.slice(html.indexOf('<section id="confusion"'));
    expect(section).toContain("<caption>intent · api · n=5</caption>");
    expect(section).toMatch(/<tr><th scope="row">book<\/th><td class="hit"[^>]*>2<\/td>/);
    expect(section).toMatch(
      /<tr><th scope="row">cancel<\/th><td class="zero"[^>]*>0<\/td><td class="hit"[^>]*>1<\/td><td class="miss"[^>]*>1<\/td>/,
    );
  });
});
