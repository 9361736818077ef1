import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { type CliResult, runCli } from "../helpers/cli.js";

// tests/fixtures/suite-unreadable: model c gives every gold value but, on c1, the date "the day after the big
// game", which no matcher can read. Gold has dates on c1..c4, so c's date is 3 of 3 read values right, and 1
// unreadable; scored as text it would have been 3 of 4. On c2 it gives a wrong phone, so the phone field is in
// report.html's disagreements, where a's "415-555-0199" is the gold "+1 415 555 0199" by the phone matcher.
describe("a run where a model writes a value no matcher can read", () => {
  let result: CliResult;
  let summary: RunSummary;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cg-unreadable-"));
    result = await runCli([
      "run",
      "--config",
      "tests/fixtures/suite-unreadable/callgrade.config.ts",
      "--store",
      path.join(dir, "store.db"),
      "--out",
      path.join(dir, "out"),
    ]);
    summary = JSON.parse(readFileSync(path.join(dir, "out", "summary.json"), "utf8"));
  });

  it("counts the value as unreadable, per field and per model, and leaves it out of the accuracy", () => {
    expect(result.code).toBe(0);
    const c = summary.models.find((m) => m.id === "c");
    expect(c?.fields.date).toMatchObject({
      accuracy: 1,
      n: 3,
      correct: 3,
      precision: 1,
      recall: 1,
      unreadable: 1,
    });
    expect(c?.unreadable).toBe(1);
    expect(c?.fields.phone).not.toHaveProperty("unreadable");
    const a = summary.models.find((m) => m.id === "a");
    expect(a).not.toHaveProperty("unreadable");
    expect(a?.fields.date).toMatchObject({ accuracy: 0.75, n: 4 });
    expect(a?.fields.date).not.toHaveProperty("unreadable");
  });

  it("shows the count in the console, report.md and report.html", () => {
    const line = "unreadable values, in no accuracy and queued for review: c 1 (date 1)";
    expect(result.stdout).toContain(line);
    expect(readFileSync(path.join(dir, "out", "report.md"), "utf8")).toContain(
      "Unreadable values, in no accuracy and queued for review: c 1 (date 1).",
    );
    const html = readFileSync(path.join(dir, "out", "report.html"), "utf8");
    expect(html).toMatch(
      /Unreadable values, in no accuracy here and queued for review: .*<b>c<\/b> 1 \(date 1\)/,
    );
  });

  it("report.html marks a value same as gold by the field's matcher, not by equal text", () => {
    const html = readFileSync(path.join(dir, "out", "report.html"), "utf8");
    const row =
      html.match(/<tbody class="dis" data-field="phone"[^>]*>\s*<tr class="row">[\s\S]*?<\/tr>/)?.[0] ?? "";
    expect(row).toContain("<code>c2</code>");
    expect(row).toMatch(/<td class="v same" title="415-555-0199">415-555-0199 <span class="eq"/);
    expect(row).toMatch(/<td class="v" title="415-555-0100">415-555-0100<\/td>/);
  });

  it("queues the field for a person with reason unreadable, showing what each model wrote", () => {
    expect(summary.review.byReason).toMatchObject({ unreadable: 1 });
    const db = new Database(path.join(dir, "store.db"), { readonly: true });
    try {
      const items = db
        .prepare("SELECT case_id, field, reason, model_values FROM review_items WHERE reason = 'unreadable'")
        .all() as { case_id: string; field: string; reason: string; model_values: string }[];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ case_id: "c1", field: "date" });
      expect(JSON.parse(items[0]?.model_values ?? "{}")).toEqual({
        a: "2026-06-12",
        c: "the day after the big game",
      });
      const outcome = db
        .prepare(
          "SELECT outcome, correct FROM scores WHERE model_id = 'c' AND case_id = 'c1' AND field = 'date'",
        )
        .get();
      expect(outcome).toEqual({ outcome: "unreadable", correct: 0 });
    } finally {
      db.close();
    }
  });
});
