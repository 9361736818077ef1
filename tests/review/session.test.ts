// A reviewer's session on a run's queue: which case comes next, leases, overlap, blind views, undo, skip.
import { beforeAll, describe, expect, it } from "vitest";
import { isOverlapCase } from "../../src/review/queue.js";
import { openReviewSession } from "../../src/review/session.js";
import { detailRows } from "../../src/review/tui/detail-rows.js";
import type { ReviewField, ReviewSession } from "../../src/review/types.js";
import { BACKENDS, useBackend } from "../helpers/backends.js";
import {
  createRun,
  gradeAll,
  MINUTE,
  nameItem,
  openStore,
  session,
  T0,
  tempFile,
} from "./session-fixture.js";

describe.each(BACKENDS)("review session on %s", (backend) => {
  beforeAll(() => useBackend(backend));

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

  it("two reviewers on one store never get the same case at the same time", () => {
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

  it("a case another reviewer graded while this session was writing is not offered again and again", () => {
    const file = tempFile();
    createRun(openStore(file), { cases: 3 });
    const now = () => T0;
    const annStore = openStore(file);
    const ann = session(annStore, "ann", now);
    const bob = session(openStore(file), "bob", now);
    const bobs = bob.next();
    expect(bobs?.caseId).toBe("c0");
    // Bob's grade on c0 lands in the middle of Ann's claim: her snapshot of the grades misses it.
    const claim = annStore.review.claim.bind(annStore.review);
    let claims = 0;
    annStore.review.claim = (...args) => {
      if (++claims > 20) throw new Error("the session keeps claiming a case it cannot have");
      const won = claim(...args);
      if (claims === 1 && bobs) {
        gradeAll(bob, bobs);
        bob.close();
      }
      return won;
    };
    const first = ann.next();
    expect(first?.caseId).toBe("c1");
    if (first) gradeAll(ann, first);
    // c0 is free now and still open in Ann's old snapshot: the claim finds it graded and moves on.
    expect(ann.next()?.caseId).toBe("c2");
    expect(claims).toBeLessThan(6);
  });

  it("shows the judge's verdict beside each free-text answer once the reviewer has rated it, not before", () => {
    const store = openStore(tempFile());
    createRun(store, {
      cases: 1,
      items: [
        {
          caseId: "c0",
          field: "summary",
          reason: "free-text",
          modelValues: { a: "refund", b: "order" },
          priority: 0.5,
        },
      ],
    });
    const verdict = (modelId: string, pass: boolean) => ({
      runId: "r1",
      caseId: "c0",
      modelId,
      rep: 0,
      field: "summary",
      judgeId: "judge",
      text: "{}",
      error: null,
      raw: null,
      usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0 },
      costUsd: null,
      latencyMs: 1,
      attempts: 1,
      fromCache: false,
      output: {
        ok: true as const,
        value: { pass, score: pass ? 5 : 1, reason: `${modelId} said so` },
        issues: [] as [],
      },
    });
    store.judgements.recordAll([verdict("a", true), verdict("b", false)]);
    const s = session(store, "ann", () => T0);
    const before = s.next();
    expect(before?.fields[0]?.answers.some((answer) => answer.judge !== undefined)).toBe(false);
    const itemId = before?.fields[0]?.itemId ?? 0;
    s.grade({
      itemId,
      verdict: { kind: "rating", ratings: { a: { score: 4, pass: true }, b: { score: 4, pass: true } } },
    });
    const after = s.reload("c0");
    expect(after?.fields[0]?.answers).toEqual([
      { modelId: "a", value: "refund", judge: { pass: true, score: 5, reason: "a said so" } },
      { modelId: "b", value: "order", judge: { pass: false, score: 1, reason: "b said so" } },
    ]);
    const rows = detailRows(after?.fields[0] as ReviewField, ["a", "b"], 80);
    const judged = rows.filter((row) => row.label.trim() === "judge:").map((row) => row.text);
    expect(judged).toEqual(["pass 5/5 · a said so", "fail 1/5 · b said so"]);
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

  it("refuses a grade for an item of another run", () => {
    const store = openStore(tempFile());
    createRun(store, { cases: 1 });
    const s = session(store, "ann", () => T0);
    expect(() => s.grade({ itemId: 9999, verdict: { kind: "none" } })).toThrow("not part of run r1");
  });
});
