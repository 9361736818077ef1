// Slices end to end: a suite that names meta keys gets accuracy per value in summary.json, the console,
// report.md and report.html, and `callgrade gate` judges a threshold on one slice. Every number is computed by
// hand from tests/fixtures/suite-slices (suite-small's calls and answers, with meta).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { type CliResult, runCli } from "../helpers/cli.js";

const CONFIG = "tests/fixtures/suite-slices/callgrade.config.ts";
const HOSTILE = "<img src=x onerror=alert(1)>";

// Per case, right (1) or wrong (0) on name, phone, date, size (notes is free text, in no accuracy):
//   a: c1 1111 · c2 1101 · c3 0111 · c4 1110      b: c1 0000 (prose) · c2, c3, c4 1111
// c5 has no gold. language: en = c1 c2 c3, ja = c4 c5; business: restaurant = c1 c4.
// a on en: fields 2/3, 3/3, 2/3, 3/3, mean 5/6. Each case's influence on that mean, Σ_f (x − p_f)/3/4:
// c1 +1/18, c2 −1/36, c3 −1/36; Σψ² = 1/216, × 3/2 (G/(G−1)) = 1/144, so the standard error is 1/12.
// b on en: every field 2/3; the influences are −2/9, 1/9, 1/9 → Σψ² × 3/2 = 1/9, standard error 1/3.
// a on restaurant: size 1/2, the rest 2/2, mean 7/8; influences ±1/16 → (2/256) × 2 = 1/64, error 1/8.
const Z = 1.959964;

