// junit.xml: one test case per gate check and per model × field, valid against tests/fixtures/junit/junit.xsd.
//
// An inconclusive check is <skipped>: CI systems show skipped as neutral, which is what "can't tell" means,
// and it does not fail a JUnit publisher. Under --strict the gate fails on it, so there it is a <failure>
// whose message starts "inconclusive (--strict)". Checks are computed, not timed: every time is 0.
import type { RunSummary } from "../core/summary.js";
import type { GateCheck, GateResult } from "../gate/types.js";
import { checkFacts, failsGate, formatP, formatValue } from "./junit-facts.js";
import { element, textElement } from "./junit-xml.js";

interface Case {
  xml: string;
  failed: boolean;
  skipped: boolean;
}

interface Suite {
  xml: string;
  tests: number;
  failures: number;
}

export function renderJunit(summary: RunSummary, gate?: GateResult): string {
  const suites: Suite[] = [];
  if (gate) suites.push(gateSuite(summary, gate));
  suites.push(fieldSuite(summary, gate));
  const root = element(
    "testsuites",
    {
      name: "callgrade",
      tests: sum(suites, "tests"),
      failures: sum(suites, "failures"),
      errors: 0,
      time: "0",
    },
    suites.map((s) => s.xml),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

function sum(suites: Suite[], key: "tests" | "failures"): number {
  return suites.reduce((total, s) => total + s[key], 0);
}

function suite(name: string, summary: RunSummary, properties: Record<string, string>, cases: Case[]): Suite {
  const failures = cases.filter((c) => c.failed).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const props = element(
    "properties",
    {},
    Object.entries(properties).map(([key, value]) => element("property", { name: key, value })),
  );
  const xml = element(
    "testsuite",
    {
      name,
      tests: cases.length,
      failures,
      errors: 0,
      skipped,
      time: "0",
      timestamp: summary.createdAt,
    },
    [props, ...cases.map((c) => c.xml)],
  );
  return { xml, tests: cases.length, failures };
}

function gateSuite(summary: RunSummary, gate: GateResult): Suite {
  const properties: Record<string, string> = {
    runId: gate.runId,
    verdict: gate.verdict,
    policy: gate.policy,
    strict: String(gate.strict),
  };
  if (gate.baselineRunId !== undefined) properties.baselineRunId = gate.baselineRunId;
  if (gate.sharedCalls !== undefined) properties.sharedCalls = String(gate.sharedCalls);
  // How the checks shared α: family.regression.size = 6, family.regression.method = holm, ...
  for (const family of gate.families ?? []) {
    properties[`family.${family.kind}.method`] = family.method;
    properties[`family.${family.kind}.size`] = String(family.size);
    properties[`family.${family.kind}.alpha`] = String(family.alpha);
  }
  return suite(
    "callgrade gate",
    summary,
    properties,
    gate.checks.map((check) => gateCase(check, gate)),
  );
}

function gateCase(check: GateCheck, gate: GateResult): Case {
  const head = { classname: `gate.${check.kind}.${check.model}`, name: check.id, time: "0" };
  const facts = checkFacts(check).join("\n");
  if (failsGate(check, gate)) {
    const message = check.verdict === "fail" ? check.message : `inconclusive (--strict): ${check.message}`;
    const failure = textElement("failure", { message, type: check.kind }, facts);
    return { xml: element("testcase", head, [failure]), failed: true, skipped: false };
  }
  const out = textElement("system-out", {}, facts);
  if (check.verdict === "inconclusive") {
    const skipped = element("skipped", { message: `inconclusive: ${check.message}` });
    return { xml: element("testcase", head, [skipped, out]), failed: false, skipped: true };
  }
  return { xml: element("testcase", head, [out]), failed: false, skipped: false };
}

const share = (value: number | null) => formatValue("accuracy", value);

function fieldSuite(summary: RunSummary, gate: GateResult | undefined): Suite {
  const cases: Case[] = [];
  for (const model of summary.models) {
    for (const [field, metrics] of Object.entries(model.fields)) {
      const checks = (gate?.checks ?? []).filter((c) => c.model === model.id && c.field === field);
      const ci = metrics.ci95;
      const wilson = ci ? ` (95% Wilson interval ${share(ci[0])}–${share(ci[1])})` : "";
      const lines = [
        `accuracy: ${share(metrics.accuracy)}${wilson}`,
        `precision: ${formatValue("precision", metrics.precision)}`,
        `recall: ${formatValue("recall", metrics.recall)}`,
        `F1: ${formatValue("f1", metrics.f1)}`,
        `n: ${metrics.n} (${metrics.correct} correct)`,
        ...checks.map(
          (c) =>
            `${c.id}: ${c.verdict}` +
            (c.pValue != null
              ? ` (p=${formatP(c.pValue)}${c.adjustedP != null ? `, adjusted p=${formatP(c.adjustedP)}` : ""})`
              : ""),
        ),
      ];
      const head = { classname: `fields.${model.id}`, name: field, time: "0" };
      const out = textElement("system-out", {}, lines.join("\n"));
      const failing = gate ? checks.filter((c) => failsGate(c, gate)) : [];
      const first = failing[0];
      if (first === undefined) {
        cases.push({ xml: element("testcase", head, [out]), failed: false, skipped: false });
        continue;
      }
      const failure = textElement(
        "failure",
        { message: failing.map((c) => c.message).join("; "), type: first.kind },
        failing.map((c) => checkFacts(c).join("\n")).join("\n\n"),
      );
      cases.push({ xml: element("testcase", head, [failure, out]), failed: true, skipped: false });
    }
  }
  return suite(
    "callgrade fields",
    summary,
    {
      runId: summary.runId,
      suite: summary.suite,
      prompt: summary.hashes.prompt,
      knowledgeBase: summary.hashes.knowledgeBase,
      schema: summary.hashes.schema,
    },
    cases,
  );
}
