// report.html's failed calls and confusion matrices: hostile messages and enum values stay text, the matrix
// is a real table (headers scoped, diagonal marked), and both sections are in the navigation.
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/report/html/index.js";
import { sampleReport } from "./fixture.js";
import { hostileReport } from "./hostile.js";

const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}"`);
  return start < 0 ? "" : html.slice(start, html.indexOf("</section>", start));
};

describe("failed calls and confusion matrices in report.html", () => {
  const html = renderHtml(hostileReport());

  it("lists each model's failures by kind with the provider's messages escaped", () => {
    const errors = section(html, "errors");
    expect(errors).toContain('<th scope="row">claude&lt;img src=x onerror=');
    expect(errors).toContain("bad_request&#39; onmouseover=&#39;");
    expect(errors).toContain("<li><code>&lt;script&gt;document.title=&#39;pwned&#39;");
    expect(errors).toContain("<li><code>&lt;/script&gt;&lt;script&gt;");
    expect(errors).not.toMatch(/<(script|img|svg|style)\b/);
    expect(errors).not.toContain("\u202e");
    expect(html).toContain('<a href="#errors">Failed calls</a>');
  });

  it("draws the matrix with scoped headers, the diagonal marked and hostile values as text", () => {
    const matrix = section(html, "confusion");
    expect(matrix).toContain("<h3>intent&quot;&gt;&lt;svg onload=");
    expect(matrix).toContain("<caption>intent&quot;&gt;&lt;svg onload=");
    expect(matrix).toContain('<th scope="col">(invalid)</th>');
    expect(matrix).toMatch(
      /<tr><th scope="row">book<\/th><td class="hit"[^>]*>5<\/td><td class="miss"[^>]*>1<\/td>/,
    );
    // The made-up value is on the diagonal of its own row.
    expect(matrix).toMatch(
      /<th scope="row">&lt;script&gt;[^<]*<\/th><td class="zero"[^>]*>0<\/td><td class="hit"[^>]*>3<\/td>/,
    );
    expect(matrix).toMatch(
      /<th scope="row">\(missing\)<\/th>(<td[^>]*>\d+<\/td>){3}<td class="hit"[^>]*>2<\/td>/,
    );
    expect(matrix).not.toMatch(/<(script|img|svg|style)\b/);
    expect(html).toContain('<a href="#confusion">Confusion</a>');
  });

  it("leaves both sections and their styles out of a report without failures or enum fields", () => {
    const plain = renderHtml(sampleReport(["a", "b"]));
    expect(plain).not.toContain('<section id="errors"');
    expect(plain).not.toContain('<section id="confusion"');
    expect(plain).not.toContain("table.confusion");
  });
});
