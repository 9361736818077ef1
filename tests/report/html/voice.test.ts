// report.html's voice stage and robustness sections: drawn from the data, escaped, and absent without it.
import { describe, expect, it } from "vitest";
import { pct, signedPoints } from "../../../src/core/format.js";
import { CSS } from "../../../src/report/html/css.js";
import { renderHtml } from "../../../src/report/html/index.js";
import { LARGE } from "../../../src/report/html/line-chart.js";
import { voiceReport } from "../voice-fixture.js";
import { sampleReport } from "./fixture.js";
import { PAYLOADS } from "./hostile.js";
import { HOSTILE_FIELD, HOSTILE_MODEL, HOSTILE_RECOGNISER, hostileVoiceReport } from "./hostile-voice.js";

function section(html: string, id: string): string {
  return new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
}

function charts(html: string): string[] {
  return html.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
}

/** A model's colour class in the report: its position among the models. */
function colour(html: string, id: string): string {
  const ids =
    [...html.matchAll(/<ul class="legend models" aria-label="models">([\s\S]*?)<\/ul>/g)][0]?.[1] ?? "";
  const names = [...ids.matchAll(/<\/svg>([^<]*)<\/li>/g)].map((m) => m[1]);
  return `m${names.indexOf(id) % 8}`;
}

describe("a report without voice data", () => {
  const html = renderHtml(sampleReport());

  it("has no voice or robustness section, link or style", () => {
    expect(html).not.toContain('id="voice"');
    expect(html).not.toContain('id="robustness"');
    expect(html).not.toContain('href="#voice"');
    expect(html).not.toContain('href="#robustness"');
    // The stylesheet is exactly the one every report had before these sections existed.
    expect(html).toContain(`<style>${CSS}</style>`);
  });
});

describe("the voice stage in report.html", () => {
  const data = voiceReport();
  const html = renderHtml(data);
  const voice = section(html, "voice");

  it("links the section and gives each recogniser's WER and CER split into S/D/I", () => {
    expect(html).toContain('<a href="#voice">Voice stage</a><a href="#robustness">Robustness</a>');
    expect(voice).toContain(`WER ${pct((1106 + 415 + 231) / 18_432)}</text>`);
    expect(voice).toContain(`CER ${pct((2230 + 1150 + 610) / 71_905)}</text>`);
    expect(voice).toContain(
      `<title>whisper-1 WER 9.5%: 1106 substitutions of 18432 reference words (${pct(1106 / 18_432)})</title>`,
    );
    expect(voice).toContain(
      "<title>pocketsphinx-en CER 17.2%: 1400 insertions of 71905 reference characters (1.9%)</title>",
    );
    expect(voice).toContain(
      "<td>9.5%</td><td>S 1106 · D 415 · I 231 <small>of 18,432</small></td><td>5.5%</td>",
    );
  });

  it("draws one chart per recogniser × model, most hurt pair first, fields most hurt first", () => {
    const figures = voice.split('<article class="penalty">').slice(1);
    expect(figures).toHaveLength(4);
    expect(figures[0]).toContain("<code>gpt-4.1-mini</code> on <code>pocketsphinx-en</code>");
    expect(figures[3]).toContain("<code>claude-sonnet-4</code> on <code>whisper-1</code>");
    const labels = [...(figures[2] ?? "").matchAll(/<text class="field-label"[^>]*>([^<]*)<title>/g)].map(
      (m) => m[1],
    );
    expect(labels).toEqual(["account_number", "phone", "caller_name", "callback_date", "intent", "urgency"]);
  });

  it("draws reference and recognised bars in the two runs' colours, with the gap labelled as the penalty", () => {
    const figure = voice.split('<article class="penalty">')[3] ?? "";
    const ref = colour(html, "gpt-4.1-mini");
    const rec = colour(html, "gpt-4.1-mini@whisper-1");
    expect(ref).not.toBe(rec);
    // account_number: 219 of 238 on the reference transcripts, 171 on whisper-1's.
    const width = (correct: number) => String(Math.round((correct / 238) * 640 * 100) / 100);
    expect(figure).toContain(
      `<g class="${ref}"><rect class="bar" x="200" y="13" width="${width(219)}" height="11" fill="currentColor"><title>gpt-4.1-mini · account_number on reference transcripts: ${pct(219 / 238)}, n=238</title>`,
    );
    expect(figure).toContain(
      `<g class="${rec}"><rect class="bar" x="200" y="27" width="${width(171)}" height="11" fill="currentColor"><title>gpt-4.1-mini@whisper-1 · account_number on recognised transcripts: ${pct(171 / 238)}, n=238</title>`,
    );
    const penalty = signedPoints((219 - 171) / 238);
    expect(figure).toContain(
      `<title>gpt-4.1-mini · account_number: penalty ${penalty} pts (reference ${pct(219 / 238)} − recognised ${pct(171 / 238)}), n=238</title>`,
    );
    expect(figure).toMatch(new RegExp(`<text class="gap-label"[^>]*>\\${penalty} pts</text>`));
    // urgency did better on recognised text: the gap is drawn as a gain, on the reference row.
    expect(figure).toMatch(
      /<g class="gap gain"><rect x="[\d.]+" y="[\d.]+"[^>]*><title>gpt-4\.1-mini · urgency: penalty −0\.8 pts/,
    );
    expect(figure).toContain(
      `penalty <strong>${signedPoints((221 + 229 + 205 + 226 + 219 + 214 - (198 + 187 + 196 + 224 + 171 + 216)) / 6 / 238)} pts</strong>`,
    );
  });
});

