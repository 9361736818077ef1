import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emitReport } from "../../src/api/report-output.js";
import type { GateCheck, GateResult } from "../../src/gate/types.js";
import { mdText, renderGateMarkdown } from "../../src/report/gate-markdown.js";
import { githubReporter } from "../../src/report/reporters/index.js";
import type { ReportData } from "../../src/summary/report-data-types.js";
import { HOSTILE, makeGate, makeSummary, mixedChecks } from "../fixtures/junit/gate-results.js";

const summary = makeSummary();
const passing = mixedChecks.filter((c) => c.verdict === "pass");
const unsure = mixedChecks.filter((c) => c.verdict !== "fail");

/** The cells of a Markdown table row, splitting on pipes that are not escaped. */
function cells(line: string): string[] {
  return line
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe("gate Markdown for pull requests", () => {
  it("leads with the verdict, the policy and whether inconclusive fails the gate", () => {
    const failed = renderGateMarkdown(summary, makeGate()).split("\n");
    expect(failed[0]).toBe("## ❌ callgrade gate: fail");
    expect(failed.join("\n")).toContain("Policy: point (");
    expect(failed.join("\n")).toContain("not strict: inconclusive checks do not fail the gate");

    expect(renderGateMarkdown(summary, makeGate(passing)).split("\n")[0]).toBe("## ✅ callgrade gate: pass");
    expect(renderGateMarkdown(summary, makeGate(unsure)).split("\n")[0]).toBe(
      "## ⚠️ callgrade gate: inconclusive — does not fail the gate (not strict)",
    );
    const strict = renderGateMarkdown(summary, makeGate(unsure, { strict: true, policy: "lower-bound" }));
    expect(strict.split("\n")[0]).toBe("## ⚠️ callgrade gate: inconclusive — fails the gate (--strict)");
    expect(strict).toContain(
      "Policy: lower-bound (an accuracy threshold passes only when its 95% interval's",
    );
  });

  it("lists the fields that moved, the largest move first, before anything else", () => {
    const md = renderGateMarkdown(summary, makeGate());
    const moved = md.slice(md.indexOf("### Fields that moved"), md.indexOf("### Overall changes"));
    const order = ["gpt-4.1-mini · date", "claude-sonnet-4-5 · phone", "gpt-4.1-mini · caller\\_name"].map(
      (f) => moved.indexOf(f),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const date = moved.split("\n").find((l) => l.includes("· date"));
    expect(cells(date ?? "")).toEqual([
      "❌",
      "gpt-4.1-mini · date",
      "-7.0 pp",
      "[-11.0 pp, -3.0 pp]",
      "0.0009",
      "12",
      "1",
      "120",
    ]);
    expect(md.indexOf("### Fields that moved")).toBeLessThan(md.indexOf("### Failing checks"));
    // A field that did not move is not listed.
    const still: GateCheck = {
      ...(mixedChecks[4] as GateCheck),
      id: "regression:accuracy:x:still",
      delta: 0,
    };
    expect(renderGateMarkdown(summary, makeGate([still]))).not.toContain("### Fields that moved");
  });

  it("names failing and inconclusive checks with their messages and the calls needed", () => {
    const md = renderGateMarkdown(summary, makeGate());
    expect(md).toContain("- ❌ **regression:accuracy:gpt-4.1-mini:date**: date dropped 7.0 pp");
    expect(md).toContain("too few calls to tell a 2 pp drop from noise — needs ≈480 calls");
  });

  it("shows the flipped calls, baseline value → candidate value, in a collapsed block", () => {
    const md = renderGateMarkdown(summary, makeGate());
    const details = md.slice(md.indexOf("<details>"), md.indexOf("</details>"));
    expect(details).toContain("<summary>Flipped calls: 14 right → wrong, 2 wrong → right</summary>");
    expect(details).toContain("| ❌ right → wrong | date-12 | 2026-01-03 | null |");
    expect(details).toContain("| ✅ wrong → right | fixed-1 | 2026-01-01 | null |");
    expect(md.indexOf("</details>")).toBeLessThan(md.indexOf("### Thresholds"));
    const many: GateCheck = {
      ...(mixedChecks[3] as GateCheck),
      flips: {
        rightToWrong: Array.from({ length: 30 }, (_, i) => ({
          caseId: `c${i}`,
          baseline: "a",
          candidate: "b",
        })),
        wrongToRight: [],
      },
    };
    const capped = renderGateMarkdown(summary, makeGate([many]));
    expect(capped).toContain("| ❌ right → wrong | c24 | a | b |");
    expect(capped).not.toContain("| c25 |");
    expect(capped).toContain("…and 5 more (see report.html).");
    expect(md).toContain("| ❌ | gpt-4.1-mini | latencyMs.p95 | — | 3400 ms | — | ≤ 3000 ms | 120 |");
  });

  it("escapes pipes, newlines, HTML and mentions in table cells and messages", () => {
    expect(mdText("a|b\nc <b> & @team")).toBe("a\\|b c &lt;b&gt; &amp; @\u200bteam");
    const check: GateCheck = {
      ...(mixedChecks[3] as GateCheck),
      model: "m|x",
      field: HOSTILE,
      message: HOSTILE,
      flips: { rightToWrong: [{ caseId: HOSTILE, baseline: HOSTILE, candidate: "x|y" }], wrongToRight: [] },
    };
    const md = renderGateMarkdown(summary, makeGate([check], { baselineRunId: HOSTILE }));
    expect(md).not.toContain("<script>");
    expect(md).not.toMatch(/@team/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none of them survived
    expect(md).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(md).not.toMatch(/[\ud800-\udfff]/u);
    expect(md).toContain("ok😀");
    const rows = md.split("\n").filter((line) => line.startsWith("| "));
    const flip = rows.find((line) => line.startsWith("| ❌ right → wrong"));
    expect(cells(flip ?? "")).toHaveLength(4);
    expect(cells(flip ?? "")[3]).toBe("x\\|y");
    const moved = rows.find((line) => line.includes("m\\|x"));
    expect(cells(moved ?? "")).toHaveLength(8);
  });
});

describe("$GITHUB_STEP_SUMMARY", () => {
  const dir = mkdtempSync(join(tmpdir(), "callgrade-step-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const data = (gate?: GateResult): ReportData => ({
    summary,
    ...(gate ? { gate } : {}),
    latencies: {},
    schemaFailures: {},
    pairwise: [],
    disagreements: [],
  });
  const emit = (env: Record<string, string>, gate: GateResult | null = makeGate(passing)) =>
    emitReport([githubReporter], data(gate ?? undefined), { dir: join(dir, "reports"), env });

  it("appends the gate's report to the file GitHub names, after what earlier steps wrote", async () => {
    const file = join(dir, "summary.md");
    writeFileSync(file, "# from an earlier step\n");
    expect(await emit({ GITHUB_STEP_SUMMARY: file })).toEqual([file]);
    expect(await emit({ GITHUB_STEP_SUMMARY: file })).toEqual([file]);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("# from an earlier step\n## ✅ callgrade gate: pass")).toBe(true);
    expect(text.split("## ✅ callgrade gate: pass")).toHaveLength(3);
  });

  it("does nothing off GitHub Actions, nor for a run without a gate", async () => {
    expect(await emit({})).toEqual([]);
    expect(await emit({ GITHUB_STEP_SUMMARY: "" })).toEqual([]);
    expect(await emit({ GITHUB_STEP_SUMMARY: join(dir, "no-gate.md") }, null)).toEqual([]);
  });

  it("a path that cannot be appended to is an error that names the variable", async () => {
    await expect(emit({ GITHUB_STEP_SUMMARY: join(dir, "missing", "summary.md") })).rejects.toThrow(
      /GITHUB_STEP_SUMMARY=.*missing/,
    );
  });
});
