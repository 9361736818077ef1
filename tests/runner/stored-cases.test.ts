import { describe, expect, it } from "vitest";
import type { Case } from "../../src/core/types.js";
import { StoredCases } from "../../src/runner/stored-cases.js";

const caseAt = (i: number): Case => ({
  id: `c${i}`,
  transcript: `t${i}`,
  meta: {},
  source: { file: "f", line: i },
});

describe("StoredCases", () => {
  it("reads a page at a time, keeps a few, and reads one let go again", () => {
    const reads: [number, number][] = [];
    const cases = new StoredCases(1_000, (from, to) => {
      reads.push([from, to]);
      return Array.from({ length: Math.min(to, 1_000) - from }, (_, k) => caseAt(from + k));
    });
    expect(cases.at(0)?.id).toBe("c0");
    expect(cases.at(63)?.id).toBe("c63");
    expect(cases.at(64)?.id).toBe("c64");
    expect(reads).toEqual([
      [0, 64],
      [64, 128],
    ]);
    // Walk far ahead: the first page is let go, and read again when a lane far behind needs it.
    for (let i = 128; i < 1_000; i++) expect(cases.at(i)?.id).toBe(`c${i}`);
    const before = reads.length;
    expect(cases.at(5)?.id).toBe("c5");
    expect(reads.length).toBe(before + 1);
    expect(cases.at(-1)).toBeUndefined();
    expect(cases.at(1_000)).toBeUndefined();
  });
});
