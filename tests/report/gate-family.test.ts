// Every gate renderer says how the checks shared α: the family's size and method, and each check's adjusted
// p-value beside its raw one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { gatesSchema } from "../../src/config/schema.js";
import { runGate } from "../../src/gate/index.js";
import { renderGateConsole } from "../../src/report/gate-console.js";
import { renderGateMarkdown } from "../../src/report/gate-markdown.js";
import { gateBanner } from "../../src/report/html/gate.js";
import { renderJunit } from "../../src/report/junit.js";
import { suiteRun } from "../gate/simulated-suite.js";

// field_1: 12 right → wrong, 3 wrong → right on 120 calls (one-sided p = 0.018 alone); three thresholds.
const fields = (first: string) => ({
  field_1: first,
  field_2: "1101".repeat(30),
  field_3: "1101".repeat(30),
});
const baseline = suiteRun("base", { m: fields(`${"1".repeat(12)}${"0".repeat(3)}${"1".repeat(105)}`) });
const candidate = suiteRun("cand", { m: fields(`${"0".repeat(12)}${"1".repeat(3)}${"1".repeat(105)}`) });
const gates = gatesSchema.parse({
  thresholds: [
    { metric: "fieldAccuracy", field: "field_2", min: 0.6 },
    { metric: "fieldAccuracy", field: "field_3", min: 0.6 },
    { metric: "schemaValidRate", min: 0.9 },
  ],
  regression: { baseline: "b.json", maxDrop: 0.02, alpha: 0.05, resamples: 500 },
});
const gate = runGate(candidate, { gates, strict: false, baseline });
const field1 = gate.checks.find((c) => c.id === "regression:accuracy:m:field_1");

describe("the gate's family in every report", () => {
  it("the result names both families; the drop significant alone is held back", () => {
    expect(gate.families).toEqual([
      { kind: "threshold", method: "holm", size: 3, alpha: 0.05 },
      { kind: "regression", method: "holm", size: 4, alpha: 0.05 },
    ]);
    expect(field1?.verdict).toBe("inconclusive");
    expect(field1?.adjustedP).toBeGreaterThan(0.05);
  });

  it("console: a line per family, and the adjusted p beside the raw one in the check", () => {
    const text = renderGateConsole(gate);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^gate INCONCLUSIVE · run cand vs baseline base \(120 shared calls\)/);
    expect(lines[1]).toBe(
      "  family-wise: 3 thresholds share α=0.05 (Holm's step-down): the chance that any of their passes is wrong is at most 5%",
    );
    expect(lines[2]).toBe(
      "  family-wise: 4 regression checks share α=0.05 (Holm's step-down over one-sided p-values): a gate on pure noise fails at most 5% of the time",
    );
    expect(text).toMatch(/\? m field_1: .*one-sided McNemar p=0\.018, Holm-adjusted p=0\.\d+ over 4 checks/);
  });

  it("report.md: the family under the policy, and an adj. p column beside p", () => {
    const md = renderGateMarkdown(candidate, gate);
    expect(md).toContain(
      "Family-wise: 3 thresholds share α=0.05 (Holm's step-down): the chance that any of their passes is wrong is at most 5%; 4 regression checks share α=0.05 (Holm's step-down over one-sided p-values): a gate on pure noise fails at most 5% of the time. Each check decides on its adjusted p-value (adj. p).",
    );
    expect(md).toContain(
      "|  | model · field | Δ | 95% interval | p | adj. p | right → wrong | wrong → right | n |",
    );
    const adjusted = Number(field1?.adjustedP?.toPrecision(2));
    expect(md).toContain(
      `| ⚠️ | m · field\\_1 | -7.5 pp | [-14.6 pp, -1.3 pp] | 0.018 | ${adjusted} | 12 | 3 | 120 |`,
    );
    expect(md).toContain(
      "|  | model | metric | field | observed | 95% interval | limit | p at limit | adj. p | n |",
    );
  });

  it("report.html: the family in the banner, and the adjusted p among the check's numbers", () => {
    const html = gateBanner(gate);
    expect(html).toContain(
      '<p class="small family">family-wise: 3 thresholds share α=0.05 (Holm&#39;s step-down)',
    );
    expect(html).toContain("4 regression checks share α=0.05");
    expect(html).toMatch(
      /<dt>p-value<\/dt><dd>p = 0\.018<\/dd><\/div><div><dt>adjusted p \(Holm\)<\/dt><dd>p = 0\.\d+<\/dd>/,
    );
  });

  it("junit.xml: the family as suite properties, the adjusted p in each body, and still valid", async () => {
    const xml = renderJunit(candidate, gate);
    for (const property of [
      '<property name="family.regression.method" value="holm"/>',
      '<property name="family.regression.size" value="4"/>',
      '<property name="family.regression.alpha" value="0.05"/>',
      '<property name="family.threshold.size" value="3"/>',
    ])
      expect(xml).toContain(property);
    expect(xml).toMatch(/p-value: 0\.018\nadjusted p-value \(Holm\): 0\.\d+\n/);
    expect(xml).toMatch(/regression:accuracy:m:field_1: inconclusive \(p=0\.018, adjusted p=0\.\d+\)/);
    const schema = readFileSync(join(import.meta.dirname, "../fixtures/junit/junit.xsd"), "utf8");
    const result = await validateXML({
      xml: { fileName: "junit.xml", contents: xml },
      schema: { fileName: "junit.xsd", contents: schema },
    });
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("a result without families (from an older callgrade) renders as before", () => {
    const old = { ...gate, families: undefined, checks: gate.checks.map(({ adjustedP: _, ...c }) => c) };
    expect(renderGateConsole(old)).not.toContain("family-wise");
    expect(renderGateMarkdown(candidate, old)).not.toContain("adj. p");
    expect(renderJunit(candidate, old)).not.toContain("family.");
  });
});
