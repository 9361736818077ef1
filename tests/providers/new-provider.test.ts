// A new provider is its own file and one registry line: the echo provider of tests/helpers/echo-provider.ts,
// registered here, runs a real suite end to end, and callgrade honours what it declares (remote, priced,
// cacheable) without knowing its name.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSuite, type RunEvent, run } from "../../src/index.js";
import { registerProvider } from "../../src/providers/index.js";
import { ROOT } from "../helpers/cli.js";
import { echoProvider } from "../helpers/echo-provider.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");
const REAL_PHONES = ["555-0142", "555 0199", "1234-5678"];

let dir: string;
let unregister: (() => void)[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cg-provider-"));
  cpSync(SMALL, dir, { recursive: true });
});
afterEach(() => {
  for (const off of unregister) off();
  unregister = [];
  rmSync(dir, { recursive: true, force: true });
});

/** The small suite's config with these models and options instead of its own. */
async function suiteWith(models: unknown[], extra = ""): Promise<ReturnType<typeof loadSuite>> {
  const file = path.join(dir, "callgrade.config.ts");
  const text = readFileSync(path.join(SMALL, "callgrade.config.ts"), "utf8").replace(
    /models: \[[\s\S]*?\n {2}\],/,
    `models: ${JSON.stringify(models)},${extra}`,
  );
  writeFileSync(file, text);
  return loadSuite(file);
}

async function runCounted(suite: Awaited<ReturnType<typeof loadSuite>>) {
  const events: RunEvent[] = [];
  const result = await run(suite, { onEvent: (event) => events.push(event) });
  const finished = events.flatMap((event) => (event.type === "call-finished" ? [event] : []));
  return { result, finished };
}

describe("a provider added with one registry line", () => {
  it("is redacted because remote, priced from the table, and served from the cache the second time", async () => {
    const echo = echoProvider("echo", { remote: true, priced: true, cacheable: true, input: "transcript" });
    unregister.push(registerProvider(echo.descriptor));
    const suite = await suiteWith(
      [{ id: "echo", provider: "echo", model: "gpt-4o", tokens: 1_000_000 }],
      ' redact: ["phone"],',
    );

    const first = await runCounted(suite);
    expect(first.result.exitCode).toBe(0);
    expect(echo.sent).toHaveLength(5);
    for (const phone of REAL_PHONES) expect(echo.sent.join("\n")).not.toContain(phone);
    expect(echo.sent.join("\n")).toContain("[PHONE_1]");
    const [model] = first.result.summary.models;
    // The placeholders it answered with were put back, so the real numbers were scored (c4's too).
    expect(model?.fields.phone?.accuracy).toBe(1);
    // gpt-4o: $2.5 in and $10 out per million tokens; 5 calls of a million each way.
    expect(model?.costUsd).toBeCloseTo(62.5, 6);

    const second = await runCounted(suite);
    expect(echo.sent).toHaveLength(5);
    expect(second.finished.map((event) => event.fromCache)).toEqual([true, true, true, true, true]);
    expect(second.result.summary.models[0]?.fields.phone?.accuracy).toBe(1);
  });

  it("declared local, unpriced and uncached, it is sent the real numbers, costs null, and is called again", async () => {
    const echo = echoProvider("echo-local", {
      remote: false,
      priced: false,
      cacheable: false,
      input: "transcript",
    });
    unregister.push(registerProvider(echo.descriptor));
    const suite = await suiteWith(
      [{ id: "local", provider: "echo-local", model: "gpt-4o", tokens: 10 }],
      ' redact: ["phone"],',
    );

    const first = await runCounted(suite);
    expect(first.result.summary.models[0]?.costUsd).toBeNull();
    expect(echo.sent.join("\n")).toContain("(415) 555-0142");
    expect(echo.sent.join("\n")).not.toContain("[PHONE_");

    const second = await runCounted(suite);
    expect(echo.sent).toHaveLength(10);
    expect(second.finished.some((event) => event.fromCache)).toBe(false);
  });

  it("its entries are checked against its own schema, naming the file and the field", async () => {
    const file = path.join(dir, "callgrade.config.ts");
    const unknown = suiteWith([{ id: "echo", provider: "echo", model: "gpt-4o", tokens: 1 }]);
    await expect(unknown).rejects.toThrow(`${file}: invalid config\n  models.0.provider: `);

    const echo = echoProvider("echo", { remote: true, priced: false, cacheable: true, input: "transcript" });
    unregister.push(registerProvider(echo.descriptor));
    const wrong = suiteWith([{ id: "echo", provider: "echo", model: "gpt-4o", tokns: 1 }]);
    await expect(wrong).rejects.toThrow(
      `${file}: invalid config\n  models.0.tokns: unknown option; did you mean "tokens"?`,
    );
    const zero = suiteWith([{ id: "echo", provider: "echo", model: "gpt-4o", tokens: 0 }]);
    await expect(zero).rejects.toThrow(`${file}: invalid config\n  models.0.tokens: Too small`);
  });

  it("is gone again once unregistered, and a kind is registered once", () => {
    const echo = echoProvider("echo", { remote: true, priced: false, cacheable: true, input: "transcript" });
    const off = registerProvider(echo.descriptor);
    expect(() => registerProvider(echo.descriptor)).toThrow('provider "echo" is registered already');
    off();
    unregister.push(registerProvider(echo.descriptor));
  });
});
