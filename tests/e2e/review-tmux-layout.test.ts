// The review screen in a real terminal (tmux) at 80×24 and 160×45, on the example suite's English call en-001
// and Japanese call ja-021: every turn reachable by scrolling with the right speaker on every row, in grading
// and in rating; each model's whole answer on screen; and keys sent in one chunk typed in order.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { Tmux } from "../helpers/tmux.js";
import { demoTranscript, LONG_NOTES } from "../review/tui/demo-cases.js";
import { readWholeTranscript, squash, turnsOf } from "../review/tui/read-transcript.js";

const DEMO = path.join(ROOT, "datasets/demo");
const BIN = path.join(ROOT, "dist/cli.js");
const IDS = ["en-001", "ja-021"];
/** The notes each model answers: the recorded ones, one of them made far wider than any column. */
const NOTES: Record<string, Record<string, string>> = {
  "prod-v1": { "en-001": "Per the caller, cough for about a week.", "ja-021": LONG_NOTES.ja },
  "prod-v2": { "en-001": LONG_NOTES.en, "ja-021": "Per the caller, needs a high chair for a child." },
};

function writeSuite(dir: string): void {
  const pick = (file: string) =>
    readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .filter((line) => IDS.includes((JSON.parse(line) as { id: string }).id));
  writeFileSync(path.join(dir, "calls.jsonl"), `${pick(path.join(DEMO, "calls.jsonl")).join("\n")}\n`);
  for (const model of ["prod-v1", "prod-v2"]) {
    const rows = pick(path.join(DEMO, "recorded", `${model}.jsonl`)).map((line) => {
      const row = JSON.parse(line) as { id: string; output: Record<string, unknown> };
      return JSON.stringify({ ...row, output: { ...row.output, notes: NOTES[model]?.[row.id] } });
    });
    writeFileSync(path.join(dir, `${model}.jsonl`), `${rows.join("\n")}\n`);
  }
  const kb = [path.join(ROOT, "prompts/kb/clinic.md"), path.join(ROOT, "prompts/kb/restaurant.md")];
  writeFileSync(
    path.join(dir, "callgrade.config.ts"),
    `import { Appointment } from ${JSON.stringify(path.join(ROOT, "schemas/appointment.ts"))};
export default {
  name: "review-layout",
  dataset: "calls.jsonl",
  prompt: ${JSON.stringify(path.join(ROOT, "prompts/extract-appointment.md"))},
  knowledgeBase: ${JSON.stringify(kb)},
  schema: Appointment,
  models: [
    { id: "prod-v1", provider: "replay", path: "prod-v1.jsonl" },
    { id: "prod-v2", provider: "replay", path: "prod-v2.jsonl" },
  ],
  scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
};
`,
  );
}

/** Sends keys and waits until the screen is no longer `before` (bounded). */
async function pressed(tmux: Tmux, name: string, before: string, ...keys: string[]): Promise<string> {
  tmux.keys(name, ...keys);
  const deadline = Date.now() + 5_000;
  let screen = tmux.screen(name);
  while (screen === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    screen = tmux.screen(name);
  }
  return screen;
}

/** Scrolls to the top, then reads the whole transcript with j and checks it turn by turn against the call. */
async function expectWholeTranscript(tmux: Tmux, name: string, id: string, columns: number): Promise<void> {
  for (let i = 0; i < 100 && tmux.screen(name).includes("↑ k"); i++)
    await pressed(tmux, name, tmux.screen(name), "k");
  const { rows, screens } = await readWholeTranscript(
    () => tmux.screen(name),
    (before) => pressed(tmux, name, before, "j"),
    columns,
  );
  // The top of the screen is never lost: the first row is the progress line, naming the case.
  for (const screen of screens) expect(screen.split("\n")[0]).toContain(`case ${id}`);
  const turns = turnsOf(rows).map((t) => ({ speaker: t.speaker, text: squash(t.text) }));
  expect(turns).toEqual(demoTranscript(id).map((t) => ({ speaker: t.speaker, text: squash(t.text) })));
}

