import { describe, expect, it } from "vitest";
import { activitySince, gradedSince, localMidnight, perHour } from "../../src/review/pace.js";
import {
  buildQueue,
  caseGraders,
  concernsModel,
  filterItems,
  gradedItems,
  groupCases,
  isDoneFor,
  isOpenTo,
  isOverlapCase,
  orderCases,
  overlapScore,
  type QueueCase,
  queueCounts,
  shuffleSeed,
} from "../../src/review/queue.js";
import type { StoredReviewItem } from "../../src/store/index.js";

let nextId = 1;
function item(caseIdx: number, field: string, over: Partial<StoredReviewItem> = {}): StoredReviewItem {
  return {
    id: nextId++,
    caseId: `c${caseIdx}`,
    caseIdx,
    field,
    reason: "disagreement",
    priority: 2,
    modelValues: { a: "x", b: "y" },
    ...over,
  };
}

const ids = (cases: QueueCase[]) => cases.map((c) => c.caseId);

describe("overlap cases", () => {
  it("are chosen by a stable hash of run and case, for about the configured share", () => {
    const caseIds = Array.from({ length: 2000 }, (_, i) => `case-${i}`);
    const score = overlapScore("run-1", "case-7");
    expect(score).toBe(overlapScore("run-1", "case-7"));
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThan(1);
    expect(overlapScore("run-2", "case-7")).not.toBe(score);
    const share = caseIds.filter((id) => isOverlapCase("run-1", id, 0.1)).length / caseIds.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    expect(caseIds.some((id) => isOverlapCase("run-1", id, 0))).toBe(false);
    expect(caseIds.every((id) => isOverlapCase("run-1", id, 1))).toBe(true);
  });
});

describe("queue order", () => {
  it("puts the highest priority case first, free-text-only cases after decisions, then dataset order", () => {
    const items = [
      item(0, "summary", { reason: "free-text", priority: 0 }),
      item(1, "name", { priority: 2 }),
      item(2, "name", { reason: "invalid", priority: 3 }),
      item(3, "phone", { priority: 2 }),
      item(3, "summary", { reason: "free-text", priority: 0 }),
      item(4, "name", { priority: 4 }),
      item(5, "summary", { reason: "free-text", priority: 0 }),
    ];
    const queue = buildQueue("r", items, { overlap: 0, reviewer: "ann" });
    expect(ids(queue)).toEqual(["c4", "c2", "c1", "c3", "c0", "c5"]);
    expect(queue.find((c) => c.caseId === "c3")).toMatchObject({ priority: 2, freeTextOnly: false });
  });

  it("ranks a free-text-only case after a decision of the same priority", () => {
    const cases = groupCases("r", [item(0, "s", { reason: "free-text", priority: 2 }), item(1, "n")], 0);
    expect(ids(orderCases(cases))).toEqual(["c1", "c0"]);
  });

  it("a seeded shuffle is the same for the same seed, differs from priority order, and keeps its order on a subset", () => {
    const items = Array.from({ length: 20 }, (_, i) => item(i, "name", { priority: 20 - i }));
    const cases = groupCases("r", items, 0);
    const plain = ids(orderCases(cases));
    const shuffled = ids(buildQueue("r", items, { overlap: 0, reviewer: "ann", shuffle: true }));
    expect(ids(buildQueue("r", items, { overlap: 0, reviewer: "ann", shuffle: true }))).toEqual(shuffled);
    expect([...shuffled].sort()).toEqual([...plain].sort());
    expect(shuffled).not.toEqual(plain);
    expect(ids(buildQueue("r", items, { overlap: 0, reviewer: "bob", shuffle: true }))).not.toEqual(shuffled);
    const subset = ids(orderCases(cases.slice(5), shuffleSeed("r", "ann")));
    expect(subset).toEqual(shuffled.filter((id) => subset.includes(id)));
  });
});

describe("filters", () => {
  it("a field filter keeps only that field's items", () => {
    const items = [item(0, "name"), item(0, "phone"), item(1, "phone")];
    expect(filterItems(items, { field: "phone" }).map((i) => `${i.caseId}.${i.field}`)).toEqual([
      "c0.phone",
      "c1.phone",
    ]);
  });

  it("a model filter keeps the items whose grade says something about that model", () => {
    const disagreement = item(0, "name", { modelValues: { a: "Ann", b: "Anne", c: "Ann" } });
    const invalidOther = item(1, "name", {
      reason: "invalid",
      modelValues: { a: "Ann", b: "Ann", c: { invalid: ["x"] } },
    });
    const freeText = item(2, "summary", {
      reason: "free-text",
      modelValues: { a: "wants a refund", b: null },
    });
    const absent = item(3, "name", { modelValues: { b: "x", c: "y" } });
    expect(concernsModel(disagreement, "a")).toBe(true);
    expect(concernsModel(invalidOther, "a")).toBe(false);
    expect(concernsModel(invalidOther, "c")).toBe(true);
    expect(concernsModel(freeText, "a")).toBe(true);
    expect(concernsModel(freeText, "b")).toBe(false);
    expect(concernsModel(absent, "a")).toBe(false);
    const kept = filterItems([disagreement, invalidOther, freeText, absent], { model: "a" });
    expect(kept.map((i) => i.caseId)).toEqual(["c0", "c2"]);
  });
});

