import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Case } from "../../src/core/types.js";
import { localMidnight } from "../../src/review/pace.js";
import { isOverlapCase } from "../../src/review/queue.js";
import { openReviewSession, type ReviewSessionOptions } from "../../src/review/session.js";
import type { ReviewCase, ReviewSession } from "../../src/review/types.js";
import { type ReviewItemInput, Store } from "../../src/store/index.js";

const MINUTE = 60_000;
const T0 = Date.parse("2026-03-10T12:00:00.000Z");

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function tempFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "cg-review-session-")), "callgrade.db");
}

function openStore(file: string): Store {
  const store = Store.open(file);
  stores.push(store);
  return store;
}

interface RunOptions {
  cases?: number;
  overlap?: number;
  items?: ReviewItemInput[];
  gold?: Record<string, Record<string, unknown>>;
}

/** A run of cases c0..cN-1; by default each has one "name" item on which models a and b disagree. */
function createRun(store: Store, options: RunOptions = {}): void {
  const count = options.cases ?? 4;
  const cases: Case[] = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    transcript: [{ speaker: "caller", text: `this is call ${i}` }],
    meta: { callDate: "2026-03-01" },
    source: { file: "f", line: i + 1 },
    ...(options.gold?.[`c${i}`] ? { gold: options.gold[`c${i}`] } : {}),
  }));
  store.runs.create(
    {
      id: "r1",
      suite: "s",
      createdAt: "2026-03-01T00:00:00.000Z",
      configFile: null,
      hashes: { prompt: "p", knowledgeBase: "k", schema: "s" },
      models: ["a", "b", "c"].map((id) => ({ id, provider: "replay" })),
      fields: [
        { name: "name", match: { kind: "text" } },
        { name: "caller.phone", match: { kind: "phone" } },
        { name: "summary", match: { kind: "free-text", rubric: "Says why they called." } },
      ],
      scoring: { phoneRegion: "US", referenceDateKey: "callDate", phoneRegionKey: "phoneRegion" },
      repeat: 1,
      skipped: [],
      knowledgeBase: "Open 9 to 5.",
      review: { overlap: options.overlap ?? 0, leaseMinutes: 15, passRating: 3 },
    },
    cases,
  );
  const items = options.items ?? cases.map((c, i) => nameItem(c.id, i));
  store.results.replace("r1", [], [], items);
}

function nameItem(caseId: string, i: number): ReviewItemInput {
  return {
    caseId,
    field: "name",
    reason: "disagreement",
    modelValues: { a: `A${i}`, b: `B${i}` },
    priority: 2,
  };
}

function session(
  store: Store,
  reviewer: string,
  now: () => number,
  extra: Partial<ReviewSessionOptions> = {},
) {
  return openReviewSession(store, { runId: "r1", reviewer, now, ...extra });
}

/** Picks model a on every field of the case. */
function gradeAll(s: ReviewSession, view: ReviewCase): void {
  for (const field of view.fields) {
    s.grade({
      itemId: field.itemId,
      verdict: { kind: "pick", modelId: "a", value: field.answers[0]?.value },
    });
  }
}

