import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GateCheck } from "../../src/gate/types.js";
import { renderJunit } from "../../src/report/junit.js";
import {
  HOSTILE,
  HOSTILE_LEGAL,
  makeGate,
  makeSummary,
  mixedChecks,
} from "../fixtures/junit/gate-results.js";

const XSD = join(import.meta.dirname, "../fixtures/junit/junit.xsd");
const dir = mkdtempSync(join(tmpdir(), "callgrade-junit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs Debian's xmllint on `xml`; a missing xmllint fails the test, it never skips it. */
function xmllint(xml: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml, "utf8");
  const result = spawnSync("xmllint", [...args, file], { encoding: "utf8" });
  if (result.error) {
    throw new Error(
      `xmllint could not run (${result.error.message}): .ci/run installs it (Debian package libxml2-utils)`,
    );
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectValid(xml: string): void {
  const result = xmllint(xml, ["--noout", "--schema", XSD]);
  expect(result.stderr).toContain("validates");
  expect(result.status).toBe(0);
}

/** Evaluates an XPath 1.0 expression; attribute values come back decoded. */
function xpath(xml: string, expression: string): string {
  const result = xmllint(xml, ["--xpath", expression]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

const suiteAttr = (xml: string, suite: string, attr: string) =>
  xpath(xml, `string(/testsuites/testsuite[@name='${suite}']/@${attr})`);

describe("junit.xml", () => {
  const summary = makeSummary();

  it("a gate with passing, failing and inconclusive checks validates against the JUnit schema", () => {
    expectValid(renderJunit(summary, makeGate()));
    expectValid(renderJunit(summary, makeGate(mixedChecks, { strict: true })));
    expectValid(renderJunit(summary, makeGate(mixedChecks.filter((c) => c.verdict === "pass"))));
    expectValid(renderJunit(summary));
  });

  it("has one test case per gate check and per model × field, with counts that add up", () => {
    const xml = renderJunit(summary, makeGate());
    expect(xpath(xml, "count(/testsuites/testsuite)")).toBe("2");
    expect(suiteAttr(xml, "callgrade gate", "tests")).toBe("7");
    expect(suiteAttr(xml, "callgrade gate", "failures")).toBe("2");
    expect(suiteAttr(xml, "callgrade gate", "skipped")).toBe("2");
    expect(suiteAttr(xml, "callgrade gate", "errors")).toBe("0");
    expect(suiteAttr(xml, "callgrade fields", "tests")).toBe("6");
    expect(suiteAttr(xml, "callgrade fields", "failures")).toBe("1");
    expect(suiteAttr(xml, "callgrade fields", "skipped")).toBe("0");
    expect(xpath(xml, "string(/testsuites/@tests)")).toBe("13");
    expect(xpath(xml, "string(/testsuites/@failures)")).toBe("3");
    expect(xpath(xml, "string(/testsuites/@errors)")).toBe("0");
    expect(xpath(xml, "count(//testcase)")).toBe("13");
    expect(xpath(xml, "count(//testcase[failure])")).toBe("3");
    expect(xpath(xml, "count(//testcase[skipped])")).toBe("2");
    // Checks are computed, not timed: every time is 0, so the sums hold.
    expect(xpath(xml, "count(//*[@time and @time!='0'])")).toBe("0");
  });

  it("names gate cases gate.<kind>.<model> / check id, and field cases fields.<model> / field", () => {
    const xml = renderJunit(summary, makeGate());
    const date = "regression:accuracy:gpt-4.1-mini:date";
    expect(xpath(xml, `string(//testcase[@name='${date}']/@classname)`)).toBe("gate.regression.gpt-4.1-mini");
    expect(xpath(xml, "count(//testcase[@classname='fields.claude-sonnet-4-5'])")).toBe("3");
    expect(xpath(xml, "string(//testcase[@classname='fields.gpt-4.1-mini'][failure]/@name)")).toBe("date");
  });

  it("a failing regression carries its numbers and the first flipped calls", () => {
    const xml = renderJunit(summary, makeGate());
    const failure = "//testcase[@name='regression:accuracy:gpt-4.1-mini:date']/failure";
    expect(xpath(xml, `string(${failure}/@type)`)).toBe("regression");
    expect(xpath(xml, `string(${failure}/@message)`)).toBe(
      "date dropped 7.0 pp (p=0.0009), more than the allowed 2 pp",
    );
    const body = xpath(xml, `string(${failure})`);
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
    expect(xpath(xml, `string(${threshold}/@type)`)).toBe("threshold");
    expect(xpath(xml, `string(${threshold})`)).toContain("limit: ≤ 3000 ms");
  });

  it("an inconclusive check is skipped (neutral), and a failure under --strict", () => {
    const id = "regression:accuracy:claude-sonnet-4-5:phone";
    const loose = renderJunit(summary, makeGate());
    expect(xpath(loose, `string(//testcase[@name='${id}']/skipped/@message)`)).toMatch(
      /^inconclusive: phone dropped/,
    );
    expect(xpath(loose, `string(//testcase[@name='${id}']/system-out)`)).toContain("needs about 480 calls");
    expect(xpath(loose, `count(//testcase[@name='${id}']/failure)`)).toBe("0");

    const strict = renderJunit(summary, makeGate(mixedChecks, { strict: true }));
    expect(xpath(strict, `string(//testcase[@name='${id}']/failure/@message)`)).toMatch(
      /^inconclusive \(--strict\): phone dropped/,
    );
    expect(suiteAttr(strict, "callgrade gate", "failures")).toBe("4");
    expect(suiteAttr(strict, "callgrade gate", "skipped")).toBe("0");
    expect(suiteAttr(strict, "callgrade fields", "failures")).toBe("3");
  });

  it("field cases report accuracy, interval, P/R/F1 and n", () => {
    const xml = renderJunit(summary, makeGate());
    const out = xpath(xml, "string(//testcase[@classname='fields.gpt-4.1-mini'][@name='phone']/system-out)");
    expect(out).toContain("accuracy: 90.0% (95% Wilson interval 84.0%–94.0%)");
    expect(out).toContain("precision: 90.0%");
    expect(out).toContain("F1: 90.0%");
    expect(out).toContain("n: 120 (108 correct)");
    expect(out).toContain("threshold:fieldAccuracy:gpt-4.1-mini:phone: inconclusive");
  });

  it("hostile text is escaped, and characters XML 1.0 forbids are dropped", () => {
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
    expectValid(xml);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none of them survived
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    expect(xml).not.toMatch(/[\ud800-\udfff]/u);

    const legal = HOSTILE_LEGAL;
    expect(legal).toContain("😀");
    expect(xpath(xml, "string(//testsuite[@name='callgrade gate']/testcase/failure/@message)")).toBe(legal);
    expect(xpath(xml, "string(//testsuite[@name='callgrade gate']/testcase/@classname)")).toBe(
      `gate.regression.${model.replace(HOSTILE, legal)}`,
    );
    expect(xpath(xml, "string(//testsuite[@name='callgrade fields']/testcase/@name)")).toBe(legal);
  });
});
