import { describe, expect, it } from "vitest";
import { grouped } from "../../src/core/format.js";

describe("grouped", () => {
  it("writes counts with thousands separators, as en-US does", () => {
    for (const n of [0, 7, 999, 1_000, 12_345, 1_000_000, 987_654_321, -4_200]) {
      expect(grouped(n)).toBe(n.toLocaleString("en-US"));
    }
  });

  it("leaves a fraction as it is", () => {
    expect(grouped(1234.5)).toBe("1234.5");
  });
});
