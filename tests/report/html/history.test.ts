// report.html's History section and the voice stage's aligned transcripts: drawn from the data, escaped.
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/report/html/index.js";
import { sampleReport } from "./fixture.js";
import { alignedCall, historyReport, hostileHistoryReport } from "./fixture-history.js";
import { PAYLOADS } from "./hostile.js";

function section(html: string, id: string): string {
  return new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
}

describe("the History section", () => {
  const data = historyReport();
  const html = renderHtml(data);
  const history = section(html, "history");

  it("is linked after Models and draws one line per model across the runs, this run marked", () => {
    expect(html).toContain('<a href="#models">Models</a><a href="#history">History</a>');
    expect(history.match(/<svg class="chart"/g)).toHaveLength(1);
    expect(history.match(/<path class="line"/g)).toHaveLength(3);
    expect(history).toContain('<text x="702.67" y="14" text-anchor="middle">this run</text>');
    expect(history).toContain(
      "<title>claude-sonnet-4 · run run-2025-06-01-b (2025-06-01 14:03 UTC, this run): field accuracy 94.0%</title>",
    );
    // The y axis starts below the lowest figure (77%), at 70%.
    expect(history).toMatch(/>70%<\/text>[\s\S]*>100%<\/text>/);
    expect(history).toContain("(the axis starts at 70%)");
  });

  it("breaks a line at a run without a figure instead of bridging it", () => {
    // Run 5 was interrupted before it was scored: two pieces for each model, and a lone point after it.
    const d = /<g class="m0 series"><path class="line" d="([^"]*)"/.exec(history)?.[1] ?? "";
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(9);
  });

  it("gives a model that left the suite a colour no line beside it has", () => {
    const classes = [...history.matchAll(/<g class="(m\d) series">/g)].map((m) => m[1]);
    expect(new Set(classes).size).toBe(3);
  });

  it("lists the runs newest first with what changed since the run before each", () => {
    const rows = [...history.matchAll(/<tr( class="current")?><th scope="row"><code>([^<]*)<\/code>/g)];
    expect(rows.map((m) => m[2])).toEqual([
      "run-2025-06-01-b",
      ...Array.from({ length: 11 }, (_, i) => `run-${String(11 - i).padStart(2, "0")}`),
    ]);
    expect(rows[0]?.[1]).toBe(' class="current"');
    expect(history).toMatch(
      /<code>run-08<\/code><\/th><td class="text date">[^<]*<\/td><td class="text"[^>]*><strong>knowledge base<\/strong>/,
    );
    expect(history).toMatch(
      /<code>run-04<\/code><\/th><td class="text date">[^<]*<\/td><td class="text"[^>]*><strong>prompt<\/strong>/,
    );
    expect(history).toMatch(
      /<code>run-05<\/code>[\s\S]*?<td>—<\/td><td>—<\/td><td>—<\/td><td class="text">interrupted<\/td>/,
    );
    expect(history).toContain("finished <small>scores older than its calls or grades</small>");
  });

  it("is left out when the suite has a single run", () => {
    const one = sampleReport();
    one.history = historyReport().history?.slice(-1) ?? [];
    expect(renderHtml(one)).not.toContain('id="history"');
    expect(renderHtml(sampleReport())).not.toContain('href="#history"');
  });
});

describe("aligned transcripts in the voice stage", () => {
  const html = renderHtml(historyReport());
  const voice = section(html, "voice");
  const calls = voice.split("<li><details").slice(1);

  it("shows each recogniser's calls worst first, the worst open, with notes of the rest", () => {
    expect(voice).toContain('<h3 id="aligned">Recognised transcripts, worst calls first</h3>');
    expect(
      voice.match(/<article class="aligned-list"><h4><code>(whisper-1|pocketsphinx-en)<\/code>/g),
    ).toHaveLength(2);
    expect(calls).toHaveLength(4);
    expect(calls[0]).toMatch(/^ open><summary><code>call-103<\/code> <span class="rate">WER 37\.5%<\/span>/);
    expect(voice).toContain("12 calls recognised without an error");
    expect(voice).toContain("187 more calls with errors not shown");
  });

  it("marks substitutions, deletions and insertions with elements and words, not colour alone", () => {
    // sclite's weights: "in voice" for "invoice" is an insertion and a substitution, in that order.
    const call = alignedCall("c", "call me back about the invoice", "call me about the in voice", "en");
    expect(call.counts).toEqual({ ref: 6, sub: 1, del: 1, ins: 1 });
    const data = historyReport();
    const [first] = data.alignments ?? [];
    if (first) first.calls = [call];
    const block = section(renderHtml(data), "voice");
    expect(block).toContain(
      '<span class="a-ok">call</span> <span class="a-ok">me</span> <del class="a-del" title="deletion: “back” not recognised"><span class="sr">deleted </span>back</del> <span class="a-ok">about</span> <span class="a-ok">the</span> ',
    );
    expect(block).toContain(
      '<span class="a-sub" title="substitution: “invoice” recognised as “voice”"><del><span class="sr">substituted </span>invoice</del><span class="arrow" aria-hidden="true">→</span><ins><span class="sr"> by </span>voice</ins></span>',
    );
    expect(block).toContain(
      '<ins class="a-ins" title="insertion: “in” not in the reference"><span class="sr">inserted </span>in</ins>',
    );
    expect(block).toContain('<ul class="legend align-legend" aria-label="how the alignment is marked">');
  });

  it("aligns Japanese character by character, without spaces between characters", () => {
    const ja = calls.find((c) => c.includes("call-042")) ?? "";
    expect(ja).toContain('<p class="aligned" lang="ja"');
    expect(ja).toContain("CER ");
    expect(ja).toContain("of 35 characters");
    expect(ja).toContain('<span class="a-ok">明</span><span class="a-ok">日</span>');
  });

  it("says a call is too long to align instead of aligning it", () => {
    const data = historyReport();
    const call = data.alignments?.[0]?.calls[0];
    if (call) delete call.pairs;
    expect(section(renderHtml(data), "voice")).toContain("Too long to align here (16 reference words).");
  });
});

describe("hostile ids and words in History and the aligned transcripts", () => {
  const html = renderHtml(hostileHistoryReport());
  const rest = html
    .replace(/<script>[\s\S]*?<\/script>/, "")
    .replace(/<script type="application\/json"[\s\S]*?<\/script>/, "");

  it("shows them as text, never as markup", () => {
    expect(section(html, "history")).not.toBe("");
    for (const payload of Object.values(PAYLOADS))
      if (/[<>"']/.test(payload)) expect(rest).not.toContain(payload);
    expect(rest).not.toMatch(/<svg onload|<\/?script|<img|<style>body/i);
    for (const tag of rest.match(/<[a-z][^>]*>/gi) ?? [])
      expect(tag.replace(/="[^"]*"/g, '=""')).not.toMatch(/\son[a-z]+\s*=/i);
    expect(section(html, "history")).toContain("model&lt;script&gt;document.title=&#39;pwned&#39;");
    expect(section(html, "history")).toContain("run&quot;&gt;&lt;svg onload=&quot;");
    const voice = section(html, "voice");
    expect(voice).toContain("case&lt;img src=x onerror=&quot;");
    expect(voice).toContain("&lt;/script&gt;&lt;script&gt;");
    expect(voice).toContain("&lt;style&gt;body{display:none}&lt;/style&gt;");
  });
});
