// A reviewer at a real terminal: the CLI runs in tmux, keys are typed, the screen is read back.
// Grades survive SIGKILL, the queue resumes where it was, and two reviewers never share a case. CI=true is
// left in the reviewer's environment on purpose: the screen must still draw every frame.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { Tmux } from "../helpers/tmux.js";

const SMALL = path.join(ROOT, "tests/fixtures/suite-small");
const BIN = path.join(ROOT, "dist/cli.js");

/** The small suite without gold, so every disagreement goes to people: cases c1..c5 in order. */
function suiteWithoutGold(dir: string): void {
  const rows = readFileSync(path.join(SMALL, "calls.jsonl"), "utf8").trim().split("\n");
  const stripped = rows.map((line) => {
    const { gold: _gold, ...rest } = JSON.parse(line) as Record<string, unknown>;
    return JSON.stringify(rest);
  });
  writeFileSync(path.join(dir, "calls.jsonl"), `${stripped.join("\n")}\n`);
  const config = readFileSync(path.join(SMALL, "callgrade.config.ts"), "utf8")
    .replace('dataset: "calls.jsonl"', `dataset: ${JSON.stringify(path.join(dir, "calls.jsonl"))}`)
    .replace(/"(prompt\.md|kb\.md|a\.jsonl|b\.jsonl)"/g, (_m, file: string) =>
      JSON.stringify(path.join(SMALL, file)),
    );
  writeFileSync(path.join(dir, "callgrade.config.ts"), config);
}

