// report.html as text: untrusted data stays inert, the CSP admits exactly our script, and the charts draw the data.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pct } from "../../../src/core/format.js";
import { ACCURACY_PLOT } from "../../../src/report/html/accuracy.js";
import { escapeHtml, jsonForScript, REPORT_SCRIPT, renderHtml } from "../../../src/report/html/index.js";
import { FIELDS, sampleReport } from "./fixture.js";
import { hostileReport, PAYLOADS } from "./hostile.js";

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/;
const JSON_SCRIPT = /<script type="application\/json" id="callgrade-summary">([\s\S]*?)<\/script>/;

/** The page without its own two script elements: what is left must hold no markup from the data. */
function outsideScripts(html: string): string {
  return html.replace(INLINE_SCRIPT, "").replace(JSON_SCRIPT, "");
}

describe("escaping", () => {
  it("escapes the five HTML-special characters and drops bidi overrides", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(escapeHtml("safe\u202Egpj.exe")).toBe("safegpj.exe");
  });

  it("writes JSON that cannot end its script element or a JavaScript line", () => {
    const text = jsonForScript({ a: "</script><!--&\u2028\u2029>" });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ a: "</script><!--&\u2028\u2029>" });
  });
});

describe("a report of hostile data", () => {
  const data = hostileReport();
  const html = renderHtml(data);
  const rest = outsideScripts(html);

  it("never contains a payload as markup, only escaped", () => {
    for (const payload of Object.values(PAYLOADS)) {
      if (/[<>"']/.test(payload)) expect(rest).not.toContain(payload);
      // In the JSON a quote is harmless, but an angle bracket could close the script element.
      if (/[<>]/.test(payload)) expect(html).not.toContain(payload);
    }
    expect(html.match(/<script/g)?.length).toBe(2);
    expect(html.match(/<style/g)?.length).toBe(1);
    expect(rest).not.toMatch(/<img|<svg onload|<\/?script|<iframe|<object/i);
    // Attribute values are always double-quoted and hold no quote of their own; outside them, no handler.
    const tags = rest.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(1000);
    for (const tag of tags) expect(tag.replace(/="[^"]*"/g, '=""')).not.toMatch(/\son[a-z]+\s*=/i);
    expect(rest).toContain("Hello &lt;script&gt;document.title=&#39;pwned&#39;");
    expect(rest).toContain("&lt;img src=x onerror=&quot;document.title=");
    expect(rest).toContain("&quot;&gt;&lt;svg onload=&quot;");
    expect(rest).toContain("&lt;style&gt;body{display:none}&lt;/style&gt;");
  });

  it("embeds the summary as JSON that reads back unchanged and cannot close its element", () => {
    const json = JSON_SCRIPT.exec(html)?.[1] ?? "";
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ summary: data.summary, gate: data.gate });
  });

  it("allows exactly its own inline script through the CSP, by SHA-256, and nothing from the network", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
      .exec(html)?.[1]
      ?.replace(/&#39;/g, "'");
    const script = INLINE_SCRIPT.exec(html)?.[1] ?? "";
    expect(script).toBe(REPORT_SCRIPT);
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style"));
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
  });
});

describe("a report of realistic data", () => {
  const data = sampleReport();
  const html = renderHtml(data);

  it("shows a judged field's three numbers, the judge against people and the grades' worth", () => {
    const hostile = renderHtml(hostileReport());
    const section = hostile.slice(
      hostile.indexOf('<section id="judge"'),
      hostile.indexOf("</section>", hostile.indexOf('<section id="judge"')),
    );
    expect(section).toContain('<h2 id="judge-h">Judged fields</h2>');
    expect(section).toContain("<td>70.0% <small>[60–80]</small></td>".repeat(3));
    expect(section).toContain(
      "<td>4 of 10</td><td>κ 0.50 <small>passes 75% vs 50%, n=4</small></td><td>8 <small>±5 pts at 30</small></td>",
    );
    expect(hostile).toContain('<a href="#judge">Judged fields</a>');
    expect(html).not.toContain('<section id="judge"');
  });

  it("names every model and every field in the charts", () => {
    for (const m of data.summary.models) {
      expect(html).toContain(`<text class="point-label"`);
      expect(html).toMatch(new RegExp(`<text class="row-label" x="24" y="[\\d.]+">${m.id}<title>`));
      expect(html).toContain(`<th scope="col">${m.id}</th>`);
    }
    for (const field of FIELDS)
      expect(html).toMatch(new RegExp(`<text class="field-label"[^>]*>${field}<title>`));
  });

  it("draws each accuracy bar as wide as its accuracy on the chart's scale, with n in its tooltip", () => {
    for (const m of data.summary.models)
      for (const field of FIELDS) {
        const f = m.fields[field];
        const bar = new RegExp(
          `<rect class="bar" x="${ACCURACY_PLOT.x0}" y="[\\d.]+" width="([\\d.]+)" height="12" fill="currentColor"><title>${m.id} · ${field} accuracy: ([\\d.]+%) \\(95% CI [^)]*\\), (\\d+) of (\\d+) correct, n=(\\d+)</title>`,
        ).exec(html);
        expect(bar, `${m.id} ${field}`).not.toBeNull();
        expect(Number(bar?.[1])).toBeCloseTo((f?.accuracy ?? 0) * ACCURACY_PLOT.width, 1);
        expect(bar?.[2]).toBe(pct(f?.accuracy));
        expect(Number(bar?.[5])).toBe(f?.n);
      }
  });

  it("draws human-adjudicated accuracy beside the automatic one", () => {
    const human = data.summary.models[0]?.human?.intent;
    expect(html).toContain(`gpt-4.1-mini · intent human-adjudicated: ${pct(human?.accuracy)}`);
  });

  it("prints each pair's agreement in its heat-map cell, both ways round", () => {
    expect(html.match(/<g class="cell[ "]/g)?.length).toBe(16);
    for (const p of data.pairwise) {
      const cell = (a: string, b: string) =>
        new RegExp(`<text[^>]*>${pct(p.rate, 0)}</text><title>${a} ↔ ${b}: `);
      expect(html).toMatch(cell(p.a, p.b));
      expect(html).toMatch(cell(p.b, p.a));
    }
  });

  it("draws the latency table and a dot per call from each model's distribution", () => {
    for (const [id, d] of Object.entries(data.latencies)) {
      expect(d.n).toBe(100);
      expect(html).toContain(
        `<tr><th scope="row">${id}</th><td>100</td><td>${Math.round(d.min ?? 0)} ms</td>`,
      );
      expect(html).toContain(`p50 ${Math.round(d.p50 ?? 0)} ms`);
    }
    // 100 calls are under the dot limit: every call is a dot.
    expect(html.match(/<circle cx="[^"]+" cy="[^"]+" r="2.2"\/>/g)?.length).toBe(
      100 * Object.keys(data.latencies).length,
    );
  });

  it("leads the gate with failing and inconclusive checks, and lists the calls that flipped with their values", () => {
    expect(html).toContain('<h2 id="gate-h">Gate failed</h2>');
    const fail = html.indexOf('<article class="check v-fail">');
    const inconclusive = html.indexOf('<article class="check v-inconclusive">');
    const passing = html.indexOf('<details class="passed">');
    expect(fail).toBeGreaterThan(0);
    expect(fail).toBeLessThan(inconclusive);
    expect(inconclusive).toBeLessThan(passing);
    expect(html).toContain("15 calls flipped: 13 right → wrong, 2 wrong → right");
    expect(html).toContain(
      '<td><code>en-call-0311</code></td><td><span class="v" title="2025-06-05">2025-06-05</span></td>',
    );
    expect(html).toContain("p = 0.004");
    expect(html).toContain("≈ 900");
  });

  it("has one table row per disagreement, each with its transcript's speakers", () => {
    expect(html.match(/<tbody class="dis"/g)?.length).toBe(20);
    expect(html).toContain('<span class="speaker">お客さま</span>');
    expect(html).toContain('<span class="speaker">caller</span>');
    expect(html).toContain('<option value="caller_name">caller_name</option>');
  });
});