describe("review session", () => {
  it("shows a case with its transcript, gold by dotted path, answers in model order, rubric and knowledge base", () => {
    const store = openStore(tempFile());
    createRun(store, {
      cases: 1,
      gold: { c0: { caller: { phone: "555-0100" } } },
      items: [
        {
          caseId: "c0",
          field: "caller.phone",
          reason: "invalid",
          modelValues: { c: "555-0101", a: { invalid: ["phone: expected string"] }, b: "555-0100" },
          priority: 3,
        },
        {
          caseId: "c0",
          field: "summary",
          reason: "free-text",
          modelValues: { a: "refund", b: null },
          priority: 0,
        },
      ],
    });
    const s = session(store, "ann", () => T0);
    expect(s.knowledgeBase).toBe("Open 9 to 5.");
    const view = s.next();
    expect(view).toMatchObject({
      runId: "r1",
      caseId: "c0",
      transcript: [{ speaker: "caller", text: "this is call 0" }],
      meta: { callDate: "2026-03-01" },
      overlap: false,
    });
    expect(view?.fields).toEqual([
      {
        itemId: expect.any(Number),
        field: "caller.phone",
        reason: "invalid",
        match: { kind: "phone" },
        answers: [
          { modelId: "a", value: null, invalid: ["phone: expected string"] },
          { modelId: "b", value: "555-0100" },
          { modelId: "c", value: "555-0101" },
        ],
        gold: "555-0100",
      },
      {
        itemId: expect.any(Number),
        field: "summary",
        reason: "free-text",
        match: { kind: "free-text", rubric: "Says why they called." },
        answers: [
          { modelId: "a", value: "refund" },
          { modelId: "b", value: null },
        ],
        rubric: "Says why they called.",
      },
    ]);
  });

  it("two reviewers on one store file never get the same case at the same time", () => {
    const file = tempFile();
    createRun(openStore(file), { cases: 6 });
    const now = () => T0;
    const ann = session(openStore(file), "ann", now);
    const bob = session(openStore(file), "bob", now);
    const seen: string[] = [];
    let a = ann.next();
    let b = bob.next();
    while (a || b) {
      expect(a?.caseId).not.toBe(b?.caseId);
      if (a) {
        seen.push(a.caseId);
        gradeAll(ann, a);
        a = ann.next();
      }
      if (b) {
        seen.push(b.caseId);
        gradeAll(bob, b);
        b = bob.next();
      }
    }
    expect(seen.sort()).toEqual(["c0", "c1", "c2", "c3", "c4", "c5"]);
  });

  it("a lease expires and the case goes to the other reviewer", () => {
    const file = tempFile();
    createRun(openStore(file), { cases: 3 });
    let t = T0;
    const now = () => t;
    const ann = session(openStore(file), "ann", now);
    const bob = session(openStore(file), "bob", now);
    expect(ann.next()?.caseId).toBe("c0");
    t = T0 + 14 * MINUTE;
    const first = bob.next();
    expect(first?.caseId).toBe("c1");
    if (first) gradeAll(bob, first);
    t = T0 + 16 * MINUTE;
    expect(bob.next()?.caseId).toBe("c0");
    // Ann comes back to find her case gone: she gets the next one instead.
    expect(ann.next()?.caseId).toBe("c2");
  });

  it("an overlap case goes to two reviewers, one after the other, and any other case to one", () => {
    const file = tempFile();
    createRun(openStore(file), { cases: 10, overlap: 0.5 });
    const caseIds = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const overlapIds = caseIds.filter((id) => isOverlapCase("r1", id, 0.5));
    expect(overlapIds.length).toBeGreaterThan(0);
    expect(overlapIds.length).toBeLessThan(10);
    const drain = (s: ReviewSession) => {
      const got: string[] = [];
      for (let view = s.next(); view; view = s.next()) {
        expect(view.overlap).toBe(overlapIds.includes(view.caseId));
        got.push(view.caseId);
        gradeAll(s, view);
      }
      return got;
    };
    const store = openStore(file);
    expect(drain(session(store, "ann", () => T0))).toEqual(caseIds);
    expect(drain(session(store, "bob", () => T0))).toEqual(overlapIds);
    expect(drain(session(store, "cy", () => T0))).toEqual([]);
  });

  it("is blind: another reviewer's view of a case never carries the first reviewer's grade", () => {
    const store = openStore(tempFile());
    createRun(store, { cases: 1, overlap: 1 });
    const ann = session(store, "ann", () => T0);
    const view = ann.next();
    if (!view) throw new Error("no case");
    gradeAll(ann, view);
    expect(ann.reload("c0")?.fields[0]?.grade).toEqual({ kind: "pick", modelId: "a", value: "A0" });
    ann.close();
    const bobView = session(store, "bob", () => T0).next();
    expect(bobView?.caseId).toBe("c0");
    expect(bobView?.fields[0]?.grade).toBeUndefined();
    expect(JSON.stringify(bobView)).not.toContain("ann");
  });

  it("after a kill, a new session resumes at the first case not done, and every grade is there", () => {
    const file = tempFile();
    const items = ["c0", "c1", "c2"].flatMap((caseId, i) => [
      nameItem(caseId, i),
      { ...nameItem(caseId, i), field: "caller.phone" },
    ]);
    createRun(openStore(file), { cases: 3, items });
    const first = openStore(file);
    const s = session(first, "ann", () => T0);
    const c0 = s.next();
    if (!c0) throw new Error("no case");
    gradeAll(s, c0);
    const c1 = s.next();
    expect(c1?.caseId).toBe("c1");
    s.grade({ itemId: c1?.fields[0]?.itemId ?? 0, verdict: { kind: "none" } });
    first.close(); // killed: no session.close()
    const again = openStore(file);
    expect(again.review.grades("r1")).toHaveLength(3);
    const resumed = session(again, "ann", () => T0 + MINUTE).next();
    expect(resumed?.caseId).toBe("c1");
    expect(resumed?.fields.map((f) => [f.field, f.grade])).toEqual([
      ["name", { kind: "none" }],
      ["caller.phone", undefined],
    ]);
  });

  it("undo takes back the last grade and returns to its case; a re-grade replaces, and undo restores it", () => {
    const store = openStore(tempFile());
    createRun(store, { cases: 2 });
    const s = session(store, "ann", () => T0);
    const c0 = s.next();
    const item0 = c0?.fields[0]?.itemId ?? 0;
    s.grade({ itemId: item0, verdict: { kind: "pick", modelId: "a", value: "A0" } });
    s.grade({ itemId: item0, verdict: { kind: "pick", modelId: "b", value: "B0" } });
    expect(store.review.grades("r1").map((g) => g.verdict)).toEqual([
      { kind: "pick", modelId: "b", value: "B0" },
    ]);
    const c1 = s.next();
    expect(c1?.caseId).toBe("c1");
    s.grade({ itemId: c1?.fields[0]?.itemId ?? 0, verdict: { kind: "edit", value: "Bea" } });
    expect(s.undo()).toEqual({ caseId: "c1", itemId: c1?.fields[0]?.itemId });
    expect(s.reload("c1")?.fields[0]?.grade).toBeUndefined();
    expect(s.undo()).toEqual({ caseId: "c0", itemId: item0 });
    expect(s.reload("c0")?.fields[0]?.grade).toEqual({ kind: "pick", modelId: "a", value: "A0" });
    expect(s.undo()).toEqual({ caseId: "c0", itemId: item0 });
    expect(store.review.grades("r1")).toEqual([]);
    expect(s.undo()).toBeUndefined();
    expect(s.next()?.caseId).toBe("c0");
  });

  it("undo does not go back to a case another reviewer has on screen", () => {
    const file = tempFile();
    createRun(openStore(file), { cases: 2, overlap: 1 });
    const ann = session(openStore(file), "ann", () => T0);
    const bob = session(openStore(file), "bob", () => T0);
    const view = ann.next();
    if (view) gradeAll(ann, view);
    expect(ann.next()?.caseId).toBe("c1");
    expect(bob.next()?.caseId).toBe("c0");
    expect(ann.undo()).toBeUndefined();
    expect(ann.reload("c1")?.caseId).toBe("c1");
  });

  it("a skipped case stays away for the session and comes back in the next one", () => {
    const store = openStore(tempFile());
    createRun(store, { cases: 2 });
    const s = session(store, "ann", () => T0);
    expect(s.next()?.caseId).toBe("c0");
    s.skip("c0");
    expect(s.next()?.caseId).toBe("c1");
    s.skip("c1");
    expect(s.next()).toBeUndefined();
    s.close();
    expect(session(store, "ann", () => T0).next()?.caseId).toBe("c0");
  });

  it("a field filter shows only that field; an unknown field, model or run is refused", () => {
    const store = openStore(tempFile());
    const items = [nameItem("c0", 0), { ...nameItem("c1", 1), field: "caller.phone" }];
    createRun(store, { cases: 2, items });
    const s = session(store, "ann", () => T0, { field: "caller.phone" });
    expect(s.next()?.fields.map((f) => `${f.field}`)).toEqual(["caller.phone"]);
    expect(s.progress().total).toBe(1);
    expect(() => session(store, "ann", () => T0, { field: "nope" })).toThrow('no field "nope"');
    expect(() => session(store, "ann", () => T0, { model: "zz" })).toThrow('no model "zz"');
    expect(() => openReviewSession(store, { runId: "r9", reviewer: "ann" })).toThrow("no run r9");
  });

  it("reports position, total, grades since midnight and pace", () => {
    const file = tempFile();
    createRun(openStore(file), { cases: 4 });
    const midnight = localMidnight(T0);
    let t = midnight - 30 * MINUTE;
    const ann = session(openStore(file), "ann", () => t);
    expect(ann.progress()).toEqual({ position: 1, total: 4, gradedToday: 0, perHour: null });
    const c0 = ann.next();
    t = midnight - 20 * MINUTE;
    if (c0) gradeAll(ann, c0);
    // Still on the graded case: it is the current position.
    expect(ann.progress()).toEqual({ position: 1, total: 4, gradedToday: 1, perHour: null });
    t = midnight + 10 * MINUTE;
    const c1 = ann.next();
    expect(ann.progress().position).toBe(2);
    if (c1) gradeAll(ann, c1);
    // Bob takes c3 meanwhile: Ann's queue shrinks to what she did plus what is still open to her.
    const bob = session(openStore(file), "bob", () => t);
    bob.skip("c2");
    const c3 = bob.next();
    expect(c3?.caseId).toBe("c3");
    if (c3) gradeAll(bob, c3);
    t = midnight + 12 * MINUTE;
    ann.next();
    // Grades at -20 and +10 minutes, now +12: one stretch, 32 minutes old, 2 grades → 3.75 an hour.
    expect(ann.progress()).toEqual({ position: 3, total: 3, gradedToday: 1, perHour: 3.75 });
  });

  it("progress sees another reviewer's grades, whether on this connection or another", () => {
    const file = tempFile();
    const shared = openStore(file);
    createRun(shared, { cases: 3 });
    const ann = session(shared, "ann", () => T0);
    expect(ann.progress().total).toBe(3);
    const sameConnection = session(shared, "bob", () => T0);
    const b0 = sameConnection.next();
    if (b0) gradeAll(sameConnection, b0);
    expect(ann.progress().total).toBe(2);
    const otherConnection = session(openStore(file), "cy", () => T0);
    const c1 = otherConnection.next();
    expect(c1?.caseId).toBe("c1");
    if (c1) gradeAll(otherConnection, c1);
    expect(ann.progress().total).toBe(1);
    expect(ann.next()?.caseId).toBe("c2");
  });

  it("refuses a grade for an item of another run", () => {
    const store = openStore(tempFile());
    createRun(store, { cases: 1 });
    const s = session(store, "ann", () => T0);
    expect(() => s.grade({ itemId: 9999, verdict: { kind: "none" } })).toThrow("not part of run r1");
  });
});
