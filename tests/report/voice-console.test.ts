// The terminal report of the voice stage: recognisers' error rates, the penalty pairs ranked, robustness per level.
import { describe, expect, it } from "vitest";
import { pct, signedPoints } from "../../src/core/format.js";
import { renderConsole } from "../../src/report/console.js";
import { sampleReport } from "./html/fixture.js";
import { asrSection, robustnessSection, voiceReport, withVoice } from "./voice-fixture.js";

/** The table whose header line starts with `title`, as lines (header, rule, rows). */
function tableOf(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(title));
  expect(start, `no "${title}" table`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line.trim() === "");
  return lines.slice(start, end === -1 ? undefined : end);
}

describe("the console report of the voice stage", () => {
  const plain = sampleReport().summary;

  it("prints no voice tables for a run without recognisers or noisy variants", () => {
    const text = renderConsole(plain);
    expect(text).not.toMatch(/speech recognition|recognition penalty|robustness/);
    expect(renderConsole(withVoice(plain, undefined, undefined))).toBe(text);
  });

  it("gives each recogniser's corpus WER with its substitutions, deletions and insertions, CER and per-call spread", () => {
    const rows = tableOf(renderConsole(voiceReport().summary), "speech recognition");
    const whisper = rows.find((line) => line.startsWith("whisper-1"));
    // 1,106 + 415 + 231 errors over 18,432 reference words.
    expect(pct((1106 + 415 + 231) / 18_432)).toBe("9.5%");
    expect(whisper).toMatch(
      /^whisper-1\s+240\s+2 \(2 timeout\)\s+9\.5% \(S 1106 · D 415 · I 231\)\s+5\.5%\s+7\.8%\s+24\.1%$/,
    );
    const sphinx = rows.find((line) => line.startsWith("pocketsphinx-en"));
    expect(sphinx).toContain(`${pct((3650 + 1020 + 780) / 18_432)} (S 3650 · D 1020 · I 780)`);
    expect(sphinx).toContain(pct((8100 + 2900 + 1400) / 71_905));
  });

  it("ranks recogniser × model pairs by penalty and names the three fields each hurts most", () => {
    const rows = tableOf(renderConsole(voiceReport().summary), "recognition penalty").slice(2);
    expect(
      rows.map((line) =>
        line
          .split(/\s{2,}/)
          .slice(0, 2)
          .join(" / "),
      ),
    ).toEqual([
      "pocketsphinx-en / gpt-4.1-mini",
      "pocketsphinx-en / claude-sonnet-4",
      "whisper-1 / gpt-4.1-mini",
      "whisper-1 / claude-sonnet-4",
    ]);
    // gpt-4.1-mini on whisper-1: account_number 219 → 171 of 238, phone 229 → 187, caller_name 221 → 198.
    const whisperMini = rows[2] ?? "";
    expect(whisperMini).toContain(
      `account_number ${signedPoints((219 - 171) / 238)}, phone ${signedPoints((229 - 187) / 238)}, caller_name ${signedPoints((221 - 198) / 238)}`,
    );
    expect(whisperMini).toContain("account_number +20.2, phone +17.6, caller_name +9.7");
    const ref = (221 + 229 + 205 + 226 + 219 + 214) / 6 / 238;
    const rec = (198 + 187 + 196 + 224 + 171 + 216) / 6 / 238;
    expect(whisperMini).toContain(`${pct(ref)} → ${pct(rec)}`);
    expect(whisperMini).toMatch(new RegExp(`\\s${signedPoints(ref - rec).replace("+", "\\+")}\\s`));
  });

  it("sorts pairs and fields itself when a summary.json lists them in another order", () => {
    const asr = asrSection();
    const shuffled = {
      ...asr,
      penalty: [...asr.penalty].reverse().map((p) => ({ ...p, fields: [...p.fields].reverse() })),
    };
    const sorted = renderConsole(withVoice(plain, asr, undefined));
    expect(renderConsole(withVoice(plain, shuffled, undefined))).toBe(sorted);
  });

  it("never names a field that recognition did not hurt as most hurt", () => {
    const asr = asrSection();
    const claudeWhisper = tableOf(renderConsole(withVoice(plain, asr, undefined)), "recognition penalty").at(
      -1,
    );
    // urgency is 219 → 219 for claude-sonnet-4 on whisper-1: no loss, so it is not listed.
    expect(claudeWhisper).toContain("account_number +16.4, phone +13.4, caller_name +8.0");
    expect(claudeWhisper).not.toContain("urgency");
  });

  it("shows field accuracy per model at each noise level, headed by the measured WER, and the change", () => {
    const text = renderConsole(withVoice(plain, undefined, robustnessSection()));
    expect(text).not.toContain("speech recognition");
    const rows = tableOf(text, "robustness");
    expect(rows[0]).toMatch(
      /original\s+WER 5\.3% \(asked 5%\)\s+WER 9\.7% \(asked 10%\)\s+WER 18\.8% \(asked 20%\)\s+change$/,
    );
    // gpt-4.1-mini: mean of caller_name, phone and intent at each level.
    const mean = (a: number, b: number, c: number) => (a + b + c) / 3;
    const levels = [
      mean(0.929, 0.962, 0.95),
      mean(0.887, 0.878, 0.946),
      mean(0.841, 0.794, 0.938),
      mean(0.752, 0.613, 0.921),
    ];
    const mini = rows.find((line) => line.startsWith("gpt-4.1-mini")) ?? "";
    expect(mini.split(/\s{2,}/).slice(1)).toEqual([
      ...levels.map((a) => pct(a)),
      signedPoints((levels[3] ?? 0) - (levels[0] ?? 0)),
    ]);
    expect(mini).toMatch(/94\.7%\s+90\.4%\s+85\.8%\s+76\.2%\s+−18\.5$/);
  });

  it("strips terminal control sequences from recogniser ids", () => {
    const asr = asrSection();
    const first = asr.recognisers[0];
    if (first) first.id = "whisper-1\u001b]0;owned\u0007\u001b[31m";
    const text = renderConsole(withVoice(plain, asr, undefined));
    expect(text).not.toContain("\u001b");
    expect(text).toContain("whisper-1 ");
  });
});
