// Many processes opening the same new store at the same moment: each one migrates it or sees it migrated, and
// none crashes with "table runs already exists" or "duplicate column name".
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { ROOT } from "../helpers/cli.js";

const PROCESSES = 24;
const ROUNDS = 4;

// Imports the built package first (the slow part), says it is ready, then opens the store when told to go:
// every process reaches `openStore` within a millisecond or so of the others.
const OPENER = `
import { openStore } from ${JSON.stringify(path.join(ROOT, "dist", "index.js"))};
process.stdout.write("ready\\n");
process.stdin.once("data", () => {
  const store = openStore(process.argv[2]);
  store.close();
  process.exit(0);
});
`;

interface Opened {
  code: number | null;
  stderr: string;
}

async function openAllAtOnce(script: string, file: string): Promise<Opened[]> {
  const children = Array.from({ length: PROCESSES }, () =>
    spawn(process.execPath, [script, file], { stdio: ["pipe", "pipe", "pipe"] }),
  );
  const exits = children.map(
    (child) =>
      new Promise<Opened>((resolve) => {
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString("utf8");
        });
        child.on("close", (code) => resolve({ code, stderr }));
      }),
  );
  await Promise.all(
    children.map((child) => new Promise<void>((resolve) => child.stdout.once("data", () => resolve()))),
  );
  for (const child of children) child.stdin.end("go\n");
  return Promise.all(exits);
}

describe("a new store opened by many processes at once", () => {
  it(`${PROCESSES} processes, ${ROUNDS} rounds: every one exits 0 and the schema ends at the latest version`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-concurrent-open-"));
    const script = path.join(dir, "open.mjs");
    writeFileSync(script, OPENER);
    for (let round = 0; round < ROUNDS; round++) {
      const file = path.join(dir, `round-${round}`, "callgrade.db");
      const opened = await openAllAtOnce(script, file);
      const failed = opened.filter((o) => o.code !== 0);
      expect(failed.map((o) => o.stderr.split("\n").find((line) => /Error/.test(line)) ?? o.stderr)).toEqual(
        [],
      );
      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
        expect(tables).toEqual(expect.arrayContaining(["runs", "cases", "calls", "outputs", "grades"]));
      } finally {
        db.close();
      }
    }
  }, 120_000);
});
