// Which folders report files may go into: new, empty, or callgrade's own; anyone else's only with --force.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertReportFolder, emitReport, REPORT_MARKER } from "../../src/api/report-output.js";
import { CallgradeError } from "../../src/core/errors.js";
import type { Reporter } from "../../src/report/reporter.js";
import type { ReportData } from "../../src/summary/report-data-types.js";
import { makeSummary } from "../fixtures/junit/gate-results.js";

const folder = (...files: string[]) => {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-report-folder-"));
  for (const file of files) writeFileSync(path.join(dir, file), "x");
  return dir;
};

const refusal = (dir: string, options?: { force?: boolean }) => {
  try {
    assertReportFolder(dir, options);
  } catch (error) {
    return error;
  }
  return undefined;
};

const DATA: ReportData = {
  summary: makeSummary(),
  latencies: {},
  schemaFailures: {},
  pairwise: [],
  disagreements: [],
};

/** A reporter of the user's own that writes a built-in's file and two of its own, one in a subfolder. */
const custom: Reporter = {
  name: "custom",
  onReport(_data, out) {
    out.file("summary.json", "{}");
    out.file("scores.csv", "a,b\n");
    out.file(path.join("charts", "a.svg"), "<svg/>");
  },
};

describe("the report folder", () => {
  it("a folder that does not exist yet, or an empty one, takes reports", () => {
    expect(refusal(path.join(folder(), "new", "deeper"))).toBeUndefined();
    expect(refusal(folder())).toBeUndefined();
  });

  it("a folder of callgrade's reports takes them again, a temporary file a kill left behind included", () => {
    const dir = folder(
      "summary.json",
      "report.md",
      "report.html",
      "junit.xml",
      "gold.jsonl",
      "report.html.4242.tmp",
    );
    expect(refusal(dir)).toBeUndefined();
  });

  it("a folder holding anything else is refused with exit 2, naming the folder and one foreign entry", () => {
    const dir = folder("summary.json", "notes.txt");
    const error = refusal(dir);
    expect(error).toBeInstanceOf(CallgradeError);
    expect(error).toMatchObject({ code: "USAGE", exitCode: 2 });
    expect((error as Error).message).toBe(
      `${dir}: not a callgrade report folder (it holds "notes.txt"); pass --out with a new or empty folder, or pass --force to write into it anyway`,
    );
    // A subfolder is an entry like any other; a temporary file of a foreign name is foreign.
    const withFolder = folder();
    mkdirSync(path.join(withFolder, "src"));
    expect((refusal(withFolder) as Error).message).toContain('(it holds "src")');
    expect((refusal(folder("notes.txt.17.tmp")) as Error).message).toContain('"notes.txt.17.tmp"');
  });

  it("--force writes into any folder", () => {
    expect(refusal(folder("package.json", "README.md"), { force: true })).toBeUndefined();
  });

  it("the root folder is refused (as root, --out / used to write reports into /)", () => {
    const error = refusal("/");
    expect(error).toMatchObject({ code: "USAGE", exitCode: 2 });
    expect((error as Error).message).toMatch(
      /^\/: not a callgrade report folder \(it holds ".+"\); .*--force/,
    );
  });

  it("a file where the folder should be is refused", () => {
    const dir = folder("a-file");
    expect((refusal(path.join(dir, "a-file")) as Error).message).toMatch(
      /a-file: cannot write the report \(ENOTDIR/,
    );
  });

  it("a hostile entry name is printed inert", () => {
    const dir = folder("\u001b]0;owned\u0007");
    const message = (refusal(dir) as Error).message;
    expect(message).not.toContain("\u001b");
    expect(message).not.toContain("\u0007");
  });

  it("files a reporter wrote are recorded in the folder's marker, so the folder takes reports again", async () => {
    const dir = path.join(folder(), "out");
    const written = await emitReport([custom], DATA, { dir });
    expect(written).toEqual([
      path.join(dir, "summary.json"),
      path.join(dir, "scores.csv"),
      path.join(dir, "charts", "a.svg"),
    ]);
    expect(readdirSync(dir).sort()).toEqual([REPORT_MARKER, "charts", "scores.csv", "summary.json"]);
    const marker = readFileSync(path.join(dir, REPORT_MARKER), "utf8").split("\n");
    expect(marker).toEqual(expect.arrayContaining(["charts", "scores.csv", "summary.json"]));
    expect(refusal(dir)).toBeUndefined();
    // Written again: the same files, nothing refused, nothing new in the marker.
    await emitReport([custom], DATA, { dir });
    expect(refusal(dir)).toBeUndefined();
    // Someone's file dropped into it later is foreign all the same.
    writeFileSync(path.join(dir, "my-notes.txt"), "mine");
    expect((refusal(dir) as Error).message).toContain('(it holds "my-notes.txt")');
  });

  it("a reporter that writes no file leaves no folder and no marker", async () => {
    const dir = path.join(folder(), "out");
    await emitReport([{ name: "quiet", onReport: () => {} }], DATA, { dir });
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });
});
