// Many inconclusive checks, as a person reads them on the console and in the pull-request comment: one line
// per model with each check's n, every message still one click away in Markdown, failures in full, and the
// checks the gate did not make said once.
import { describe, expect, it } from "vitest";
import type { GateCheck } from "../../src/gate/types.js";
import { renderGateConsole } from "../../src/report/gate-console.js";
import { renderGateMarkdown } from "../../src/report/gate-markdown.js";
import { makeGate, makeSummary, mixedChecks } from "../fixtures/junit/gate-results.js";

/** An inconclusive regression check on a field, as the gate words it. */
function unsure(model: string, field: string, n: number): GateCheck {
  return {
    id: `regression:accuracy:${model}:${field}`,
    kind: "regression",
    metric: "accuracy",
    model,
    field,
    verdict: "inconclusive",
    message: `${model} ${field}: ±0.0 pts on ${n} shared calls: too few calls to tell a drop of −10.0 pts`,
    observed: null,
    delta: 0,
    n,
    neededCalls: 119,
  };
}

const fields = ["name", "phone", "date", "size"];
const many = [
  ...mixedChecks.filter((c) => c.verdict !== "inconclusive"),
  ...fields.map((f) => unsure("a", f, 4)),
  ...fields.map((f) => unsure("b<i>", f, 3)),
];
const unchecked = [
  { model: "b<i>", metric: "latencyMs.mean" as const, reason: "replay rows without latencyMs" },
  { model: "b<i>", metric: "costUsd.perCall" as const, reason: "replay rows without latencyMs" },
];
const gate = makeGate(many, { unchecked });

describe("many inconclusive checks", () => {
  it("the console gives one line per model, naming each field with its n, and failures in full", () => {
    const text = renderGateConsole(gate);
    const lines = text.split("\n");
    expect(lines).toContain("  ? 8 checks inconclusive (more calls would tell), by model:");
    expect(lines).toContain("  ? a: name n=4, phone n=4, date n=4, size n=4 — about 119 calls needed");
    expect(lines).toContain("  ? b<i>: name n=3, phone n=3, date n=3, size n=3 — about 119 calls needed");
    expect(text).not.toContain("too few calls to tell a drop");
    for (const failed of many.filter((c) => c.verdict === "fail"))
      expect(text).toContain(`✗ ${failed.message}`);
    expect(lines.filter((l) => l.startsWith("  not checked:"))).toEqual([
      "  not checked: b<i> latencyMs.mean, costUsd.perCall (replay rows without latencyMs)",
    ]);
  });

  it("a few inconclusive checks keep their own message", () => {
    const text = renderGateConsole(makeGate([unsure("a", "name", 4), unsure("a", "date", 4)]));
    expect(text).toContain("? a name: ±0.0 pts on 4 shared calls");
    expect(text).not.toContain("by model:");
  });

  it("the pull-request comment lists them by model, every message collapsed beneath", () => {
    const md = renderGateMarkdown(makeSummary(), gate);
    const section = md.slice(md.indexOf("### Inconclusive checks"));
    expect(section).toContain("- ⚠️ **a**: name n=4, phone n=4, date n=4, size n=4 — needs ≈119 calls");
    expect(section).toContain(
      "- ⚠️ **b&lt;i&gt;**: name n=3, phone n=3, date n=3, size n=3 — needs ≈119 calls",
    );
    const details = section.slice(section.indexOf("<details><summary>Each inconclusive check (8)</summary>"));
    expect(details.slice(0, details.indexOf("</details>"))).toContain("too few calls to tell a drop");
    expect(md.indexOf("### Failing checks")).toBeLessThan(md.indexOf("### Inconclusive checks"));
    expect(md).toContain(
      "### Not checked\n\n- b&lt;i&gt; latencyMs.mean, costUsd.perCall (replay rows without latencyMs)",
    );
  });
});
