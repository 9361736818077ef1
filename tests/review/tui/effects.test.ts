import { describe, expect, it } from "vitest";
import { dispatch, settle } from "../../../src/review/tui/effects.js";
import { initialState, reduce, type UiState } from "../../../src/review/tui/state.js";
import { FakeReviewSession } from "../fake-session.js";
import { freeTextCase, keys, structuredCase } from "./fixtures.js";

function open(session: FakeReviewSession): UiState {
  return settle(initialState(undefined, 40), [{ type: "next" }], session);
}

function pressAll(state: UiState, session: FakeReviewSession, ...names: string[]): UiState {
  return keys(...names).reduce((s, action) => dispatch(s, action, session), state);
}

describe("effects against the session", () => {
  it("the first case and the progress come from the session", () => {
    const session = new FakeReviewSession([structuredCase()]);
    const state = open(session);
    expect(state.loading).toBe(false);
    expect(state.case?.caseId).toBe("call-1");
    // Counted in review items: the case's three fields.
    expect(state.progress).toMatchObject({ position: 1, total: 3, graded: 0, left: 3, gradedToday: 0 });
  });

  it("a grade is written, the case re-read, 'saved ✓' shown, and the cursor moves to the next open field", () => {
    const session = new FakeReviewSession([structuredCase()]);
    const state = pressAll(open(session), session, "2");
    expect(session.live).toEqual([
      { itemId: 1, verdict: { kind: "pick", modelId: "claude", value: "+15550102345" } },
    ]);
    expect(session.calls.slice(-2)).toEqual(["grade 1 pick", "reload call-1"]);
    expect(state.status).toEqual({ tone: "ok", text: "saved ✓ phone: claude = +15550102345" });
    expect(state.case?.fields[0]?.grade).toEqual({ kind: "pick", modelId: "claude", value: "+15550102345" });
    expect(state.field).toBe(1);
    expect(state.progress?.gradedToday).toBe(1);
  });

  it("grading the last open field moves to the next case without asking", () => {
    const session = new FakeReviewSession([structuredCase("a", 1), structuredCase("b", 4)]);
    const state = pressAll(open(session), session, "1", "1", "1");
    expect(state.case?.caseId).toBe("b");
    expect(state.field).toBe(0);
    expect(state.status?.text).toMatch(/^saved ✓ party_size/);
    expect(state.progress?.position).toBe(4);
  });

  it("a grade the session could not write is shown as not saved, and the editor keeps the text", () => {
    const session = new FakeReviewSession([structuredCase()]);
    const editing = pressAll(open(session), session, "<down>", "e", ..."3/30");
    session.failNextGrade = new Error("database is locked");
    const failed = pressAll(editing, session, "<enter>");
    expect(session.live).toEqual([]);
    expect(failed.status).toEqual({ tone: "error", text: "not saved: database is locked" });
    expect(failed.mode).toBe("edit");
    expect(failed.editor.text).toBe("3/30");
    const retried = pressAll(failed, session, "<enter>");
    expect(session.live).toEqual([{ itemId: 2, verdict: { kind: "edit", value: "2026-03-30" } }]);
    expect(retried.mode).toBe("grade");
  });

  it("undo goes back to the undone field, also on the previous case", () => {
    const session = new FakeReviewSession([structuredCase("a", 1), structuredCase("b", 4)]);
    const onB = pressAll(open(session), session, "1", "1", "1");
    const back = pressAll(onB, session, "u");
    expect(back.case?.caseId).toBe("a");
    expect(back.field).toBe(2);
    expect(back.case?.fields[2]?.grade).toBeUndefined();
    expect(back.status?.text).toBe("undone ✓ party_size is open again");
  });

  it("undo with nothing graded says so", () => {
    const session = new FakeReviewSession([structuredCase()]);
    expect(pressAll(open(session), session, "u").status?.text).toBe("nothing to undo");
  });

  it("s skips to the next case; a note is saved on its field", () => {
    const session = new FakeReviewSession([structuredCase("a", 1), structuredCase("b", 4)]);
    const noted = pressAll(open(session), session, "n", ..."hard one", "<enter>");
    expect(session.notes).toEqual([{ itemId: 1, text: "hard one" }]);
    expect(noted.status?.text).toBe("note saved ✓");
    expect(noted.mode).toBe("grade");
    const skipped = pressAll(noted, session, "s");
    expect(session.skipped).toEqual(["a"]);
    expect(skipped.case?.caseId).toBe("b");
  });

  it("a free-text rating saves through the session", () => {
    const session = new FakeReviewSession([freeTextCase()]);
    const state = pressAll(open(session), session, "5", "1", "<enter>");
    expect(session.live[0]?.verdict).toEqual({
      kind: "rating",
      ratings: { gpt: { score: 5, pass: true }, claude: { score: 1, pass: false } },
    });
    expect(state.done).toBe(true);
  });

  it("an empty queue closes the session; so does q", () => {
    const empty = new FakeReviewSession([]);
    const done = open(empty);
    expect(done.done).toBe(true);
    expect(done.closed).toBe(true);
    expect(empty.closeCount).toBe(1);
    const session = new FakeReviewSession([structuredCase()]);
    expect(pressAll(open(session), session, "q").closed).toBe(true);
    expect(session.closeCount).toBe(1);
  });

  it("quitting ends the app even when close() fails", () => {
    const session = new FakeReviewSession([structuredCase()]);
    session.close = () => {
      throw new Error("lease already gone");
    };
    const state = pressAll(open(session), session, "q");
    expect(state.closed).toBe(true);
    expect(state.status?.text).toBe("could not release the lease: lease already gone");
  });

  it("a resize changes the page size the transcript scrolls by", () => {
    const long = structuredCase();
    long.transcript = Array.from({ length: 100 }, (_, i) => ({ speaker: "s", text: `l${i}` }));
    const small = reduce(initialState(undefined, 20), { type: "loaded", case: long }).state;
    const big = reduce(small, { type: "resize", rows: 60 }).state;
    const pageSmall = reduce(small, { type: "key", press: { name: "<pgdn>" } }).state.scroll;
    const pageBig = reduce(big, { type: "key", press: { name: "<pgdn>" } }).state.scroll;
    expect(pageBig - pageSmall).toBe(40);
  });
});