function grades(storeFile: string): { reviewer: string; caseId: string; field: string; verdict: string }[] {
  const db = new Database(storeFile, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT g.reviewer, r.case_id AS caseId, r.field, g.verdict FROM grades g
         JOIN review_items r ON r.id = g.review_item_id WHERE g.undone_at IS NULL ORDER BY g.id`,
      )
      .all() as { reviewer: string; caseId: string; field: string; verdict: string }[];
  } finally {
    db.close();
  }
}

describe("callgrade review in a terminal", () => {
  const tmux = new Tmux();
  let dir: string;
  let storeFile: string;
  const review = (reviewer: string) =>
    `cd ${dir} && exec env CI=true ${process.execPath} ${BIN} review --store ${storeFile} --reviewer ${reviewer}`;

  beforeAll(async () => {
    expect(
      Tmux.available(),
      "tmux is needed for this test: apt-get install tmux (npm test's pretest, scripts/test-tools.sh, installs it)",
    ).toBe(true);
    dir = mkdtempSync(path.join(tmpdir(), "cg-tmux-"));
    storeFile = path.join(dir, "store.db");
    suiteWithoutGold(dir);
    const run = await runCli(["run", "--store", storeFile], { cwd: dir });
    expect(run.code).toBe(0);
  });

  afterAll(() => tmux.kill());

  it("grades by keyboard, survives SIGKILL, resumes at the next ungraded case, and leases cases", async () => {
    tmux.start("ann", review("ann"));
    // Counted in review items, as the run counted them: c1 alone has five (four fields and the notes).
    await tmux.waitFor("ann", /review item 1 of 9 · .*case c1/);
    // c1: model b's output is invalid, so every field is in question. Pick a for the four fields...
    for (let i = 0; i < 4; i++) tmux.keys("ann", "1");
    await tmux.waitFor("ann", /saved ✓ size: a = 4/);
    // ...then rate the free-text notes: a gets 4 (passes), b's missing answer 1 (fails), Enter saves.
    tmux.keys("ann", "4");
    await tmux.waitFor("ann", /\[4\/5 pass\]/);
    tmux.keys("ann", "1", "Enter");
    await tmux.waitFor("ann", /review item 6 of 9 · .*case c2/);
    // c2: the date; b's 2026-06-09 is right.
    tmux.keys("ann", "2");
    const onC3 = await tmux.waitFor("ann", /review item 7 of 9 · .*case c3/);
    expect(onC3).toContain("6 graded today");

    // Bob opens the same run while Ann holds c3: he gets the next case, never hers, and the screen says why
    // his count starts at 7: the six items Ann graded are done.
    tmux.start("bob", review("bob"));
    await tmux.waitFor("bob", /review item 7 of 9 \(6 graded by others\) · .*case c4/);

    process.kill(tmux.pid("ann"), "SIGKILL");
    expect(grades(storeFile)).toEqual([
      { reviewer: "ann", caseId: "c1", field: "name", verdict: "pick" },
      { reviewer: "ann", caseId: "c1", field: "phone", verdict: "pick" },
      { reviewer: "ann", caseId: "c1", field: "date", verdict: "pick" },
      { reviewer: "ann", caseId: "c1", field: "size", verdict: "pick" },
      { reviewer: "ann", caseId: "c1", field: "notes", verdict: "rating" },
      { reviewer: "ann", caseId: "c2", field: "date", verdict: "pick" },
    ]);

    // Ann comes back: her lease is hers to take again, and she is at c3 with nothing lost.
    tmux.start("ann2", review("ann"));
    const resumed = await tmux.waitFor("ann2", /case c3/);
    expect(resumed).toContain("6 graded today");
    // x: neither name on c3 is right; then u undoes it, and the field is open again.
    tmux.keys("ann2", "x");
    await tmux.waitFor("ann2", /case c5|review item 8 of 9/);
    tmux.keys("ann2", "u");
    await tmux.waitFor("ann2", /case c3[\s\S]*· open/);
    tmux.keys("ann2", "q");
    const annQuit = await tmux.waitFor("ann2", /resume with: npx callgrade review/);
    expect(flat(annQuit)).toMatch(/ann graded 6 of 9 review items · 3 left in run \S+ \(6 graded today\)\./);
    tmux.keys("bob", "q");
    const bobQuit = await tmux.waitFor("bob", /bob graded/);
    expect(flat(bobQuit)).toMatch(
      /bob graded 0 of 9 review items \(6 graded by others\) · 3 left in run \S+ \(0 graded today\)\./,
    );
    expect(grades(storeFile).filter((g) => g.caseId === "c3")).toEqual([]);
  });

  it("a finished queue says so on screen and on quitting, and offers no resume command", async () => {
    // Dan settles what is left (c3, c4, c5) from code: every case now has the one reviewer it needs.
    const store = Store.open(storeFile);
    const graded = new Set(store.review.marks(runIdOf(store)).map((mark) => mark.itemId));
    for (const item of store.review.items(runIdOf(store))) {
      if (!graded.has(item.id)) store.review.record(item.id, "dan", { kind: "none" });
    }
    store.close();
    tmux.start("cy", review("cy"));
    await tmux.waitFor("cy", /graded 0 of 9 review items \(9 graded by others\) · 0 left/);
    tmux.keys("cy", "q");
    const quit = flat(await tmux.waitFor("cy", /see the numbers/));
    expect(quit).toMatch(/cy graded 0 of 9 review items \(9 graded by others\) · 0 left in run/);
    expect(quit).toContain("the review queue is finished for cy; see the numbers: npx callgrade report");
    expect(quit).not.toMatch(/resume with|cases left/);
  });

  it("an empty queue says there is nothing to grade, and offers no resume command", async () => {
    const emptyStore = path.join(dir, "empty.db");
    const run = await runCli(["run", "--store", emptyStore], { cwd: dir });
    expect(run.code).toBe(0);
    // A run whose models agree on everything has no review items; take this run's away to make one.
    const db = new Database(emptyStore);
    db.prepare("DELETE FROM review_items").run();
    db.close();
    // The command ends at once; the shell stays, since tmux loses the first lines of a pane that dies at once.
    tmux.start(
      "empty",
      `cd ${dir} && ${process.execPath} ${BIN} review --store ${emptyStore} --reviewer ann; sleep 30`,
    );
    const said = flat(await tmux.waitFor("empty", /nothing to grade/));
    expect(said).toMatch(
      /run \S+ has no review items: nothing to grade\. ?see the numbers: npx callgrade report/,
    );
    expect(said).not.toMatch(/resume with|cases left/);
  });
});

function runIdOf(store: Store): string {
  const latest = store.runs.latest();
  if (!latest) throw new Error("no run in the store");
  return latest.id;
}

/** The screen as one line: tmux wraps long lines at the window's width. */
function flat(screen: string): string {
  return screen.replace(/\s*\n\s*/g, " ");
}
