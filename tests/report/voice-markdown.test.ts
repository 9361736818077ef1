// report.md's voice stage and robustness sections: every number, every field, most hurt first; absent when no data.
import { describe, expect, it } from "vitest";
import { pct, signedPoints } from "../../src/core/format.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { sampleReport } from "./html/fixture.js";
import { PAYLOADS } from "./html/hostile.js";
import { asrSection, robustnessSection, voiceReport, withVoice } from "./voice-fixture.js";

/** The Markdown table right after `heading`, as rows of cells (header and alignment row dropped). */
function tableAfter(md: string, heading: string): string[][] {
  const lines = md.split("\n");
  const at = lines.indexOf(heading);
  expect(at, `no "${heading}"`).toBeGreaterThanOrEqual(0);
  const start = lines.findIndex((line, i) => i > at && line.startsWith("| "));
  const rows: string[][] = [];
  for (let i = start + 2; lines[i]?.startsWith("| "); i++)
    rows.push((lines[i] ?? "").slice(2, -2).split(" | "));
  return rows;
}

describe("report.md of the voice stage", () => {
  const plain = sampleReport().summary;
  const md = renderMarkdown(voiceReport().summary);

  it("has neither section for a run without recognisers or noisy variants", () => {
    const text = renderMarkdown(plain);
    expect(text).not.toContain("## Voice stage");
    expect(text).not.toContain("## Robustness");
    expect(renderMarkdown(withVoice(plain, undefined, undefined))).toBe(text);
  });

  it("puts the voice stage, then robustness, after the field tables and before the review queue", () => {
    const order = [
      "## Human-adjudicated accuracy",
      "## Voice stage",
      "## Robustness to recognition noise",
      "## Review queue",
    ];
    const at = order.map((heading) => md.indexOf(`\n${heading}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("gives each recogniser's WER and CER with their S/D/I counts, per-call spread and latency", () => {
    const rows = tableAfter(md, "## Voice stage");
    expect(rows).toEqual([
      [
        "whisper-1 (openai)",
        "240",
        "2 (2 timeout)",
        "0",
        pct((1106 + 415 + 231) / 18_432),
        "1106 / 415 / 231 of 18432",
        pct((2230 + 1150 + 610) / 71_905),
        "2230 / 1150 / 610 of 71905",
        "7.8%",
        "24.1%",
        "41.2%",
        "2140 ms",
        "5320 ms",
      ],
      [
        "pocketsphinx-en (pocketsphinx)",
        "240",
        "0",
        "240",
        "29.6%",
        "3650 / 1020 / 780 of 18432",
        "17.2%",
        "8100 / 2900 / 1400 of 71905",
        "27.4%",
        "52.2%",
        "71.0%",
        "880 ms",
        "1460 ms",
      ],
    ]);
    expect(md).toContain("both normalised (lower case, punctuation removed, numbers as digits)");
  });

  it("ranks the pairs by penalty = reference − recognised", () => {
    const rows = tableAfter(md, "### Recognition penalty");
    expect(rows.map((r) => `${r[0]} / ${r[1]}`)).toEqual([
      "pocketsphinx-en / gpt-4.1-mini",
      "pocketsphinx-en / claude-sonnet-4",
      "whisper-1 / gpt-4.1-mini",
      "whisper-1 / claude-sonnet-4",
    ]);
    const ref = (228 + 233 + 214 + 231 + 225 + 219) / 6 / 238;
    const rec = (150 + 131 + 176 + 214 + 110 + 210) / 6 / 238;
    expect(rows[1]).toEqual([
      "pocketsphinx-en",
      "claude-sonnet-4",
      pct(ref),
      pct(rec),
      signedPoints(ref - rec),
      "238",
    ]);
  });

  it("lists every field of a pair, most hurt first, with both accuracies and the signed penalty", () => {
    const rows = tableAfter(md, "#### gpt-4.1-mini on whisper-1 transcripts");
    const counts: [string, number, number][] = [
      ["account_number", 219, 171],
      ["phone", 229, 187],
      ["caller_name", 221, 198],
      ["callback_date", 205, 196],
      ["intent", 226, 224],
      ["urgency", 214, 216],
    ];
    expect(rows).toEqual(
      counts.map(([field, ref, rec]) => [
        field,
        pct(ref / 238),
        pct(rec / 238),
        signedPoints((ref - rec) / 238),
        "238",
      ]),
    );
    // A field recognised text did better on keeps its negative penalty, last.
    expect(rows.at(-1)?.[3]).toBe("−0.8");
  });

  it("keeps most hurt first when summary.json lists fields in another order", () => {
    const asr = asrSection();
    const shuffled = { ...asr, penalty: asr.penalty.map((p) => ({ ...p, fields: [...p.fields].reverse() })) };
    expect(renderMarkdown(withVoice(plain, shuffled, undefined))).toBe(
      renderMarkdown(withVoice(plain, asr, undefined)),
    );
  });

  it("tabulates robustness per level with the measured WER, per model and per field, fields that lose most first", () => {
    expect(tableAfter(md, "## Robustness to recognition noise")).toEqual([
      ["original", "0.0%", "240"],
      ["5%", "5.3%", "240"],
      ["10%", "9.7%", "240"],
      ["20%", "18.8%", "240"],
    ]);
    const models = tableAfter(md, "### Field accuracy");
    expect(models.map((r) => r[0])).toEqual(["gpt-4.1-mini", "claude-sonnet-4"]);
    const claude = [0, 1, 2, 3]
      .map(
        (i) =>
          ([0.958, 0.929, 0.895, 0.826][i] ?? 0) +
          ([0.979, 0.912, 0.853, 0.702][i] ?? 0) +
          ([0.971, 0.971, 0.967, 0.954][i] ?? 0),
      )
      .map((s) => s / 3);
    expect(models[1]).toEqual([
      "claude-sonnet-4",
      ...claude.map((a) => pct(a)),
      signedPoints((claude[3] ?? 0) - (claude[0] ?? 0)),
    ]);
    const fields = tableAfter(md, "### gpt-4.1-mini, per field");
    expect(fields).toEqual([
      ["phone", "96.2%", "87.8%", "79.4%", "61.3%", signedPoints(0.613 - 0.962)],
      ["caller_name", "92.9%", "88.7%", "84.1%", "75.2%", signedPoints(0.752 - 0.929)],
      ["intent", "95.0%", "94.6%", "93.8%", "92.1%", signedPoints(0.921 - 0.95)],
    ]);
    expect(md).toMatch(
      /\| model \| original \| WER 5\.3% \(asked 5%\) \| WER 9\.7% \(asked 10%\) \| WER 18\.8% \(asked 20%\) \| change \(pts\) \|/,
    );
  });

  it("shows the robustness section alone when the suite has no recognisers", () => {
    const text = renderMarkdown(withVoice(plain, undefined, robustnessSection()));
    expect(text).not.toContain("## Voice stage");
    expect(text).toContain("## Robustness to recognition noise");
  });

  it("keeps ids and field names from breaking a table or becoming HTML", () => {
    const asr = asrSection();
    const pair = asr.penalty[0];
    const field = pair?.fields[0];
    if (!pair || !field) throw new Error("fixture has no pair");
    pair.model = `evil|${PAYLOADS.script}`;
    field.field = `notes${PAYLOADS.svg}`;
    const text = renderMarkdown(withVoice(plain, asr, undefined));
    expect(text).not.toContain("<script>");
    expect(text).not.toContain("<svg");
    expect(text).toContain("evil\\|&lt;script>");
    expect(text).toContain(`#### evil\\|&lt;script>`);
    const rows = tableAfter(text, "### Recognition penalty");
    expect(rows[0]).toHaveLength(6);
  });
});