describe("who a case is open to", () => {
  const [nameItem, phoneItem] = [item(0, "name"), item(0, "phone")];
  const single: QueueCase = groupCases("r", [nameItem, phoneItem], 0)[0] as QueueCase;
  const overlap: QueueCase = { ...single, overlap: true };
  const marks = (...pairs: [number, string][]) =>
    gradedItems(pairs.map(([itemId, reviewer]) => ({ itemId, reviewer })));

  it("a case counts as graded by a reviewer only when they graded all its items", () => {
    const partly = marks([nameItem.id, "ann"]);
    expect(caseGraders(single, partly).size).toBe(0);
    expect(isDoneFor(single, partly, "ann")).toBe(false);
    expect(isOpenTo(single, partly, "ann")).toBe(true);
    expect(isOpenTo(single, partly, "bob")).toBe(true);
    const whole = marks([nameItem.id, "ann"], [phoneItem.id, "ann"], [phoneItem.id, "bob"]);
    expect([...caseGraders(single, whole)]).toEqual(["ann"]);
  });

  it("a case goes to one reviewer, an overlap case to two", () => {
    const byAnn = marks([nameItem.id, "ann"], [phoneItem.id, "ann"]);
    expect(isOpenTo(single, byAnn, "ann")).toBe(false);
    expect(isOpenTo(single, byAnn, "bob")).toBe(false);
    expect(isOpenTo(overlap, byAnn, "bob")).toBe(true);
    const byBoth = marks(
      [nameItem.id, "ann"],
      [phoneItem.id, "ann"],
      [nameItem.id, "bob"],
      [phoneItem.id, "bob"],
    );
    expect(isOpenTo(overlap, byBoth, "cy")).toBe(false);
  });

  it("counts a reviewer's queue in review items: graded by them, finished by others, left to them", () => {
    const byAnn = marks([nameItem.id, "ann"], [phoneItem.id, "ann"]);
    // Bob: Ann finished the single case (2 items by others); the overlap case still needs him (2 left).
    expect(queueCounts([single, overlap], byAnn, "bob")).toEqual({
      total: 4,
      graded: 0,
      byOthers: 2,
      left: 2,
    });
    expect(queueCounts([single, overlap], byAnn, "ann")).toEqual({
      total: 4,
      graded: 4,
      byOthers: 0,
      left: 0,
    });
    // Half a case graded by Cy, then finished by Ann: Cy's item is his, the other is by others.
    const half = marks([nameItem.id, "cy"], [nameItem.id, "ann"], [phoneItem.id, "ann"]);
    expect(queueCounts([single], half, "cy")).toEqual({ total: 2, graded: 1, byOthers: 1, left: 0 });
  });
});

describe("pace", () => {
  const minute = 60_000;
  const now = Date.parse("2026-03-10T15:00:00.000Z");

  it("counts grades since local midnight", () => {
    const midnight = localMidnight(now);
    expect(new Date(midnight).getHours()).toBe(0);
    expect(midnight).toBeLessThanOrEqual(now);
    expect(now - midnight).toBeLessThan(24 * 60 * minute);
    expect(gradedSince([midnight - minute, midnight, midnight + minute], midnight)).toBe(2);
    expect(activitySince(now)).toBe(Math.min(midnight, now - 60 * minute));
  });

  it("is the count of the last hour, scaled up when the reviewer's stretch began less than an hour ago", () => {
    expect(perHour([], now)).toBeNull();
    expect(perHour([now - minute], now)).toBeNull();
    // 10 grades in the last 20 minutes: 30 an hour.
    const started = Array.from({ length: 10 }, (_, i) => now - 20 * minute + i * 2 * minute);
    expect(perHour(started, now)).toBe(30);
    // Busy all hour (and before): 12 grades inside the last hour, one of them 60 minutes ago to the ms.
    const allHour = Array.from({ length: 14 }, (_, i) => now - 65 * minute + i * 5 * minute);
    expect(perHour(allHour, now)).toBe(12);
    // Two grades within the last half minute: at least one minute of elapsed time, so 120 an hour.
    expect(perHour([now - 20_000, now - 10_000], now)).toBe(120);
    // After a pause of 2 hours, a new stretch: 4 grades in the 15 minutes since it began, 16 an hour.
    const afterLongBreak = [-150, -140, -15, -10, -5, 0].map((m) => now + m * minute);
    expect(perHour(afterLongBreak, now)).toBe(16);
    // A 45-minute pause does not start a new stretch: 2 grades in the last hour, 2 an hour.
    expect(
      perHour(
        [-80, -75, -30, -20].map((m) => now + m * minute),
        now,
      ),
    ).toBe(2);
  });
});
