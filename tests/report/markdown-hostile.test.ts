// report.md's failed calls and confusion matrices with hostile text: provider messages and enum values stay
// inert Markdown (no HTML, no broken table), the matrix keeps its shape and its diagonal in bold.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report/markdown.js";
import { hostileReport } from "./html/hostile.js";

/** From a heading to the next heading of the same level. */
function section(md: string, heading: string): string {
  const start = md.indexOf(heading);
  const end = md.indexOf("\n## ", start + heading.length);
  return md.slice(start, end < 0 ? undefined : end);
}

describe("report.md with hostile failures and enum values", () => {
  const { summary } = hostileReport();
  const claude = summary.models[1];
  if (claude)
    Object.assign(claude, { errors: 3, errorsByKind: { "bad_request' onmouseover='": 2, timeout: 1 } });
  const md = renderMarkdown(summary);

  it("writes no markup from the data", () => {
    for (const part of [section(md, "## Problems"), section(md, "## Confusion matrices")]) {
      expect(part.length).toBeGreaterThan(20);
      expect(part).not.toMatch(/<(script|img|svg|style)\b/i);
      expect(part).not.toContain("\u202e");
    }
  });

  it("lists each failure kind with its messages under the model", () => {
    const problems = section(md, "## Problems");
    expect(problems).toContain("  - bad\\_request' onmouseover='");
    expect(problems).toContain("×2: \"&lt;script&gt;document.title='pwned'");
    expect(problems).toMatch(/ {2}- timeout ×1: "&lt;img src=x onerror=/);
  });

  it("draws the matrix as one table row per gold value, cells intact", () => {
    const matrix = section(md, "## Confusion matrices");
    const rows = matrix.split("\n").filter((line) => line.startsWith("| "));
    // header, alignment, three gold rows: the hostile values did not add or split any.
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(8);
    expect(rows[2]).toBe("| **book** | **5** | 1 | · | · | 1 |");
    expect(rows[4]).toBe("| **(missing)** | 1 | · | · | **2** | · |");
  });
});
