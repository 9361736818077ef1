// Reviewers' notes and grades in the reports: report.md's "Reviewer notes" (inert Markdown), report.html's
// "Human review" section (escaped), and the settled value beside the models' in the disagreement table.
import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/core/summary.js";
import { renderHtml } from "../../src/report/html/index.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { inertMarkdown } from "../../src/report/markdown-notes.js";
import type { ReportData } from "../../src/summary/report-data-types.js";
import { sampleReport } from "./html/fixture.js";
import { hostileReport } from "./html/hostile.js";

const NOTE = {
  caseId: "en-call-0110",
  field: "phone",
  reviewer: "ann",
  text: "Caller corrected the last digit.",
  at: "2025-06-01T15:00:00.000Z",
};

function withNotes(summary: RunSummary, shown = [NOTE], total = shown.length): RunSummary {
  return { ...summary, review: { ...summary.review, notes: { total, shown } } };
}

describe("report.md", () => {
  it("counts the queue in review items, and the graded line in the same unit", () => {
    const md = renderMarkdown(withNotes(sampleReport().summary));
    expect(md).toContain("57 review items queued for human review.");
    const one = renderMarkdown({
      ...sampleReport().summary,
      review: { ...sampleReport().summary.review, queued: 1 },
    });
    expect(one).toContain("1 review item queued for human review.");
  });

  it("lists reviewer notes: case, field, reviewer and note", () => {
    const md = renderMarkdown(withNotes(sampleReport().summary));
    expect(md).toContain("## Reviewer notes");
    expect(md).toContain("1 note.");
    expect(md).toContain("| case | field | reviewer | note |");
    expect(md).toContain("| en\\-call\\-0110 | phone | ann | Caller corrected the last digit\\. |");
  });

  it("says how many notes there are when only the first are shown", () => {
    const md = renderMarkdown(withNotes(sampleReport().summary, [NOTE, NOTE], 250));
    expect(md).toContain("250 notes (the first 2 of 250).");
  });

  it("has no notes section without notes", () => {
    expect(renderMarkdown(sampleReport().summary)).not.toContain("Reviewer notes");
  });

  it("makes a hostile note inert: no HTML, link, image, heading, table cell or line break comes alive", () => {
    const text =
      "<img src=x onerror=alert(1)> ![t](https://evil.example/t.png) [click](javascript:alert(1)) | x |\n# Heading\n`code` **bold** @team \u001b[31mred";
    const md = renderMarkdown(withNotes(sampleReport().summary, [{ ...NOTE, text, reviewer: "eve|<b>" }]));
    const line = md.split("\n").find((l) => l.startsWith("| en\\-call\\-0110 |")) ?? "";
    expect(line).toContain("&lt;img src\\=x onerror\\=alert\\(1\\)&gt;");
    expect(line).toContain("\\!\\[t\\]\\(https\\:\\/\\/evil\\.example\\/t\\.png\\)");
    expect(line).toContain("\\[click\\]\\(javascript\\:alert\\(1\\)\\)");
    expect(line).toContain("\\| x \\| \\# Heading \\`code\\` \\*\\*bold\\*\\* \\@team red");
    expect(line).toContain("| eve\\|&lt;b&gt; |");
    // Four cells: every pipe of the note and the name is escaped.
    expect(line.replace(/\\\|/g, "").split("|").length).toBe(6);
    expect(md).not.toMatch(/<img|<b>|\n# Heading/);
    expect(md).not.toContain("\u001b");
  });

  it("inert Markdown is the text itself once rendered: every escape is of punctuation or an entity", () => {
    expect(inertMarkdown("a_b*c & <d>")).toBe("a\\_b\\*c &amp; &lt;d&gt;");
  });
});

function htmlWith(change: (data: ReportData) => void): string {
  const data = sampleReport();
  change(data);
  return renderHtml(data);
}

describe("report.html", () => {
  it("has a Human review section with the counts in review items and the notes, in the nav", () => {
    const html = htmlWith((data) => {
      data.summary = withNotes(data.summary);
    });
    expect(html).toContain('<a href="#review">Human review</a>');
    expect(html).toContain(
      "57 review items queued for human review; graded 24 of 57 review items · 33 left · 2 contested.",
    );
    expect(html).toContain("Reviewer notes");
    expect(html).toMatch(
      /<code>en-call-0110<\/code><\/td><td class="text">phone<\/td><td class="text">ann<\/td><td class="text note-text">Caller corrected the last digit.<\/td><td class="text">2025-06-01 15:00 UTC<\/td>/,
    );
  });

  it("a disagreement graded by a reviewer shows the settled value and who settled it, not 'no gold'", () => {
    const html = htmlWith((data) => {
      const row = data.disagreements.find((d) => d.gold === undefined);
      if (!row) throw new Error("the fixture has a row without gold");
      row.caseId = "graded-case";
      const [first] = Object.keys(row.values);
      row.human = {
        verdict: "value",
        value: "Lee",
        reviewers: ["ann", "bob"],
        matches: { [first ?? ""]: true },
      };
    });
    const body =
      /<tbody class="dis"[^>]*>\n<tr class="row">.*?graded-case[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? "";
    expect(body).toContain('Lee <span class="muted">settled by ann, bob</span>');
    expect(body).not.toContain("no gold</td>");
    expect(body).toContain('title="same as settled"');
    expect(body).toContain("<dt>settled by ann, bob</dt>");
  });

  it("a field reviewers disagree on is marked contested, with who graded it", () => {
    const html = htmlWith((data) => {
      const row = data.disagreements[0];
      if (!row) throw new Error("no rows");
      row.caseId = "contested-case";
      row.human = { verdict: "contested", reviewers: ["ann", "bob"] };
    });
    const body =
      /<tbody class="dis"[^>]*>\n<tr class="row">.*?contested-case[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? "";
    expect(body).toContain('⚑ contested</span> <span class="muted">by ann, bob</span>');
    expect(body).toContain("<dd>⚑ contested: ann, bob disagree</dd>");
  });
});

describe("report.html of hostile data", () => {
  it("shows a hostile note, reviewer name and settled value as text, in the review section and the table", () => {
    const html = renderHtml(hostileReport());
    const section = /<section id="review"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(section).toContain("&lt;script&gt;document.title=&#39;pwned&#39;");
    expect(section).toContain("&lt;/script&gt;&lt;script&gt;");
    expect(section).toContain("eve&lt;img src=x onerror=&quot;");
    expect(section).not.toMatch(/<script|<img|<style|<svg/i);
    expect(section).not.toContain("\u202E");
    expect(html).toContain("settled by mallory&#39; onmouseover=&#39;");
    expect(html).toContain("by &lt;script&gt;document.title=");
  });
});