describe("a penalty's label in report.html", () => {
  it("sits where it has room: left of the gap on the shorter bar, else inside a wide gap, never over the value at 100%", () => {
    const data = voiceReport();
    const [pair] = data.summary.asr?.penalty ?? [];
    if (!pair) throw new Error("the fixture has a penalty pair");
    pair.fields = [
      { field: "caller_name", reference: 1, recognised: 0.125, penalty: 0.875, n: 8 },
      { field: "date", reference: 1, recognised: 0.875, penalty: 0.125, n: 8 },
    ];
    const html = renderHtml(data);
    // Plot from x=200 to 840: 100% ends at 840; 87.5% at 760.
    expect(html).toMatch(/<text class="gap-label" x="835" y="[\d.]+" text-anchor="end">\+87\.5 pts<\/text>/);
    expect(html).toMatch(/<text class="gap-label" x="755" y="[\d.]+" text-anchor="end">\+12\.5 pts<\/text>/);
  });
});

describe("the robustness section in report.html", () => {
  const html = renderHtml(voiceReport());
  const robustness = section(html, "robustness");
  const [overall, ...multiples] = charts(robustness);

  it("plots field accuracy (0–100%) against measured WER with one line per model in the model's colour", () => {
    expect(overall?.match(/<path class="line"/g)).toHaveLength(2);
    expect(overall).toContain(`<g class="${colour(html, "gpt-4.1-mini")} series"><path class="line"`);
    expect(overall).toContain(`<g class="${colour(html, "claude-sonnet-4")} series"><path class="line"`);
    expect(overall).toMatch(/>0%<\/text>[\s\S]*>100%<\/text>/);
    expect(overall).toContain("measured word error rate");
    // y runs from 0% at the bottom of the box to 100% at its top.
    const d = /<g class="m0 series"><path class="line" d="([^"]*)"/.exec(overall ?? "")?.[1] ?? "";
    const ys = [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    const { top, bottom } = LARGE.box;
    const mean0 = (0.929 + 0.962 + 0.95) / 3;
    expect(ys[0]).toBeCloseTo(bottom - mean0 * (bottom - top), 1);
    expect(ys).toHaveLength(4);
  });

  it("gives every point a tooltip with its accuracy, measured WER, level and n", () => {
    const mean1 = (0.887 + 0.878 + 0.946) / 3;
    expect(overall).toContain(
      `<title>gpt-4.1-mini · field accuracy: ${pct(mean1)} at measured WER 5.3% (level 5%), n=240</title>`,
    );
    expect(overall).toContain(
      "<title>claude-sonnet-4 · field accuracy: 96.9% at measured WER 0.0% (original transcripts), n=240</title>",
    );
    expect(overall?.match(/<g class="point"/g)).toHaveLength(8);
  });

  it("draws a small chart per field, fields that lose most first, each with a line per model", () => {
    expect(multiples).toHaveLength(3);
    expect(multiples.map((svg) => /<title>([^:]*):/.exec(svg)?.[1])).toEqual([
      "phone",
      "caller_name",
      "intent",
    ]);
    for (const svg of multiples) expect(svg.match(/<path class="line"/g)).toHaveLength(2);
    expect(multiples[0]).toContain(
      "<title>gpt-4.1-mini · phone: 61.3% at measured WER 18.8% (level 20%), n=240</title>",
    );
  });

  it("breaks a line where a level has no accuracy instead of bridging it", () => {
    const data = voiceReport();
    const mini = data.summary.robustness?.models[0];
    const gap = mini?.fieldAccuracy[2];
    if (gap) gap.accuracy = null;
    const svg = charts(section(renderHtml(data), "robustness"))[0] ?? "";
    const d = /<g class="m0 series"><path class="line" d="([^"]*)"/.exec(svg)?.[1] ?? "";
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
  });
});

describe("hostile ids and field names in the voice sections", () => {
  const data = hostileVoiceReport();
  const html = renderHtml(data);
  const rest = html
    .replace(/<script>[\s\S]*?<\/script>/, "")
    .replace(/<script type="application\/json"[\s\S]*?<\/script>/, "");
  const voice = section(html, "voice");
  const robustness = section(html, "robustness");

  it("shows them as text in both sections, never as markup", () => {
    expect(voice).not.toBe("");
    expect(robustness).not.toBe("");
    for (const payload of Object.values(PAYLOADS))
      if (/[<>"']/.test(payload)) expect(rest).not.toContain(payload);
    expect(rest).not.toMatch(/<svg onload|<\/?script|<img|<style>body/i);
    for (const tag of rest.match(/<[a-z][^>]*>/gi) ?? [])
      expect(tag.replace(/="[^"]*"/g, '=""')).not.toMatch(/\son[a-z]+\s*=/i);
    expect(voice).toContain("whisper&lt;script&gt;document.title=&#39;pwned&#39;");
    expect(voice).toContain("notes&quot;&gt;&lt;svg onload=&quot;");
    expect(voice).toContain("claude&lt;img src=x onerror=&quot;");
    expect(voice).toContain("&lt;style&gt;body{display:none}&lt;/style&gt;");
    expect(robustness).toContain("mistral&lt;/script&gt;&lt;script&gt;");
    expect(robustness).toContain("notes&quot;&gt;&lt;svg onload=&quot;");
  });

  it("still draws them: a penalty bar, the field's small chart and a line for each model", () => {
    expect(voice).toContain(`penalty ${signedPoints(50 / 238)} pts`);
    const [overall, ...multiples] = charts(robustness);
    expect(overall?.match(/<path class="line"/g)).toHaveLength(2);
    expect(multiples).toHaveLength(2);
    // A model only in the robustness data takes a colour no model of the run has.
    expect(overall).toContain('<g class="m1 series">');
    expect(overall).toContain('<g class="m5 series">');
    expect([HOSTILE_FIELD, HOSTILE_MODEL, HOSTILE_RECOGNISER].some((s) => html.includes(s))).toBe(false);
  });
});
