import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import type { GateCheck } from "../../src/gate/types.js";
import { renderJunit } from "../../src/report/junit.js";
import {
  HOSTILE,
  HOSTILE_LEGAL,
  makeGate,
  makeSummary,
  mixedChecks,
} from "../fixtures/junit/gate-results.js";

// libxml2's xmllint compiled to WebAssembly (the xmllint-wasm dev dependency): no system program needed.
const XSD = {
  fileName: "junit.xsd",
  contents: readFileSync(join(import.meta.dirname, "../fixtures/junit/junit.xsd"), "utf8"),
};

/** What xmllint --schema says of `xml`: `valid`, and one line per schema error. */
async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({ xml: { fileName: "junit.xml", contents: xml }, schema: XSD });
  return { valid: result.valid, errors: result.errors.map((error) => error.rawMessage) };
}

async function expectValid(xml: string): Promise<void> {
  const result = await validate(xml);
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
}

/** Evaluates an XPath 1.0 expression; attribute values come back decoded. */
async function xpath(xml: string, expression: string): Promise<string> {
  // The library has no XPath option: modifyArguments hands xmllint its own command line, and stdout comes
  // back as `normalized`. A bad expression or an empty node-set rejects. `normalization` only satisfies
  // the types; the command line replaces it.
  const result = await validateXML({
    xml: { fileName: "junit.xml", contents: xml },
    normalization: "format",
    modifyArguments: () => ["--xpath", expression, "junit.xml"],
  });
  return result.normalized.trim();
}

const suiteAttr = (xml: string, suite: string, attr: string): Promise<string> =>
  xpath(xml, `string(/testsuites/testsuite[@name='${suite}']/@${attr})`);

