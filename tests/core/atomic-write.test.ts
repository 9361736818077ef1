import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeAtomic } from "../../src/core/atomic-write.js";

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cg-atomic-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("writeAtomic", () => {
  it("writes content in parts byte for byte as the joined text, across its buffer's edges", () => {
    const file = path.join(folder(), "report.html");
    // Multi-byte characters of every UTF-8 length, parts that straddle the 256 KB buffer, one larger than it.
    const parts = [
      "<p>",
      ...Array.from({ length: 30_000 }, (_, i) => `row ${i}: café 予約 🍽 ✓\n`),
      "x".repeat(300_000),
      "é".repeat(100_000),
      "",
      "</p>",
    ];
    writeAtomic(file, parts);
    expect(readFileSync(file)).toEqual(Buffer.from(parts.join(""), "utf8"));
    // Lazy parts (a generator) are written as they come.
    function* lazy() {
      yield* parts;
    }
    writeAtomic(file, lazy());
    expect(readFileSync(file, "utf8")).toBe(parts.join(""));
  });

  it("leaves the old file and no temporary file when making the parts fails half way", () => {
    const dir = folder();
    const file = path.join(dir, "report.html");
    writeAtomic(file, "before");
    function* failing() {
      yield "a".repeat(400_000);
      throw new Error("a renderer bug");
    }
    expect(() => writeAtomic(file, failing())).toThrow("a renderer bug");
    expect(readFileSync(file, "utf8")).toBe("before");
    expect(readdirSync(dir)).toEqual(["report.html"]);
  });
});
