// A reviewer's progress, counted in review items: position, what they graded, what others finished, what is
// left, grades today and pace.
import { describe, expect, it } from "vitest";
import { localMidnight } from "../../src/review/pace.js";
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

/** Progress of 4 review items: position, then items graded by the reviewer, graded by others, and left. */
const at = (...[position, graded, byOthers, left]: number[]) => ({
  position,
  total: 4,
  graded,
  byOthers,
  left,
});

describe("review progress", () => {
  it("reports position and counts in review items, grades since midnight and pace", () => {
    const file = tempFile();
    createRun(openStore(file), { cases: 4 });
    const midnight = localMidnight(T0);
    let t = midnight - 30 * MINUTE;
    const ann = session(openStore(file), "ann", () => t);
    expect(ann.progress()).toEqual({ ...at(1, 0, 0, 4), gradedToday: 0, perHour: null });
    const c0 = ann.next();
    t = midnight - 20 * MINUTE;
    if (c0) gradeAll(ann, c0);
    // The position is the next review item to grade: one is done.
    expect(ann.progress()).toEqual({ ...at(2, 1, 0, 3), gradedToday: 1, perHour: null });
    t = midnight + 10 * MINUTE;
    const c1 = ann.next();
    expect(ann.progress().position).toBe(2);
    if (c1) gradeAll(ann, c1);
    // Bob grades c3 meanwhile: the total stays 4 for Ann, and c3's item counts as graded by others.
    const bob = session(openStore(file), "bob", () => t);
    bob.skip("c2");
    const c3 = bob.next();
    expect(c3?.caseId).toBe("c3");
    if (c3) gradeAll(bob, c3);
    t = midnight + 12 * MINUTE;
    ann.next();
    // Grades at -20 and +10 minutes, now +12: one stretch, 32 minutes old, 2 grades → 3.75 an hour.
    expect(ann.progress()).toEqual({ ...at(4, 2, 1, 1), gradedToday: 1, perHour: 3.75 });
    const c2 = ann.next();
    if (c2) gradeAll(ann, c2);
    expect(ann.progress()).toMatchObject(at(4, 3, 1, 0)); // finished: the position stays on the last item
  });

  it("counts each field of a case as a review item, and an empty queue as nothing", () => {
    const store = openStore(tempFile());
    const items = [nameItem("c0", 0), { ...nameItem("c0", 0), field: "caller.phone" }, nameItem("c1", 1)];
    createRun(store, { cases: 2, items });
    const s = session(store, "ann", () => T0);
    const [first] = s.next()?.fields ?? [];
    expect(s.progress()).toMatchObject({ position: 1, total: 3, left: 3 });
    if (first) s.grade({ itemId: first.itemId, verdict: { kind: "none" } });
    expect(s.progress()).toMatchObject({ position: 2, total: 3, graded: 1, left: 2 });
    const empty = openStore(tempFile());
    createRun(empty, { cases: 2, items: [] });
    expect(session(empty, "ann", () => T0).progress()).toMatchObject({ position: 0, total: 0, left: 0 });
  });

  it("progress sees another reviewer's grades, whether on this connection or another", () => {
    const file = tempFile();
    const shared = openStore(file);
    createRun(shared, { cases: 3 });
    const ann = session(shared, "ann", () => T0);
    expect(ann.progress()).toMatchObject({ total: 3, byOthers: 0, left: 3 });
    const sameConnection = session(shared, "bob", () => T0);
    const b0 = sameConnection.next();
    if (b0) gradeAll(sameConnection, b0);
    expect(ann.progress()).toMatchObject({ total: 3, byOthers: 1, left: 2 });
    const otherConnection = session(openStore(file), "cy", () => T0);
    const c1 = otherConnection.next();
    expect(c1?.caseId).toBe("c1");
    if (c1) gradeAll(otherConnection, c1);
    expect(ann.progress()).toMatchObject({ total: 3, byOthers: 2, left: 1, position: 3 });
    expect(ann.next()?.caseId).toBe("c2");
  });
});