describe("a suite sliced by language and business", () => {
  let dir: string;
  let run: CliResult;
  let summary: RunSummary;
  let gates = 0;
  const gate = (thresholds: unknown[], extra: string[] = []) => {
    const out = path.join(dir, `gate-${++gates}`);
    return runCli(["gate", "--config", CONFIG, "--store", path.join(dir, "s.db"), "--out", out, ...extra], {
      env: { SLICE_GATES: JSON.stringify(thresholds) },
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-slices-"));
    run = await runCli([
      "run",
      "--config",
      CONFIG,
      "--store",
      path.join(dir, "s.db"),
      "--out",
      path.join(dir, "out"),
    ]);
    summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
  });

  it("writes each value's accuracy per model, with intervals, to summary.json", () => {
    expect(run.code).toBe(0);
    const en = summary.slices?.language?.en;
    expect(en?.cases).toBe(3);
    expect(en?.models.a?.fieldAccuracy).toBeCloseTo(5 / 6, 10);
    expect(en?.models.a?.stdError).toBeCloseTo(1 / 12, 10);
    expect(en?.models.a?.ci95?.[0]).toBeCloseTo(5 / 6 - Z / 12, 6);
    expect(en?.models.a?.ci95?.[1]).toBeCloseTo(5 / 6 + Z / 12, 6);
    expect(en?.models.a?.n).toBe(3);
    expect(en?.models.a?.fields.name).toMatchObject({ n: 3, correct: 2 });
    expect(en?.models.a?.fields.phone).toMatchObject({ accuracy: 1, n: 3, correct: 3 });
    // Wilson 95% for 3/3: [z²... ] lower bound 3/(3 + z²) = 0.43850.
    expect(en?.models.a?.fields.phone?.ci95?.[0]).toBeCloseTo(0.4385, 4);
    expect(en?.models.a?.fields.notes).toBeUndefined();
    expect(en?.models.b?.fieldAccuracy).toBeCloseTo(2 / 3, 10);
    expect(en?.models.b?.stdError).toBeCloseTo(1 / 3, 10);
    expect(en?.models.b?.ci95).toEqual([expect.closeTo(2 / 3 - Z / 3, 6), 1]);
    // One scored case has no spread to measure: no interval.
    const ja = summary.slices?.language?.ja;
    expect(ja).toMatchObject({
      cases: 2,
      models: { a: { fieldAccuracy: 0.75, n: 1, ci95: null, stdError: null } },
    });
    expect(ja?.models.b?.fieldAccuracy).toBe(1);
    const restaurant = summary.slices?.business?.restaurant;
    expect(restaurant?.cases).toBe(2);
    expect(restaurant?.models.a?.fieldAccuracy).toBe(0.875);
    expect(restaurant?.models.a?.stdError).toBeCloseTo(1 / 8, 10);
    expect(restaurant?.models.b?.fieldAccuracy).toBe(0.5);
  });

  it("names values by their text or JSON, and puts cases without the key in (none)", () => {
    expect(Object.keys(summary.slices?.business ?? {}).sort()).toEqual(
      [HOSTILE, "clinic", "restaurant", '{"chain":true}'].sort(),
    );
    expect(summary.slices?.business?.['{"chain":true}']).toEqual({ cases: 1, models: {} });
    expect(summary.slices?.region).toEqual({ "(none)": expect.objectContaining({ cases: 5 }) });
    // The whole run, sliced by a key nobody has, is the whole run.
    expect(summary.slices?.region?.["(none)"]?.models.a?.fieldAccuracy).toBe(0.8125);
  });

  it("prints a table per key and warns about a key no case has", () => {
    expect(run.stdout).toMatch(/^en\s+3\s+83\.3% \[67–100\] n=3\s+66\.7% \[1–100\] n=3$/m);
    expect(run.stdout).toMatch(/^ja\s+2\s+75\.0% n=1\s+100\.0% n=1$/m);
    expect(run.stdout).toContain('slices: no case has the meta key "region" named in slices');
  });

  it("writes a section per key in report.md and escapes meta values in report.html", () => {
    const markdown = readFileSync(path.join(dir, "out", "report.md"), "utf8");
    expect(markdown).toContain("## Slices");
    expect(markdown).toMatch(
      /^\| en \| 3 \| field accuracy \| 83\.3% \[67–100\] n=3 \| 66\.7% \[1–100\] n=3 \|$/m,
    );
    expect(markdown).toMatch(/^\| {2}\| {2}\| name \| 66\.7% \[21–94\] n=3 \| 66\.7% \[21–94\] n=3 \|$/m);
    expect(markdown).toContain("&lt;img src=x onerror=alert(1)>");
    const html = readFileSync(path.join(dir, "out", "report.html"), "utf8");
    expect(html).toContain('<section id="slices"');
    expect(html).toContain('<a href="#slices">');
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain(HOSTILE);
  });

  it("passes a gate whose slice threshold the slice meets", async () => {
    const result = await gate([
      { metric: "fieldAccuracy", model: "a", field: "phone", min: 0.2, slice: { language: "en" } },
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^gate PASS .* 1 passed/);
    const junit = readFileSync(path.join(dir, `gate-${gates}`, "junit.xml"), "utf8");
    expect(junit).toContain(
      '<testcase classname="gate.threshold.a" name="threshold:fieldAccuracy:a:phone:language=en"',
    );
    expect(junit).toContain("fieldAccuracy:a:phone [language=en] = 1 (95% CI 0.439–1), needs ≥ 0.2, n=3");
  });

  it("fails a gate on a slice below its threshold, naming the slice in the console and junit.xml", async () => {
    const junit = path.join(dir, "junit.xml");
    const result = await gate(
      [
        { metric: "fieldAccuracy", min: 0.5 },
        { metric: "fieldAccuracy", model: "b", min: 0.9, slice: { language: "en" } },
      ],
      ["--junit", junit],
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /✗ fieldAccuracy:b \[language=en\] = 0\.667 \(95% CI 0\.013–1\), needs ≥ 0\.9, n=3/,
    );
    const markdown = readFileSync(path.join(dir, `gate-${gates}`, "report.md"), "utf8");
    expect(markdown).toContain(
      "❌ **threshold:fieldAccuracy:b:language=en**: fieldAccuracy:b \\[language=en\\] = 0.667",
    );
    expect(readFileSync(junit, "utf8")).toMatch(
      /<testcase[^>]*name="threshold:fieldAccuracy:b:language=en"[^>]*>\s*<failure/,
    );
  });

  it("refuses a threshold on a value no case has, or on a key the suite does not slice by", async () => {
    const value = await gate([{ metric: "fieldAccuracy", min: 0.5, slice: { language: "fr" } }]);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain(
      'gates.thresholds.0.slice: no case has language = "fr"; its values: en, ja',
    );
    const key = await gate([{ metric: "fieldAccuracy", min: 0.5, slice: { channel: "phone" } }]);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain(`"channel" is not among the suite's slices (language, business, region)`);
  });
});
