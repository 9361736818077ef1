// The slices in every report, from hostile data: meta values are dataset text, so each report keeps them inert.
import { describe, expect, it } from "vitest";
import { renderConsole } from "../../src/report/console.js";
import { renderHtml } from "../../src/report/html/index.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { hostileReport } from "./html/hostile.js";

describe("slices in the reports", () => {
  const data = hostileReport();

  it("report.html has a Slices section in the nav, with every meta value escaped", () => {
    const html = renderHtml(data);
    expect(html).toContain('<a href="#slices">Slices</a>');
    const section = /<section id="slices"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(section).toContain("&lt;script&gt;document.title=&#39;pwned&#39;");
    expect(section).toContain("language&#39; onmouseover=&#39;");
    expect(section).toContain("50.0% <small>[20–80] n=4</small>");
    expect(section).not.toMatch(/<script|<img|onmouseover='/);
  });

  it("report.md and the console name each value and keep it from breaking a table or the terminal", () => {
    const markdown = renderMarkdown(data.summary);
    expect(markdown).toContain("## Slices");
    const section = markdown.slice(markdown.indexOf("## Slices"), markdown.indexOf("## Review queue"));
    expect(section).toContain("| &lt;script>document.title='pwned'");
    expect(section).toContain("### language' onmouseover=");
    expect(section).not.toContain("<");
    const hostile = structuredClone(data.summary);
    hostile.slices = { lang: { "ja\u001b[31m\nred": { cases: 1, models: {} } } };
    const text = renderConsole(hostile);
    expect(text).toMatch(/^ja red\s+1\s/m);
    expect(text).not.toContain("\u001b");
  });

  it("warns, instead of a table, about a key that no case has", () => {
    const summary = structuredClone(data.summary);
    summary.slices = { region: { "(none)": { cases: 10, models: {} } } };
    expect(renderConsole(summary)).toContain('slices: no case has the meta key "region" named in slices');
    expect(renderMarkdown(summary)).toContain('no case has the meta key "region" named in slices');
    expect(renderHtml({ ...data, summary })).toContain("no case has the meta key &quot;region&quot;");
  });
});
