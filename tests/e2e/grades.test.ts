// Grades flow back into the numbers: report shows human-adjudicated accuracy, export-gold writes the labels.
// Counts of review work read in one unit (review items) everywhere, and reviewers' notes reach every output.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { openReviewSession } from "../../src/review/session.js";
import { Store } from "../../src/store/index.js";
import { runCli } from "../helpers/cli.js";

describe("grades in the report and in exported gold", () => {
  let dir: string;
  let storeFile: string;
  let runId: string;
  let runOut: string;
  /** A reviewer's note is untrusted: markup and Markdown in it must stay text everywhere it is shown. */
  const NOTE = "Lee, not Li: <img src=x onerror=alert(1)> ![x](https://evil.example/x.png) | spelled out";

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-grades-"));
    storeFile = path.join(dir, "store.db");
    const run = await runCli([
      "run",
      "--config",
      "tests/fixtures/suite-small/callgrade.config.ts",
      "--store",
      storeFile,
      "--out",
      path.join(dir, "run"),
    ]);
    expect(run.code).toBe(0);
    runOut = run.stdout;
    runId = (JSON.parse(readFileSync(path.join(dir, "run", "summary.json"), "utf8")) as RunSummary).runId;

    // Ann grades the queue as the TUI would: c5's name (a disagreement) first, then c1's notes (free text).
    const store = Store.open(storeFile);
    const session = openReviewSession(store, { runId, reviewer: "ann" });
    const first = session.next();
    expect(first?.caseId).toBe("c5");
    const name = first?.fields.find((f) => f.field === "name");
    if (!name) throw new Error("no name item on c5");
    session.grade({ itemId: name.itemId, verdict: { kind: "pick", modelId: "a", value: "Lee" } });
    session.note(name.itemId, NOTE);
    const second = session.next();
    expect(second?.caseId).toBe("c1");
    const notes = second?.fields.find((f) => f.field === "notes");
    if (!notes) throw new Error("no notes item on c1");
    session.grade({
      itemId: notes.itemId,
      verdict: { kind: "rating", ratings: { a: { score: 4, pass: true } } },
    });
    expect(session.next()).toBeUndefined();
    session.close();
    store.close();
  });

  it("the run counts its queue in review items", () => {
    expect(runOut).toContain(
      `review: 2 review items queued; open them with: npx callgrade review --run ${runId}`,
    );
  });

  it("report gives human-adjudicated accuracy with the number of graded items", async () => {
    const result = await runCli(["report", runId, "--store", storeFile, "--out", path.join(dir, "graded")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("graded 2 of 2 review items · 0 left · 0 contested");
    const summary = JSON.parse(readFileSync(path.join(dir, "graded", "summary.json"), "utf8")) as RunSummary;
    expect(summary.review).toMatchObject({ queued: 2, graded: 2, contested: 0 });
    const [a, b] = summary.models;
    expect(a?.human?.name).toMatchObject({
      accuracy: 1,
      n: 1,
      correct: 1,
      graded: 1,
      ci95: [expect.any(Number), 1],
    });
    expect(b?.human?.name).toMatchObject({ accuracy: 0, n: 1, correct: 0, graded: 1 });
    expect(a?.human?.notes).toMatchObject({ accuracy: 1, n: 1, graded: 1 });
    expect(b?.human?.notes).toMatchObject({ accuracy: null, n: 0 });
    // Gold-labelled accuracy is untouched by grades on other cases.
    expect(a?.fields.name?.accuracy).toBe(0.75);
    expect(result.stdout).toMatch(/human/i);
  });

  it("export-gold writes the settled labels with where each came from", async () => {
    const out = path.join(dir, "gold.jsonl");
    const result = await runCli(["export-gold", "--run", runId, "--store", storeFile, "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`2 adjudicated cases of run ${runId} written to`);
    expect(result.stdout).toContain(", with 1 reviewer note");
    const rows = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const c5 = rows.find((row) => row.id === "c5");
    expect(c5.gold).toEqual({ name: "Lee", phone: null, date: null, size: 1 });
    expect(c5.meta.adjudication).toMatchObject({
      run: runId,
      reviewers: ["ann"],
      sources: { name: "reviewer", phone: "agreement", date: "agreement", size: "agreement" },
    });
    expect(c5.transcript).toBe("caller: Just me, under Lee.");
    // The note travels with its case, as written, with who wrote it, on which field and when.
    expect(c5.meta.adjudication.notes).toEqual([
      { field: "name", reviewer: "ann", text: NOTE, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    const c1 = rows.find((row) => row.id === "c1");
    expect(c1.gold).toMatchObject({ name: "Ana Ruiz", notes: "Wants a window seat." });
    expect(c1.meta.adjudication.sources).toMatchObject({ name: "gold", notes: "reviewer" });
    expect(c1.meta.adjudication.notes).toBeUndefined();
  });

  it("a second reviewer who disagrees leaves the field contested, and reviewer agreement is reported", async () => {
    const store = Store.open(storeFile);
    const item = store.review.items(runId).find((i) => i.caseId === "c5" && i.field === "name");
    if (!item) throw new Error("no item");
    store.review.record(item.id, "bob", { kind: "edit", value: "Li" });
    store.close();
    const result = await runCli(["report", runId, "--store", storeFile, "--out", path.join(dir, "two")]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, "two", "summary.json"), "utf8")) as RunSummary;
    expect(summary.review.contested).toBe(1);
    expect(summary.review.interRater.name).toMatchObject({ units: 1, raters: 2 });
    expect(summary.models[0]?.human?.name).toMatchObject({ n: 0, graded: 0 });
    const html = readFileSync(path.join(dir, "two", "report.html"), "utf8");
    expect(html).toContain('⚑ contested</span> <span class="muted">by ann, bob</span>');
  });

  it("report.md, report.html and summary.json carry the notes; the note stays text", async () => {
    const out = path.join(dir, "graded");
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8")) as RunSummary;
    expect(summary.review.notes).toEqual({
      total: 1,
      shown: [{ caseId: "c5", field: "name", reviewer: "ann", text: NOTE, at: expect.any(String) }],
    });
    const md = readFileSync(path.join(out, "report.md"), "utf8");
    expect(md).toContain("2 review items queued for human review.");
    expect(md).toContain("graded 2 of 2 review items · 0 left · 0 contested");
    expect(md).toContain("## Reviewer notes");
    expect(md).toContain(
      String.raw`| c5 | name | ann | Lee\, not Li\: &lt;img src\=x onerror\=alert\(1\)&gt; \!\[x\]\(https\:\/\/evil\.example\/x\.png\) \| spelled out |`,
    );
    expect(md).not.toContain("<img");
    const html = readFileSync(path.join(out, "report.html"), "utf8");
    expect(html).toContain('<a href="#review">Human review</a>');
    expect(html).toContain(
      "Lee, not Li: &lt;img src=x onerror=alert(1)&gt; ![x](https://evil.example/x.png)",
    );
    expect(html).not.toContain("<img");
    // The name c5 was graded on: the table shows what ann settled, not "no gold".
    const c5 =
      /<tbody class="dis" data-field="name"[^>]*>\n<tr class="row">.*?<code>c5<\/code>.*?<\/tr>/.exec(
        html,
      )?.[0];
    expect(c5).toContain('Lee <span class="muted">settled by ann</span>');
    expect(c5).not.toContain("no gold");
  });
});