describe("a report with little in it", () => {
  it("renders without a gate, failures, prices or disagreements, and says so", () => {
    const data = sampleReport();
    delete data.gate;
    data.disagreements = [];
    data.schemaFailures = {};
    for (const m of data.summary.models) m.costUsd = null;
    const html = renderHtml(data);
    expect(html).not.toContain('id="gate"');
    expect(html).toContain("Every answered output satisfied the schema");
    expect(html).toContain("No model has a known price.");
    expect(html).toContain("agreed with each other, and with gold");
  });
});

describe("values beside gold in the disagreements table", () => {
  it("marks a value the field's matcher reads as gold, though its text differs, and no other", () => {
    const data = sampleReport();
    const [first, second] = data.summary.models.map((m) => m.id);
    if (!first || !second) throw new Error("the fixture has two models");
    data.disagreements = [
      {
        caseId: "phone-case",
        field: "phone",
        transcript: "caller: zero nine zero, one two three four, zero zero zero one",
        values: { [first]: "09012340001", [second]: "09012340002" },
        gold: "090-1234-0001",
        matchesGold: { [first]: true, [second]: false },
        reason: "disagreement",
      },
    ];
    const html = renderHtml(data);
    expect(html).toMatch(
      /<td class="v same" title="09012340001">09012340001 <span class="eq" title="same as gold">/,
    );
    expect(html).toMatch(/<td class="v" title="09012340002">09012340002<\/td>/);
  });
});