describe("junit.xml", () => {
  const summary = makeSummary();

  it("a gate with passing, failing and inconclusive checks validates against the JUnit schema", async () => {
    await expectValid(renderJunit(summary, makeGate()));
    await expectValid(renderJunit(summary, makeGate(mixedChecks, { strict: true })));
    await expectValid(renderJunit(summary, makeGate(mixedChecks.filter((c) => c.verdict === "pass"))));
    await expectValid(renderJunit(summary));
  });

  it("the schema check rejects a report that breaks the schema, naming what is wrong", async () => {
    const xml = renderJunit(summary, makeGate());
    const noFailures = await validate(xml.replace(/(<testsuite [^>]*?) failures="\d+"/, "$1"));
    expect(noFailures.valid).toBe(false);
    expect(noFailures.errors.join("\n")).toMatch(/attribute 'failures' is required/);
    const unknown = await validate(xml.replace("<testsuite ", '<testsuite flaky="1" '));
    expect(unknown.valid).toBe(false);
    expect(unknown.errors.join("\n")).toMatch(/attribute 'flaky' is not allowed/);
  });

  it("has one test case per gate check and per model × field, with counts that add up", async () => {
    const xml = renderJunit(summary, makeGate());
    expect(await xpath(xml, "count(/testsuites/testsuite)")).toBe("2");
    expect(await suiteAttr(xml, "callgrade gate", "tests")).toBe("7");
    expect(await suiteAttr(xml, "callgrade gate", "failures")).toBe("2");
    expect(await suiteAttr(xml, "callgrade gate", "skipped")).toBe("2");
    expect(await suiteAttr(xml, "callgrade gate", "errors")).toBe("0");
    expect(await suiteAttr(xml, "callgrade fields", "tests")).toBe("6");
    expect(await suiteAttr(xml, "callgrade fields", "failures")).toBe("1");
    expect(await suiteAttr(xml, "callgrade fields", "skipped")).toBe("0");
    expect(await xpath(xml, "string(/testsuites/@tests)")).toBe("13");
    expect(await xpath(xml, "string(/testsuites/@failures)")).toBe("3");
    expect(await xpath(xml, "string(/testsuites/@errors)")).toBe("0");
    expect(await xpath(xml, "count(//testcase)")).toBe("13");
    expect(await xpath(xml, "count(//testcase[failure])")).toBe("3");
    expect(await xpath(xml, "count(//testcase[skipped])")).toBe("2");
    // Checks are computed, not timed: every time is 0, so the sums hold.
    expect(await xpath(xml, "count(//*[@time and @time!='0'])")).toBe("0");
  });

  it("names gate cases gate.<kind>.<model> / check id, and field cases fields.<model> / field", async () => {
    const xml = renderJunit(summary, makeGate());
    const date = "regression:accuracy:gpt-4.1-mini:date";
    expect(await xpath(xml, `string(//testcase[@name='${date}']/@classname)`)).toBe(
      "gate.regression.gpt-4.1-mini",
    );
    expect(await xpath(xml, "count(//testcase[@classname='fields.claude-sonnet-4-5'])")).toBe("3");
    expect(await xpath(xml, "string(//testcase[@classname='fields.gpt-4.1-mini'][failure]/@name)")).toBe(
      "date",
    );
  });

  it("a failing regression carries its numbers and the first flipped calls", async () => {
    const xml = renderJunit(summary, makeGate());
    const failure = "//testcase[@name='regression:accuracy:gpt-4.1-mini:date']/failure";
    expect(await xpath(xml, `string(${failure}/@type)`)).toBe("regression");
    expect(await xpath(xml, `string(${failure}/@message)`)).toBe(
      "date dropped 7.0 pp (p=0.0009), more than the allowed 2 pp",
    );
    const body = await xpath(xml, `string(${failure})`);
    for (const line of [
      "observed: 88.0%",
      "95% interval: [-11.0 pp, -3.0 pp]",
      "baseline: 95.0%",
      "delta: -7.0 pp",
      "p-value: 0.0009",
      "n: 120",
      "flipped right → wrong: 12 (first 10)",
      "date-1: 2026-01-01 → null",
      "flipped wrong → right: 1",
    ])
      expect(body).toContain(line);
    expect(body).not.toContain("date-11:");
    const threshold = "//testcase[@name='threshold:latencyMs.p95:gpt-4.1-mini']/failure";
    expect(await xpath(xml, `string(${threshold}/@type)`)).toBe("threshold");
    expect(await xpath(xml, `string(${threshold})`)).toContain("limit: ≤ 3000 ms");
  });

  it("an inconclusive check is skipped (neutral), and a failure under --strict", async () => {
    const id = "regression:accuracy:claude-sonnet-4-5:phone";
    const loose = renderJunit(summary, makeGate());
    expect(await xpath(loose, `string(//testcase[@name='${id}']/skipped/@message)`)).toMatch(
      /^inconclusive: phone dropped/,
    );
    expect(await xpath(loose, `string(//testcase[@name='${id}']/system-out)`)).toContain(
      "needs about 480 calls",
    );
    expect(await xpath(loose, `count(//testcase[@name='${id}']/failure)`)).toBe("0");

    const strict = renderJunit(summary, makeGate(mixedChecks, { strict: true }));
    expect(await xpath(strict, `string(//testcase[@name='${id}']/failure/@message)`)).toMatch(
      /^inconclusive \(--strict\): phone dropped/,
    );
    expect(await suiteAttr(strict, "callgrade gate", "failures")).toBe("4");
    expect(await suiteAttr(strict, "callgrade gate", "skipped")).toBe("0");
    expect(await suiteAttr(strict, "callgrade fields", "failures")).toBe("3");
  });

  it("field cases report accuracy, interval, P/R/F1 and n", async () => {
    const xml = renderJunit(summary, makeGate());
    const out = await xpath(
      xml,
      "string(//testcase[@classname='fields.gpt-4.1-mini'][@name='phone']/system-out)",
    );
    expect(out).toContain("accuracy: 90.0% (95% Wilson interval 84.0%–94.0%)");
    expect(out).toContain("precision: 90.0%");
    expect(out).toContain("F1: 90.0%");
    expect(out).toContain("n: 120 (108 correct)");
    expect(out).toContain("threshold:fieldAccuracy:gpt-4.1-mini:phone: inconclusive");
  });

  it("hostile text is escaped, and characters XML 1.0 forbids are dropped", async () => {
    const model = `m"<${HOSTILE}>`;
    const check: GateCheck = {
      ...(mixedChecks[3] as GateCheck),
      id: `regression:${HOSTILE}`,
      model,
      field: HOSTILE,
      message: HOSTILE,
      flips: {
        rightToWrong: [{ caseId: HOSTILE, baseline: HOSTILE, candidate: { v: HOSTILE } }],
        wrongToRight: [],
      },
    };
    const hostileSummary = { ...makeSummary([{ id: model, fields: [HOSTILE] }]), createdAt: HOSTILE };
    const xml = renderJunit(hostileSummary, makeGate([check], { runId: HOSTILE, baselineRunId: HOSTILE }));
    await expectValid(xml);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none of them survived
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toMatch(/[\ud800-\udfff]/u);

    const legal = HOSTILE_LEGAL;
    expect(legal).toContain("😀");
    expect(await xpath(xml, "string(//testsuite[@name='callgrade gate']/testcase/failure/@message)")).toBe(
      legal,
    );
    expect(await xpath(xml, "string(//testsuite[@name='callgrade gate']/testcase/@classname)")).toBe(
      `gate.regression.${model.replace(HOSTILE, legal)}`,
    );
    expect(await xpath(xml, "string(//testsuite[@name='callgrade fields']/testcase/@name)")).toBe(legal);
  });
});