describe.each([
  { columns: 80, rows: 24 },
  { columns: 160, rows: 45 },
])("callgrade review at $columns×$rows", (size) => {
  const tmux = new Tmux();
  let dir: string;
  const review = (store: string, reviewer: string) =>
    `cd ${dir} && exec env CI=true ${process.execPath} ${BIN} review --store ${store} --reviewer ${reviewer}`;

  beforeAll(async () => {
    expect(Tmux.available(), "tmux is needed: apt-get install tmux").toBe(true);
    dir = mkdtempSync(path.join(tmpdir(), "cg-tmux-layout-"));
    writeSuite(dir);
    for (const store of ["view.db", "keys.db"]) {
      const run = await runCli(["run", "--store", store, "--reporter", "json", "--out", `out-${store}`], {
        cwd: dir,
      });
      expect(run.code, run.stderr).toBe(0);
    }
  });

  afterAll(() => tmux.kill());

  it("every turn of both calls is reachable with its speaker, grading and rating; whole answers are shown", async () => {
    tmux.start("view", review("view.db", "ann"), size);
    const seen: string[] = [];
    for (let n = 0; n < 2; n++) {
      const next = new RegExp(`case (${IDS.filter((i) => !seen.includes(i)).join("|")})`);
      const id = next.exec(await tmux.waitFor("view", next))?.[1] ?? "";
      seen.push(id);
      await expectWholeTranscript(tmux, "view", id, size.columns);
      // The notes: every model's whole answer (and the gold of en-001), wrapped, with the turn still reachable.
      if (!/› notes/.test(tmux.screen("view"))) await pressed(tmux, "view", tmux.screen("view"), "Down");
      const notes = await tmux.waitFor("view", /› notes[\s\S]*notes in full/);
      for (const model of ["prod-v1", "prod-v2"])
        expect(squash(notes)).toContain(squash(NOTES[model]?.[id] ?? "?"));
      if (id === "en-001") expect(notes).toMatch(/gold: +Cough for about a week\./);
      await pressed(tmux, "view", notes, "r");
      const rating = await tmux.waitFor("view", /rate each answer/);
      for (const model of ["prod-v1", "prod-v2"])
        expect(squash(rating)).toContain(squash(NOTES[model]?.[id] ?? "?"));
      await expectWholeTranscript(tmux, "view", id, size.columns);
      await pressed(tmux, "view", tmux.screen("view"), "Escape");
      await pressed(tmux, "view", tmux.screen("view"), "s");
    }
    expect(seen.sort()).toEqual(IDS);
    tmux.keys("view", "q");
  });

  it("keys sent in one chunk to the line editor are typed in order; Enter saves what is before it", async () => {
    tmux.start("keys", review("keys.db", "bob"), size);
    let screen = await tmux.waitFor("keys", /case (en-001|ja-021)/);
    if (screen.includes("case en-001")) screen = await pressed(tmux, "keys", screen, "s");
    await tmux.waitFor("keys", /case ja-021[\s\S]*› phone/);
    tmux.keys("keys", "n");
    await tmux.waitFor("keys", /note on phone ›/);
    // Each chunk is one send-keys: one write to the terminal, as a paste or a slow link delivers it.
    tmux.keys("keys", "99\u00155");
    await tmux.waitFor("keys", /note on phone › 5 *$/m);
    tmux.keys("keys", "\u0015123\u007f\u007f5");
    await tmux.waitFor("keys", /note on phone › 15 *$/m);
    tmux.keys("keys", "\r");
    await tmux.waitFor("keys", /note saved ✓/);
    tmux.keys("keys", "e");
    await tmux.waitFor("keys", /right value for phone ›/);
    // The x after Enter must not grade the next field "none is right".
    tmux.keys("keys", "999\u0015090 2345 6789\rx");
    await tmux.waitFor("keys", /saved ✓ phone: typed/);
    tmux.keys("keys", "q");
    await tmux.waitFor("keys", /resume with/);
    const db = new Database(path.join(dir, "keys.db"), { readonly: true });
    try {
      const notes = db.prepare("SELECT text FROM review_notes").all();
      const grades = db
        .prepare(
          "SELECT r.field, g.verdict, g.value FROM grades g JOIN review_items r ON r.id = g.review_item_id WHERE g.undone_at IS NULL",
        )
        .all();
      expect(notes).toEqual([{ text: "15" }]);
      expect(grades).toEqual([{ field: "phone", verdict: "edit", value: expect.stringContaining("2345") }]);
    } finally {
      db.close();
    }
  });
});
