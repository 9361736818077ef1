// Untrusted text on every line callgrade prints: case ids with terminal escape sequences reach the screen
// inert, in messages, tables and commander's own errors alike.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const HOSTILE = [
  "\u001b]0;pwned\u0007retitle",
  "\u001b[2Jclear",
  "\u001b[31mred\u001b[0m",
  "\u202Eevil",
  "bell\u0007",
];
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for exactly these
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("printed lines are inert", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-inert-"));
    const rows = HOSTILE.map((id) =>
      JSON.stringify({ id, transcript: "caller: hello", gold: { name: "x" } }),
    );
    writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
    // The replay model answers none of them: every id is printed in "no answer for 5 cases (...)".
    writeFileSync(
      path.join(dir, "recorded.jsonl"),
      `${JSON.stringify({ id: "other", output: { name: "x" } })}\n`,
    );
    writeFileSync(path.join(dir, "prompt.md"), "Extract.\n\n{{transcript}}\n");
    writeFileSync(
      path.join(dir, "callgrade.config.ts"),
      `import { z } from "zod";
export default {
  name: "inert \\u001b[2J suite",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable() }),
  models: [{ id: "rec", provider: "replay", path: "recorded.jsonl" }],
};
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("case ids with escape sequences are named without them", async () => {
    const result = await runCli(["run"], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/rec: no answer for 5 cases \(/);
    for (const kept of ["retitle", "clear", "red", "evil", "bell"]) expect(result.stderr).toContain(kept);
    expect(result.stdout + result.stderr).not.toMatch(RAW);
  });

  it("commander's own errors about flags the user pasted are inert too", async () => {
    const result = await runCli(["run", "--\u001b[2Jwipe"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^callgrade: unknown option/);
    expect(result.stdout + result.stderr).not.toMatch(RAW);
  });
});
