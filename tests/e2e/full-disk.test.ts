// A disk that fills under callgrade: under the store mid-run, and under the report folder. Either ends with exit
// 4 and one line saying what happened, where, and what to do; nothing half-written is left, nothing stored is
// lost, and once space is freed the command it names completes without asking any stored call again.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { type FakeApi, startFakeApi } from "../helpers/fake-api.js";
import { promptParts } from "../helpers/fake-api-replies.js";
import { mountSmallDisk, type SmallDisk } from "../helpers/small-disk.js";

const CASES = 300;
const ENV = { OPENAI_API_KEY: "sk-test-full-disk" };
// Each answer carries 4 KB of notes: a few hundred calls need far more than the room left on the small disk.
const NOTES = "n".repeat(4_000);

function suite(dir: string, api: FakeApi): void {
  const rows = Array.from({ length: CASES }, (_, i) => {
    const id = `c${String(i).padStart(4, "0")}`;
    return JSON.stringify({ id, transcript: `caller: this is call ${id}`, gold: { name: `Guest ${i}` } });
  });
  writeFileSync(path.join(dir, "calls.jsonl"), `${rows.join("\n")}\n`);
  writeFileSync(path.join(dir, "prompt.md"), "Extract the name as JSON.\n{{schema}}\n{{transcript}}\n");
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { z } from ${JSON.stringify(path.join(ROOT, "node_modules/zod/index.js"))};
export default {
  name: "full-disk",
  dataset: "calls.jsonl",
  prompt: "prompt.md",
  schema: z.object({ name: z.string().nullable(), notes: z.string() }),
  models: [{ id: "o", provider: "openai", model: "gpt-4.1-mini", baseURL: "${api.openaiBaseURL}" }],
  concurrency: 8,
};
`,
  );
}

const caseOf = (body: unknown) => /call (c\d{4})/.exec(promptParts("openai", body).rest)?.[1] ?? "?";

function answeredCases(storeFile: string): string[] {
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT case_id FROM calls WHERE status = 'ok' ORDER BY case_id")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

function runIds(storeFile: string): string[] {
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT id FROM runs").pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** The error lines a command printed (the progress lines above them aside). */
const errorLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("callgrade:"));

describe("a full disk", () => {
  let api: FakeApi;
  let disk: SmallDisk | undefined;

  beforeAll(async () => {
    api = await startFakeApi({
      latencyMs: 1,
      respond: ({ body }) => ({ json: { name: `Guest ${Number(caseOf(body).slice(1))}`, notes: NOTES } }),
    });
  });
  afterEach(() => {
    disk?.unmount();
    disk = undefined;
  });
  afterAll(async () => {
    await api.close();
  });

  it("under the store mid-run: exit 4, one line naming the store, and --resume completes asking nothing stored again", async () => {
    disk = mountSmallDisk(24 * 1024);
    const dir = mkdtempSync(path.join(tmpdir(), "cg-full-store-"));
    suite(dir, api);
    const storeFile = path.join(disk.dir, "store", "callgrade.db");
    // Room for the store and its cases, and for some calls, not for all 300 (each ~16 KB stored).
    disk.fillLeaving(1_200_000);
    const start = api.requests.length;

    const full = await runCli(["run", "--store", storeFile, "--out", "out"], { cwd: dir, env: ENV });
    const lines = errorLines(full.stderr);
    expect(full.code, full.stderr).toBe(4);
    expect(lines, full.stderr).toHaveLength(1);
    expect(lines[0]).toContain(storeFile);
    expect(lines[0]).toMatch(
      /cannot write to the store: the disk is full \(SQLITE_FULL\); what was stored is intact/,
    );
    expect(full.stderr).not.toMatch(/\n\s+at |SqliteError|unexpected/);
    // The command carries the --store this run was given, as every printed follow-up does.
    const runId = /resume with: npx callgrade run --resume (\S+) --store \S+$/.exec(lines[0] ?? "")?.[1];
    expect(runId, lines[0]).toBeDefined();

    // Mid-run: some calls were stored before the disk filled, not all of them.
    const stored = new Set(answeredCases(storeFile));
    expect(stored.size).toBeGreaterThan(0);
    expect(stored.size).toBeLessThan(CASES);
    const askedBefore = api.requests.length;

    disk.freeSpace();
    const resumed = await runCli(["run", "--resume", runId ?? "", "--store", storeFile, "--out", "out"], {
      cwd: dir,
      env: ENV,
    });
    expect(resumed.stderr).not.toMatch(/unexpected|\n\s+at /);
    expect(resumed.code, resumed.stderr).toBe(0);
    const answered = answeredCases(storeFile);
    expect(answered).toHaveLength(CASES);
    expect(new Set(answered).size).toBe(CASES);
    // No stored call was asked again; only those whose answers the full disk refused were.
    const askedAgain = api.requests.slice(askedBefore).map((r) => caseOf(r.body));
    expect(askedAgain.filter((id) => stored.has(id))).toEqual([]);
    expect(new Set(askedAgain).size).toBe(askedAgain.length);
    expect(new Set(api.requests.slice(start).map((r) => caseOf(r.body))).size).toBe(CASES);
    const summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
    expect(summary).toMatchObject({ runId, status: "finished", caseCount: CASES });
  }, 120_000);

  it("under the report folder: exit 4, one line naming the folder, no temporary file left, and the report it names completes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-full-report-"));
    suite(dir, api);
    const done = await runCli(["run", "--store", "s.db", "--limit", "40"], { cwd: dir, env: ENV });
    expect(done.code, done.stderr).toBe(0);
    const runId = runIds(path.join(dir, "s.db"))[0];

    const html = statSync(path.join(dir, "reports", runId ?? "", "report.html")).size;
    expect(html).toBeGreaterThan(16 * 1024);
    disk = mountSmallDisk(1024);
    const out = path.join(disk.dir, "reports");
    // Room for the small files (a 4 KiB page each) and half of report.html.
    disk.fillLeaving(4 * 4096 + Math.floor(html / 2));
    const full = await runCli(["report", runId ?? "", "--store", "s.db", "--out", out], { cwd: dir });
    const lines = errorLines(full.stderr);
    expect(full.code, full.stderr).toBe(4);
    expect(lines, full.stderr).toHaveLength(1);
    expect(lines[0]).toContain(out);
    expect(lines[0]).toMatch(/cannot write the report: the disk is full \(ENOSPC\); the run is stored/);
    expect(full.stderr).not.toMatch(/\n\s+at |unexpected/);
    const again = /write them again with: (npx callgrade report .+)$/.exec(lines[0] ?? "")?.[1];
    expect(again, lines[0]).toBeDefined();
    expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    disk.freeSpace();
    const args = (again ?? "").split(" ").slice(2);
    const written = await runCli([...args, "--store", "s.db"], { cwd: dir });
    expect(written.code, written.stderr).toBe(0);
    expect(existsSync(path.join(out, "report.html"))).toBe(true);
    expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  }, 120_000);
  it("under a run's --out: exit 4 after every call is stored, and the report command it names writes the reports", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cg-full-run-out-"));
    suite(dir, api);
    disk = mountSmallDisk(1024);
    const out = path.join(disk.dir, "reports");
    disk.fillLeaving(8 * 1024);
    const full = await runCli(["run", "--store", "s.db", "--limit", "40", "--out", out], {
      cwd: dir,
      env: ENV,
    });
    const lines = errorLines(full.stderr);
    expect(full.code, full.stderr).toBe(4);
    expect(lines, full.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(
      /: cannot write the report: the disk is full \(ENOSPC\); the run is stored\. Free space on it, then write them again with: npx callgrade report \S+ --out \S+ --store s\.db$/,
    );
    expect(answeredCases(path.join(dir, "s.db"))).toHaveLength(40);
    expect(readdirSync(out).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    disk.freeSpace();
    const again = /write them again with: npx callgrade (report .+)$/.exec(lines[0] ?? "")?.[1] ?? "";
    const written = await runCli(again.split(" "), { cwd: dir });
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"))).toMatchObject({ caseCount: 40 });
  }, 120_000);
});
